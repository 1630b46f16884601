"""Signing in through real Chromium, driven by Playwright."""

from __future__ import annotations

from typing import Any

import pytest

from casewarden.accounts.roles import Role
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from tests.factories import PASSWORD, make_agency, make_user, totp_code
from tests.functional.conftest import LiveServer

pytestmark = pytest.mark.browser


def test_sign_in_with_keyboard_and_see_the_dashboard(
    live_server: LiveServer, browser_page: Any
) -> None:
    database = live_server.database
    assert isinstance(database, Database)
    with database.transaction(Scope.system()) as session:
        user = make_user(session, make_agency(session), role=Role.ADMIN, username="browser.admin")
        display_name = user.display_name

    page = browser_page
    page.goto(f"{live_server.url}/console/")
    assert "/console/login" in page.url

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    page.get_by_label("Username").fill("browser.admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/login/second-factor**")
    page.get_by_label("Code").fill(totp_code(page, "browser.admin"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/console/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Welcome, {display_name}"
    assert page.get_by_role("navigation", name="Main").is_visible()

    cookies = page.context.cookies()
    (session_cookie,) = [c for c in cookies if c["name"] == "cw_session"]
    assert session_cookie["httpOnly"] is True
    assert session_cookie["sameSite"] == "Lax"

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/console/login?notice=signed_out")
    assert page.get_by_role("status").inner_text() == "You have signed out."
