"""Assigning a lead that has no unit: a supervisor gives it to a unit or a caseworker.

A lead takes its recorder's unit; a caseworker in no unit records leads that nobody
else would see, and that nobody could verify where a second person must. The agency's
supervisors see those leads (``access.py``) and assign them. Assigning to a unit shares
the lead within it; assigning to a person lets that person see it, and puts it in their
unit when they have one. Assignment uses no social media and moves nothing out of
casewarden: its checks are the role's permission and the lead's visibility, and it is
audited in the lead's chain of custody.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.accounts.service import normalize_unit
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag
from casewarden.db.scope import ensure_writable
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.locate import access
from casewarden.locate.access import LEAD_RESEARCH
from casewarden.locate.models import LocateLead

_USERNAME_MAX = 80


def _caseworker(session: Session, lead: LocateLead, username: str) -> StaffUser:
    name = username.strip()
    user = None
    if name and len(name) <= _USERNAME_MAX:
        user = session.scalar(
            select(StaffUser).where(
                StaffUser.username == name, StaffUser.agency_id == lead.agency_id
            )
        )
    if (
        user is None
        or not user.is_active
        or not has_permission(user.role, Permission.LOCATE_VERIFY)
    ):
        raise InvalidInput(N_("Choose an active caseworker or supervisor of this agency."))
    return user


def assign_lead(
    *,
    session: Session,
    actor: Actor,
    lead_id: int,
    unit: str | None = None,
    caseworker: str | None = None,
) -> LocateLead:
    """Give a lead without a unit to a unit or to a caseworker (by user name); audited."""
    authorize(actor, Permission.LOCATE_ASSIGN)
    lead, _ = access.lead_for(session, actor, lead_id)
    ensure_writable(session, lead)
    wanted_unit = normalize_unit(unit)
    wanted_person = (caseworker or "").strip()
    if (wanted_unit is None) == (not wanted_person):
        raise InvalidInput(N_("Assign the lead either to a unit or to a caseworker."))
    if lead.unit is not None:
        raise Conflict(
            N_("This lead belongs to unit %(unit)s; only a lead without a unit is assigned."),
            values={"unit": lead.unit},
        )
    if wanted_person:
        person = _caseworker(session, lead, wanted_person)
        lead.assigned_to = person.id
        lead.unit = person.unit
    else:
        lead.unit = wanted_unit
    session.flush()
    chain.record(
        session,
        subject=LEAD_RESEARCH.of(lead),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_ASSIGN,
        details={"unit": lead.unit, "assigned_to": lead.assigned_to},
    )
    return lead
