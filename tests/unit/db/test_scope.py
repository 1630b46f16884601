"""Agency scoping: one mechanism keeps each agency's records to itself."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.db.engine import CasewardenSession, Database
from casewarden.db.scope import Scope
from casewarden.errors import ScopeViolation
from tests.factories import make_agency, make_user


@pytest.fixture
def two_agencies(session: Session) -> tuple[int, int, int, int]:
    """Two agencies with one user each; returns (agency_a, user_a, agency_b, user_b)."""
    a, b = make_agency(session), make_agency(session)
    user_a, user_b = make_user(session, a), make_user(session, b)
    session.commit()
    return a.id, user_a.id, b.id, user_b.id


def _visible(db: Database, scope: Scope) -> set[int]:
    with db.session(scope) as reader:
        return set(reader.scalars(select(StaffUser.id)))


def test_an_agency_sees_only_its_own_records(db: Database, two_agencies: tuple[int, ...]) -> None:
    agency_a, user_a, agency_b, user_b = two_agencies
    assert _visible(db, Scope.for_agency(agency_a)) == {user_a}
    assert _visible(db, Scope.for_agency(agency_b)) == {user_b}


def test_get_by_primary_key_is_scoped_too(db: Database, two_agencies: tuple[int, ...]) -> None:
    agency_a, _, _, user_b = two_agencies
    with db.session(Scope.for_agency(agency_a)) as reader:
        assert reader.get(StaffUser, user_b) is None


def test_unscoped_sessions_see_nothing(db: Database, two_agencies: tuple[int, ...]) -> None:
    assert _visible(db, Scope.nobody()) == set()


def test_statewide_readers_see_every_agency(db: Database, two_agencies: tuple[int, ...]) -> None:
    agency_a, user_a, _, user_b = two_agencies
    assert _visible(db, Scope.statewide(agency_a)) == {user_a, user_b}


def test_writing_into_another_agency_is_refused(
    db: Database, two_agencies: tuple[int, ...]
) -> None:
    agency_a, _, agency_b, _ = two_agencies
    with db.session(Scope.for_agency(agency_a)) as writer:
        writer.add(
            StaffUser(
                agency_id=agency_b,
                username="intruder",
                display_name="x",
                role=Role.ADMIN,
                password_hash="x",
            )
        )
        with pytest.raises(ScopeViolation):
            writer.flush()


def test_moving_a_record_to_another_agency_is_refused(
    db: Database, two_agencies: tuple[int, ...]
) -> None:
    agency_a, user_a, agency_b, _ = two_agencies
    with db.session(Scope.for_agency(agency_a)) as writer:
        user = writer.get(StaffUser, user_a)
        assert user is not None
        user.agency_id = agency_b
        with pytest.raises(ScopeViolation):
            writer.flush()


def test_new_records_take_the_session_agency(db: Database, two_agencies: tuple[int, ...]) -> None:
    agency_a = two_agencies[0]
    with db.session(Scope.for_agency(agency_a)) as writer:
        user = StaffUser(username="fresh", display_name="x", role=Role.ADMIN, password_hash="x")
        writer.add(user)
        writer.flush()
        assert user.agency_id == agency_a


def test_statewide_read_only_cannot_write_other_agencies(
    db: Database, two_agencies: tuple[int, ...]
) -> None:
    agency_a, _, _, user_b = two_agencies
    with db.session(Scope.statewide(agency_a)) as writer:
        user = writer.get(StaffUser, user_b)
        assert user is not None  # readable
        user.display_name = "changed"
        with pytest.raises(ScopeViolation):
            writer.flush()


def test_bulk_update_is_confined_to_the_agency(db: Database, two_agencies: tuple[int, ...]) -> None:
    agency_a, user_a, _, user_b = two_agencies
    with db.session(Scope.for_agency(agency_a)) as writer:
        writer.execute(update(StaffUser).values(display_name="bulk"))
        writer.commit()
    with db.session(Scope.system()) as reader:
        names = {
            row[0]: row[1] for row in reader.execute(select(StaffUser.id, StaffUser.display_name))
        }
    assert names[user_a] == "bulk"
    assert names[user_b] != "bulk"


def test_nobody_cannot_bulk_update(db: Database, two_agencies: tuple[int, ...]) -> None:
    reader: CasewardenSession
    with db.session(Scope.nobody()) as reader, pytest.raises(ScopeViolation):
        reader.execute(update(StaffUser).values(display_name="bulk"))
