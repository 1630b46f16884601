"""Who sees which leads: the one place lead visibility is decided.

Agency scoping already comes from the session (``db/scope.py``). Within an agency,
locate work is need-to-know: a person sees the leads they recorded, the leads assigned
to them, and the leads of their own work unit. A caseworker and a supervisor of the same
unit therefore see the same leads. A lead recorded by someone in no unit has no unit:
the agency's supervisors (``locate:assign``) see it, so that someone other than its
recorder can verify it, and assign it to a unit or a caseworker. casewarden itself (the
system actor: workers, the operator's command line) sees every lead of its scope.

A lead of the agency that a person may not see is reported as not found, and the
attempt is audited against the lead (it belongs to its chain of custody).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, has_permission
from casewarden.actor import Actor, ActorKind
from casewarden.audit.event import AuditEvent, Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.errors import NotFound
from casewarden.i18n import N_
from casewarden.locate.models import LocateLead
from casewarden.policy.citations import FC_17212
from casewarden.policy.vocabulary import Purpose

SUBJECT = "lead"
#: Entries about a lead researched to locate a participant: the lead is the subject.
LEAD_RESEARCH = Subject(type=SUBJECT, purpose=str(Purpose.LOCATE_RESEARCH))


@dataclass(frozen=True, slots=True)
class Viewer:
    """The facts about a person that decide which leads they see."""

    actor: Actor
    user_id: int | None
    agency_id: int | None
    unit: str | None
    everything: bool = False
    #: A supervisor of the agency: sees the agency's leads that have no unit.
    oversees_unassigned: bool = False


def viewer_for(session: Session, actor: Actor) -> Viewer:
    """Look the person up now, so a unit change applies at once."""
    if actor.kind is ActorKind.SYSTEM:
        return Viewer(actor=actor, user_id=None, agency_id=None, unit=None, everything=True)
    if actor.kind is not ActorKind.STAFF or actor.id is None:
        return Viewer(actor=actor, user_id=None, agency_id=None, unit=None)
    user = session.scalar(select(StaffUser).where(StaffUser.id == actor.id))
    if user is None or not user.is_active:
        return Viewer(actor=actor, user_id=None, agency_id=None, unit=None)
    return Viewer(
        actor=actor,
        user_id=user.id,
        agency_id=user.agency_id,
        unit=user.unit,
        oversees_unassigned=has_permission(user.role, Permission.LOCATE_ASSIGN),
    )


def visible(viewer: Viewer) -> ColumnElement[bool]:
    """The condition a lead must meet to be shown to ``viewer``."""
    if viewer.everything:
        return true()
    if viewer.user_id is None:
        return false()
    shown = [LocateLead.recorded_by == viewer.user_id, LocateLead.assigned_to == viewer.user_id]
    if viewer.unit is not None:
        # Units are named within an agency: the same code in another agency is another unit.
        shown.append(and_(LocateLead.agency_id == viewer.agency_id, LocateLead.unit == viewer.unit))
    if viewer.oversees_unassigned:
        # Only the supervisor's own agency: a statewide reader is not every county's supervisor.
        shown.append(and_(LocateLead.agency_id == viewer.agency_id, LocateLead.unit.is_(None)))
    return or_(*shown)


def can_see(viewer: Viewer, lead: LocateLead) -> bool:
    """The same rule as :func:`visible`, for a lead already loaded."""
    if viewer.everything:
        return True
    if viewer.user_id is None:
        return False
    if viewer.user_id in (lead.recorded_by, lead.assigned_to):
        return True
    if lead.agency_id != viewer.agency_id:
        return False
    if lead.unit is None:
        return viewer.oversees_unassigned
    return lead.unit == viewer.unit


def lead_for(session: Session, actor: Actor, lead_id: int) -> tuple[LocateLead, Viewer]:
    """The lead, if ``actor`` may see it; otherwise NotFound (audited when it exists)."""
    viewer = viewer_for(session, actor)
    lead = session.scalar(select(LocateLead).where(LocateLead.id == lead_id))
    if lead is None:
        raise NotFound(N_("No such lead."))
    if not can_see(viewer, lead):
        raise NotFound("No such lead.").audited(
            AuditEvent(
                actor=actor,
                tag=AuditTag.LOCATE_LEAD_VIEW,
                subject_type=SUBJECT,
                subject_id=str(lead.id),
                agency_id=lead.agency_id,
                citation=FC_17212,
                outcome=Outcome.DENIED,
                details={"reason": "outside_unit"},
            )
        )
    return lead, viewer
