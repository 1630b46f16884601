"""Every platform adapter keeps the same contract; the Graph client retries the way Meta asks."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from casewarden.platforms.console import ConsoleAdapter
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from casewarden.platforms.interfaces import (
    PageRef,
    Platform,
    PlatformAdapter,
    PlatformRejected,
    PlatformUnavailable,
)
from casewarden.platforms.meta import GraphClient

FB = PageRef(Platform.FACEBOOK, "1001", "page-token-1")
IG = PageRef(Platform.INSTAGRAM, "17841", "ig-token-1")


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeGraphServer]:
    with FakeGraphServer() as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeGraphServer) -> FakeGraph:
    fake_server.graph.reset()
    return fake_server.graph


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def graph(
    fake_server: FakeGraphServer, fake: FakeGraph, sleeps: list[float]
) -> Iterator[GraphClient]:
    with httpx.Client(timeout=5) as http:
        yield GraphClient(
            http,
            base_url=fake_server.url,
            app_secret="s" * 32,
            backoff_seconds=0.01,
            sleep=sleeps.append,
        )


@pytest.fixture(params=["console", "meta"])
def adapter(request: pytest.FixtureRequest, graph: GraphClient) -> PlatformAdapter:
    return ConsoleAdapter() if request.param == "console" else graph


def test_contract_hide_then_unhide(adapter: PlatformAdapter) -> None:
    adapter.hide_comment(FB, "c-1")
    assert adapter.comment_is_hidden(FB, "c-1") is True
    adapter.unhide_comment(FB, "c-1")
    assert adapter.comment_is_hidden(FB, "c-1") is False


def test_contract_publish_and_reply_return_ids(adapter: PlatformAdapter) -> None:
    assert adapter.publish_post(FB, "Office closed Monday for the holiday.")
    assert adapter.reply_to_comment(FB, "c-2", "Thanks for asking — see our website.")


def test_contract_has_no_way_to_reach_a_person(adapter: PlatformAdapter) -> None:
    for forbidden in ("follow", "friend", "like", "send_message", "message_person", "tag_person"):
        assert not any(forbidden in name for name in dir(adapter)), forbidden


def test_graph_hide_is_the_documented_call(graph: GraphClient, fake: FakeGraph) -> None:
    graph.hide_comment(FB, "123_456")
    (call,) = fake.calls_for("hide")
    assert (call.method, call.object_id, call.params["is_hidden"]) == ("POST", "123_456", "true")
    graph.delete_comment(FB, "123_456")
    assert fake.calls_for("delete")[0].method == "DELETE"


def test_instagram_hides_with_hide_true(graph: GraphClient, fake: FakeGraph) -> None:
    graph.hide_comment(IG, "1789")
    (call,) = fake.calls_for("hide")
    assert call.params == {"hide": "true"}


def test_token_is_not_in_the_url_and_proof_is_sent(fake_server: FakeGraphServer) -> None:
    seen: list[httpx.Request] = []
    with httpx.Client(event_hooks={"request": [seen.append]}, timeout=5) as http:
        GraphClient(http, base_url=fake_server.url, app_secret="s" * 32).hide_comment(FB, "9")
    (request,) = seen
    assert "page-token-1" not in str(request.url)
    assert request.headers["authorization"] == "Bearer page-token-1"
    assert "appsecret_proof" in request.url.params


@pytest.mark.parametrize(
    ("failure", "expected_sleep"),
    [
        ({"status": 500}, None),
        ({"status": 503}, None),
        ({"status": 429, "retry_after": 7}, 7.0),
        ({"status": 400, "code": 613}, None),  # Graph: calls within one hour exceeded
        ({"status": 400, "code": 32}, None),  # page request limit
    ],
)
def test_transient_failures_are_retried(
    graph: GraphClient,
    fake: FakeGraph,
    sleeps: list[float],
    failure: dict[str, int],
    expected_sleep: float | None,
) -> None:
    fake.fail_next(
        2, failure["status"], code=failure.get("code"), retry_after=failure.get("retry_after")
    )
    graph.hide_comment(FB, "c-9")
    assert len(fake.calls_for("failed")) == 2
    assert len(fake.calls_for("hide")) == 1
    assert len(sleeps) == 2
    if expected_sleep is not None:
        assert sleeps == [expected_sleep, expected_sleep]
    else:
        assert sleeps[1] > sleeps[0] > 0  # exponential backoff


def test_giving_up_after_the_last_attempt(graph: GraphClient, fake: FakeGraph) -> None:
    fake.fail_next(10, 500)
    with pytest.raises(PlatformUnavailable):
        graph.hide_comment(FB, "c-10")
    assert len(fake.calls_for("failed")) == graph.max_attempts


def test_a_bad_token_is_rejected_without_retry(
    graph: GraphClient, fake: FakeGraph, sleeps: list[float]
) -> None:
    fake.tokens = {"some-other-token"}
    with pytest.raises(PlatformRejected) as caught:
        graph.hide_comment(FB, "c-11")
    assert caught.value.code == 190
    assert sleeps == []


def test_unreachable_graph_is_unavailable() -> None:
    with httpx.Client(timeout=0.5) as http:
        client = GraphClient(
            http, base_url="http://127.0.0.1:9/v21.0", max_attempts=2, sleep=lambda _s: None
        )
        with pytest.raises(PlatformUnavailable, match="unreachable"):
            client.hide_comment(FB, "c-12")


def test_page_ref_repr_hides_the_token() -> None:
    assert "page-token-1" not in repr(FB)


@pytest.mark.parametrize(
    ("usage", "paced"), [(None, False), (50, False), (89, False), (95, True), (100, True)]
)
def test_calls_slow_down_when_meta_reports_the_budget_nearly_spent(
    graph: GraphClient, fake: FakeGraph, sleeps: list[float], usage: int | None, paced: bool
) -> None:
    fake.app_usage = usage
    graph.hide_comment(FB, "c-20")
    graph.hide_comment(FB, "c-21")
    assert len(fake.calls_for("hide")) == 2  # slower, never dropped
    assert bool(sleeps) is paced
