"""A threat is hidden and escalated at once: held, counted, acknowledged, announced by email."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.agencies.models import Agency
from casewarden.audit.models import AuditEntry
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.moderation import archive, review
from casewarden.moderation.models import Comment, ReviewState, ThreatAlert
from casewarden.pages.models import AgencyPage
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from casewarden.platforms.meta import GraphClient
from casewarden.process.runtime import ProcessRuntime
from tests.factories import make_user
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

THREAT = "I'm going to shoot everyone at that office tomorrow"
CRITICISM = "This office is slow and the staff don't care"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Inbox:
    """What the local SMTP server received."""

    messages: list[tuple[list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(  # noqa: N802 - aiosmtpd's handler protocol
        self, server: SMTP, session: SmtpSession, envelope: Envelope
    ) -> str:
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.content or b"")))
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _alerts(session: Session) -> list[ThreatAlert]:
    session.expire_all()
    return list(session.scalars(select(ThreatAlert)))


def test_a_threat_is_escalated_once_and_placed_on_legal_hold(
    session: Session, runtime: ProcessRuntime, page: AgencyPage
) -> None:
    deliver(session, runtime, feed_change("t1", THREAT), feed_change("c1", CRITICISM))
    runtime.worker().drain()
    (alert,) = _alerts(session)
    comment = session.get(Comment, alert.comment_id)
    assert comment is not None
    assert (comment.external_id, comment.legal_hold, comment.review_state) == (
        "t1",
        True,
        ReviewState.ESCALATED,
    )
    tags = list(session.scalars(select(AuditEntry.tag)))
    assert tags.count("moderation:threat:escalate") == 1


@pytest.mark.parametrize("thread", [None, "104723_1"], ids=["page", "thread"])
def test_releasing_a_page_or_thread_hold_keeps_an_escalated_threat_held(
    session: Session, runtime: ProcessRuntime, page: AgencyPage, thread: str | None
) -> None:
    deliver(
        session,
        runtime,
        feed_change("t1", THREAT, post_id="104723_1"),
        feed_change("c1", CRITICISM, post_id="104723_1"),
    )
    runtime.worker().drain()
    system = Actor.system()
    archive.set_hold(session=session, actor=system, hold=True, page_pk=page.id)
    if thread is not None:
        archive.set_hold(
            session=session, actor=system, hold=True, page_pk=page.id, post_external_id=thread
        )
        archive.set_hold(
            session=session, actor=system, hold=False, page_pk=page.id, post_external_id=thread
        )
    archive.set_hold(session=session, actor=system, hold=False, page_pk=page.id)
    session.commit()
    session.expire_all()
    held = {c.external_id: c.legal_hold for c in session.scalars(select(Comment))}
    # The threat is evidence held since its escalation; only its own release ends that.
    assert held == {"t1": True, "c1": False}


@pytest.mark.parametrize(("address", "expected"), [("safety@county.example.gov", 1), (None, 0)])
def test_the_alert_email_carries_ids_and_a_link_never_the_text(
    session: Session,
    settings: Settings,
    db: Database,
    fake_server: FakeGraphServer,
    fake: FakeGraph,
    page: AgencyPage,
    inbox: tuple[Inbox, int],
    address: str | None,
    expected: int,
) -> None:
    handler, port = inbox
    agency = session.get(Agency, page.agency_id)
    assert agency is not None
    agency.alert_email = address
    session.commit()
    mailing = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "console_url": "https://cw.example"}
    )
    with httpx.Client(timeout=5) as http:
        adapter = GraphClient(http, base_url=fake_server.url, backoff_seconds=0.01)
        runtime = ProcessRuntime.build(mailing, db, adapter)
        deliver(session, runtime, feed_change("t1", THREAT))
        worker = runtime.worker()
        worker.drain()
        worker.run_jobs()
        worker.run_jobs()  # a second pass sends nothing twice
        runtime.close()
    assert len(handler.messages) == expected
    (alert,) = _alerts(session)
    if expected:
        recipients, raw = handler.messages[0]
        assert recipients == [address]
        body = email.message_from_bytes(raw).get_payload()
        assert f"https://cw.example/console/moderation/comments/{alert.comment_id}" in body
        assert "shoot" not in raw.decode()
        assert "office tomorrow" not in raw.decode()
        assert alert.emailed_at is not None
    else:
        assert alert.emailed_at is None


def test_a_hide_by_hand_under_the_threat_rule_escalates_too(
    session: Session, runtime: ProcessRuntime, page: AgencyPage
) -> None:
    deliver(session, runtime, feed_change("c1", "Is the office open on Monday?"))
    runtime.worker().drain()
    comment = session.scalars(select(Comment)).one()
    assert _alerts(session) == []
    person = make_user(session, session.get_one(Agency, page.agency_id))
    moderator = Actor(
        kind=ActorKind.STAFF, id=person.id, agency_id=page.agency_id, role="page_moderator"
    )
    review.decide(
        session=session,
        actor=moderator,
        keyring=runtime.keyring,
        comment_id=comment.id,
        verdict="hide",
        choice=review.Choice(rule="threat"),
    )
    (alert,) = _alerts(session)
    assert alert.comment_id == comment.id
    assert session.get(Comment, comment.id).legal_hold is True  # type: ignore[union-attr]
