"""The privacy officer's console pages: messages, review requests, statistics and publication."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.clock import agency_today, utcnow
from casewarden.config import load_settings
from casewarden.db.engine import Database
from casewarden.privacy.models import ContactMessage, MessageStatus, ReviewRequest, ReviewStatus
from casewarden.privacy.statistics import Period
from tests.conftest import TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS, csrf_from, origin, sign_in
from tests.functional.conftest import Staffed
from tests.privacy_factories import make_message, make_review_request, make_visit

SECTIONS = {
    "/console/privacy/messages": {Role.PRIVACY_OFFICER, Role.SUPERVISOR, Role.PAGE_MODERATOR},
    "/console/privacy/requests": {Role.PRIVACY_OFFICER},
    "/console/privacy/disclosures": {Role.SUPERVISOR, Role.ADMIN},
    "/console/privacy/statistics": {Role.PRIVACY_OFFICER, Role.SUPERVISOR, Role.ADMIN},
}


@pytest.mark.parametrize("role", list(Role))
def test_sections_by_role(client: TestClient, staffed: Staffed, role: Role) -> None:
    sign_in(client, staffed[role].username)
    dashboard = client.get("/console/").text
    for path, roles in SECTIONS.items():
        assert (f'href="{path}"' in dashboard) is (role in roles), path
        assert client.get(path).status_code == (200 if role in roles else 403), path


def _post(client: TestClient, path: str, data: dict[str, str], page: str) -> object:
    token = csrf_from(client.get(page))
    return client.post(path, data={**data, "csrf_token": token}, headers=origin(client))


def test_messages_are_read_and_forwarded_with_a_reason(
    client: TestClient, session: Session, staffed: Staffed
) -> None:
    hostile = '<script>alert("x")</script>'
    message = make_message(
        session,
        staffed.agency,
        name=hostile,
        body=hostile + "\nsecond line",
        sealed_with=client.app.state.runtime.keyring,  # type: ignore[attr-defined]
    )
    session.commit()
    sign_in(client, staffed[Role.PAGE_MODERATOR].username)
    inbox = client.get("/console/privacy/messages")
    assert message.reference in inbox.text
    assert hostile not in inbox.text  # names and bodies only on the message's own page
    page = client.get(f"/console/privacy/messages/{message.id}")
    assert "&lt;script&gt;" in page.text
    assert hostile not in page.text
    detail = f"/console/privacy/messages/{message.id}"
    refused = _post(
        client,
        f"{detail}/forward",
        {"destination": "DHCS", "reason": "because", "explanation": "x"},
        detail,
    )
    assert refused.status_code == 422  # type: ignore[attr-defined]
    done = _post(
        client,
        f"{detail}/forward",
        {
            "destination": "Department of Health Care Services",
            "reason": "authorized_action",
            "explanation": "Question about medical coverage for the child.",
        },
        detail,
    )
    assert done.status_code == 303  # type: ignore[attr-defined]
    session.expire_all()
    stored = session.get(ContactMessage, message.id)
    assert stored is not None
    assert stored.status is MessageStatus.FORWARDED
    assert "Department of Health Care Services" in client.get(detail).text
    tags = set(session.scalars(select(AuditEntry.tag)))
    assert {"privacy:message:view", "privacy:message:forward"} <= tags


def test_a_review_request_is_worked_through_the_console(
    client: TestClient, session: Session, staffed: Staffed
) -> None:
    ref = "a1" * 16
    make_visit(session, staffed.agency, session_ref=ref, page="/forms")
    message = make_message(session, staffed.agency)
    review = make_review_request(session, staffed.agency, visit_reference=ref)
    session.commit()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    page = f"/console/privacy/requests/{review.id}"
    assert review.reference in client.get("/console/privacy/requests").text

    early = _post(client, f"{page}/search", {}, page)
    assert early.status_code == 422  # type: ignore[attr-defined]
    assert "Verify" in early.text  # type: ignore[attr-defined]

    steps = [
        ("verify", {"method": "photo_id_in_person", "note": "Seen at the counter"}),
        ("search", {}),
        ("respond", {"response": "Copies of your records are enclosed.", "method": "mail"}),
        (
            "permissions",
            {
                "recipient": "Legal Aid of Sacramento",
                "purpose": "Evidence for a hearing",
                "evidence": "signed_written",
                "granted_on": agency_today().isoformat(),
            },
        ),
    ]
    for step, data in steps:
        response = _post(client, f"{page}/{step}", data, page)
        assert response.status_code == 303, (step, response.text[:500])  # type: ignore[attr-defined]
    shown = client.get(page).text
    assert f"Contact message {message.reference}" in shown
    assert "1 visit record(s)" in shown

    session.expire_all()
    stored = session.get(ReviewRequest, review.id)
    assert stored is not None
    assert stored.status is ReviewStatus.RESPONDED
    (permission,) = stored.permissions
    disclose = f"{page}/permissions/{permission.id}/disclose"
    assert "pending: a supervisor or an administrator must confirm it" in shown
    assert f'action="{disclose}"' not in shown
    pending = _post(client, disclose, {"recipient": "Legal Aid of Sacramento"}, page)
    assert pending.status_code == 403  # type: ignore[attr-defined]
    assert "Legal Aid" not in pending.text  # type: ignore[attr-defined]

    client.cookies.clear()
    sign_in(client, staffed[Role.SUPERVISOR].username)
    queue = "/console/privacy/disclosures"
    listed = client.get(queue).text
    assert review.reference in listed
    assert "Legal Aid of Sacramento" in listed
    confirmed = _post(client, f"{queue}/{permission.id}/confirm", {}, queue)
    assert confirmed.status_code == 303  # type: ignore[attr-defined]
    again = _post(client, f"{queue}/{permission.id}/confirm", {}, queue)
    assert again.status_code == 422  # type: ignore[attr-defined]
    assert "This permission is already confirmed." in again.text  # type: ignore[attr-defined]
    assert "No permission is waiting for confirmation." in client.get(queue).text
    client.cookies.clear()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    assert "confirmed" in client.get(page).text

    wrong = _post(client, disclose, {"recipient": "Someone else"}, page)
    assert wrong.status_code == 403  # type: ignore[attr-defined]
    exported = _post(client, disclose, {"recipient": "Legal Aid of Sacramento"}, page)
    assert exported.status_code == 200  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(exported.text)))  # type: ignore[attr-defined]
    assert rows[0][:3] == ["occurred_at_utc", "kind", "page"]
    assert [row[2] for row in rows[1:]] == ["/forms"]
    assert "203.0.113.9" not in exported.text  # type: ignore[attr-defined]

    assert _post(client, f"{page}/permissions/{permission.id}/revoke", {}, page).status_code == 303  # type: ignore[attr-defined]
    after = _post(client, disclose, {"recipient": "Legal Aid of Sacramento"}, page)
    assert after.status_code == 403  # type: ignore[attr-defined]
    assert _post(client, f"{page}/close", {}, page).status_code == 303  # type: ignore[attr-defined]
    session.expire_all()
    denials = session.scalars(
        select(AuditEntry.details).where(AuditEntry.tag == "privacy:disclosure:deny")
    ).all()
    assert [d["reason"] for d in denials] == ["pending", "other_recipient", "revoked"]
    tags = session.scalars(
        select(AuditEntry.tag).where(AuditEntry.tag.like("privacy:perm%")).order_by(AuditEntry.seq)
    )
    assert list(tags) == [
        "privacy:permission:record",
        "privacy:permission:confirm",
        "privacy:permission:revoke",
    ]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"method": "telepathy"}, 422),
        ({"method": "photo_id_in_person", "note": "n" * 1001}, 422),
        ({}, 422),
    ],
)
def test_bad_console_input_is_refused(
    client: TestClient, session: Session, staffed: Staffed, data: dict[str, str], status: int
) -> None:
    review = make_review_request(session, staffed.agency)
    session.commit()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    page = f"/console/privacy/requests/{review.id}"
    response = _post(client, f"{page}/verify", data, page)
    assert response.status_code == status  # type: ignore[attr-defined]
    session.expire_all()
    assert session.get(ReviewRequest, review.id).status is ReviewStatus.RECEIVED  # type: ignore[union-attr]


@pytest.fixture
def agency_portal(db: Database, staffed: Staffed, tmp_path: Path) -> Iterator[TestClient]:
    """A client of an app whose public portal serves the staffed agency."""
    from casewarden.web.app import create_app

    settings = load_settings(
        data_dir=tmp_path / "var",
        secret_key=TEST_SECRET,
        encryption_keys=TEST_ENCRYPTION_KEYS,
        portal_agency_code=staffed.agency.code,
    )
    with TestClient(create_app(settings, database=db), follow_redirects=False) as client:
        yield client


def test_statistics_page_has_svg_charts_under_the_csp_and_publishes(
    agency_portal: TestClient, session: Session, staffed: Staffed
) -> None:
    client = agency_portal
    period = Period.containing(utcnow()).previous()
    start, _ = period.bounds
    for _n in range(14):
        make_visit(session, staffed.agency, when=start.replace(hour=20), page="/forms")
    for _n in range(3):
        make_visit(session, staffed.agency, when=start.replace(hour=21), page="/rare")
    session.commit()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    page = client.get(f"/console/privacy/statistics?period={period.key}")
    assert page.status_code == 200
    assert page.text.count("<svg") == 7
    assert 'role="img"' in page.text
    assert "<title" in page.text
    assert "<script" not in page.text
    assert " style=" not in page.text
    assert "chart-suppressed" in page.text  # the small "other pages" count
    assert "/rare" not in page.text  # folded into "Other pages"
    assert client.get("/console/privacy/statistics?period=2026-99").status_code == 422

    published = _post(
        client,
        "/console/privacy/statistics/publish",
        {"period": period.key},
        f"/console/privacy/statistics?period={period.key}",
    )
    assert published.status_code == 303  # type: ignore[attr-defined]
    public = client.get(f"/statistics/{period.key}")
    assert public.status_code == 200
    assert "/forms" in public.text
    assert "/rare" not in public.text
    csv_file = client.get(f"/es/statistics/{period.key}/pages_by_day.csv")
    assert csv_file.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_file.text)))
    assert rows[0][0] == "Página"
    assert rows[0][-1] == "Total"
    assert rows[1][0] == "/forms"
    assert rows[1][-1] in {"14", "*"}  # shown exactly, or hidden as a complement
    assert rows[2] == [
        "Otras páginas",
        *["*" if n == 0 else "0" for n in range(len(rows[2]) - 2)],
        "*",
    ]
    assert all(re.fullmatch(r"\d+|\*", cell) for row in rows[1:] for cell in row[1:])


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMIN])
def test_only_the_privacy_officer_publishes(
    client: TestClient, session: Session, staffed: Staffed, role: Role
) -> None:
    sign_in(client, staffed[role].username)
    page = client.get("/console/privacy/statistics")
    assert "/console/privacy/statistics/publish" not in page.text
    token = csrf_from(page)
    refused = client.post(
        "/console/privacy/statistics/publish",
        data={"period": Period.containing(utcnow()).previous().key, "csrf_token": token},
        headers=origin(client),
    )
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("corrections", {"finding_id": "abc", "field": "name", "requested_value": "x",
                         "decision": "made", "reason": "r"}),
        ("corrections", {"finding_id": "-1", "field": "name", "requested_value": "x",
                         "decision": "made", "reason": "r"}),
        ("corrections", {"finding_id": "9" * 30, "field": "name", "requested_value": "x",
                         "decision": "made", "reason": "r"}),
        ("permissions", {"recipient": "R", "purpose": "P" * 5, "evidence": "signed_written",
                         "granted_on": "yesterday"}),
        ("permissions", {"recipient": "<script>", "purpose": "x" * 2000,
                         "evidence": "signed_written", "granted_on": "2026-01-01"}),
        ("respond", {"response": "x" * 50_000, "method": "mail"}),
        ("respond", {"response": "A fine answer.", "method": "pigeon"}),
        ("permissions/abc/revoke", {}),
        ("permissions/1/disclose", {}),
    ],
)  # fmt: skip
def test_hostile_console_input_is_a_clear_4xx(
    client: TestClient, session: Session, staffed: Staffed, step: str, data: dict[str, str]
) -> None:
    review = make_review_request(session, staffed.agency, status=ReviewStatus.VERIFIED)
    session.commit()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    page = f"/console/privacy/requests/{review.id}"
    response = _post(client, f"{page}/{step}", data, page)
    assert 400 <= response.status_code < 500, response.status_code  # type: ignore[attr-defined]
    assert "<script>" not in response.text  # type: ignore[attr-defined]
    session.expire_all()
    stored = session.get(ReviewRequest, review.id)
    assert stored is not None
    assert (stored.response, stored.permissions, stored.corrections) == (None, [], [])


@pytest.mark.parametrize("period", ["", "2026", "<b>", "9999-99", "2026-10-01"])
def test_publishing_a_bad_period_is_refused(
    client: TestClient, staffed: Staffed, period: str
) -> None:
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    response = _post(
        client,
        "/console/privacy/statistics/publish",
        {"period": period},
        "/console/privacy/statistics",
    )
    assert response.status_code == 422  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("prefix", "totals", "download"),
    [("", "Page visits", "Download"), ("/es", "Visitas a páginas", "Descargar")],
)
def test_public_statistics_lead_with_totals_and_charts_then_tables_then_downloads(
    agency_portal: TestClient,
    session: Session,
    staffed: Staffed,
    prefix: str,
    totals: str,
    download: str,
) -> None:
    client = agency_portal
    period = Period.containing(utcnow()).previous()
    start, _ = period.bounds
    for _n in range(14):
        make_visit(session, staffed.agency, when=start.replace(hour=20), page="/forms")
    session.commit()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    page = f"/console/privacy/statistics?period={period.key}"
    _post(client, "/console/privacy/statistics/publish", {"period": period.key}, page)

    text = client.get(f"{prefix}/statistics/{period.key}").text
    headline = text.index('class="headline"')
    first_chart, first_table = text.index("<svg"), text.index("<table")
    last_table = text.rindex("</table>")
    csv_links = [m.start() for m in re.finditer(r'href="[^"]*\.csv', text)]
    assert headline < first_chart < first_table
    assert text.index(totals) < first_chart
    assert len(csv_links) == 6
    assert min(csv_links) > last_table
    assert text.rindex(download) > last_table
    assert " style=" not in text


def test_a_month_published_twice_keeps_both_publications(
    agency_portal: TestClient, session: Session, staffed: Staffed
) -> None:
    client = agency_portal
    period = Period.containing(utcnow()).previous()
    start, _ = period.bounds
    for _n in range(14):
        make_visit(session, staffed.agency, when=start.replace(hour=20), page="/forms")
    session.commit()
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    page = f"/console/privacy/statistics?period={period.key}"
    assert "Publish this month" in client.get(page).text
    first = _post(client, "/console/privacy/statistics/publish", {"period": period.key}, page)
    assert first.status_code == 303  # type: ignore[attr-defined]
    for _n in range(2):
        make_visit(session, staffed.agency, when=start.replace(hour=20), page="/forms")
    session.commit()
    assert "Publish a correction" in client.get(page).text
    second = _post(client, "/console/privacy/statistics/publish", {"period": period.key}, page)
    assert second.status_code == 303  # type: ignore[attr-defined]

    latest = client.get(f"/statistics/{period.key}").text
    assert "Publication 2, published" in latest
    assert "?publication=1" in latest
    earlier = client.get(f"/statistics/{period.key}/pages_by_day.csv?publication=1").text
    corrected = client.get(f"/statistics/{period.key}/pages_by_day.csv").text
    assert list(csv.reader(io.StringIO(earlier)))[-1][-1] == "14"
    assert list(csv.reader(io.StringIO(corrected)))[-1][-1] == "*"  # 16 - 14 = 2 hidden


def test_the_month_in_progress_cannot_be_published(
    agency_portal: TestClient, session: Session, staffed: Staffed
) -> None:
    client = agency_portal
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    current = Period.containing(utcnow()).key
    page = f"/console/privacy/statistics?period={current}"
    assert "This month has not ended" in client.get(page).text
    refused = _post(client, "/console/privacy/statistics/publish", {"period": current}, page)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert client.get(f"/statistics/{current}").status_code == 404
