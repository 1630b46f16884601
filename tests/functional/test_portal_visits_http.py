"""Visit records from real requests: permitted fields, downloads, outbound links, discard."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.config import Settings
from casewarden.privacy import visits
from casewarden.privacy.models import VisitKind, VisitRecord
from tests.factories import csrf_from, origin

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _rows(session: Session) -> list[VisitRecord]:
    session.expire_all()
    return list(session.scalars(select(VisitRecord).order_by(VisitRecord.id)))


def _tag(client: TestClient) -> str:
    tag = client.cookies.get("cw_visit")
    assert tag, "the browser holds no tag"
    return tag


def test_a_page_view_records_only_permitted_values(
    client: TestClient, session: Session, settings: Settings
) -> None:
    client.get(
        "/es/forms?casenumber=2019FL774412&email=rosa@example.org",
        headers={"User-Agent": FIREFOX, "Referer": "https://www.google.com/search?q=rosa+diaz"},
    )
    (row,) = _rows(session)
    assert row.kind is VisitKind.PAGE
    assert row.page == "/forms"
    assert row.referrer_site == "www.google.com"
    assert (row.browser, row.os) == ("Firefox", "Linux")
    assert row.session_ref == visits.session_ref(settings.secret_key, _tag(client))
    assert row.session_ref != _tag(client)
    assert (row.client_ip, row.client_network) == (None, "unknown")  # the test client's "host"
    assert row.next_site is None
    assert row.form_downloaded is None
    texts = [getattr(row, c.key) for c in VisitRecord.__table__.columns]
    stored = repr([value for value in texts if isinstance(value, str)])
    # Distinctive values: a keyed hash in hex could contain a short number by chance.
    for leaked in ("rosa", "casenumber", "2019FL774412", "Gecko", "/es/"):
        assert leaked not in stored


def test_internal_navigation_is_not_a_referrer(client: TestClient, session: Session) -> None:
    client.get("/forms", headers={"Referer": "http://testserver/"})
    assert _rows(session)[-1].referrer_site is None


def test_downloads_are_recorded_by_form(client: TestClient, session: Session) -> None:
    english = client.get("/forms/change-of-address/download")
    spanish = client.get("/es/forms/change-of-address/download")
    assert english.headers["content-type"] == "application/pdf"
    assert 'filename="change-of-address.pdf"' in english.headers["content-disposition"]
    assert spanish.content.startswith(b"%PDF-")
    assert spanish.content != english.content
    rows = _rows(session)
    assert [(r.kind, r.form_downloaded, r.page) for r in rows] == [
        (VisitKind.DOWNLOAD, "change-of-address", "/forms/change-of-address/download"),
        (VisitKind.DOWNLOAD, "change-of-address", "/forms/change-of-address/download"),
    ]


def test_outbound_links_record_the_next_site_and_go_only_to_listed_sites(
    client: TestClient, session: Session
) -> None:
    response = client.get("/out/dcss")
    assert response.status_code == 303
    assert response.headers["location"] == "https://childsupport.ca.gov/"
    (row,) = _rows(session)
    assert (row.kind, row.next_site, row.page) == (
        VisitKind.OUTBOUND,
        "https://childsupport.ca.gov/",
        "/out/dcss",
    )
    for slug in ("evil", "https:%2F%2Fevil.example", "dcss%0d%0aSet-Cookie:x=1"):
        refused = client.get(f"/out/{slug}")
        assert refused.status_code == 404
        assert "location" not in refused.headers
    assert len(_rows(session)) == 1


def test_discard_removes_this_browsers_visits_only(
    client: TestClient, app: object, session: Session, settings: Settings
) -> None:
    from fastapi import FastAPI

    assert isinstance(app, FastAPI)
    with TestClient(app, follow_redirects=False) as other:
        other.get("/")
        other.get("/services")
    for page in ("/", "/forms", "/privacy"):
        client.get(page)
    client.get("/out/dcss")
    client.get("/forms/change-of-address/download")
    mine = visits.session_ref(settings.secret_key, _tag(client))
    assert sum(r.session_ref == mine for r in _rows(session)) == 5

    page = client.get("/privacy/my-visits")
    assert "5 visit records are linked to this browser." in page.text
    assert " ".join(visits.reference_groups(mine)) in page.text
    assert page.text.count("<tr>") == 6  # heading row and five visits: only this browser's
    before = _rows(session)

    token = csrf_from(page)
    old_tag = _tag(client)
    done = client.post(
        "/privacy/my-visits/discard",
        data={"csrf_token": token, "confirmed": "yes"},
        headers=origin(client),
    )
    assert done.status_code == 200
    assert "5 visit records were discarded" in done.text
    after = _rows(session)
    assert [r for r in after if r.session_ref == mine] == []
    assert len(after) == len(before) - 5  # the other browser's two visits stay
    assert _tag(client) != old_tag  # a new tag: nothing later is linked to the old one
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:visits:discard")
    ).one()
    assert entry.details == {"records": 5}
    assert entry.actor_type == "public"


def test_my_visits_without_a_tag_explains(client: TestClient) -> None:
    client.cookies.clear()
    page = client.get("/privacy/my-visits", headers={"Sec-GPC": "1"})
    assert "does not hold a tag" in page.text
    assert "/privacy/my-visits/discard" not in page.text


def test_a_forged_tag_finds_nothing(client: TestClient, session: Session) -> None:
    client.get("/")
    client.cookies.clear()
    client.cookies.set("cw_visit", "A" * 43)
    page = client.get("/privacy/my-visits")
    assert "0 visit records are linked" in page.text


def test_discard_without_a_tag_removes_nothing(client: TestClient, session: Session) -> None:
    client.get("/")
    before = len(_rows(session))
    client.cookies.clear()
    token = csrf_from(client.get("/contact", headers={"DNT": "1"}))  # the page offers no button
    done = client.post(
        "/privacy/my-visits/discard",
        data={"csrf_token": token, "confirmed": "yes"},
        headers={**origin(client), "DNT": "1"},
    )
    assert done.status_code == 200
    assert "0 visit records were discarded" in done.text
    assert len(_rows(session)) == before


@pytest.mark.parametrize(
    ("prefix", "warning", "cancel"),
    [
        ("", "This cannot be undone.", "Cancel, keep them"),
        ("/es", "Esto no se puede deshacer.", "Cancelar y conservarlos"),
    ],
)
def test_discarding_asks_first_and_says_what_cannot_be_undone(
    client: TestClient, session: Session, prefix: str, warning: str, cancel: str
) -> None:
    for page in ("/", "/forms"):
        client.get(page)
    before = len(_rows(session))
    token = csrf_from(client.get(f"{prefix}/privacy/my-visits"))
    asked = client.post(
        f"{prefix}/privacy/my-visits/discard", data={"csrf_token": token}, headers=origin(client)
    )
    assert asked.status_code == 200
    assert warning in asked.text
    assert "2" in asked.text  # how many records would go
    assert 'name="confirmed" value="yes"' in asked.text
    assert cancel in asked.text
    assert len(_rows(session)) == before
