"""The audit log page: filters, pages, and the verify button."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.query import PAGE_SIZE
from casewarden.audit.tags import AuditTag
from tests.factories import post_form, sign_in
from tests.functional.conftest import Staffed


def _fill(session: Session, agency_id: int, count: int) -> None:
    for n in range(count):
        chain.append(
            session,
            AuditEvent(
                actor=Actor.system(),
                tag=AuditTag.ACCOUNTS_USER_ENABLE,
                subject_type="staff_user",
                subject_id=f"marker-{n}",
                agency_id=agency_id,
            ),
        )
    session.commit()


def test_log_shows_the_agency_entries_newest_first(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    _fill(session, staffed.agency.id, 3)
    sign_in(client, staffed[Role.SUPERVISOR].username)
    page = client.get("/console/audit").text
    assert page.index("marker-2") < page.index("marker-1") < page.index("marker-0")


def test_pages_follow_on(client: TestClient, staffed: Staffed, session: Session) -> None:
    _fill(session, staffed.agency.id, PAGE_SIZE + 5)
    sign_in(client, staffed[Role.ADMIN].username)
    first = client.get("/console/audit?tag=accounts:user:enable").text
    assert f"marker-{PAGE_SIZE + 4}" in first
    assert "marker-0<" not in first
    assert 'rel="next"' in first
    link = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(link).text
    assert "marker-0<" in second or "marker-0 " in second


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("tag=auth", "Signed in", "Account enabled"),
        ("tag=accounts:user:enable", "Account enabled", "Signed in"),
        ("actor=system", "Account enabled", "Signed in"),
    ],
)
def test_filters(
    client: TestClient, staffed: Staffed, session: Session, query: str, shown: str, hidden: str
) -> None:
    _fill(session, staffed.agency.id, 1)
    sign_in(client, staffed[Role.ADMIN].username)
    table = client.get(f"/console/audit?{query}").text.split("<tbody>")[1]
    assert shown in table
    assert hidden not in table


def test_filter_by_date_excludes_other_days(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    _fill(session, staffed.agency.id, 1)
    sign_in(client, staffed[Role.ADMIN].username)
    table = client.get("/console/audit?since=2001-01-01&until=2001-01-02").text
    assert "No entries match." in table


@pytest.mark.parametrize(
    "query", ["tag=nonsense", "actor=robot", "actor=staff:abc", "since=yesterday"]
)
def test_bad_filters_are_explained(client: TestClient, staffed: Staffed, query: str) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = client.get(f"/console/audit?{query}")
    assert response.status_code == 422
    assert 'role="alert"' in response.text


def test_verify_button_reports_intact_then_broken(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    _fill(session, staffed.agency.id, 3)
    sign_in(client, staffed[Role.ADMIN].username)
    intact = post_form(client, "/console/audit/verify", {}, page="/console/audit")
    assert "The audit chain is intact" in intact.text

    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    else:
        session.execute(text("DROP TRIGGER audit_entry_no_update"))
    session.execute(text("UPDATE audit_entry SET outcome = 'failure' WHERE seq = 2"))
    session.commit()
    broken = post_form(client, "/console/audit/verify", {}, page="/console/audit")
    assert "The audit chain is broken at entry #2" in broken.text


@pytest.mark.parametrize("role", [Role.PAGE_MODERATOR, Role.CASEWORKER])
def test_roles_without_audit_access_are_refused(
    client: TestClient, staffed: Staffed, role: Role
) -> None:
    sign_in(client, staffed[role].username)
    assert client.get("/console/audit").status_code == 403
    assert "/console/audit" not in client.get("/console/").text  # not offered in navigation
