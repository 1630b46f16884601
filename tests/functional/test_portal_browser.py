"""The public portal in real Chromium: cookies, download, outbound link, Spanish, discard."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.privacy import visits
from casewarden.privacy.models import ContactMessage, VisitKind, VisitRecord
from tests.conftest import TEST_SECRET
from tests.factories import PASSWORD, make_agency, make_user, totp_code
from tests.functional.conftest import LiveServer
from tests.privacy_factories import make_message, make_review_request, make_visit

pytestmark = pytest.mark.browser

EXTERNAL = "https://childsupport.ca.gov/"
SECRET = SecretStr(TEST_SECRET)
PAGES = [
    "/",
    "/services",
    "/privacy",
    "/comment-policy",
    "/accessibility",
    "/forms",
    "/forms/change-of-address/notice",
    "/contact",
    "/privacy/review",
    "/privacy/my-visits",
    "/privacy/choices",
    "/statistics",
]


def _database(live_server: LiveServer) -> Database:
    database = live_server.database
    assert isinstance(database, Database)
    return database


def _rows(live_server: LiveServer) -> list[VisitRecord]:
    with _database(live_server).transaction(Scope.system()) as session:
        rows = list(session.scalars(select(VisitRecord).order_by(VisitRecord.id)))
        session.expunge_all()
    return rows


def _no_internet(page: Any) -> None:
    """The outbound redirect's destination, answered locally: the test never leaves the machine."""
    page.context.route(
        f"{EXTERNAL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>outside</p>"),
    )


def test_browse_download_leave_switch_and_discard(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page
    _no_internet(page)
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "en"
    (cookie,) = page.context.cookies()
    assert cookie["name"] == "cw_visit"
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["expires"] == -1  # a session cookie
    ref = visits.session_ref(SECRET, cookie["value"])

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forms").click()
    page.wait_for_url(f"{live_server.url}/forms")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Change of address or employment").click()
    assert download.value.suggested_filename == "change-of-address.pdf"

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="California Department of Child Support Services").click()
    page.wait_for_url(EXTERNAL)
    assert page.inner_text("p") == "outside"

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(f"{live_server.url}/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Servicios de manutención de menores"
    )
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Formularios").click()
    page.wait_for_url(f"{live_server.url}/es/forms")  # the language holds without a cookie
    assert [c["name"] for c in page.context.cookies()] == ["cw_visit"]

    mine = [r for r in _rows(live_server) if r.session_ref == ref]
    assert {r.kind for r in mine} == {VisitKind.PAGE, VisitKind.DOWNLOAD, VisitKind.OUTBOUND}
    assert any(r.next_site == EXTERNAL for r in mine)
    assert any(r.form_downloaded == "change-of-address" for r in mine)

    page.get_by_role("contentinfo").get_by_role("link", name="Mi información de visitas").click()
    page.wait_for_url(f"{live_server.url}/es/privacy/my-visits")
    assert f"{len(mine)} registros de visitas están vinculados" in page.content()
    page.get_by_role("button", name="Descartar mi información de visitas").click()
    page.wait_for_url(f"{live_server.url}/es/privacy/my-visits/discard")
    assert "Esto no se puede deshacer." in page.get_by_role("note").inner_text()
    assert _rows(live_server) != []  # asked, not yet done
    page.get_by_role("button", name="Sí, descartarlos").click()
    page.wait_for_load_state()
    assert f"Se descartaron {len(mine)} registros" in page.get_by_role("status").inner_text()

    assert [r for r in _rows(live_server) if r.session_ref == ref] == []
    (new_cookie,) = page.context.cookies()
    assert new_cookie["value"] != cookie["value"]
    with _database(live_server).transaction(Scope.system()) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.tag == "privacy:visits:discard")
        ).one()
        assert entry.details == {"records": len(mine)}


def test_every_page_and_the_contact_form_work_with_cookies_refused(
    live_server: LiveServer, browser_page: Any
) -> None:
    page = browser_page

    # The requests go out through a separate HTTP client and come back without their
    # Set-Cookie headers: the browser is served exactly as one that refuses cookies.
    # (Playwright's own route.fetch() would store the cookie in the browser's jar, and an
    # httpx.Client in its own: each request here is a fresh one, remembering nothing.)

    def refuse_cookies(route: Any) -> None:
        request = route.request
        sent = {
            k: v
            for k, v in request.all_headers().items()
            if k.lower() not in {"host", "content-length", "cookie"} and not k.startswith(":")
        }
        response = httpx.request(
            request.method,
            request.url,
            headers=sent,
            content=request.post_data_buffer,
            follow_redirects=False,
        )
        kept = {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"}
        kept.pop("content-encoding", None)
        kept.pop("content-length", None)
        route.fulfill(status=response.status_code, headers=kept, body=response.content)

    page.context.route(f"{live_server.url}/**", refuse_cookies)
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
    page.goto(f"{live_server.url}/es/contact")
    page.get_by_label("Una pregunta general sobre la manutención de menores").check()
    page.get_by_label("Su mensaje").fill("¿A qué hora abre la oficina?")
    page.get_by_role("button", name="Enviar el mensaje").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mensaje enviado"
    assert page.context.cookies() == []
    with _database(live_server).transaction(Scope.system()) as session:
        assert session.scalar(select(func.count()).select_from(ContactMessage)) == 1
    refs = [r.session_ref for r in _rows(live_server)]
    assert len(refs) == len(set(refs))  # without the cookie, no two visits are linked


def test_global_privacy_control_is_honoured(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    page.set_extra_http_headers({"Sec-GPC": "1"})
    for path in ("/", "/forms", "/es/privacy"):
        page.goto(f"{live_server.url}{path}")
    assert "Global Privacy Control" in page.inner_text("footer")
    assert page.context.cookies() == []
    assert _rows(live_server) == []


WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def test_the_accessibility_check_can_fail(browser_page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    browser_page.set_content('<html><body><img src="x.png"><input></body></html>')
    assert Axe().run(browser_page, options=WCAG).violations_count >= 2


def test_the_pages_meet_wcag_2_1_aa(live_server: LiveServer, browser_page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser_page
    options = WCAG
    failures = {}
    for prefix in ("", "/es"):
        for path in PAGES:
            target = prefix + ("/" if path == "/" and prefix else path)
            page.goto(f"{live_server.url}{target}")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures[target] = results.generate_snapshot()
    assert failures == {}


def test_keyboard_users_skip_to_the_content(live_server: LiveServer, browser_page: Any) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/es/contact")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Saltar al contenido principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_privacy_console_meets_wcag_2_1_aa(live_server: LiveServer, browser_page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with _database(live_server).transaction(Scope.system()) as session:
        agency = make_agency(session)
        make_user(session, agency, role=Role.PRIVACY_OFFICER, username="browser.officer")
        for _ in range(12):
            make_visit(session, agency, page="/forms")
        make_visit(session, agency, page="/rare")
        settings = live_server.settings
        assert isinstance(settings, Settings)
        sealed_with = Keyring.parse(settings.encryption_keys.get_secret_value())
        review = make_review_request(
            session, agency, details="My visits, please", sealed_with=sealed_with
        )
        message = make_message(session, agency, sealed_with=sealed_with)
        paths = [
            "/console/privacy/statistics",
            "/console/privacy/requests",
            f"/console/privacy/requests/{review.id}",
            "/console/privacy/messages",
            f"/console/privacy/messages/{message.id}",
        ]
    page = browser_page
    page.goto(f"{live_server.url}/console/login")
    page.get_by_label("Username").fill("browser.officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/login/second-factor**")
    page.get_by_label("Code").fill(totp_code(page, "browser.officer"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/console/")
    failures = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        results = Axe().run(page, options=WCAG)
        if results.violations_count:
            failures[path] = results.generate_snapshot()
    assert failures == {}
