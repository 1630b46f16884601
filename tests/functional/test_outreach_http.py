"""Speaking as the agency through the console and the API, against the fake Graph server.

Each prohibited use is tried and refused with its rule and citation; each permitted use
reaches the fake Graph server.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.agencies.models import Agency
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.moderation.intake import receive
from casewarden.moderation.models import Comment
from casewarden.moderation.webhook import parse_delivery
from casewarden.outreach.models import (
    MessageState,
    OutboundMessage,
    OutreachProfile,
    PrivateMessageAnswer,
)
from casewarden.pages.models import AgencyPage
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from casewarden.platforms.meta import GraphClient
from tests.factories import csrf_from, make_agency, make_user, post_form, sign_in
from tests.moderation_factories import make_page
from tests.moderation_payloads import PAGE_ID, feed_change, page_delivery, signed


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
def setup(session: Session, settings: Settings) -> dict[str, object]:
    agency = make_agency(session)
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    page = make_page(session, agency, keyring)
    moderator = make_user(session, agency, role=Role.PAGE_MODERATOR, username="ana.r")
    moderator.display_name = "Ana Ruiz"
    supervisor = make_user(session, agency, role=Role.SUPERVISOR, username="sup.one")
    receive(
        session=session,
        keyring=keyring,
        secret=settings.secret_key,
        delivery=parse_delivery(page_delivery(feed_change("c-q", "How do I apply for services?"))),
    )
    session.commit()
    comment = session.scalars(select(Comment)).one()
    return {"page": page, "comment": comment, "moderator": moderator, "supervisor": supervisor}


def _api(web: TestClient, body: dict[str, object]) -> httpx.Response:
    token = csrf_from(web.get("/console/"))
    return web.post("/api/outreach/messages", json=body, headers={"X-CSRF-Token": token})


def _denials(session: Session) -> list[str]:
    session.expire_all()
    return [
        entry.details["rule"]
        for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.tag == "policy:decision:deny")
        )
    ]


def test_a_general_post_is_published_signed(
    web: TestClient, setup: dict[str, object], fake: FakeGraph
) -> None:
    sign_in(web, "ana.r")
    page = setup["page"]
    assert isinstance(page, AgencyPage)
    response = post_form(
        web,
        "/console/outreach",
        {
            "page_pk": str(page.id),
            "kind": "post",
            "body": "Our offices are closed Monday for the holiday.",
        },
        page="/console/outreach/compose",
    )
    assert response.status_code == 303
    assert "notice=published" in response.headers["location"]
    (call,) = fake.calls_for("publish")
    assert call.params["message"].endswith("— Ana, Child Support Representative")
    assert call.params["message"].startswith("Our offices are closed Monday")


def test_a_reply_is_self_identified(
    web: TestClient, setup: dict[str, object], fake: FakeGraph
) -> None:
    sign_in(web, "ana.r")
    comment = setup["comment"]
    assert isinstance(comment, Comment)
    page = web.get(f"/console/outreach/compose?reply_to={comment.id}")
    assert "How do I apply for services?" in page.text
    response = post_form(
        web,
        "/console/outreach",
        {
            "page_pk": str(comment.page_pk),
            "kind": "reply",
            "in_reply_to": str(comment.id),
            "body": "You can apply online or visit any of our offices.",
        },
        page=f"/console/outreach/compose?reply_to={comment.id}",
    )
    assert response.status_code == 303
    (call,) = fake.calls_for("reply")
    assert call.object_id == "c-q"
    assert "Child Support Representative" in call.params["message"]


PROHIBITED = [
    (
        {"kind": "private_message", "text": "Hi, about your case"},
        "no-private-messaging",
        "Family Code § 17212",
    ),
    (
        {"kind": "post", "text": "General news", "access_token": "EAAB-my-personal-token"},
        "agency-accounts-only",
        "policy letter",
    ),
    (
        {"kind": "post", "text": "General news", "page": "999999999"},
        "agency-accounts-only",
        "policy letter",
    ),
    (
        {"kind": "reply", "text": "See https://www.facebook.com/jane.doe.5 for details"},
        "no-following-or-linking",
        "policy letter",
    ),
    (
        {"kind": "reply", "text": "Thanks @maria_lopez, we got it"},
        "no-following-or-linking",
        "policy letter",
    ),
    (
        {"kind": "reply", "text": "Case 2019-FL-004512 was updated"},
        "general-terms-only",
        "Family Code § 17212",
    ),
    (
        {"kind": "reply", "text": "We sent the card to your daughter Emily Johnson yesterday."},
        "general-terms-only",
        "Family Code § 17212",
    ),
    (
        {"kind": "post", "text": "General news", "purpose": "marketing"},
        "unknown-purpose",
        "policy letter",
    ),
]


@pytest.mark.parametrize(("overrides", "rule", "citation"), PROHIBITED)
def test_prohibited_uses_are_refused_through_the_api(
    web: TestClient,
    setup: dict[str, object],
    session: Session,
    fake: FakeGraph,
    overrides: dict[str, object],
    rule: str,
    citation: str,
) -> None:
    sign_in(web, "ana.r")
    comment = setup["comment"]
    assert isinstance(comment, Comment)
    body: dict[str, object] = {"page": PAGE_ID, "in_reply_to": comment.id}
    body.update(overrides)
    response = _api(web, body)
    assert response.status_code == 403, response.text
    payload = response.json()
    assert payload["rule"] == rule
    assert citation in payload["error"]
    assert _denials(session)[-1] == rule
    assert fake.calls == []
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 0


@pytest.mark.parametrize(
    ("overrides", "rule", "citation"), [p for p in PROHIBITED if p[0]["kind"] == "reply"]
)
def test_prohibited_replies_are_refused_in_the_console_with_the_words_marked(
    web: TestClient,
    setup: dict[str, object],
    session: Session,
    fake: FakeGraph,
    overrides: dict[str, object],
    rule: str,
    citation: str,
) -> None:
    sign_in(web, "ana.r")
    comment = setup["comment"]
    assert isinstance(comment, Comment)
    response = post_form(
        web,
        "/console/outreach",
        {
            "page_pk": str(comment.page_pk),
            "kind": "reply",
            "in_reply_to": str(comment.id),
            "body": str(overrides["text"]),
        },
        page=f"/console/outreach/compose?reply_to={comment.id}",
    )
    assert response.status_code == 422
    assert citation in response.text
    assert "<mark" in response.text or rule == "general-terms-only"
    assert _denials(session)[-1] == rule
    assert fake.calls == []


def test_a_refused_reply_names_the_rule_in_the_readers_language(
    web: TestClient, setup: dict[str, object]
) -> None:
    sign_in(web, "ana.r")
    web.headers["Accept-Language"] = "es"
    comment = setup["comment"]
    assert isinstance(comment, Comment)
    response = post_form(
        web,
        "/console/outreach",
        {
            "page_pk": str(comment.page_pk),
            "kind": "reply",
            "in_reply_to": str(comment.id),
            "body": "See https://www.facebook.com/jane.doe.5 for details",
        },
        page=f"/console/outreach/compose?reply_to={comment.id}",
    )
    assert response.status_code == 422
    spanish = (
        "La agencia no puede seguir, agregar como amigo, dar «me gusta», etiquetar ni enlazar las "
        "páginas de redes sociales de los participantes. (la carta de política estatal"
    )
    text = html.unescape(response.text)
    assert text.count(spanish) == 2, text  # the refusal above the form, and the finding's line
    assert "The agency may not follow" not in text


def test_the_check_button_shows_findings_without_saving(
    web: TestClient, setup: dict[str, object], session: Session
) -> None:
    sign_in(web, "ana.r")
    page = setup["page"]
    assert isinstance(page, AgencyPage)
    response = post_form(
        web,
        "/console/outreach/check",
        {
            "page_pk": str(page.id),
            "kind": "post",
            "body": "Call 555-0100 or see facebook.com/john.smith.77",
        },
        page="/console/outreach/compose",
    )
    assert response.status_code == 200
    assert "Link to a person&#39;s profile" in response.text
    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 0


def test_the_redirect_reply_is_offered_for_case_questions(
    web: TestClient, setup: dict[str, object], session: Session, settings: Settings
) -> None:
    comment = setup["comment"]
    assert isinstance(comment, Comment)
    comment.case_specific = True
    session.commit()
    sign_in(web, "ana.r")
    page = web.get(f"/console/outreach/compose?reply_to={comment.id}")
    assert "We can&#39;t discuss case details here" in page.text


def test_two_person_approval(
    web: TestClient, setup: dict[str, object], session: Session, fake: FakeGraph
) -> None:
    from casewarden.outreach.profile import get_profile

    page = setup["page"]
    assert isinstance(page, AgencyPage)
    get_profile(session, page.agency_id).require_post_approval = True
    from casewarden.agencies.models import Agency

    agency = session.get(Agency, page.agency_id)
    assert agency is not None
    second = make_user(session, agency, role=Role.SUPERVISOR, username="sup.two")
    session.commit()
    sign_in(web, "sup.one")
    post_form(
        web,
        "/console/outreach",
        {"page_pk": str(page.id), "kind": "post", "body": "Holiday hours this week."},
        page="/console/outreach/compose",
    )
    message = session.scalars(select(OutboundMessage)).one()
    assert message.state is MessageState.AWAITING_APPROVAL
    assert fake.calls_for("publish") == []
    own = post_form(web, f"/console/outreach/{message.id}/approve", {}, page="/console/outreach")
    assert own.status_code == 409  # the author cannot approve their own post
    web.cookies.clear()
    sign_in(web, second.username)
    assert (
        post_form(
            web, f"/console/outreach/{message.id}/approve", {}, page="/console/outreach"
        ).status_code
        == 303
    )
    assert len(fake.calls_for("publish")) == 1


def test_scheduled_posts_go_out_when_due(
    graph_app: FastAPI, web: TestClient, setup: dict[str, object], session: Session, fake: FakeGraph
) -> None:
    sign_in(web, "ana.r")
    page = setup["page"]
    assert isinstance(page, AgencyPage)
    when = (utcnow() + timedelta(hours=2)).astimezone().strftime("%Y-%m-%dT%H:%M")
    response = post_form(
        web,
        "/console/outreach",
        {
            "page_pk": str(page.id),
            "kind": "post",
            "body": "Reminder: office closed Friday.",
            "scheduled_for": when,
        },
        page="/console/outreach/compose",
    )
    assert "notice=scheduled" in response.headers["location"]
    worker = graph_app.state.runtime.worker()
    worker.run_jobs()
    assert fake.calls_for("publish") == []
    with time_machine.travel(utcnow() + timedelta(days=1), tick=False):
        worker.run_jobs()
    assert len(fake.calls_for("publish")) == 1


def test_a_private_message_gets_one_answer_and_is_not_stored(
    graph_app: FastAPI,
    web: TestClient,
    setup: dict[str, object],
    session: Session,
    settings: Settings,
    fake: FakeGraph,
) -> None:
    secret_text = "my case number is 2019-FL-004512 help"
    delivery = {
        "object": "page",
        "entry": [
            {
                "id": PAGE_ID,
                "messaging": [
                    {
                        "sender": {"id": "sender-7001-q"},
                        "recipient": {"id": PAGE_ID},
                        "message": {"mid": "m.1", "text": secret_text},
                    },
                ],
            }
        ],
    }
    app_secret = settings.meta_app_secret.get_secret_value()
    for _ in range(2):  # the same person writes twice
        body, headers = signed(delivery, app_secret)
        assert web.post("/webhooks/meta", content=body, headers=headers).status_code == 200
        graph_app.state.runtime.worker().run_jobs()
    (call,) = fake.calls_for("message")
    assert "official customer portal" in call.params["json"]
    assert "portal oficial" in call.params["json"]
    assert session.scalar(select(func.count()).select_from(PrivateMessageAnswer)) == 1
    dump = "\n".join(
        str(row)
        for table in ("private_message_answer", "comment_version", "audit_entry")
        for row in session.execute(text(f"SELECT * FROM {table}")).all()  # noqa: S608 - fixed names
    )
    assert "2019-FL-004512" not in dump
    assert "sender-7001-q" not in dump  # the sender's id is erased once answered


def test_settings_refuse_a_reply_text_the_guard_refuses(
    web: TestClient, setup: dict[str, object], session: Session
) -> None:
    page = setup["page"]
    assert isinstance(page, AgencyPage)
    agency = session.get(Agency, page.agency_id)
    assert agency is not None
    make_user(session, agency, role=Role.ADMIN, username="admin.one")
    session.commit()
    sign_in(web, "admin.one")
    form = {
        "signature_template": "— {name}, Child Support Representative",
        "signature_template_es": "— {name}, Representante de Manutención de Menores",
        "redirect_reply_en": "We can't discuss cases here; please call us.",
        "redirect_reply_es": "Mándenos su número de caso y su seguro social por WhatsApp.",
        "private_channels_en": "Please call us.",
        "private_channels_es": "Llámenos, por favor.",
    }
    response = post_form(web, "/console/outreach/settings", form, page="/console/outreach/settings")
    assert response.status_code == 422
    assert "private messages" in response.text
    assert _denials(session) == ["no-private-messaging"]
    session.expire_all()
    assert "WhatsApp" not in session.scalars(select(OutreachProfile)).one().redirect_reply_es
    form["redirect_reply_es"] = "Llámenos con su número de caso."
    response = post_form(web, "/console/outreach/settings", form, page="/console/outreach/settings")
    assert response.status_code == 303
