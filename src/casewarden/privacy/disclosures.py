"""The one way visit information leaves the agency for a third party: with recorded permission.

Government Code § 11015.5 forbids distributing electronically collected personal
information (visit records: addresses, pages, times) to a third party without the
person's permission. casewarden has no other export of visit records — statistics
are aggregated and suppressed, and the person's own review goes to the person — and
this function refuses, with an audited denial, unless:

* a :class:`DisclosurePermission` exists on a verified review request,
* a second person — a supervisor or an administrator, never whoever recorded it —
  has confirmed it (until then it is pending, and nothing is disclosed under it),
* it has not been revoked or refused,
* the recipient named now is exactly the recipient the person agreed to, and
* the request names a visit reference whose records are to be given.

A test walks the source tree to keep every other module from reading visit records
for output.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.db.scope import ensure_writable
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.i18n import N_
from casewarden.privacy.messages import acting_staff_id
from casewarden.privacy.models import (
    DisclosurePermission,
    PermissionState,
    ReviewRequest,
    ReviewStatus,
    VisitRecord,
)

CITATION = "Gov. Code § 11015.5"
#: Every entry about a permission to disclose: the permission is the subject.
_DISCLOSURE = Subject(
    type="disclosure_permission", purpose="third_party_disclosure", citation=CITATION
)


_ALREADY = {
    PermissionState.CONFIRMED: N_("This permission is already confirmed."),
    PermissionState.REFUSED: N_("This permission is already refused."),
    PermissionState.REVOKED: N_("This permission is already revoked."),
}


class DisclosureRefused(PermissionDenied):
    """No recorded, current permission covers this disclosure."""

    public_message = N_(
        "Visit information can only be given to a third party with the person's recorded "
        "permission for that recipient."
    )


@dataclass(frozen=True, slots=True)
class DisclosedVisit:
    """What a permitted disclosure carries: the permitted fields, the address truncated."""

    occurred_at: datetime
    kind: str
    page: str
    client_network: str
    browser: str
    os: str
    referrer_site: str | None
    next_site: str | None
    form_downloaded: str | None


def _refuse(actor: Actor, agency_id: int | None, permission_id: int, reason: str) -> NoReturn:
    raise DisclosureRefused().audited(
        replace(_DISCLOSURE, id=str(permission_id), agency_id=agency_id).event(
            actor=actor,
            tag=AuditTag.PRIVACY_DISCLOSURE_DENY,
            outcome=Outcome.DENIED,
            details={"reason": reason},
        )
    )


def disclose_visits(
    *, session: Session, actor: Actor, request_id: int, permission_id: int, recipient: str
) -> list[DisclosedVisit]:
    """The visit records a person allowed ``recipient`` to have; refused and audited otherwise."""
    authorize(actor, Permission.PRIVACY_DISCLOSE)
    permission = session.scalar(
        select(DisclosurePermission).where(DisclosurePermission.id == permission_id)
    )
    if permission is None or permission.request_id != request_id:
        _refuse(actor, actor.agency_id, permission_id, "no_permission")
    request: ReviewRequest = permission.request
    if permission.state is not PermissionState.CONFIRMED:
        # Revoked, refused by the second person, or still waiting for one.
        _refuse(actor, permission.agency_id, permission_id, str(permission.state))
    if request.verified_at is None or request.status is ReviewStatus.RECEIVED:
        _refuse(actor, permission.agency_id, permission_id, "identity_not_verified")
    if " ".join(recipient.split()).casefold() != permission.recipient.casefold():
        _refuse(actor, permission.agency_id, permission_id, "other_recipient")
    if not request.visit_reference:
        _refuse(actor, permission.agency_id, permission_id, "no_visit_reference")
    rows = session.scalars(
        select(VisitRecord)
        .where(VisitRecord.session_ref == request.visit_reference)
        .order_by(VisitRecord.occurred_at)
    )
    disclosed = [
        DisclosedVisit(
            occurred_at=row.occurred_at,
            kind=str(row.kind),
            page=row.page,
            client_network=row.client_network,
            browser=row.browser,
            os=row.os,
            referrer_site=row.referrer_site,
            next_site=row.next_site,
            form_downloaded=row.form_downloaded,
        )
        for row in rows
    ]
    chain.record(
        session,
        subject=_DISCLOSURE.of(permission),
        actor=actor,
        tag=AuditTag.PRIVACY_DISCLOSURE_EXPORT,
        details={"records": len(disclosed), "request_id": request.id},
    )
    return disclosed


class SecondPersonRequired(PermissionDenied):
    """Whoever recorded a permission cannot also confirm or refuse it."""

    public_message = N_(
        "A permission to disclose is confirmed by a second person: a supervisor or an "
        "administrator other than whoever recorded it."
    )


@dataclass(frozen=True, slots=True)
class PendingPermission:
    """A permission waiting for the second person, with who recorded it."""

    permission: DisclosurePermission
    recorded_by: str  # the recorder's display name


def pending_permissions(*, session: Session, actor: Actor) -> list[PendingPermission]:
    """Permissions waiting for a second person's confirmation, oldest first."""
    authorize(actor, Permission.PRIVACY_DISCLOSURE_CONFIRM)
    rows = session.execute(
        select(DisclosurePermission, StaffUser.display_name)
        .join(StaffUser, StaffUser.id == DisclosurePermission.recorded_by_id)
        .where(
            DisclosurePermission.confirmed_at.is_(None),
            DisclosurePermission.refused_at.is_(None),
            DisclosurePermission.revoked_at.is_(None),
        )
        .options(selectinload(DisclosurePermission.request))
        .order_by(DisclosurePermission.recorded_at, DisclosurePermission.id)
    )
    return [PendingPermission(permission, name) for permission, name in rows]


def _second_person(
    session: Session, actor: Actor, permission_id: int, tag: AuditTag
) -> tuple[DisclosurePermission, int]:
    authorize(actor, Permission.PRIVACY_DISCLOSURE_CONFIRM)
    staff_id = acting_staff_id(actor)
    permission = session.scalar(
        select(DisclosurePermission).where(DisclosurePermission.id == permission_id)
    )
    if permission is None:
        raise NotFound(N_("No such permission."))
    ensure_writable(session, permission)
    if permission.recorded_by_id == staff_id:
        raise SecondPersonRequired().audited(
            _DISCLOSURE.of(permission).event(
                actor=actor,
                tag=tag,
                outcome=Outcome.DENIED,
                details={"reason": "recorded_by_same_person"},
            )
        )
    if permission.state is not PermissionState.PENDING:
        raise Conflict(_ALREADY[permission.state])
    return permission, staff_id


def confirm_permission(
    *, session: Session, actor: Actor, permission_id: int
) -> DisclosurePermission:
    """The second person confirms a recorded permission: disclosure under it may proceed."""
    permission, staff_id = _second_person(
        session, actor, permission_id, AuditTag.PRIVACY_PERMISSION_CONFIRM
    )
    permission.confirmed_by_id = staff_id
    permission.confirmed_at = utcnow()
    session.flush()
    chain.record(
        session,
        subject=_DISCLOSURE.of(permission),
        actor=actor,
        tag=AuditTag.PRIVACY_PERMISSION_CONFIRM,
        details={"request_id": permission.request_id},
    )
    return permission


def refuse_permission(
    *, session: Session, actor: Actor, permission_id: int, reason: str
) -> DisclosurePermission:
    """The second person refuses a recorded permission, with a reason: nothing is disclosed."""
    permission, staff_id = _second_person(
        session, actor, permission_id, AuditTag.PRIVACY_PERMISSION_REFUSE
    )
    reason = " ".join(reason.split())
    if not 5 <= len(reason) <= 1000:
        raise InvalidInput(N_("Give the reason for refusing (5-1000 characters)."))
    permission.refused_by_id = staff_id
    permission.refused_at = utcnow()
    # The reason stays on the record, not in the audit chain: it may name people.
    permission.refusal_reason = reason
    session.flush()
    chain.record(
        session,
        subject=_DISCLOSURE.of(permission),
        actor=actor,
        tag=AuditTag.PRIVACY_PERMISSION_REFUSE,
        details={"request_id": permission.request_id},
    )
    return permission
