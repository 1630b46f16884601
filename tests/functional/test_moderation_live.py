"""The issue's "done when": a signed delivery to a running server gets the comment hidden.

A real ``casewarden serve`` (uvicorn, worker inside) receives signed deliveries over HTTP
and acts on the fake Graph server over HTTP. Timing is measured by the benchmark, not here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from tests.factories import make_agency, make_user, sign_in
from tests.functional.conftest import LiveServer, serving
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery, signed

pytestmark = pytest.mark.slow

CASE_NUMBER = "They keep ignoring me, my case number is 2019-FL-004512"
CRITICISM = "This department is incompetent and the system is rigged against fathers."
QUESTION = "How do I request a review of my order? What forms do I need?"


@pytest.fixture
def graph() -> Iterator[tuple[FakeGraph, str]]:
    with FakeGraphServer() as server:
        yield server.graph, server.url


@pytest.fixture
def running(tmp_path: Path, graph: tuple[FakeGraph, str]) -> Iterator[LiveServer]:
    with serving(
        tmp_path, run_worker=True, platform_adapter="meta", meta_graph_url=graph[1]
    ) as server:
        database = server.database
        assert isinstance(database, Database)
        keyring = Keyring.parse(server.settings.encryption_keys.get_secret_value())  # type: ignore[attr-defined]
        with database.transaction(Scope.system()) as session:
            agency = make_agency(session)
            make_page(session, agency, keyring)
            make_user(session, agency, username="moderator.one")
        yield server


def _wait_for(predicate: object, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_signed_case_number_is_hidden_and_queued_criticism_stays(
    running: LiveServer, graph: tuple[FakeGraph, str]
) -> None:
    fake = graph[0]
    secret = running.settings.meta_app_secret.get_secret_value()  # type: ignore[attr-defined]
    body, headers = signed(
        page_delivery(
            feed_change("c-case", CASE_NUMBER),
            feed_change("c-critic", CRITICISM),
            feed_change("c-question", QUESTION),
        ),
        secret,
    )
    response = httpx.post(f"{running.url}/webhooks/meta", content=body, headers=headers, timeout=10)
    assert (response.status_code, response.text) == (200, "EVENT_RECEIVED")
    assert _wait_for(lambda: fake.calls_for("hide"))
    time.sleep(0.5)  # let the other two comments be decided too
    assert [call.object_id for call in fake.calls_for("hide")] == ["c-case"]

    with httpx.Client(base_url=running.url, follow_redirects=False, timeout=10) as client:
        from fastapi.testclient import TestClient  # noqa: F401 - sign_in only needs get/post

        assert sign_in(client, "moderator.one").status_code == 303  # type: ignore[arg-type]
        queue = client.get("/console/moderation").text
    assert "2019-FL-004512" in queue  # shown (escaped) to moderators, with the finding marked
    assert "<mark" in queue
    assert "Family Code § 17212" in queue
    assert "incompetent" not in queue
    assert "request a review" not in queue
