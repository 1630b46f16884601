"""The review queue in real Chromium: live rows, the keyboard, a colleague's open comment marked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from casewarden.accounts.models import StaffUser
from casewarden.agencies.models import Agency
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.platforms.fake_graph import FakeGraphServer
from tests.factories import PASSWORD, make_agency, make_user, totp_code
from tests.functional.conftest import LiveServer, serving
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery, signed

pytestmark = pytest.mark.browser

MODERATOR = "queue.moderator"
COLLEAGUE = "queue.colleague"
#: Both widths the issue judges every screen at.
VIEWPORTS = {"desktop": (1366, 768), "phone": (390, 844)}


@pytest.fixture
def running(tmp_path: Path) -> Iterator[LiveServer]:
    """A server with its worker, acting on a fake Graph server, with one moderator."""
    with (
        FakeGraphServer() as graph,
        serving(
            tmp_path, run_worker=True, platform_adapter="meta", meta_graph_url=graph.url
        ) as server,
    ):
        database = server.database
        assert isinstance(database, Database)
        keyring = Keyring.parse(server.settings.encryption_keys.get_secret_value())  # type: ignore[attr-defined]
        with database.transaction(Scope.system()) as session:
            agency = make_agency(session)
            make_page(session, agency, keyring)
            make_user(session, agency, username=MODERATOR)
        yield server


def _deliver(server: LiveServer, *changes: dict[str, Any]) -> None:
    secret = server.settings.meta_app_secret.get_secret_value()  # type: ignore[attr-defined]
    body, headers = signed(page_delivery(*changes), secret)
    response = httpx.post(f"{server.url}/webhooks/meta", content=body, headers=headers, timeout=10)
    assert response.status_code == 200


def _sign_in(page: Any, server: LiveServer, *, username: str = MODERATOR) -> None:
    page.goto(f"{server.url}/console/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/login/second-factor**")
    page.get_by_label("Code").fill(totp_code(page, username))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/console/")


def _screenshots(page: Any, directory: Path, name: str) -> None:
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(directory / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


def test_a_delivery_appears_in_the_open_queue_and_the_keyboard_clears_it(
    running: LiveServer, browser_page: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    _deliver(running, feed_change("c-first", "my ssn is 536-22-4187 please fix my case"))
    _sign_in(page, running)
    page.goto(f"{running.url}/console/moderation")
    rows = page.locator("#queue-rows tr.queue-row")
    expect(rows).to_have_count(1, timeout=15000)

    # Applying with nothing chosen is explained in place, by the bar above the list.
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#bulk-error")).to_have_text(re.compile("^Choose at least one comment"))
    assert page.url == f"{running.url}/console/moderation"
    page.get_by_label("Select all on this page").check()
    assert page.locator("input[name='comment_ids']:checked").count() == 1

    # A delivery while the page is open: the list says "1 new — show", and the row appears.
    _deliver(running, feed_change("c-second", "what the fuck is wrong with this office"))
    notice = page.get_by_role("link", name="1 new — show")
    expect(notice).to_be_visible(timeout=30000)
    _screenshots(page, tmp_path, "queue-new")
    notice.click()
    expect(rows).to_have_count(2)
    expect(page.locator("#queue-rows")).to_contain_text("what the fuck is wrong")
    expect(page.locator("#new-comments")).to_be_empty()
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1

    # Keyboard only: j to the first comment, Enter to open it, c keeps it hidden and the next opens.
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/console/moderation/comments/\d+$"))
    first_id = page.url.rsplit("/", 1)[1]
    _screenshots(page, tmp_path, "comment")
    page.keyboard.press("c")
    page.wait_for_url(re.compile(rf"/comments/\d+\?notice=confirm&decided={first_id}$"))
    expect(page.get_by_role("status")).to_contain_text(f"Comment #{first_id}: Kept hidden.")
    page.keyboard.press("c")
    page.wait_for_url(re.compile(r"notice=confirm"))
    expect(page.get_by_role("status")).to_have_text("Kept hidden.")
    page.goto(f"{running.url}/console/moderation")
    expect(page.locator("#open-count")).to_have_text("0", timeout=15000)
    expect(page.locator("#queue-rows")).to_have_text("Nothing here.")


def test_a_second_moderator_sees_the_comment_marked_as_open_with_the_first(
    running: LiveServer, browser_page: Any
) -> None:
    from playwright.sync_api import expect

    database = running.database
    assert isinstance(database, Database)
    with database.transaction(Scope.system()) as session:
        first = session.scalars(select(StaffUser).where(StaffUser.username == MODERATOR)).one()
        make_user(session, session.get_one(Agency, first.agency_id), username=COLLEAGUE)
        holder = first.display_name
    _deliver(running, feed_change("c-open", "my ssn is 536-22-4187 please fix my case"))
    page = browser_page
    _sign_in(page, running)
    page.goto(f"{running.url}/console/moderation")
    page.locator("a.open-comment").first.click()
    page.wait_for_url(re.compile(r"/console/moderation/comments/\d+$"))
    expect(page.locator("#claim")).to_contain_text("Open with you")
    comment_url = page.url

    # The colleague, in a browser of their own, sees it marked in the queue and on its page.
    other = page.context.browser.new_context().new_page()
    _sign_in(other, running, username=COLLEAGUE)
    other.goto(f"{running.url}/console/moderation")
    expect(other.locator("#queue-rows .badge.claimed")).to_have_text(f"Open with {holder}")
    other.goto(comment_url)
    expect(other.locator("#claim")).to_contain_text(f"Open with {holder} until")
    expect(other.get_by_role("button", name="Keep hidden")).to_have_count(0)
    other.context.close()


def test_a_moderator_clears_a_queue_of_thirty_with_the_keyboard_alone(
    running: LiveServer, browser_page: Any
) -> None:
    """Issue 19's day: thirty hidden comments, keys only; a rule-1 restore becomes a request."""
    from playwright.sync_api import expect

    from casewarden.audit.models import AuditEntry
    from casewarden.moderation.models import Comment, ReviewState

    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    # Thirty disclosures (rule 1): each is hidden by the worker as it arrives.
    _deliver(
        running,
        *(
            feed_change(f"c-day-{n:02d}", f"my ssn is 536-22-{4100 + n} please call me back")
            for n in range(30)
        ),
    )
    _sign_in(page, running)
    page.goto(f"{running.url}/console/moderation")
    expect(page.locator("#queue-rows tr.queue-row")).to_have_count(30, timeout=30000)

    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/console/moderation/comments/\d+$"))
    # The first comment: the moderator thinks the hide wrong and asks, with "u", for a restore.
    asked = int(page.url.rsplit("/", 1)[1])
    page.keyboard.press("u")
    page.wait_for_url(re.compile(rf"decided={asked}"))
    # The other twenty-nine: "c" keeps each hidden and the next one opens.
    for _ in range(29):
        before = page.url
        page.keyboard.press("c")
        page.wait_for_url(lambda url, before=before: url != before)
    expect(page.get_by_role("status")).to_have_text("Kept hidden.")

    database = running.database
    assert isinstance(database, Database)
    with database.transaction(Scope.system()) as session:
        states = {c.id: c.review_state for c in session.scalars(select(Comment))}
        tags = list(session.scalars(select(AuditEntry.tag)))
    assert len(states) == 30
    assert states.pop(asked) is ReviewState.ESCALATED  # a request to the supervisors
    assert set(states.values()) == {ReviewState.CONFIRMED}
    assert tags.count("moderation:comment:restore_request") == 1
    assert tags.count("moderation:comment:confirm") == 29
