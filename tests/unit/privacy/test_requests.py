"""Review requests: the identity step first, then search, response, corrections, permissions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.actor import Actor
from casewarden.agencies.models import Agency
from casewarden.audit.models import AuditEntry
from casewarden.detect import default_detector
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.privacy import records, requests
from casewarden.privacy.collection import FormInvalid
from casewarden.privacy.models import (
    CorrectionDecision,
    ReviewRequest,
    ReviewStatus,
    VerificationMethod,
)
from casewarden.privacy.screening import ScreenChoice, ScreeningFound
from tests.factories import make_agency, make_user
from tests.privacy_factories import keyring, make_message, make_review_request, make_visit

TODAY = date(2026, 11, 21)


def _officer(session: Session, agency: Agency) -> Actor:
    return actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))


def _tags(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))


def test_submission_sets_the_due_date_and_audits_without_details(session: Session) -> None:
    agency = make_agency(session)
    stored = requests.submit(
        session=session,
        agency_id=agency.id,
        submitted={"name": "Rosa Díaz", "phone": "(916) 555-0100"},
        language="es",
        due_days=30,
        today=TODAY,
        keyring=keyring(),
        scanner=default_detector(),
    )
    assert stored.due_on == date(2026, 12, 21)
    assert stored.language == "es"
    assert stored.reference.startswith("R-")
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:review:receive")
    ).one()
    assert entry.actor_type == "public"
    assert "Rosa" not in str(entry.details)
    assert "555" not in str(entry.details)


def test_details_are_sealed_and_screened(session: Session) -> None:
    agency = make_agency(session)
    details = "Everything about case 190000012345 please"
    submitted = {"name": "Rosa Díaz", "email": "rosa@example.org", "details": details}

    def submit(choice: ScreenChoice | None) -> ReviewRequest:
        return requests.submit(
            session=session,
            agency_id=agency.id,
            submitted=submitted,
            language="en",
            due_days=30,
            today=TODAY,
            keyring=keyring(),
            scanner=default_detector(),
            choice=choice,
        )

    with pytest.raises(ScreeningFound):
        submit(None)
    assert session.scalar(select(ReviewRequest.id)) is None
    assert "privacy:review:screen" in _tags(session)
    stored = submit(ScreenChoice.SEND_ANYWAY)
    assert stored.details_sealed is not None
    assert b"1900" not in stored.details_sealed
    opened = requests.open_request(
        session=session, actor=_officer(session, agency), keyring=keyring(), request_id=stored.id
    )
    assert opened.details == details
    assert [m["type"] for m in opened.marked] == ["CASE_NUMBER"]


def test_an_invalid_submission_stores_nothing(session: Session) -> None:
    agency = make_agency(session)
    with pytest.raises(FormInvalid):
        requests.submit(
            session=session,
            agency_id=agency.id,
            submitted={"name": "Rosa"},
            language="en",
            due_days=30,
            today=TODAY,
            keyring=keyring(),
            scanner=default_detector(),
        )
    assert session.scalar(select(ReviewRequest.id)) is None


@pytest.mark.parametrize(
    "step",
    [
        lambda s, a, r: requests.search_records(session=s, actor=a, request_id=r),
        lambda s, a, r: requests.respond(
            session=s, actor=a, request_id=r, response="Here is everything.", method="mail"
        ),
        lambda s, a, r: requests.record_permission(
            session=s, actor=a, request_id=r, recipient="County counsel",
            purpose="Litigation hold", evidence="signed_written", granted_on=TODAY, today=TODAY,
        ),
    ],
)  # fmt: skip
def test_nothing_happens_before_the_identity_step(session: Session, step: object) -> None:
    agency = make_agency(session)
    review = make_review_request(session, agency)
    with pytest.raises(Conflict, match=r"[Vv]erify"):
        step(session, _officer(session, agency), review.id)  # type: ignore[operator]


def test_an_unverifiable_request_is_closed(session: Session) -> None:
    agency = make_agency(session)
    review = make_review_request(session, agency)
    requests.verify_identity(
        session=session,
        actor=_officer(session, agency),
        request_id=review.id,
        method=VerificationMethod.NOT_VERIFIED,
    )
    assert review.status is ReviewStatus.CLOSED
    with pytest.raises(Conflict, match="closed"):
        requests.search_records(
            session=session, actor=_officer(session, agency), request_id=review.id
        )


def test_the_whole_workflow(session: Session) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    ref = "f" * 32
    make_visit(session, agency, session_ref=ref)
    message = make_message(session, agency, email="Rosa@Example.org")
    make_message(session, agency, name="Someone Else", email="other@example.org")
    earlier = make_review_request(session, agency, email="rosa@example.org")
    review = make_review_request(session, agency, email="rosa@example.org", visit_reference=ref)

    requests.verify_identity(
        session=session,
        actor=officer,
        request_id=review.id,
        method="photo_id_in_person",
        note="Driver licence seen at the front desk",
    )
    found = requests.search_records(session=session, actor=officer, request_id=review.id)
    assert {(f.source, f.record_id) for f in found} == {
        ("contact_message", str(message.id)),
        ("review_request", str(earlier.id)),
        ("visit_record", ref),
    }
    requests.respond(
        session=session,
        actor=officer,
        request_id=review.id,
        response="Enclosed is a copy of your message and your visit records.",
        method="mail",
    )
    finding = next(f for f in review.findings if f.source == "contact_message")
    requests.record_correction(
        session=session,
        actor=officer,
        request_id=review.id,
        finding_id=finding.id,
        field="email",
        requested_value="rosa.diaz@example.org",
        decision=CorrectionDecision.MADE,
        reason="The person confirmed the new address in writing.",
    )
    session.refresh(message)
    assert message.email == "rosa.diaz@example.org"
    requests.close(session=session, actor=officer, request_id=review.id)
    assert review.status is ReviewStatus.CLOSED
    tags = _tags(session)
    for tag in (
        "privacy:review:verify",
        "privacy:review:search",
        "privacy:review:respond",
        "privacy:review:correct",
        "privacy:review:close",
    ):
        assert tag in tags


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("email", "not an email", FormInvalid),
        ("phone", "call me", FormInvalid),
        ("name", "n" * 200, FormInvalid),
        ("body", "rewritten", InvalidInput),  # not a correctable field
        ("name", "   ", InvalidInput),
    ],
)
def test_corrections_are_checked_like_the_form(
    session: Session, field: str, value: str, error: type[Exception]
) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    message = make_message(session, agency)
    review = make_review_request(session, agency, status=ReviewStatus.VERIFIED)
    requests.search_records(session=session, actor=officer, request_id=review.id)
    (finding,) = review.findings
    with pytest.raises(error):
        requests.record_correction(
            session=session,
            actor=officer,
            request_id=review.id,
            finding_id=finding.id,
            field=field,
            requested_value=value,
            decision="made",
            reason="asked",
        )
    session.refresh(message)
    assert (message.name, message.email) == ("Rosa Díaz", "rosa@example.org")


def test_a_refused_correction_changes_nothing(session: Session) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    message = make_message(session, agency)
    review = make_review_request(session, agency, status=ReviewStatus.VERIFIED)
    requests.search_records(session=session, actor=officer, request_id=review.id)
    requests.record_correction(
        session=session,
        actor=officer,
        request_id=review.id,
        finding_id=review.findings[0].id,
        field="name",
        requested_value="Rosa María Díaz",
        decision="refused",
        reason="The message was signed by a different person.",
    )
    session.refresh(message)
    assert message.name == "Rosa Díaz"
    assert review.corrections[0].decision is CorrectionDecision.REFUSED


def test_a_finding_of_another_request_cannot_be_used(session: Session) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    make_message(session, agency)
    one = make_review_request(session, agency, status=ReviewStatus.VERIFIED)
    two = make_review_request(
        session, agency, status=ReviewStatus.VERIFIED, email="x@y.org", name="X"
    )
    requests.search_records(session=session, actor=officer, request_id=one.id)
    with pytest.raises(NotFound):
        requests.record_correction(
            session=session,
            actor=officer,
            request_id=two.id,
            finding_id=one.findings[0].id,
            field="name",
            requested_value="X",
            decision="made",
            reason="asked",
        )


@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.PAGE_MODERATOR, Role.ADMIN, Role.SUPERVISOR]
)
def test_only_privacy_officers_work_requests(session: Session, role: Role) -> None:
    agency = make_agency(session)
    actor = actor_for(make_user(session, agency, role=role))
    with pytest.raises(PermissionDenied):
        requests.list_requests(session=session, actor=actor)


def test_overdue(session: Session) -> None:
    agency = make_agency(session)
    review = make_review_request(session, agency, due_on=date(2026, 11, 20))
    assert requests.is_overdue(review, TODAY)
    review.status = ReviewStatus.RESPONDED
    assert not requests.is_overdue(review, TODAY)


def test_every_finder_is_registered() -> None:
    assert {finder.source for finder in records.finders()} >= {
        "contact_message",
        "review_request",
        "visit_record",
    }


@pytest.mark.parametrize(
    ("phone", "digits"),
    [
        ("(916) 555-0100", "9165550100"),
        ("+1 916 555 0100", "9165550100"),
        ("123", None),
        (None, None),
    ],
)
def test_phone_numbers_match_however_typed(phone: str | None, digits: str | None) -> None:
    assert records.phone_digits(phone) == digits
