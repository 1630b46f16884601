"""Durable intake: a delivery's items are stored, deduplicated, and queued before the 200.

Meta redelivers an event until it gets a 200, so the same event may arrive many
times, on several processes at once. Each version carries a keyed hash of what the
event says (platform, id, verb, text, event time); the database's unique index on it
turns every redelivery into a no-op, however the arrivals interleave.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.keys import keyed_ref
from casewarden.moderation.models import (
    AUTHOR_PURPOSE,
    BODY_PURPOSE,
    Comment,
    CommentStatus,
    CommentVersion,
    ModerationTask,
    TaskState,
    Verb,
)
from casewarden.moderation.webhook import IncomingItem, IncomingMessage, ParsedDelivery
from casewarden.pages.models import AgencyPage
from casewarden.pages.service import find_page
from casewarden.platforms.interfaces import Platform

log = logging.getLogger("casewarden.moderation.intake")


@dataclass
class IntakeReport:
    """What one delivery added."""

    stored: int = 0
    duplicates: int = 0
    unknown_pages: int = 0
    removed: int = 0
    queued: int = 0
    messages: list[tuple[AgencyPage, IncomingMessage]] = field(default_factory=list)


def delivery_key(secret: SecretStr, item: IncomingItem) -> str:
    """The keyed identity of an event: equal for Meta's redeliveries, different for edits."""
    text_hash = hashlib.sha256((item.message or "").encode()).hexdigest()
    event = item.event_time.isoformat() if item.event_time else "-"
    raw = f"{item.platform}|{item.external_id}|{item.verb}|{text_hash}|{event}"
    return keyed_ref(secret, "delivery", raw) + keyed_ref(secret, "delivery-2", raw)


def _comment(
    session: Session, item: IncomingItem, page: AgencyPage, keyring: Keyring, now: datetime
) -> Comment:
    comment = session.scalar(
        select(Comment)
        .where(Comment.platform == item.platform, Comment.external_id == item.external_id)
        .with_for_update()
    )
    if comment is not None:
        return comment
    author = None
    if item.author_id or item.author_name:
        author = keyring.seal_text(
            json.dumps({"id": item.author_id, "name": item.author_name}), AUTHOR_PURPOSE
        )
    comment = Comment(
        agency_id=page.agency_id,
        page_pk=page.id,
        platform=item.platform,
        external_id=item.external_id,
        kind=item.kind,
        post_external_id=item.post_id,
        parent_external_id=item.parent_id,
        author_sealed=author,
        created_time=item.event_time,
        first_seen_at=now,
        current_version=0,
        category_codes="",
    )
    session.add(comment)
    session.flush()
    return comment


def _store(
    session: Session,
    item: IncomingItem,
    page: AgencyPage,
    key: str,
    keyring: Keyring,
    now: datetime,
    report: IntakeReport,
) -> None:
    comment = _comment(session, item, page, keyring, now)
    comment.current_version += 1
    version = CommentVersion(
        comment_id=comment.id,
        version=comment.current_version,
        verb=item.verb,
        delivery_key=key,
        body_sealed=keyring.seal_text(item.message, BODY_PURPOSE)
        if item.message is not None
        else None,
        event_time=item.event_time,
        received_at=now,
    )
    session.add(version)
    session.flush()
    report.stored += 1
    if item.verb is Verb.REMOVE:
        if comment.status is not CommentStatus.DELETED:
            comment.status = CommentStatus.REMOVED
        report.removed += 1
        return
    if item.message is None:
        return  # nothing to scan (a photo without a caption); archived all the same
    session.add(
        ModerationTask(
            version_id=version.id,
            state=TaskState.PENDING,
            available_at=now,
            created_at=now,
        )
    )
    report.queued += 1


def receive(
    *,
    session: Session,
    keyring: Keyring,
    secret: SecretStr,
    delivery: ParsedDelivery,
    now: datetime | None = None,
) -> IntakeReport:
    """Store every item of a delivery and queue its scans, in the caller's transaction."""
    moment = now or utcnow()
    report = IntakeReport()
    pages: dict[tuple[str, str], AgencyPage | None] = {}
    for item in delivery.items:
        lookup = (str(item.platform), item.page_id)
        if lookup not in pages:
            pages[lookup] = find_page(session=session, platform=item.platform, page_id=item.page_id)
        page = pages[lookup]
        if page is None:
            report.unknown_pages += 1
            log.info("skipped an item for unregistered %s page %s", item.platform, item.page_id)
            continue
        key = delivery_key(secret, item)
        if session.scalar(select(CommentVersion.id).where(CommentVersion.delivery_key == key)):
            report.duplicates += 1
            continue
        try:
            with session.begin_nested():
                _store(session, item, page, key, keyring, moment, report)
        except IntegrityError:
            # Another process stored the same redelivery (or the same new comment) first.
            report.duplicates += 1
    for message in delivery.messages:
        page = find_page(session=session, platform=Platform.FACEBOOK, page_id=message.page_id)
        if page is not None:
            report.messages.append((page, message))
    return report
