"""Another agency's leads stay out of reach through every locate route.

``test_tenancy_http.py`` walks every route with the other agency's ids but cannot
create leads; this test gives agency B a verified lead, captures, a verification and
an evidence package (each full of markers), signs in as a caseworker of A in a unit
of the same name, and walks every locate route with B's ids.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.accounts.service import actor_for
from casewarden.agencies.models import AgencyKind
from casewarden.db.base import Base
from casewarden.locate import evidence
from casewarden.web.app import ROUTERS
from tests import locate_factories as lf
from tests.factories import csrf_from, make_agency, make_user, origin, sign_in
from tests.locate_factories import make_team

MARKER = "bravomarker"
PARTICIPANT_B = "4242424"
_PARAM = re.compile(r"\{([a-z_]+)(?::[a-z]+)?\}")


def _locate_routes() -> Iterator[APIRoute]:
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and "/locate" in route.path:
                yield route


LOCATE_TABLES = ("locate_lead", "lead_capture", "lead_verification", "evidence_package")


def _ids(session: Session, agency_id: int) -> list[int]:
    """Every id of the agency's locate rows (A has none, so none of these is A's)."""
    ids: set[int] = set()
    for name in LOCATE_TABLES:
        table = Base.metadata.tables[name]
        ids.update(session.scalars(select(table.c.id).where(table.c.agency_id == agency_id)))
    return sorted(ids)


def _snapshot(session: Session, agency_id: int) -> list[object]:
    rows: list[object] = []
    for table in Base.metadata.sorted_tables:
        if "agency_id" in table.c and table.name != "audit_entry":
            query = select(table).where(table.c.agency_id == agency_id)
            rows.extend((table.name, tuple(row)) for row in session.execute(query).all())
    return sorted(rows, key=repr)


def test_locate_routes_keep_the_other_agencys_leads_out(
    client: TestClient, session: Session
) -> None:
    alpha, bravo = make_team(session), make_team(session)
    lead = lf.record(
        session,
        bravo.ana,
        participant_ref=PARTICIPANT_B,
        observation=f"{MARKER} observation",
        posting_url=f"https://www.facebook.com/{MARKER}/posts/1",
        uploads=[lf.png(), lf.html()],
    )
    lf.verify(session, lead, bravo.ben)
    evidence.build_package(
        session=session, actor=actor_for(bravo.ben), keyring=lf.keyring(), lead_id=lead.id
    )
    session.commit()
    bravo_ids = _ids(session, bravo.agency.id)
    assert lead.id in bravo_ids
    assert _ids(session, alpha.agency.id) == []
    before = _snapshot(session, bravo.agency.id)

    # A's caseworker is in a unit named like B's: units are per agency.
    sign_in(client, alpha.ana.username)
    token = csrf_from(client.get("/console/"))
    checked = 0
    for route in _locate_routes():
        names = _PARAM.findall(route.path)
        for combo in itertools.product(bravo_ids, repeat=len(names)):
            path = route.path
            for value in combo:
                path = _PARAM.sub(str(value), path, count=1)
            for method in sorted(route.methods or ()):
                if method in {"GET", "HEAD"}:
                    response = client.request(method, path, params={"participant": PARTICIPANT_B})
                else:
                    response = client.request(
                        method,
                        path,
                        data={
                            "csrf_token": token,
                            "participant": PARTICIPANT_B,
                            "format": "json",
                            "source": "dmv",
                            "checked_on": "2026-01-01",
                            "reference": "x",
                            "result": "confirmed",
                        },
                        headers=origin(client),
                    )
                    if names:
                        assert response.status_code in {403, 404, 405, 409, 422}, (
                            method,
                            path,
                            response.status_code,
                        )
                assert MARKER not in response.text, (method, path)
                checked += 1
    assert checked > 20
    listing = client.get("/console/locate", params={"participant": PARTICIPANT_B})
    assert "No leads here." in listing.text
    api = client.get("/api/locate/leads", params={"participant": PARTICIPANT_B}).json()
    assert api["leads"] == []
    session.expire_all()
    assert _snapshot(session, bravo.agency.id) == before


def test_a_statewide_reader_in_a_unit_of_the_same_name_sees_no_county_leads(
    client: TestClient, session: Session
) -> None:
    """Statewide read access crosses agencies; units do not: ``east`` is per agency."""
    bravo = make_team(session)
    lead = lf.record(session, bravo.ana, observation=f"{MARKER} observation")
    state = make_agency(session, kind=AgencyKind.STATE)
    reader = make_user(session, state, role=Role.CASEWORKER, statewide=StatewideAccess.READ)
    reader.unit = bravo.ana.unit
    session.commit()
    sign_in(client, reader.username)
    assert MARKER not in client.get("/console/locate").text
    assert client.get(f"/console/locate/leads/{lead.id}").status_code == 404
    assert client.get(f"/api/locate/leads/{lead.id}").status_code == 404
