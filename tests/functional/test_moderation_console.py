"""The review queue: reasons, escaped text, decisions carried out on the platform, bulk, count."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.moderation.models import Comment, CommentStatus, ReviewState
from casewarden.moderation.runtime import ModerationRuntime
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from casewarden.platforms.meta import GraphClient
from tests.factories import csrf_from, make_agency, make_user, post_form, sign_in
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

XSS = "<script>alert('x')</script> my ssn is 536-22-4187"


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeGraphServer]:
    with FakeGraphServer() as server:
        yield server


@pytest.fixture
def fake(fake_server: FakeGraphServer) -> FakeGraph:
    fake_server.graph.reset()
    return fake_server.graph


@pytest.fixture
def graph_app(
    settings: Settings, db: Database, fake_server: FakeGraphServer, fake: FakeGraph
) -> Iterator[FastAPI]:
    from casewarden.web.app import create_app

    with httpx.Client(timeout=5) as http:
        adapter = GraphClient(
            http, base_url=fake_server.url, backoff_seconds=0.01, sleep=lambda _s: None
        )
        yield create_app(settings, database=db, adapter=adapter)


@pytest.fixture
def web(graph_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(graph_app, base_url="http://testserver", follow_redirects=False) as client:
        yield client


@pytest.fixture
def moderated(graph_app: FastAPI, session: Session, fake: FakeGraph) -> dict[str, Comment]:
    """Three comments through the real pipeline: one hidden, one flagged for review, one fine."""
    runtime: ModerationRuntime = graph_app.state.moderation
    agency = make_agency(session)
    make_page(session, agency, runtime.keyring)
    for role, name in (
        (Role.PAGE_MODERATOR, "mod.one"),
        (Role.SUPERVISOR, "sup.one"),
        (Role.CASEWORKER, "cw.one"),
    ):
        make_user(session, agency, role=role, username=name)
    session.commit()
    deliver(
        session,
        runtime,
        feed_change("c-hidden", XSS),
        feed_change("c-fine", "This agency is slow and unfair, fix it!"),
    )
    runtime.worker().drain()
    fake.reset()
    session.expire_all()
    return {c.external_id: c for c in session.scalars(select(Comment))}


def test_the_queue_shows_the_reason_and_escapes_the_text(
    web: TestClient, moderated: dict[str, Comment]
) -> None:
    sign_in(web, "mod.one")
    page = web.get("/console/moderation").text
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    assert re.search(r"<mark title=\"US_SSN\">536-22-4187</mark>", page)
    assert "Family Code § 17212" in page
    assert "slow and unfair" not in page  # criticism was left alone, not queued


def test_the_count_is_json_for_the_live_counter(
    web: TestClient, moderated: dict[str, Comment]
) -> None:
    sign_in(web, "mod.one")
    response = web.get("/console/moderation/count")
    assert response.json() == {"open": 1}
    assert response.headers["cache-control"] == "no-store"


def test_restore_unhides_on_the_platform_and_is_audited(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-hidden"]
    sign_in(web, "mod.one")
    response = post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        {"verdict": "restore"},
        page=f"/console/moderation/comments/{comment.id}",
    )
    assert "notice=restore" in response.headers["location"]
    assert [c.object_id for c in fake.calls_for("unhide")] == ["c-hidden"]
    session.expire_all()
    assert session.get(Comment, comment.id).status is CommentStatus.VISIBLE  # type: ignore[union-attr]
    tags = list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))
    assert "moderation:comment:unhide" in tags
    assert "moderation:comment:view" in tags


def test_confirm_keeps_it_hidden(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-hidden"]
    sign_in(web, "mod.one")
    post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        {"verdict": "confirm"},
        page=f"/console/moderation/comments/{comment.id}",
    )
    session.expire_all()
    refreshed = session.get(Comment, comment.id)
    assert refreshed is not None
    assert (refreshed.status, refreshed.review_state) == (
        CommentStatus.HIDDEN,
        ReviewState.CONFIRMED,
    )
    assert fake.calls == []


def test_delete_needs_a_supervisor(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-hidden"]
    sign_in(web, "mod.one")
    refused = post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        {"verdict": "delete"},
        page=f"/console/moderation/comments/{comment.id}",
    )
    assert refused.status_code == 403
    assert fake.calls_for("delete") == []
    web.cookies.clear()
    sign_in(web, "sup.one")
    post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        {"verdict": "delete"},
        page=f"/console/moderation/comments/{comment.id}",
    )
    assert [c.object_id for c in fake.calls_for("delete")] == ["c-hidden"]
    session.expire_all()
    assert session.get(Comment, comment.id).status is CommentStatus.DELETED  # type: ignore[union-attr]


def test_escalate_then_bulk_confirm(
    web: TestClient, moderated: dict[str, Comment], session: Session
) -> None:
    comment = moderated["c-hidden"]
    sign_in(web, "mod.one")
    post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        {"verdict": "escalate"},
        page=f"/console/moderation/comments/{comment.id}",
    )
    escalated = web.get("/console/moderation?state=escalated").text
    assert f"#{comment.id}" in escalated
    token = csrf_from(web.get("/console/moderation"))
    response = web.post(
        "/console/moderation/bulk",
        data={"csrf_token": token, "verdict": "confirm", "comment_ids": [str(comment.id)]},
    )
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Comment, comment.id).review_state is ReviewState.CONFIRMED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("verdict", "status"),
    [("restore", 409), ("wizardry", 422)],
)
def test_impossible_decisions_are_explained(
    web: TestClient, moderated: dict[str, Comment], verdict: str, status: int
) -> None:
    comment = moderated["c-fine"]  # visible: nothing to restore
    sign_in(web, "mod.one")
    response = post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        {"verdict": verdict},
        page="/console/moderation",
    )
    assert response.status_code == status


def test_caseworkers_have_no_queue(web: TestClient, moderated: dict[str, Comment]) -> None:
    sign_in(web, "cw.one")
    assert web.get("/console/moderation").status_code == 403
    assert web.get("/console/moderation/count").status_code == 403


def test_the_dashboard_has_figures_and_charts(
    web: TestClient, moderated: dict[str, Comment]
) -> None:
    sign_in(web, "sup.one")
    page = web.get("/console/moderation/dashboard").text
    assert "<svg" in page
    assert 'role="img"' in page
    assert "Median time to hide" in page
    assert re.search(r"<td>pii</td><td>1</td>", page)


@pytest.mark.parametrize(
    "query", ["state=bogus", "category=<x>", "page=abc", "before=-5", "before=" + "9" * 40]
)
def test_hostile_queue_filters(web: TestClient, moderated: dict[str, Comment], query: str) -> None:
    sign_in(web, "mod.one")
    response = web.get(f"/console/moderation?{query}")
    assert response.status_code == 200
    assert "<x>" not in response.text
