"""An agency with a locate team: two units, a supervisor, and people without locate access."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.agencies.models import Agency
from tests.factories import make_agency, make_user


@dataclass
class Team:
    """Who is who in the tests."""

    agency: Agency
    ana: StaffUser  # caseworker, unit east
    ben: StaffUser  # caseworker, unit east
    cruz: StaffUser  # caseworker, unit west
    dee: StaffUser  # supervisor, unit east
    eli: StaffUser  # supervisor, unit west
    solo: StaffUser  # caseworker in no unit
    moderator: StaffUser
    admin: StaffUser


def _member(session: Session, agency: Agency, role: Role, unit: str | None) -> StaffUser:
    user = make_user(session, agency, role=role)
    user.unit = unit
    return user


@pytest.fixture
def team(session: Session) -> Team:
    agency = make_agency(session)
    members = Team(
        agency=agency,
        ana=_member(session, agency, Role.CASEWORKER, "east"),
        ben=_member(session, agency, Role.CASEWORKER, "east"),
        cruz=_member(session, agency, Role.CASEWORKER, "west"),
        dee=_member(session, agency, Role.SUPERVISOR, "east"),
        eli=_member(session, agency, Role.SUPERVISOR, "west"),
        solo=_member(session, agency, Role.CASEWORKER, None),
        moderator=_member(session, agency, Role.PAGE_MODERATOR, "east"),
        admin=_member(session, agency, Role.ADMIN, "east"),
    )
    session.flush()
    return members
