"""Every console page as every role, and every portal page: no sideways scroll, WCAG 2.1 AA.

One browser; one signed-in session per role; each page measured at both widths by resizing
the same page, in English and Spanish (the console follows Accept-Language, the portal /es/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.functional.browser_walk import (
    PORTAL_PAGES,
    VIEWPORTS,
    AgencyDay,
    agency_day,
    sign_in,
)
from tests.functional.conftest import LiveServer
from tests.functional.test_console_words import console_screens

pytestmark = pytest.mark.browser

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
#: Widest the document may be beyond the window: none.
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def day(tmp_path: Path) -> Iterator[AgencyDay]:
    with agency_day(tmp_path) as seeded:
        yield seeded


def _overflow(page: Any) -> dict[str, int]:
    """How far the page scrolls sideways at each width (0 where it does not)."""
    wider = {}
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        excess = int(page.evaluate(OVERFLOW))
        if excess > 0:
            wider[label] = excess
    return wider


def test_the_overflow_check_can_fail(browser_page: Any) -> None:
    browser_page.set_content('<body style="margin:0"><p style="width:900px">wide</p></body>')
    assert _overflow(browser_page) == {"phone": 900 - 390}


def test_no_console_page_scrolls_sideways_and_each_meets_wcag(
    day: AgencyDay, browser_page: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser_page
    url = day.server.url
    paths = [p for p in console_screens() if p != "/console/moderation/count"] + day.records
    overflowing: dict[str, dict[str, int]] = {}
    inaccessible: dict[str, str] = {}
    opened = 0
    # axe runs on every page as every role in English, and on each page once in Spanish: what
    # a role adds (its buttons and links) is the same markup in both languages, and axe is
    # most of this walk's time. Every page is measured for overflow as every role in both.
    checked_in: set[tuple[str, str]] = set()
    for role, username in day.usernames.items():
        sign_in(page, url, username)
        for language in ("en", "es"):
            page.set_extra_http_headers({"Accept-Language": language})
            for path in paths:
                response = page.goto(f"{url}{path}")
                assert response is not None
                if response.status != 200 or "text/html" not in response.headers.get(
                    "content-type", ""
                ):
                    continue
                opened += 1
                where = f"{role} {language} {path}"
                if wider := _overflow(page):
                    overflowing[where] = wider
                if language != "en" and (language, path) in checked_in:
                    continue
                checked_in.add((language, path))
                page.set_viewport_size({"width": 1366, "height": 768})
                results = axe.run(page, options=WCAG)
                if results.violations_count:
                    inaccessible[where] = results.generate_snapshot()
    assert overflowing == {}
    assert inaccessible == {}
    assert opened >= 60


def test_no_portal_page_scrolls_sideways_and_each_meets_wcag(
    day: AgencyDay, browser_page: Any
) -> None:
    """With a published month, so the statistics page has its totals, charts and tables."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser_page
    overflowing, inaccessible = {}, {}
    for prefix in ("", "/es"):
        for path in [*PORTAL_PAGES, f"/statistics/{day.published}"]:
            target = prefix + ("/" if path == "/" and prefix else path)
            response = page.goto(f"{day.server.url}{target}")
            assert response is not None
            assert response.status == 200, target
            if wider := _overflow(page):
                overflowing[target] = wider
            page.set_viewport_size({"width": 1366, "height": 768})
            results = axe.run(page, options=WCAG)
            if results.violations_count:
                inaccessible[target] = results.generate_snapshot()
    assert overflowing == {}
    assert inaccessible == {}


@pytest.mark.parametrize(
    ("prefix", "full_notice"), [("", "Read the full"), ("/es", "Lea el aviso")]
)
def test_the_contact_form_is_near_the_top_with_its_full_notice_one_click_away(
    live_server: LiveServer, browser_page: Any, prefix: str, full_notice: str
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/contact")
    form_top = page.locator("form.stack").bounding_box()
    assert form_top is not None
    assert form_top["y"] < 844 * 1.5  # within a screen and a half of scrolling
    purposes = "Leer y responder a su pregunta" if prefix else "To read and answer your question"
    summary = page.locator(".notice-at-collection > p").first
    expect(summary).to_contain_text(purposes)  # the summary says why, before the form
    official = page.locator(".notice-at-collection dl")
    expect(official).to_be_hidden()
    page.get_by_text(full_notice).click()
    expect(official).to_be_visible()
