""" "Review my personal information": the request and the privacy officer's work on it.

The steps follow the Information Practices Act:

1. **received** — the request is stored with its due date (Civil Code § 1798.34:
   30 days by default, ``privacy_review_due_days``);
2. **verified** — the officer confirms the requester is the person the records
   describe, and records how; nothing is searched or shown before that;
3. the officer **searches** every registered record source (``records``) and keeps
   the list of findings;
4. **responded** — the answer and how it was sent;
5. **corrections** the person asks for are made or refused with a reason
   (§§ 1798.35-1798.36), and **permissions** to disclose to a third party are
   recorded here (``disclosures`` enforces them);
6. **closed**.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import agency_today, utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import ensure_writable
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.privacy import records
from casewarden.privacy.collection import (
    FieldKind,
    FormField,
    FormSpec,
    Requirement,
    clean_field,
    validate,
)
from casewarden.privacy.messages import (
    acting_staff_id,
    new_reference,
    screen_submission,
    submission_details,
)
from casewarden.privacy.models import (
    REVIEW_DETAILS_PURPOSE,
    CorrectionDecision,
    DisclosurePermission,
    PermissionEvidence,
    ResponseMethod,
    ReviewCorrection,
    ReviewFinding,
    ReviewRequest,
    ReviewStatus,
    VerificationMethod,
)
from casewarden.privacy.records import Person, PersonalRecord, phone_digits, same_name
from casewarden.privacy.screening import FormScanner, ScreenChoice

#: Every entry about a review request: the request is the subject.
_REVIEW = Subject(type="review_request", purpose="privacy_request", citation="Civ. Code § 1798.34")

REVIEW_FORM = FormSpec(
    name="review",
    fields=(
        FormField(
            name="name",
            label=N_("Your full name"),
            requirement=Requirement.MANDATORY,
            kind=FieldKind.TEXT,
            max_length=120,
            autocomplete="name",
        ),
        FormField(
            name="email",
            label=N_("Email address"),
            requirement=Requirement.ONE_OF,
            kind=FieldKind.EMAIL,
            max_length=254,
            autocomplete="email",
        ),
        FormField(
            name="phone",
            label=N_("Telephone number"),
            requirement=Requirement.ONE_OF,
            kind=FieldKind.PHONE,
            max_length=30,
            autocomplete="tel",
        ),
        FormField(
            name="mailing_address",
            label=N_("Mailing address"),
            requirement=Requirement.ONE_OF,
            kind=FieldKind.LONG_TEXT,
            max_length=300,
            autocomplete="street-address",
        ),
        FormField(
            name="details",
            label=N_("What would you like to review?"),
            requirement=Requirement.VOLUNTARY,
            kind=FieldKind.LONG_TEXT,
            max_length=4000,
            hint=N_(
                "For example: a message you sent us, or the information collected about your "
                "visits. Leave it empty to ask for everything we hold about you. Do not "
                "include case numbers, Social Security numbers or other details of a case."
            ),
        ),
        FormField(
            name="visit_reference",
            label=N_("Visit reference"),
            requirement=Requirement.VOLUNTARY,
            kind=FieldKind.REFERENCE,
            max_length=32,
            hint=N_(
                "Optional. Copy it from the “My visit information” page if you want us to "
                "include the visit records of this browser."
            ),
        ),
        FormField(
            name="language",
            label=N_("Language for our answer"),
            requirement=Requirement.VOLUNTARY,
            kind=FieldKind.CHOICE,
            max_length=2,
            choices=(("en", N_("English")), ("es", N_("Spanish"))),
        ),
    ),
)

VERIFICATION_LABELS: Mapping[VerificationMethod, str] = {
    VerificationMethod.PHOTO_ID_IN_PERSON: N_("Photo identification seen in person"),
    VerificationMethod.NOTARIZED_REQUEST: N_("Notarized written request"),
    VerificationMethod.MATCHING_DETAILS: N_("Details only the person could know matched"),
    VerificationMethod.NOT_VERIFIED: N_("Identity could not be verified"),
}
RESPONSE_LABELS: Mapping[ResponseMethod, str] = {
    ResponseMethod.MAIL: N_("Mail"),
    ResponseMethod.EMAIL: N_("Email"),
    ResponseMethod.IN_PERSON: N_("In person"),
    ResponseMethod.PHONE: N_("Telephone"),
}
STATUS_LABELS: Mapping[ReviewStatus, str] = {
    ReviewStatus.RECEIVED: N_("Received: identity not yet verified"),
    ReviewStatus.VERIFIED: N_("Verified: search and respond"),
    ReviewStatus.RESPONDED: N_("Responded"),
    ReviewStatus.CLOSED: N_("Closed"),
}


def submit(
    *,
    session: Session,
    agency_id: int,
    submitted: Mapping[str, str],
    language: str,
    due_days: int,
    today: date,
    keyring: Keyring,
    scanner: FormScanner,
    choice: ScreenChoice | None = None,
) -> ReviewRequest:
    """Store a review request from the public form (validated against REVIEW_FORM).

    The details are screened like a contact message (:class:`ScreeningFound` stores
    nothing) and sealed at rest.
    """
    values = validate(REVIEW_FORM, submitted)
    details, marked = screen_submission(
        session,
        form=Subject(type="review_form", agency_id=agency_id, purpose=_REVIEW.purpose),
        tag=AuditTag.PRIVACY_REVIEW_SCREEN,
        scanner=scanner,
        field="details",
        choice=choice,
        values=values,
    )
    request = ReviewRequest(
        agency_id=agency_id,
        reference=new_reference(session, "R", ReviewRequest.reference),
        received_at=utcnow(),
        due_on=today + timedelta(days=due_days),
        status=ReviewStatus.RECEIVED,
        requester_name=values["name"] or "",
        email=values["email"],
        phone=values["phone"],
        mailing_address=values["mailing_address"],
        details_sealed=keyring.seal_text(details, REVIEW_DETAILS_PURPOSE) if details else None,
        details_marked=[p.to_dict() for p in marked] or None,
        visit_reference=values["visit_reference"],
        language=values["language"] or language,
    )
    session.add(request)
    session.flush()
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=Actor(kind=ActorKind.PUBLIC, agency_id=agency_id),
        tag=AuditTag.PRIVACY_REVIEW_RECEIVE,
        details=submission_details(marked, choice),
    )
    return request


def list_requests(*, session: Session, actor: Actor, open_only: bool = True) -> list[ReviewRequest]:
    """The agency's review requests, soonest due first."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    query = select(ReviewRequest).order_by(ReviewRequest.due_on, ReviewRequest.id).limit(500)
    if open_only:
        query = query.where(ReviewRequest.status != ReviewStatus.CLOSED)
    return list(session.scalars(query))


def _request(session: Session, request_id: int) -> ReviewRequest:
    request = session.scalar(select(ReviewRequest).where(ReviewRequest.id == request_id))
    if request is None:
        raise NotFound(N_("No such review request."))
    return request


def _changeable(session: Session, request_id: int) -> ReviewRequest:
    request = _request(session, request_id)
    ensure_writable(session, request)
    if request.status is ReviewStatus.CLOSED:
        raise Conflict(N_("This request is closed."))
    return request


def _verified(session: Session, request_id: int, refusal: str) -> ReviewRequest:
    """An open request whose requester's identity is verified (nothing happens before that)."""
    request = _changeable(session, request_id)
    if request.status is ReviewStatus.RECEIVED:
        raise Conflict(refusal)
    return request


@dataclass(frozen=True, slots=True)
class OpenedRequest:
    """A request with its details unsealed, and the passages sent anyway after marking."""

    request: ReviewRequest
    details: str | None
    marked: list[dict[str, Any]]


def open_request(
    *, session: Session, actor: Actor, keyring: Keyring, request_id: int
) -> OpenedRequest:
    """One request with its findings, corrections and permissions; the opening is audited."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    request = _request(session, request_id)
    chain.record(
        session, subject=_REVIEW.of(request), actor=actor, tag=AuditTag.PRIVACY_REVIEW_VIEW
    )
    details = (
        keyring.open_text(request.details_sealed, REVIEW_DETAILS_PURPOSE)
        if request.details_sealed
        else None
    )
    return OpenedRequest(request, details, list(request.details_marked or []))


def is_overdue(request: ReviewRequest, today: date) -> bool:
    """True when the answer is late."""
    return (
        request.status in (ReviewStatus.RECEIVED, ReviewStatus.VERIFIED) and today > request.due_on
    )


def _note(text: str | None, limit: int, refusal: str) -> str | None:
    text = " ".join((text or "").split())
    if len(text) > limit:
        raise InvalidInput(refusal, values={"limit": limit})
    return text or None


def verify_identity(
    *,
    session: Session,
    actor: Actor,
    request_id: int,
    method: VerificationMethod | str,
    note: str | None = None,
) -> ReviewRequest:
    """Record how the requester's identity was checked; an unverifiable request is closed."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    try:
        method = VerificationMethod(method)
    except ValueError:
        raise InvalidInput(N_("Choose how the identity was verified.")) from None
    staff_id = acting_staff_id(actor)
    request = _changeable(session, request_id)
    if request.status is not ReviewStatus.RECEIVED:
        raise Conflict(N_("The identity step is already done for this request."))
    request.verification_method = method
    request.verification_note = _note(
        note, 1000, N_("The verification note is longer than %(limit)d characters.")
    )
    request.verified_at = utcnow()
    request.verified_by_id = staff_id
    if method is VerificationMethod.NOT_VERIFIED:
        request.status = ReviewStatus.CLOSED
        request.closed_at = request.verified_at
    else:
        request.status = ReviewStatus.VERIFIED
    session.flush()
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=actor,
        tag=AuditTag.PRIVACY_REVIEW_VERIFY,
        details={"method": str(method)},
    )
    return request


def person_of(request: ReviewRequest) -> Person:
    """The requester as the record finders search for them."""
    return Person(
        name=request.requester_name,
        email=request.email,
        phone=request.phone,
        visit_reference=request.visit_reference,
        request_id=request.id,
    )


def search_records(*, session: Session, actor: Actor, request_id: int) -> list[ReviewFinding]:
    """Ask every record source for the requester's records; the findings replace earlier ones."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    request = _verified(
        session, request_id, N_("Verify the requester's identity before searching their records.")
    )
    found = records.find_all(session, person_of(request))
    now = utcnow()
    request.findings = [
        ReviewFinding(
            agency_id=request.agency_id,
            source=item.source,
            record_id=item.record_id[:64],
            summary=item.summary[:300],
            found_at=now,
        )
        for item in found
    ]
    session.flush()
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=actor,
        tag=AuditTag.PRIVACY_REVIEW_SEARCH,
        details={"findings": len(found)},
    )
    return list(request.findings)


def respond(
    *,
    session: Session,
    actor: Actor,
    request_id: int,
    response: str,
    method: ResponseMethod | str,
) -> ReviewRequest:
    """Record the answer sent to the requester."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    try:
        method = ResponseMethod(method)
    except ValueError:
        raise InvalidInput(N_("Choose how the answer was sent.")) from None
    text = (response or "").strip()
    if not 10 <= len(text) <= 20000:
        raise InvalidInput(N_("Write the answer (10-20,000 characters)."))
    staff_id = acting_staff_id(actor)
    request = _verified(
        session, request_id, N_("Verify the requester's identity before answering.")
    )
    request.response = text
    request.response_method = method
    request.responded_at = utcnow()
    request.responded_by_id = staff_id
    request.status = ReviewStatus.RESPONDED
    session.flush()
    late = request.responded_at.date() > request.due_on
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=actor,
        tag=AuditTag.PRIVACY_REVIEW_RESPOND,
        details={"method": str(method), "late": late},
    )
    return request


def record_correction(
    *,
    session: Session,
    actor: Actor,
    request_id: int,
    finding_id: int,
    field: str,
    requested_value: str,
    decision: CorrectionDecision | str,
    reason: str,
) -> ReviewCorrection:
    """Make or refuse a correction the requester asked for, with the reason on record."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    try:
        decision = CorrectionDecision(decision)
    except ValueError:
        raise InvalidInput(N_("Choose whether the correction is made or refused.")) from None
    staff_id = acting_staff_id(actor)
    request = _verified(
        session, request_id, N_("Verify the requester's identity before correcting records.")
    )
    finding = next((f for f in request.findings if f.id == finding_id), None)
    if finding is None:
        raise NotFound(N_("That record is not among this request's findings."))
    finder = records.finder_for(finding.source)
    if field not in finder.correctable:
        raise InvalidInput(N_("That field of that record cannot be corrected."))
    why = _note(reason, 1000, N_("The reason is longer than %(limit)d characters."))
    if not why:
        raise InvalidInput(N_("Give the reason for the decision."))
    wanted = (requested_value or "").strip()
    if not wanted or len(wanted) > 1000:
        raise InvalidInput(N_("Write the correction asked for (1-1000 characters)."))
    if decision is CorrectionDecision.MADE:
        finder.correct(session, finding.record_id, field, wanted)
    correction = ReviewCorrection(
        agency_id=request.agency_id,
        source=finding.source,
        record_id=finding.record_id,
        field=field,
        requested_value=wanted,
        decision=decision,
        reason=why,
        decided_by_id=staff_id,
        decided_at=utcnow(),
    )
    request.corrections.append(correction)
    session.flush()
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=actor,
        tag=AuditTag.PRIVACY_REVIEW_CORRECT,
        details={
            "correction_id": correction.id,
            "source": finding.source,
            "field": field,
            "decision": str(decision),
        },
    )
    return correction


def close(*, session: Session, actor: Actor, request_id: int) -> ReviewRequest:
    """Close a request (answered, withdrawn or unverifiable)."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    request = _changeable(session, request_id)
    previous = request.status
    request.status = ReviewStatus.CLOSED
    request.closed_at = utcnow()
    session.flush()
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=actor,
        tag=AuditTag.PRIVACY_REVIEW_CLOSE,
        details={"from_status": str(previous)},
    )
    return request


def record_permission(
    *,
    session: Session,
    actor: Actor,
    request_id: int,
    recipient: str,
    purpose: str,
    evidence: PermissionEvidence | str,
    granted_on: date,
    today: date,
) -> DisclosurePermission:
    """Record the person's permission to give their visit information to one recipient."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    try:
        evidence = PermissionEvidence(evidence)
    except ValueError:
        raise InvalidInput(N_("Choose how the person gave permission.")) from None
    recipient = " ".join(recipient.split())
    purpose = " ".join(purpose.split())
    if not 2 <= len(recipient) <= 200:
        raise InvalidInput(N_("Name the recipient (2-200 characters)."))
    if not 5 <= len(purpose) <= 500:
        raise InvalidInput(N_("State the purpose the person agreed to (5-500 characters)."))
    if granted_on > today:
        raise InvalidInput(N_("Permission cannot be dated in the future."))
    staff_id = acting_staff_id(actor)
    request = _verified(
        session, request_id, N_("Verify the requester's identity before recording a permission.")
    )
    permission = DisclosurePermission(
        agency_id=request.agency_id,
        recipient=recipient,
        purpose=purpose,
        evidence=evidence,
        granted_on=granted_on,
        recorded_by_id=staff_id,
        recorded_at=utcnow(),
    )
    request.permissions.append(permission)
    session.flush()
    chain.record(
        session,
        subject=_REVIEW.of(request),
        actor=actor,
        tag=AuditTag.PRIVACY_PERMISSION_RECORD,
        details={"permission_id": permission.id, "evidence": str(evidence)},
    )
    return permission


def revoke_permission(
    *, session: Session, actor: Actor, request_id: int, permission_id: int
) -> DisclosurePermission:
    """The person withdrew a permission: no further disclosure under it."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    request = _request(session, request_id)
    ensure_writable(session, request)
    permission = next((p for p in request.permissions if p.id == permission_id), None)
    if permission is None:
        raise NotFound(N_("No such permission on this request."))
    if permission.revoked_at is None:
        permission.revoked_at = utcnow()
        session.flush()
        chain.record(
            session,
            subject=_REVIEW.of(request),
            actor=actor,
            tag=AuditTag.PRIVACY_PERMISSION_REVOKE,
            details={"permission_id": permission.id},
        )
    return permission


class ReviewRequestFinder:
    """Earlier review requests by the same person (they hold what the person told us)."""

    source = "review_request"
    correctable = frozenset({"name", "email", "phone", "mailing_address"})
    _columns: Mapping[str, str] = {"name": "requester_name"}

    def find(self, session: Session, person: Person) -> Iterable[PersonalRecord]:
        """Requests matched on email, telephone digits or name."""
        email = (person.email or "").casefold()
        phone = phone_digits(person.phone)
        rows = session.execute(
            select(
                ReviewRequest.id,
                ReviewRequest.reference,
                ReviewRequest.received_at,
                ReviewRequest.requester_name,
                ReviewRequest.email,
                ReviewRequest.phone,
            ).order_by(ReviewRequest.received_at)
        )
        for row in rows:
            if row.id == person.request_id:
                continue
            if (
                (email and (row.email or "").casefold() == email)
                or (phone is not None and phone_digits(row.phone) == phone)
                or same_name(row.requester_name, person.name)
            ):
                received: datetime = row.received_at
                yield PersonalRecord(
                    self.source,
                    str(row.id),
                    f"Review request {row.reference} received {received:%Y-%m-%d}",
                )

    def correct(self, session: Session, record_id: str, field: str, value: str) -> None:
        """Correct the contact details of an earlier request."""
        if field not in self.correctable or not record_id.isdigit():
            raise InvalidInput(N_("That field of a review request cannot be corrected."))
        request = _request(session, int(record_id))
        ensure_writable(session, request)
        cleaned = clean_field(REVIEW_FORM, field, value)
        setattr(request, self._columns.get(field, field), cleaned)
        session.flush()


records.register(ReviewRequestFinder())


def open_count(*, session: Session, actor: Actor) -> tuple[int, int]:
    """Open review requests, and how many of them are past their due date."""
    authorize(actor, Permission.PRIVACY_REQUESTS)
    today = agency_today()
    open_requests = list(
        session.scalars(select(ReviewRequest).where(ReviewRequest.status != ReviewStatus.CLOSED))
    )
    return len(open_requests), sum(1 for r in open_requests if is_overdue(r, today))
