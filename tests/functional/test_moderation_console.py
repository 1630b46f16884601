"""The review queue: reasons, escaped text, decisions carried out on the platform, bulk, count."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.moderation.models import (
    Comment,
    CommentStatus,
    ModerationDecision,
    ReviewState,
    ThreatAlert,
)
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from casewarden.platforms.meta import GraphClient
from casewarden.process.runtime import ProcessRuntime
from tests.factories import csrf_from, make_agency, make_user, post_form, sign_in
from tests.moderation_factories import make_page
from tests.moderation_payloads import PAGE_ID, feed_change
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
    runtime: ProcessRuntime = graph_app.state.runtime
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
        feed_change("c-rude", "what the fuck is wrong with this office"),
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
    assert re.search(r"<mark title=\"Social Security number\">536-22-4187</mark>", page)
    assert "Family Code § 17212" in page
    assert "slow and unfair" not in page  # criticism was left alone, not queued


def test_the_count_is_json_for_the_live_counter(
    web: TestClient, moderated: dict[str, Comment]
) -> None:
    sign_in(web, "mod.one")
    response = web.get("/console/moderation/count")
    assert response.json() == {"open": 2}  # the disclosure and the profanity
    assert response.headers["cache-control"] == "no-store"


def _decide(web: TestClient, comment: Comment, data: dict[str, str]) -> httpx.Response:
    return post_form(
        web,
        f"/console/moderation/comments/{comment.id}/decide",
        data,
        page=f"/console/moderation/comments/{comment.id}",
    )


def _status(session: Session, comment: Comment) -> tuple[CommentStatus, ReviewState]:
    session.expire_all()
    refreshed = session.get(Comment, comment.id)
    assert refreshed is not None
    return refreshed.status, refreshed.review_state


def _audit(session: Session, tag: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.tag == tag)))


def test_restore_of_an_offensive_hide_unhides_on_the_platform_and_is_audited(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-rude"]
    sign_in(web, "mod.one")
    response = _decide(web, comment, {"verdict": "restore"})
    assert "notice=restore" in response.headers["location"]
    assert [c.object_id for c in fake.calls_for("unhide")] == ["c-rude"]
    assert _status(session, comment)[0] is CommentStatus.VISIBLE
    tags = list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))
    assert "moderation:comment:unhide" in tags
    assert "moderation:comment:view" in tags


def test_a_moderators_restore_of_a_disclosure_becomes_a_request_to_the_supervisors(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-hidden"]
    sign_in(web, "mod.one")
    page = web.get(f"/console/moderation/comments/{comment.id}").text
    assert "Ask a supervisor to restore it" in page
    response = _decide(web, comment, {"verdict": "restore", "reason": "it is her own number"})
    assert "notice=request_restore" in response.headers["location"]
    assert fake.calls_for("unhide") == []
    assert _status(session, comment) == (CommentStatus.HIDDEN, ReviewState.ESCALATED)
    (request,) = _audit(session, "moderation:comment:restore_request")
    assert request.citation == "Family Code § 17212"
    decision = session.scalars(
        select(ModerationDecision).where(ModerationDecision.outcome == "request_restore")
    ).one()
    assert decision.reason_sealed is not None
    assert b"her own number" not in decision.reason_sealed


def test_a_supervisor_restores_a_disclosure_only_after_the_findings_and_a_reason(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-hidden"]
    sign_in(web, "sup.one")
    shown = _decide(web, comment, {"verdict": "restore", "reason": "a test number"})
    assert shown.status_code == 200
    assert '<mark title="Social Security number">536-22-4187' in shown.text
    assert "Family Code § 17212" in shown.text
    assert fake.calls_for("unhide") == []
    without_reason = _decide(web, comment, {"verdict": "restore", "confirmed": "yes"})
    assert without_reason.status_code == 422
    assert "Give a reason" in without_reason.text
    assert fake.calls_for("unhide") == []
    done = _decide(
        web, comment, {"verdict": "restore", "confirmed": "yes", "reason": "a test number"}
    )
    assert "notice=restore" in done.headers["location"]
    assert [c.object_id for c in fake.calls_for("unhide")] == ["c-hidden"]
    assert _status(session, comment)[0] is CommentStatus.VISIBLE
    (decided,) = _audit(session, "moderation:comment:decide")
    assert (decided.citation, decided.details["reason_given"]) == ("Family Code § 17212", True)


@pytest.mark.parametrize(
    ("user", "reason", "status", "unhidden"),
    [
        ("mod.one", "fine", 409, []),
        ("sup.one", "", 422, []),
        ("sup.one", "checked: a made-up number", 303, ["c-hidden"]),
    ],
)
def test_only_supervisors_restore_disclosures_in_bulk_and_with_a_reason(
    web: TestClient,
    moderated: dict[str, Comment],
    fake: FakeGraph,
    user: str,
    reason: str,
    status: int,
    unhidden: list[str],
) -> None:
    sign_in(web, user)
    token = csrf_from(web.get("/console/moderation"))
    response = web.post(
        "/console/moderation/bulk",
        data={
            "csrf_token": token,
            "verdict": "restore",
            "reason": reason,
            "comment_ids": [str(moderated["c-hidden"].id)],
        },
    )
    assert response.status_code == status
    assert [c.object_id for c in fake.calls_for("unhide")] == unhidden


@pytest.mark.parametrize(
    ("rule", "status", "hidden"),
    [("", 422, []), ("criticism", 422, []), ("harassment", 303, ["c-fine"])],
)
def test_a_hide_by_hand_names_a_published_rule(
    web: TestClient,
    moderated: dict[str, Comment],
    session: Session,
    fake: FakeGraph,
    rule: str,
    status: int,
    hidden: list[str],
) -> None:
    comment = moderated["c-fine"]
    sign_in(web, "mod.one")
    response = _decide(web, comment, {"verdict": "hide", "rule": rule})
    assert response.status_code == status
    assert [c.object_id for c in fake.calls_for("hide")] == hidden
    decided = _audit(session, "moderation:comment:decide")
    assert [e.details["rule"] for e in decided] == (["harassment"] if hidden else [])


def test_a_bulk_hide_takes_one_rule_for_the_batch(
    web: TestClient, moderated: dict[str, Comment], fake: FakeGraph
) -> None:
    sign_in(web, "mod.one")
    token = csrf_from(web.get("/console/moderation"))
    ids = [str(moderated["c-fine"].id)]
    refused = web.post(
        "/console/moderation/bulk",
        data={"csrf_token": token, "verdict": "hide", "comment_ids": ids},
    )
    assert refused.status_code == 422
    assert fake.calls_for("hide") == []
    done = web.post(
        "/console/moderation/bulk",
        data={"csrf_token": token, "verdict": "hide", "rule": "profanity", "comment_ids": ids},
    )
    assert done.status_code == 303
    assert [c.object_id for c in fake.calls_for("hide")] == ["c-fine"]


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


def test_delete_needs_a_supervisor_a_confirmation_a_rule_and_a_reason(
    web: TestClient, moderated: dict[str, Comment], session: Session, fake: FakeGraph
) -> None:
    comment = moderated["c-rude"]
    sign_in(web, "mod.one")
    refused = _decide(web, comment, {"verdict": "delete"})
    assert refused.status_code == 403
    web.cookies.clear()
    sign_in(web, "sup.one")
    # The moderator's look left the comment open with them: the supervisor takes it over.
    post_form(
        web,
        f"/console/moderation/comments/{comment.id}/take-over",
        {"confirmed": "yes"},
        page=f"/console/moderation/comments/{comment.id}",
    )
    asked = _decide(web, comment, {"verdict": "delete"})
    assert asked.status_code == 200
    assert "cannot be undone" in asked.text
    for missing in (
        {"rule": "profanity"},  # no reason
        {"reason": "abusive"},  # no rule
    ):
        answer = _decide(web, comment, {"verdict": "delete", "confirmed": "yes", **missing})
        assert answer.status_code == 422
    assert fake.calls_for("delete") == []
    _decide(
        web,
        comment,
        {"verdict": "delete", "confirmed": "yes", "rule": "profanity", "reason": "abusive"},
    )
    assert [c.object_id for c in fake.calls_for("delete")] == ["c-rude"]
    assert _status(session, comment)[0] is CommentStatus.DELETED


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
    assert re.search(r"<td>Personal information</td><td>1</td>", page)


@pytest.mark.parametrize(
    "query", ["state=bogus", "category=<x>", "page=abc", "before=-5", "before=" + "9" * 40]
)
def test_hostile_queue_filters(web: TestClient, moderated: dict[str, Comment], query: str) -> None:
    sign_in(web, "mod.one")
    response = web.get(f"/console/moderation?{query}")
    assert response.status_code == 200
    assert "<x>" not in response.text


def test_a_threat_is_counted_for_supervisors_until_one_acknowledges_it(
    web: TestClient, graph_app: FastAPI, moderated: dict[str, Comment], session: Session
) -> None:
    runtime: ProcessRuntime = graph_app.state.runtime
    deliver(session, runtime, feed_change("c-threat", "I'm going to shoot everyone at that office"))
    runtime.worker().drain()
    sign_in(web, "mod.one")
    assert "Threats not yet acknowledged" not in web.get("/console/").text
    assert web.get("/console/moderation/threats").status_code == 403
    web.cookies.clear()
    sign_in(web, "sup.one")
    home = web.get("/console/").text
    assert re.search(r'<span class="count">1</span> Threats not yet acknowledged', home)
    session.expire_all()
    alert = session.scalars(select(ThreatAlert)).one()
    response = post_form(
        web,
        f"/console/moderation/threats/{alert.id}/acknowledge",
        {},
        page="/console/moderation/threats",
    )
    assert response.status_code == 303
    assert re.search(
        r'<span class="count">0</span> Threats not yet acknowledged', web.get("/console/").text
    )
    (entry,) = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "moderation:threat:acknowledge")
    )
    supervisor = session.scalars(select(StaffUser).where(StaffUser.username == "sup.one")).one()
    assert entry.details["owner"] == supervisor.id
    again = post_form(
        web,
        f"/console/moderation/threats/{alert.id}/acknowledge",
        {},
        page="/console/moderation/threats",
    )
    assert again.status_code == 409


def _rows(page: str) -> list[str]:
    """The comment ids of the queue's rows, in the order shown."""
    return re.findall(r'<tr class="queue-row[^"]*" data-comment="(\d+)">', page)


def test_each_row_shows_author_page_platform_time_and_reason_in_words(
    web: TestClient, moderated: dict[str, Comment]
) -> None:
    sign_in(web, "mod.one")
    page = web.get("/console/moderation").text
    row = page[page.index(f'data-comment="{moderated["c-hidden"].id}"') :].split("</tr>")[0]
    assert '<span class="author">A Visitor</span>' in row
    assert "County Child Support · Facebook" in row
    assert "Received" in row
    assert "Personal or confidential information" in row
    assert ">pii<" not in row


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", ["c-rude", "c-hidden"]),
        ("order=oldest", ["c-hidden", "c-rude"]),
        ("category=profanity", ["c-rude"]),
        ("platform=facebook", ["c-rude", "c-hidden"]),
        ("platform=instagram", []),
        ("state=all&order=oldest", ["c-hidden", "c-fine", "c-rude"]),
    ],
)
def test_the_queue_filters_and_orders(
    web: TestClient, moderated: dict[str, Comment], query: str, shown: list[str]
) -> None:
    sign_in(web, "mod.one")
    page = web.get(f"/console/moderation?{query}").text
    assert _rows(page) == [str(moderated[name].id) for name in shown]


def test_an_open_threat_is_first_in_the_queue_and_marked_urgent(
    web: TestClient, graph_app: FastAPI, moderated: dict[str, Comment], session: Session
) -> None:
    runtime: ProcessRuntime = graph_app.state.runtime
    deliver(session, runtime, feed_change("c-threat", "I'm going to shoot everyone at that office"))
    runtime.worker().drain()
    threat = session.scalars(select(Comment).where(Comment.external_id == "c-threat")).one()
    sign_in(web, "mod.one")
    page = web.get("/console/moderation?order=oldest").text
    assert _rows(page) == [
        str(threat.id),
        str(moderated["c-hidden"].id),
        str(moderated["c-rude"].id),
    ]
    urgent = page[page.index(f'data-comment="{threat.id}"') - 40 :].split("</tr>")[0]
    assert "urgent-row" in urgent
    assert "Urgent: threat" in urgent
    assert "Urgent: threat" not in page.split(f'data-comment="{moderated["c-hidden"].id}"')[1]


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"verdict": "confirm"}, 422, "Choose at least one comment: tick its box"),
        ({"verdict": "delete", "comment_ids": "1"}, 422, "Delete one comment at a time"),
    ],
)
def test_a_bulk_refusal_is_explained_on_the_queue_above_the_list(
    web: TestClient,
    moderated: dict[str, Comment],
    data: dict[str, str],
    status: int,
    message: str,
) -> None:
    sign_in(web, "mod.one")
    token = csrf_from(web.get("/console/moderation"))
    response = web.post("/console/moderation/bulk", data={"csrf_token": token, **data})
    assert response.status_code == status
    page = response.text
    error = re.search(r'<p id="bulk-error" class="alert error" role="alert">([^<]*)</p>', page)
    assert error is not None
    assert error.group(1).startswith(message)
    # The bar (and its message) come before the list, which is still there.
    assert page.index('id="bulk-error"') < page.index('id="queue-rows"')
    assert len(_rows(page)) == 2
    assert 'id="pick-all"' in page


def test_after_a_decision_the_next_comment_opens(
    web: TestClient, moderated: dict[str, Comment]
) -> None:
    newest, older = moderated["c-rude"], moderated["c-hidden"]
    sign_in(web, "mod.one")
    first = web.get(f"/console/moderation/comments/{newest.id}").text
    assert f'href="/console/moderation/comments/{older.id}" rel="next" data-key="j"' in first
    response = _decide(web, newest, {"verdict": "confirm"})
    assert response.status_code == 303
    assert response.headers["location"] == (
        f"/console/moderation/comments/{older.id}?notice=confirm&decided={newest.id}"
    )
    page = web.get(response.headers["location"]).text
    assert f"Comment #{newest.id}: Kept hidden. This is the next comment in the queue." in page
    # The last comment of the queue has no next one: its page stays open after the decision.
    last = _decide(web, older, {"verdict": "confirm"})
    assert last.headers["location"].startswith(f"/console/moderation/comments/{older.id}?")


def test_the_count_says_how_many_are_newer_than_the_list(
    web: TestClient, graph_app: FastAPI, moderated: dict[str, Comment], session: Session
) -> None:
    sign_in(web, "mod.one")
    newest = moderated["c-rude"].id
    assert web.get(f"/console/moderation/count?since={newest}").json() == {"open": 2, "new": 0}
    runtime: ProcessRuntime = graph_app.state.runtime
    deliver(session, runtime, feed_change("c-late", "my SSN is 536-22-4187 please help"))
    runtime.worker().drain()
    assert web.get(f"/console/moderation/count?since={newest}").json() == {"open": 3, "new": 1}
    assert web.get(f"/console/moderation/count?since={newest}&category=profanity").json() == {
        "open": 3,
        "new": 0,
    }


def test_a_reply_is_offered_only_where_it_will_be_accepted(
    web: TestClient, graph_app: FastAPI, moderated: dict[str, Comment], session: Session
) -> None:
    sign_in(web, "mod.one")
    hidden, visible = moderated["c-hidden"], moderated["c-fine"]
    page = web.get(f"/console/moderation/comments/{hidden.id}").text
    assert "/console/outreach/compose" not in page
    assert "it cannot be answered: a public reply would draw attention to it." in page
    assert "leave it without a reply" in page
    # Once the post it was written under is on record, a reply on the thread is offered instead.
    runtime: ProcessRuntime = graph_app.state.runtime
    deliver(
        session, runtime, feed_change(f"{PAGE_ID}_5001", "Office hours this week", item="status")
    )
    post = session.scalars(select(Comment).where(Comment.external_id == f"{PAGE_ID}_5001")).one()
    page = web.get(f"/console/moderation/comments/{hidden.id}").text
    assert (
        f'href="/console/outreach/compose?reply_to={post.id}" data-key="r">Reply on the thread'
        in page
    )
    visible_page = web.get(f"/console/moderation/comments/{visible.id}").text
    assert f'href="/console/outreach/compose?reply_to={visible.id}" data-key="r"' in visible_page
    for target in (post, visible):
        response = post_form(
            web,
            "/console/outreach",
            {
                "page_pk": str(target.page_pk),
                "kind": "reply",
                "in_reply_to": str(target.id),
                "body": "You can find our office hours on our website.",
            },
            page=f"/console/outreach/compose?reply_to={target.id}",
        )
        assert response.status_code == 303, response.text


def test_a_long_thread_says_so_and_pages(
    web: TestClient, graph_app: FastAPI, moderated: dict[str, Comment], session: Session
) -> None:
    runtime: ProcessRuntime = graph_app.state.runtime
    deliver(
        session,
        runtime,
        *(feed_change(f"c-more-{n}", f"question number {n}") for n in range(30)),
    )
    comment = moderated["c-hidden"]
    sign_in(web, "mod.one")
    first = web.get(f"/console/moderation/comments/{comment.id}").text
    assert "Showing 1–25 of the 32 other comments in this thread." in first
    assert (
        f'href="/console/moderation/comments/{comment.id}?thread=25">Later in the thread' in first
    )
    assert "question number 29" not in first
    rest = web.get(f"/console/moderation/comments/{comment.id}?thread=25").text
    assert "Showing 26–32 of the 32 other comments in this thread." in rest
    assert "question number 29" in rest
    assert "Later in the thread" not in rest
    assert (
        f'href="/console/moderation/comments/{comment.id}?thread=0">Earlier in the thread' in rest
    )


def test_composing_a_reply_to_a_hidden_comment_says_what_to_do_instead(
    web: TestClient, graph_app: FastAPI, moderated: dict[str, Comment], session: Session
) -> None:
    sign_in(web, "mod.one")
    hidden = moderated["c-hidden"]
    page = web.get(f"/console/outreach/compose?reply_to={hidden.id}")
    assert page.status_code == 200
    assert 'action="/console/outreach"' not in page.text  # no form the outreach would refuse
    assert "it cannot be answered: a public reply would draw attention to it." in page.text
    assert "leave it without a reply" in page.text
    runtime: ProcessRuntime = graph_app.state.runtime
    deliver(
        session, runtime, feed_change(f"{PAGE_ID}_5001", "Office hours this week", item="status")
    )
    post = session.scalars(select(Comment).where(Comment.external_id == f"{PAGE_ID}_5001")).one()
    page = web.get(f"/console/outreach/compose?reply_to={hidden.id}")
    assert 'action="/console/outreach"' not in page.text
    assert f'href="/console/outreach/compose?reply_to={post.id}"' in page.text
    assert "Reply on the thread" in page.text
    web.headers["Accept-Language"] = "es"
    assert "Responder en el hilo" in web.get(f"/console/outreach/compose?reply_to={hidden.id}").text


# The queue's and the comment page's refusals, in the moderator's language --------------------


@pytest.mark.parametrize(
    ("target", "data", "status", "spanish"),
    [
        ("c-fine", {"verdict": "restore"}, 409, "Solo se puede restaurar un comentario oculto."),
        ("c-fine", {"verdict": "wizardry"}, 422, "Decisión desconocida 'wizardry'."),
        ("c-fine", {"verdict": "hide"}, 422, "Elija la regla publicada que incumple"),
        (
            "c-hidden",
            {"verdict": "restore", "confirmed": "yes", "reason": "x" * 1100},
            422,
            "Escriba el motivo en menos de 1000 caracteres.",
        ),
        ("bulk", {"verdict": "confirm"}, 422, "Elija al menos un comentario: marque su casilla"),
        (
            "bulk",
            {"verdict": "restore", "comment_ids": "c-hidden"},
            409,
            "Algunos comentarios no se cambiaron: #{c-hidden}: oculto por una divulgación "
            "(regla 1): solo un supervisor lo restaura; ábralo para pedir que se restaure",
        ),
        (
            "bulk",
            {"verdict": "restore", "comment_ids": "c-fine"},
            409,
            "Algunos comentarios no se cambiaron: #{c-fine}: Solo se puede restaurar un "
            "comentario oculto.",
        ),
    ],
    ids=["state", "verdict", "rule", "reason", "bulk-empty", "bulk-disclosure", "bulk-state"],
)
def test_refusals_on_the_moderation_screens_are_in_spanish_too(
    web: TestClient,
    moderated: dict[str, Comment],
    target: str,
    data: dict[str, str],
    status: int,
    spanish: str,
) -> None:
    sign_in(web, "mod.one" if target != "c-hidden" else "sup.one")
    web.headers["Accept-Language"] = "es"
    ids = {f"{{{name}}}": str(comment.id) for name, comment in moderated.items()}
    if target == "bulk":
        path, page = "/console/moderation/bulk", "/console/moderation"
        if "comment_ids" in data:
            data = {**data, "comment_ids": str(moderated[data["comment_ids"]].id)}
    else:
        page = f"/console/moderation/comments/{moderated[target].id}"
        path = page + "/decide"
    answer = post_form(web, path, data, page=page)
    assert answer.status_code == status
    for name, comment_id in ids.items():
        spanish = spanish.replace(name, comment_id)
    alerts = re.findall(r'role="alert"[^>]*>(?:<p>)?([^<]*)<', answer.text)
    assert any(spanish in html.unescape(alert) for alert in alerts), alerts
