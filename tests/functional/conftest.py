"""Fixtures for HTTP tests: an agency with one account per role."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.agencies.models import Agency
from tests.factories import TEST_ENCRYPTION_KEYS, make_agency, make_user


@dataclass
class Staffed:
    """An agency and one account of each role."""

    agency: Agency
    users: dict[Role, StaffUser]

    def __getitem__(self, role: Role) -> StaffUser:
        return self.users[role]


@pytest.fixture
def staffed(session: Session) -> Staffed:
    """An agency with an admin, supervisor, moderator, caseworker and privacy officer."""
    agency = make_agency(session)
    users = {role: make_user(session, agency, role=role) for role in Role}
    session.commit()
    return Staffed(agency, users)


@dataclass
class LiveServer:
    """casewarden served by uvicorn in a thread, on its own SQLite file."""

    url: str
    database: object
    settings: object


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(tmp_path: Path, *, run_worker: bool = False, **overrides: Any) -> Iterator[LiveServer]:
    """casewarden on a fresh migrated SQLite file, served by uvicorn in a thread."""
    import threading
    import time

    import uvicorn

    from casewarden.config import load_settings
    from casewarden.db.engine import create_database
    from casewarden.db.migrate import upgrade
    from casewarden.web.app import create_app
    from tests.conftest import TEST_SECRET

    settings = load_settings(
        data_dir=tmp_path / "var",
        secret_key=TEST_SECRET,
        encryption_keys=TEST_ENCRYPTION_KEYS,
        **overrides,
    )
    database = create_database(settings)
    upgrade(database)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, database=database, run_worker=run_worker),
            host="127.0.0.1",
            port=port,
            log_config=None,
            access_log=False,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("live server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", database=database, settings=settings)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        database.dispose()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A real HTTP server (for the browser): migrated, empty, stopped after the test."""
    with serving(tmp_path) as server:
        yield server


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A page in real headless Chromium; skipped (visibly) only when Chromium is absent."""
    if not CHROMIUM.exists():
        if os.environ.get("CASEWARDEN_TEST_REQUIRE_BROWSER") == "1":
            pytest.fail("CASEWARDEN_TEST_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("no Chromium at /usr/bin/chromium (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        yield page
        context.close()
        browser.close()
