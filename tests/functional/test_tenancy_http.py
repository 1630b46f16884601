"""A user of one agency can read nothing of another's, through any route.

The routes are enumerated from the app, so routes added later are covered
without editing this test: every GET is fetched with the other agency's ids in
its path, every unsafe method is sent with them, and the other agency's markers
must never appear and its rows must never change.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select, text
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.actor import Actor
from casewarden.agencies.models import AgencyKind
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag
from casewarden.db.base import Base
from casewarden.web.app import ROUTERS
from tests.factories import csrf_from, make_agency, make_user, origin, sign_in

MARKER = "bravomarker"
_PARAM = re.compile(r"\{([a-z_]+)(?::[a-z]+)?\}")


def _other_agency(session: Session) -> tuple[int, int, str]:
    """Agency A with an admin, agency B full of markers; returns (A, B, A's admin username)."""
    alpha, bravo = make_agency(session), make_agency(session)
    admin = make_user(session, alpha, role=Role.ADMIN, username="alpha.admin")
    make_user(session, bravo, role=Role.ADMIN, username=f"{MARKER}.admin")
    bravo_staff = make_user(session, bravo, role=Role.CASEWORKER, username=f"{MARKER}.staff")
    bravo_staff.display_name = f"{MARKER} Person"
    for n in range(3):
        chain.append(
            session,
            AuditEvent(
                actor=Actor.system(),
                tag=AuditTag.ACCOUNTS_USER_ENABLE,
                subject_type="staff_user",
                subject_id=f"{MARKER}{n}",
                agency_id=bravo.id,
            ),
        )
    session.commit()
    return alpha.id, bravo.id, admin.username


def _ids_of(session: Session, agency_id: int) -> list[int]:
    """Every id of every agency-owned row of one agency, across all tables."""
    ids: set[int] = set()
    metadata: MetaData = Base.metadata
    for table in metadata.sorted_tables:
        if "agency_id" in table.c and "id" in table.c:
            ids.update(session.scalars(select(table.c.id).where(table.c.agency_id == agency_id)))
    return sorted(ids)


def _snapshot(session: Session, agency_id: int) -> list[tuple[str, tuple[object, ...]]]:
    """Every row one agency owns (its audit entries included)."""
    rows = []
    for table in Base.metadata.sorted_tables:
        if "agency_id" in table.c:
            query = select(table).where(table.c.agency_id == agency_id)
            rows.extend((table.name, tuple(row)) for row in session.execute(query).all())
    return sorted(rows, key=repr)


def _routes(app: FastAPI) -> Iterator[APIRoute]:
    for router in ROUTERS:
        yield from (route for route in router.routes if isinstance(route, APIRoute))
    yield from (route for route in app.routes if isinstance(route, APIRoute))


def _paths(path: str, ids: list[int]) -> list[str]:
    names = _PARAM.findall(path)
    if not names:
        return [path]
    paths = []
    for combo in itertools.product(ids, repeat=len(names)):
        filled = path
        for value in combo:
            filled = _PARAM.sub(str(value), filled, count=1)
        paths.append(filled)
    return paths


def test_every_route_keeps_the_other_agency_out(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    alpha_id, bravo_id, username = _other_agency(session)
    # Ids are per table, so leave out any number that also names one of A's own rows.
    bravo_ids = sorted(set(_ids_of(session, bravo_id)) - set(_ids_of(session, alpha_id)))
    assert bravo_ids, "agency B needs rows for this test to mean anything"
    before = _snapshot(session, bravo_id)
    sign_in(client, username)
    token = csrf_from(client.get("/console/"))

    checked = 0
    for route in _routes(app):
        for method in sorted(route.methods or ()):
            for path in _paths(route.path, bravo_ids):
                if path.endswith("/logout"):
                    continue  # would end this test's own session
                if method in {"GET", "HEAD"}:
                    response = client.request(method, path)
                else:
                    response = client.request(
                        method,
                        path,
                        data={"csrf_token": token, "role": "admin"},
                        headers=origin(client),
                    )
                    if path != route.path:  # it names one of B's records
                        assert response.status_code in {303, 400, 403, 404, 405, 409, 422}, (
                            method,
                            path,
                            response.status_code,
                        )
                assert MARKER not in response.text, (method, path)
                checked += 1
    assert checked >= 10
    session.expire_all()
    assert _snapshot(session, bravo_id) == before


def test_markers_are_visible_to_a_statewide_reader(client: TestClient, session: Session) -> None:
    """The same markers do show for someone allowed to see them: the check above can fail."""
    _other_agency(session)
    state = make_agency(session, kind=AgencyKind.STATE)
    reader = make_user(session, state, role=Role.ADMIN, statewide=StatewideAccess.READ)
    session.commit()
    sign_in(client, reader.username)
    assert MARKER in client.get("/console/audit").text
    assert MARKER in client.get("/console/accounts").text


@pytest.mark.parametrize("action", ["disable", "enable", "role", "reset-password"])
def test_statewide_readers_cannot_change_other_agencies(
    client: TestClient, session: Session, action: str
) -> None:
    _, bravo_id, _ = _other_agency(session)
    state = make_agency(session, kind=AgencyKind.STATE)
    reader = make_user(session, state, role=Role.ADMIN, statewide=StatewideAccess.READ)
    session.commit()
    target = session.execute(
        text("SELECT id FROM staff_user WHERE agency_id = :a AND role = 'caseworker'"),
        {"a": bravo_id},
    ).scalar_one()
    before = _snapshot(session, bravo_id)
    sign_in(client, reader.username)
    token = csrf_from(client.get("/console/"))
    response = client.post(
        f"/console/accounts/{target}/{action}",
        data={"csrf_token": token, "role": "admin", "confirmed": "yes"},
    )
    assert response.status_code == 404
    session.expire_all()
    assert _snapshot(session, bravo_id) == before
