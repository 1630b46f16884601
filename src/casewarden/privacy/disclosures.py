"""The one way visit information leaves the agency for a third party: with recorded permission.

Government Code § 11015.5 forbids distributing electronically collected personal
information (visit records: addresses, pages, times) to a third party without the
person's permission. casewarden has no other export of visit records — statistics
are aggregated and suppressed, and the person's own review goes to the person — and
this function refuses, with an audited denial, unless:

* a :class:`DisclosurePermission` exists on a verified review request,
* it has not been revoked,
* the recipient named now is exactly the recipient the person agreed to, and
* the request names a visit reference whose records are to be given.

A test walks the source tree to keep every other module from reading visit records
for output.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.errors import PermissionDenied
from casewarden.privacy.models import (
    DisclosurePermission,
    ReviewRequest,
    ReviewStatus,
    VisitRecord,
)

CITATION = "Gov. Code § 11015.5"


class DisclosureRefused(PermissionDenied):
    """No recorded, current permission covers this disclosure."""

    public_message = (
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
        chain.AuditEvent(
            actor=actor,
            tag=AuditTag.PRIVACY_DISCLOSURE_DENY,
            subject_type="disclosure_permission",
            subject_id=str(permission_id),
            agency_id=agency_id,
            purpose="third_party_disclosure",
            citation=CITATION,
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
    if permission.revoked_at is not None:
        _refuse(actor, permission.agency_id, permission_id, "revoked")
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
    chain.append(
        session,
        chain.AuditEvent(
            actor=actor,
            tag=AuditTag.PRIVACY_DISCLOSURE_EXPORT,
            subject_type="disclosure_permission",
            subject_id=str(permission.id),
            agency_id=permission.agency_id,
            purpose="third_party_disclosure",
            citation=CITATION,
            details={"records": len(disclosed), "request_id": request.id},
        ),
    )
    return disclosed
