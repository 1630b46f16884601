"""A process runtime on the test database, acting on the local fake Graph server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.moderation.intake import receive
from casewarden.moderation.webhook import parse_delivery
from casewarden.pages.models import AgencyPage
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from casewarden.platforms.meta import GraphClient
from casewarden.process.runtime import ProcessRuntime
from tests.factories import make_agency
from tests.moderation_factories import make_page
from tests.moderation_payloads import page_delivery


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeGraphServer]:
    with FakeGraphServer() as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeGraphServer) -> FakeGraph:
    fake_server.graph.reset()
    return fake_server.graph


@pytest.fixture
def runtime(
    settings: Settings, db: Database, fake_server: FakeGraphServer, fake: FakeGraph
) -> Iterator[ProcessRuntime]:
    with httpx.Client(timeout=5) as http:
        adapter = GraphClient(
            http, base_url=fake_server.url, backoff_seconds=0.01, sleep=lambda _s: None
        )
        yield ProcessRuntime.build(settings, db, adapter)


@pytest.fixture
def page(session: Session, runtime: ProcessRuntime) -> AgencyPage:
    page = make_page(session, make_agency(session), runtime.keyring)
    session.commit()
    return page


def deliver(session: Session, runtime: ProcessRuntime, *changes: dict[str, Any]) -> None:
    """Store a delivery as the webhook would, committed."""
    receive(
        session=session,
        keyring=runtime.keyring,
        secret=runtime.settings.secret_key,
        delivery=parse_delivery(page_delivery(*changes)),
    )
    session.commit()
