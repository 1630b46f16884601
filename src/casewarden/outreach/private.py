"""Private messages to the page: at most one automatic pointer to official channels.

casewarden has no inbox. When a person messages the agency's page, the text is not
stored; the sender (as a keyed hash) gets one answer, in English and Spanish, pointing
to the agency's official private channels. The answer is marked sent before the call,
so a crash can lose it but never send it twice.
"""

from __future__ import annotations

import logging

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.keys import keyed_ref
from casewarden.moderation.interfaces import Scanner
from casewarden.moderation.webhook import IncomingMessage
from casewarden.outreach import guard
from casewarden.outreach.models import AnswerState, PrivateMessageAnswer
from casewarden.outreach.profile import get_profile
from casewarden.pages.models import AgencyPage
from casewarden.pages.service import page_ref
from casewarden.platforms.interfaces import PlatformAdapter, PlatformError
from casewarden.policy import Action, Purpose, Resource, ResourceKind

log = logging.getLogger("casewarden.outreach.private")


def record_incoming(
    *, session: Session, secret: SecretStr, messages: list[tuple[AgencyPage, IncomingMessage]]
) -> int:
    """Note senders who have not had their answer yet; returns how many are new."""
    new = 0
    for page, message in messages:
        sender_key = keyed_ref(secret, "dm-sender", f"{page.id}:{message.sender_ref}")
        exists = session.scalar(
            select(PrivateMessageAnswer.id).where(
                PrivateMessageAnswer.page_pk == page.id,
                PrivateMessageAnswer.sender_key == sender_key,
            )
        )
        if exists is not None:
            continue
        try:
            with session.begin_nested():
                session.add(
                    PrivateMessageAnswer(
                        page_pk=page.id,
                        sender_key=sender_key,
                        thread_ref=message.sender_ref,
                        state=AnswerState.PENDING,
                        received_at=utcnow(),
                    )
                )
            new += 1
        except IntegrityError:
            continue
    return new


def answer_text(session: Session, page: AgencyPage) -> str:
    """The agency's pointer to its private channels, in English and Spanish."""
    profile = get_profile(session, page.agency_id)
    return f"{profile.private_channels_en}\n\n{profile.private_channels_es}"


def send_pending(
    *, db: Database, keyring: Keyring, adapter: PlatformAdapter, scanner: Scanner
) -> int:
    """Send each pending automatic answer once, if the outbound guard lets it out; returns
    how many were sent."""
    sent = 0
    with db.transaction(Scope.system()) as session:
        claimed = []
        for answer in session.scalars(
            select(PrivateMessageAnswer)
            .where(PrivateMessageAnswer.state == AnswerState.PENDING)
            .limit(50)
            .with_for_update(skip_locked=True)
        ):
            page = session.get(AgencyPage, answer.page_pk)
            thread = answer.thread_ref
            # At most once: marked sent (and the sender's id erased) before the call.
            answer.state, answer.answered_at, answer.thread_ref = AnswerState.SENT, utcnow(), None
            if page is None or thread is None:
                continue
            text = answer_text(session, page)
            # The answer is read by the outbound guard as it goes out, like any post.
            report = guard.check(
                text,
                scanner=scanner,
                own_pages={p.page_id for p in session.scalars(select(AgencyPage))},
            )
            try:
                citation = guard.enforce_report(
                    Actor.system(page.agency_id),
                    report,
                    action=Action.MESSAGE_AUTO_REPLY,
                    # The answer goes out through the page: its links and wording are the
                    # page's, read under the rules for what the page says.
                    resource=Resource(
                        kind=ResourceKind.AGENCY_PAGE,
                        id=str(page.id),
                        registered_page=page.active,
                    ),
                    purpose=Purpose.GENERAL_QUESTION_ANSWER,
                    agency_id=page.agency_id,
                )
            except guard.GuardRefused as refused:
                answer.state = AnswerState.FAILED
                if refused.audit_event is not None:
                    chain.append(session, refused.audit_event)
                continue
            claimed.append((answer.id, page, thread, text, citation))
    for answer_id, page, thread, text, citation in claimed:
        outcome = Outcome.SUCCESS
        try:
            adapter.answer_private_message(page_ref(page, keyring), thread, text)
            sent += 1
        except PlatformError:
            outcome = Outcome.FAILURE
            log.warning("automatic answer %s not delivered", answer_id)
        with db.transaction(Scope.system()) as session:
            if outcome is Outcome.FAILURE:
                undelivered = session.get(PrivateMessageAnswer, answer_id)
                if undelivered is not None:
                    undelivered.state = AnswerState.FAILED
            chain.record(
                session,
                subject=Subject(
                    type="private_message_answer",
                    id=str(answer_id),
                    agency_id=page.agency_id,
                    purpose=str(Purpose.GENERAL_QUESTION_ANSWER),
                    citation=citation,
                ),
                actor=Actor.system(),
                tag=AuditTag.OUTREACH_PRIVATE_ANSWER,
                outcome=outcome,
            )
    return sent
