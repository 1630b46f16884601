"""A lead recorded outside any unit: the agency's supervisors see it and assign it."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.locate import leads
from casewarden.locate.assignment import assign_lead
from casewarden.locate.custody import custody_of
from casewarden.locate.leads import LeadFilter
from casewarden.locate.models import LeadState, LocateLead
from tests import locate_factories as lf
from tests.factories import make_agency, make_user
from tests.unit.locate.conftest import Team


def _assign(session: Session, team: Team, lead: LocateLead, who: str = "dee", **to: str) -> None:
    assign_lead(session=session, actor=actor_for(getattr(team, who)), lead_id=lead.id, **to)


def _sees(session: Session, team: Team, who: str, lead: LocateLead) -> bool:
    listed = leads.list_leads(
        session=session, actor=actor_for(getattr(team, who)), where=LeadFilter()
    )
    return lead.id in {row.id for row in listed.leads}


def test_a_lead_without_a_unit_is_verified_by_a_supervisor(session: Session, team: Team) -> None:
    lead = lf.record(session, team.solo)
    assert lead.unit is None
    lf.verify(session, lead, team.eli)
    assert lead.state is LeadState.VERIFIED


@pytest.mark.parametrize(
    ("to", "unit", "assignee", "now_sees", "no_longer_sees"),
    [
        ({"unit": "West"}, "west", None, ["cruz", "eli"], ["dee", "ana"]),
        ({"caseworker": "ben"}, "east", "ben", ["ben", "ana", "dee"], ["eli", "cruz"]),
        # A caseworker in no unit: theirs, and still the supervisors' until it has a unit.
        ({"caseworker": "solo2"}, None, "solo2", ["solo2", "dee", "eli"], ["ana", "cruz"]),
    ],
)
def test_a_supervisor_assigns_a_lead_without_a_unit(
    session: Session,
    team: Team,
    to: dict[str, str],
    unit: str | None,
    assignee: str | None,
    now_sees: list[str],
    no_longer_sees: list[str],
) -> None:
    solo2 = make_user(session, team.agency, role=Role.CASEWORKER)
    team.solo2 = solo2  # type: ignore[attr-defined]
    lead = lf.record(session, team.solo)
    names = {"ben": team.ben.username, "solo2": solo2.username}
    target = {k: names.get(v, v) for k, v in to.items()}
    _assign(session, team, lead, **target)
    assert lead.unit == unit
    assert lead.assigned_to == (getattr(team, assignee).id if assignee else None)
    for who in ["solo", *now_sees]:
        assert _sees(session, team, who, lead), who
    for who in no_longer_sees:
        assert not _sees(session, team, who, lead), who
    event = next(e for e in custody_of(session, lead.id) if e.tag == "locate:lead:assign")
    assert event.actor == f"staff:{team.dee.id}"
    assert event.details == {"unit": unit, "assigned_to": lead.assigned_to}
    if assignee:
        lf.verify(session, lead, getattr(team, assignee))
        assert lead.state is LeadState.VERIFIED


@pytest.mark.parametrize(
    ("who", "recorder", "to", "error"),
    [
        ("solo", "solo", {"unit": "east"}, PermissionDenied),  # caseworkers do not assign
        ("ana", "solo", {"unit": "east"}, PermissionDenied),
        ("dee", "ana", {"unit": "west"}, Conflict),  # it has a unit already
        ("eli", "ana", {"unit": "west"}, NotFound),  # another unit's lead is not in view
        ("dee", "solo", {}, InvalidInput),
        ("dee", "solo", {"unit": "east", "caseworker": "x"}, InvalidInput),
        ("dee", "solo", {"unit": "East Unit!"}, InvalidInput),
        ("dee", "solo", {"caseworker": "nobody-here"}, InvalidInput),
        ("dee", "solo", {"caseworker": "moderator"}, InvalidInput),  # no locate access
    ],
)
def test_assignment_refusals(
    session: Session, team: Team, who: str, recorder: str, to: dict[str, str], error: type
) -> None:
    lead = lf.record(session, getattr(team, recorder))
    target = {k: (team.moderator.username if v == "moderator" else v) for k, v in to.items()}
    unit_before = lead.unit
    with pytest.raises(error):
        _assign(session, team, lead, who=who, **target)
    assert (lead.unit, lead.assigned_to) == (unit_before, None)


def test_supervisors_see_only_their_own_agencys_leads_without_a_unit(
    session: Session, team: Team
) -> None:
    other = lf.make_team(session, make_agency(session))
    lead = lf.record(session, other.solo)
    assert _sees(session, other, "dee", lead)
    assert not _sees(session, team, "dee", lead)


def test_a_caseworker_of_another_agency_is_not_assigned(session: Session, team: Team) -> None:
    other = lf.make_team(session, make_agency(session))
    lead = lf.record(session, team.solo)
    with pytest.raises(InvalidInput):
        _assign(session, team, lead, caseworker=other.ana.username)
