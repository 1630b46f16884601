"""Teamwork over HTTP: a colleague's comment is marked and refused, take-over, assignment, notes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.moderation.models import Comment, CommentNote, ModerationDecision, ReviewState
from casewarden.process.runtime import ProcessRuntime
from tests.factories import make_agency, make_user, post_form, sign_in
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver


@dataclass
class Desk:
    """Two moderators and a supervisor, each signed in in a browser of their own."""

    ana: StaffUser
    ben: StaffUser
    sue: StaffUser
    comments: list[Comment]


@pytest.fixture
def desk(app: FastAPI, session: Session) -> Desk:
    runtime: ProcessRuntime = app.state.runtime
    agency = make_agency(session)
    make_page(session, agency, runtime.keyring)
    ana = make_user(session, agency, username="ana.mod")
    ben = make_user(session, agency, username="ben.mod")
    sue = make_user(session, agency, role=Role.SUPERVISOR, username="sue.sup")
    session.commit()
    deliver(
        session,
        runtime,
        feed_change("c-one", "what the fuck is wrong with this office"),
        feed_change("c-two", "this is shit service, fuck you all"),
    )
    runtime.worker().drain()
    comments = list(session.scalars(select(Comment).order_by(Comment.id)))
    return Desk(ana, ben, sue, comments)


@pytest.fixture
def browsers(app: FastAPI, desk: Desk) -> Iterator[dict[str, TestClient]]:
    opened = {
        name: TestClient(app, base_url="http://testserver", follow_redirects=False)
        for name in ("ana", "ben", "sue")
    }
    for name, client in opened.items():
        client.__enter__()
        sign_in(client, getattr(desk, name).username)
    yield opened
    for client in opened.values():
        client.__exit__(None, None, None)


def _page(comment: Comment) -> str:
    return f"/console/moderation/comments/{comment.id}"


def _decide(client: TestClient, comment: Comment, verdict: str) -> str:
    answer = post_form(
        client, _page(comment) + "/decide", {"verdict": verdict}, page=_page(comment)
    )
    return f"{answer.status_code} {answer.text}"


def _review_state(session: Session, comment: Comment) -> ReviewState:
    session.expire_all()
    return session.get_one(Comment, comment.id).review_state


def test_a_second_moderator_sees_who_has_it_and_is_refused_by_name(
    browsers: dict[str, TestClient], desk: Desk, session: Session
) -> None:
    comment = desk.comments[0]
    assert browsers["ana"].get(_page(comment)).status_code == 200  # Ana opens it: hers now
    queue = browsers["ben"].get("/console/moderation").text
    assert f"Open with {desk.ana.display_name}" in queue
    page = browsers["ben"].get(_page(comment)).text
    assert f"Open with {desk.ana.display_name} until" in page
    assert 'value="confirm"' not in page  # no decision offered that would be refused
    assert "Take over" not in page  # only supervisors may
    refused = _decide(browsers["ben"], comment, "confirm")
    assert refused.startswith("409 ")
    assert f"is open with {desk.ana.display_name}" in refused
    assert _review_state(session, comment) is ReviewState.QUEUED
    browsers["ben"].headers["Accept-Language"] = "es"
    assert f"está abierto con {desk.ana.display_name}" in _decide(
        browsers["ben"], comment, "escalate"
    )
    # Ana decides: the claim ends, and the next comment opens with her.
    assert _decide(browsers["ana"], comment, "confirm").startswith("303 ")
    assert _review_state(session, comment) is ReviewState.CONFIRMED


def test_bulk_skips_a_comment_a_colleague_has_open_and_says_so(
    browsers: dict[str, TestClient], desk: Desk, session: Session
) -> None:
    held, free = desk.comments
    browsers["ana"].get(_page(held))
    answer = post_form(
        browsers["ben"],
        "/console/moderation/bulk",
        {"verdict": "confirm", "comment_ids": [str(held.id), str(free.id)]},  # type: ignore[dict-item]
        page="/console/moderation",
    )
    assert answer.status_code == 409
    assert f"#{held.id}: open with {desk.ana.display_name}, skipped" in answer.text
    assert _review_state(session, held) is ReviewState.QUEUED
    assert _review_state(session, free) is ReviewState.CONFIRMED


def test_a_supervisor_takes_over_after_confirming_and_it_is_audited(
    browsers: dict[str, TestClient], desk: Desk, session: Session
) -> None:
    comment = desk.comments[0]
    browsers["ana"].get(_page(comment))
    page = browsers["sue"].get(_page(comment)).text
    assert "Take over…" in page
    asked = post_form(browsers["sue"], _page(comment) + "/take-over", {}, page=_page(comment))
    assert asked.status_code == 200
    assert f"open with {desk.ana.display_name} until" in asked.text
    assert "recorded in the audit log" in asked.text
    taken = post_form(
        browsers["sue"], _page(comment) + "/take-over", {"confirmed": "yes"}, page=_page(comment)
    )
    assert taken.status_code == 303
    assert "it is open with you now" in browsers["sue"].get(taken.headers["location"]).text
    refused = _decide(browsers["ana"], comment, "confirm")
    assert refused.startswith("409 ")
    assert desk.sue.display_name in refused
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == AuditTag.MODERATION_COMMENT_TAKE_OVER)
    ).one()
    assert (entry.actor_id, entry.details["previous_holder"]) == (desk.sue.id, desk.ana.id)
    moderator = post_form(
        browsers["ben"], _page(comment) + "/take-over", {"confirmed": "yes"}, page=_page(comment)
    )
    assert moderator.status_code == 403


def test_an_assignment_shows_in_the_colleagues_assigned_to_me(
    browsers: dict[str, TestClient], desk: Desk
) -> None:
    comment = desk.comments[1]
    note = "<b>Check</b> the earlier thread first"
    answer = post_form(
        browsers["ana"],
        _page(comment) + "/assign",
        {"assignee": str(desk.ben.id), "note": note},
        page=_page(comment),
    )
    assert answer.status_code == 303
    mine = browsers["ben"].get("/console/moderation?assigned=me").text
    assert f"#{comment.id}</a>" in mine
    assert f"#{desk.comments[0].id}</a>" not in mine
    assert f"Assigned to {desk.ben.display_name}" in mine
    assert f"#{comment.id}</a>" not in browsers["ana"].get("/console/moderation?assigned=me").text
    page = browsers["ben"].get(_page(comment)).text
    assert "&lt;b&gt;Check&lt;/b&gt; the earlier thread first" in page
    assert f"by {desk.ana.display_name}" in page


@pytest.mark.parametrize(
    "assignee", ["", "abc", "99999999"], ids=["none", "not-a-number", "nobody"]
)
def test_assigning_to_no_colleague_is_a_clear_refusal(
    browsers: dict[str, TestClient], desk: Desk, assignee: str
) -> None:
    comment = desk.comments[0]
    answer = post_form(
        browsers["ana"], _page(comment) + "/assign", {"assignee": assignee}, page=_page(comment)
    )
    assert answer.status_code == 422
    assert "colleague" in answer.text or "moderator or supervisor" in answer.text


def test_a_note_is_shown_escaped_and_audited_by_id(
    browsers: dict[str, TestClient], desk: Desk, session: Session
) -> None:
    comment = desk.comments[0]
    text = "<script>alert(1)</script> caller says this is her ex"
    answer = post_form(
        browsers["ana"], _page(comment) + "/notes", {"text": text}, page=_page(comment)
    )
    assert answer.status_code == 303
    page = browsers["ben"].get(_page(comment)).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; caller says this is her ex" in page
    assert "<script>alert(1)" not in page
    assert desk.ana.display_name in page
    note = session.scalars(select(CommentNote)).one()
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == AuditTag.MODERATION_COMMENT_NOTE)
    ).one()
    assert (entry.subject_id, entry.details) == (str(comment.id), {"note": note.id})
    assert "her ex" not in str(entry.details)
    assert (
        session.scalars(
            select(ModerationDecision).where(ModerationDecision.actor_type == "staff")
        ).all()
        == []
    )
    empty = post_form(
        browsers["ana"], _page(comment) + "/notes", {"text": " "}, page=_page(comment)
    )
    assert empty.status_code == 422


def test_a_reply_waits_while_a_colleague_has_the_comment_open(
    app: FastAPI, browsers: dict[str, TestClient], desk: Desk, session: Session
) -> None:
    deliver(session, app.state.runtime, feed_change("c-ask", "How do I apply for services?"))
    question = session.scalars(select(Comment).where(Comment.external_id == "c-ask")).one()
    browsers["ana"].get(_page(question))
    compose = f"/console/outreach/compose?reply_to={question.id}"
    answer = post_form(
        browsers["ben"],
        "/console/outreach",
        {
            "page_pk": str(question.page_pk),
            "kind": "reply",
            "in_reply_to": str(question.id),
            "body": "You can apply online or visit any of our offices.",
        },
        page=compose,
    )
    assert answer.status_code == 422  # the compose form again, with the refusal above it
    assert f"is open with {desk.ana.display_name}" in answer.text
    assert "Reply as the agency" not in browsers["ben"].get(_page(question)).text


def test_teamwork_refusals_are_in_spanish_too(browsers: dict[str, TestClient], desk: Desk) -> None:
    held, free = desk.comments
    browsers["ana"].get(_page(held))
    ben = browsers["ben"]
    ben.headers["Accept-Language"] = "es"
    skipped = post_form(
        ben,
        "/console/moderation/bulk",
        {"verdict": "confirm", "comment_ids": [str(held.id), str(free.id)]},  # type: ignore[dict-item]
        page="/console/moderation",
    )
    assert skipped.status_code == 409
    assert (
        f"Algunos comentarios no se cambiaron: #{held.id}: abierto con "
        f"{desk.ana.display_name}, omitido" in skipped.text
    )
    empty = post_form(ben, _page(free) + "/notes", {"text": " "}, page=_page(free))
    assert "Escriba la nota primero." in empty.text
    nobody = post_form(ben, _page(free) + "/assign", {"assignee": "99999999"}, page=_page(free))
    assert "Asigne el comentario a un moderador o supervisor de su agencia." in nobody.text


def test_signing_out_releases_ones_claims(
    browsers: dict[str, TestClient], desk: Desk, session: Session
) -> None:
    comment = desk.comments[0]
    browsers["ana"].get(_page(comment))
    assert _decide(browsers["ben"], comment, "confirm").startswith("409 ")
    signed_out = post_form(browsers["ana"], "/console/logout", {}, page="/console/moderation")
    assert signed_out.status_code == 303
    assert "Open with" not in browsers["ben"].get("/console/moderation").text
    assert _decide(browsers["ben"], comment, "confirm").startswith("303 ")
    assert _review_state(session, comment) is ReviewState.CONFIRMED
