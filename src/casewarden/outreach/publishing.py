"""Sending approved and due posts and replies to the platform, each at most once.

A message is claimed (PUBLISHING or due SCHEDULED → SENDING, committed) before the
call. If the process dies during the call, the message stays SENDING: casewarden
cannot tell whether the post went out, so after a while it is marked FAILED with a
note to check the page, and never sent again on its own — a duplicate public post is
worse than a missing one.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import and_, or_, select

from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.moderation.interfaces import Scanner
from casewarden.moderation.models import Comment
from casewarden.outreach.models import MessageKind, MessageState, OutboundMessage
from casewarden.outreach.service import message_state, message_subject, refusal_before_sending
from casewarden.pages.service import page_ref
from casewarden.platforms.interfaces import PlatformAdapter, PlatformError

log = logging.getLogger("casewarden.outreach.publishing")
STUCK_AFTER = timedelta(minutes=5)


def _claim(db: Database, limit: int = 20) -> list[int]:
    now = utcnow()
    with db.transaction(Scope.system()) as session:
        ids = list(
            session.scalars(
                select(OutboundMessage.id)
                .where(
                    or_(
                        OutboundMessage.state == MessageState.PUBLISHING,
                        and_(
                            OutboundMessage.state == MessageState.SCHEDULED,
                            OutboundMessage.scheduled_for <= now,
                        ),
                    )
                )
                .order_by(OutboundMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        for message in session.scalars(select(OutboundMessage).where(OutboundMessage.id.in_(ids))):
            message.state = MessageState.SENDING
            message.last_error = None
        # Messages stuck in SENDING (a crash mid-call) are not retried, only surfaced.
        for stuck in session.scalars(
            select(OutboundMessage).where(
                OutboundMessage.state == MessageState.SENDING,
                OutboundMessage.updated_at < now - STUCK_AFTER,
                OutboundMessage.id.not_in(ids),
            )
        ):
            stuck.state = MessageState.FAILED
            stuck.last_error = "outcome unknown: check the page before publishing again"
    return ids


def publish_due(
    *, db: Database, keyring: Keyring, adapter: PlatformAdapter, scanner: Scanner
) -> int:
    """Publish everything ready, each read again by the outbound guard just before it goes
    out (the rules or the agency's signature may have changed since it was written);
    returns how many went out."""
    published = 0
    for message_id in _claim(db):
        with db.transaction(Scope.system()) as session:
            message = session.get(OutboundMessage, message_id)
            if message is None:
                continue
            refusal = refusal_before_sending(session=session, scanner=scanner, message=message)
            if refusal is not None:
                message.state, message.last_error = MessageState.FAILED, refusal.sentence[:200]
                if refusal.audit_event is not None:
                    chain.append(session, refusal.audit_event)
                author = Actor(
                    kind=ActorKind.STAFF, id=message.author_id, agency_id=message.agency_id
                )
                chain.record(
                    session,
                    subject=message_subject(message),
                    actor=author,
                    tag=AuditTag.OUTREACH_MESSAGE_FAIL,
                    outcome=Outcome.DENIED,
                    details=message_state(message),
                )
                continue
            page = page_ref(message.page, keyring)
            kind, text, reply_to = message.kind, message.text, message.in_reply_to
            target = session.get(Comment, reply_to) if reply_to else None
            external = target.external_id if target else None
        try:
            if kind is MessageKind.REPLY and external:
                object_id = adapter.reply_to_comment(page, external, text)
            else:
                object_id = adapter.publish_post(page, text)
            error = None
        except PlatformError as exc:
            object_id, error = None, exc.public_message[:200]
            log.warning("outbound message %s not published: %s", message_id, type(exc).__name__)
        with db.transaction(Scope.system()) as session:
            message = session.get(OutboundMessage, message_id)
            if message is None:
                continue
            author = Actor(kind=ActorKind.STAFF, id=message.author_id, agency_id=message.agency_id)
            if error is None:
                message.state, message.published_at = MessageState.PUBLISHED, utcnow()
                message.platform_object_id = (object_id or "")[:128] or None
                chain.record(
                    session,
                    subject=message_subject(message),
                    actor=author,
                    tag=AuditTag.OUTREACH_MESSAGE_PUBLISH,
                    details=message_state(message),
                )
                published += 1
            else:
                message.state, message.last_error = MessageState.FAILED, error
                chain.record(
                    session,
                    subject=message_subject(message),
                    actor=author,
                    tag=AuditTag.OUTREACH_MESSAGE_FAIL,
                    outcome=Outcome.FAILURE,
                    details=message_state(message),
                )
    return published
