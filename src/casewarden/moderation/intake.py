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
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import cast

from pydantic import SecretStr
from sqlalchemy import (
    Insert,
    Select,
    Table,
    Update,
    bindparam,
    exists,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.keys import keyed_ref
from casewarden.moderation.models import (
    AUTHOR_PURPOSE,
    BODY_PURPOSE,
    QUARANTINE_PURPOSE,
    Comment,
    CommentStatus,
    CommentVersion,
    ModerationTask,
    QuarantinedChange,
    QuarantineReason,
    ReviewState,
    TaskState,
    ThreadHold,
    Verb,
)
from casewarden.moderation.webhook import (
    IncomingItem,
    IncomingMessage,
    ParsedDelivery,
    Unreadable,
)
from casewarden.monitoring import counters
from casewarden.pages.models import AgencyPage
from casewarden.pages.service import find_page
from casewarden.platforms.interfaces import Platform

log = logging.getLogger("casewarden.moderation.intake")

_COMMENT = cast(Table, Comment.__table__)
_VERSION = cast(Table, CommentVersion.__table__)
_TASK = cast(Table, ModerationTask.__table__)
_PAGE = cast(Table, AgencyPage.__table__)
_THREAD_HOLD = cast(Table, ThreadHold.__table__)


@dataclass
class IntakeReport:
    """What one delivery added."""

    stored: int = 0
    duplicates: int = 0
    unknown_pages: int = 0
    removed: int = 0
    queued: int = 0
    quarantined: int = 0
    messages: list[tuple[AgencyPage, IncomingMessage]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What intake needs of a registered page."""

    pk: int
    agency_id: int


@dataclass(frozen=True, slots=True)
class _Statements:
    """Intake's statements, built once per dialect and executed with parameters.

    Intake runs for every delivery; building a statement costs more than running it,
    and a statement object built once also keeps its cache key, so each execution
    goes straight to SQLAlchemy's compiled cache.
    """

    page: Select[int, int]
    find: Select[int, int, str, int]
    create: ReturningInsert[int]
    version: ReturningInsert[int]
    advance: Update
    task: Insert
    delivered: Update


@cache
def _statements(dialect: str) -> _Statements:
    comments, versions, pages, holds = _COMMENT, _VERSION, _PAGE, _THREAD_HOLD
    insert_for = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return _Statements(
        page=select(pages.c.id, pages.c.agency_id).where(
            pages.c.platform == bindparam("platform"),
            pages.c.page_id == bindparam("page_id"),
            pages.c.active.is_(True),
        ),
        find=select(
            comments.c.id, comments.c.current_version, comments.c.status, comments.c.page_pk
        )
        .where(
            comments.c.platform == bindparam("platform"),
            comments.c.external_id == bindparam("external_id"),
        )
        .with_for_update(),
        # A comment of a thread on legal hold is held from its first moment (the thread's
        # record covers it for retention anyway; the flag is what screens show).
        create=insert_for(comments)
        .values(
            legal_hold=exists().where(
                holds.c.page_pk == bindparam("hold_page_pk"),
                holds.c.post_external_id.in_(
                    [bindparam("hold_post_id"), bindparam("hold_external_id")]
                ),
            )
        )
        .on_conflict_do_nothing(index_elements=["platform", "external_id"])
        .returning(comments.c.id),
        version=insert_for(versions)
        .on_conflict_do_nothing(index_elements=["delivery_key"])
        .returning(versions.c.id),
        advance=update(comments).where(comments.c.id == bindparam("comment_pk")),
        task=insert(_TASK),
        # Never backwards: a delivery stored with an earlier moment (an import, a sync of
        # old comments in the same group) leaves a later one in place.
        delivered=update(pages)
        .where(
            pages.c.id == bindparam("page_pk"),
            or_(pages.c.last_delivery_at.is_(None), pages.c.last_delivery_at < bindparam("now")),
        )
        .values(last_delivery_at=bindparam("now")),
    )


def _statements_for(session: Session) -> _Statements:
    return _statements(session.get_bind().dialect.name)


def page_info(session: Session, platform: Platform, page_id: str) -> PageInfo | None:
    """The registered page a delivery is for, whatever its agency (None: not registered)."""
    row = session.execute(
        _statements_for(session).page, {"platform": str(platform), "page_id": page_id}
    ).first()
    return PageInfo(row[0], row[1]) if row else None


def delivery_key(secret: SecretStr, item: IncomingItem) -> str:
    """The keyed identity of an event: equal for Meta's redeliveries, different for edits."""
    text_hash = hashlib.sha256((item.message or "").encode()).hexdigest()
    event = item.event_time.isoformat() if item.event_time else "-"
    raw = f"{item.platform}|{item.external_id}|{item.verb}|{text_hash}|{event}"
    return keyed_ref(secret, "delivery", raw) + keyed_ref(secret, "delivery-2", raw)


def _store(
    session: Session,
    item: IncomingItem,
    page: PageInfo,
    key: str,
    keyring: Keyring,
    now: datetime,
    report: IntakeReport,
) -> None:
    statements = _statements_for(session)
    removal = item.verb is Verb.REMOVE
    version_row = {
        "verb": str(item.verb),
        "delivery_key": key,
        "body_sealed": keyring.seal_text(item.message, BODY_PURPOSE)
        if item.message is not None
        else None,
        "event_time": item.event_time,
        "received_at": now,
    }
    # Sealed before knowing whether the comment is new: wasted on an edit or a redelivery
    # (a few microseconds of AES-GCM), where a lookup first would cost a statement on
    # every first event, which most events are.
    author = None
    if item.author_id or item.author_name:
        author = keyring.seal_text(
            json.dumps({"id": item.author_id, "name": item.author_name}), AUTHOR_PURPOSE
        )
    # Most events are a comment's first: create it at version 1 in one statement. Its
    # first version cannot be a redelivery, since the delivery key names the comment.
    created = session.execute(
        statements.create,
        {
            "agency_id": page.agency_id,
            "page_pk": page.pk,
            "platform": str(item.platform),
            "external_id": item.external_id,
            "kind": str(item.kind),
            "post_external_id": item.post_id,
            "parent_external_id": item.parent_id,
            "author_sealed": author,
            "created_time": item.event_time,
            "first_seen_at": now,
            "status": str(CommentStatus.REMOVED if removal else CommentStatus.VISIBLE),
            "review_state": str(ReviewState.NONE),
            "current_version": 1,
            "category_codes": "",
            "case_specific": False,
            "hold_page_pk": page.pk,
            "hold_post_id": item.post_id,
            "hold_external_id": item.external_id,
        },
    ).first()
    version_id: int | None
    if created is not None:
        version_id = session.execute(
            statements.version, {**version_row, "comment_id": created[0], "version": 1}
        ).scalar_one()
    else:
        # Known already (or created by another process a moment ago): lock it, add a version.
        comment_id, current, status, page_pk = session.execute(
            statements.find, {"platform": str(item.platform), "external_id": item.external_id}
        ).one()
        if page_pk != page.pk:
            # A delivery only ever touches comments of the page it came for: an event for
            # another page's comment is kept aside for a person, not applied.
            log.warning("quarantined an event for comment %s of another page", comment_id)
            quarantine(
                session,
                keyring,
                Unreadable(platform=item.platform, page_id=item.page_id,
                           reason=QuarantineReason.OTHER_PAGE, fragment=_item_fragment(item)),
                now,
            )  # fmt: skip
            report.quarantined += 1
            return
        version_id = session.execute(
            statements.version, {**version_row, "comment_id": comment_id, "version": current + 1}
        ).scalar()
        if version_id is None:
            report.duplicates += 1
            return
        changes: dict[str, object] = {"current_version": current + 1}
        if removal and status != str(CommentStatus.DELETED):
            changes["status"] = str(CommentStatus.REMOVED)
        session.execute(statements.advance, {"comment_pk": comment_id, **changes})
    report.stored += 1
    if removal:
        report.removed += 1
    if removal or item.message is None:
        return  # a removal, or a photo without a caption: archived, nothing to scan
    session.execute(
        statements.task,
        {
            "version_id": version_id,
            "state": str(TaskState.PENDING),
            "attempts": 0,
            "available_at": now,
            "created_at": now,
        },
    )
    report.queued += 1


def _item_fragment(item: IncomingItem) -> dict[str, object]:
    return {
        "external_id": item.external_id,
        "kind": str(item.kind),
        "verb": str(item.verb),
        "post_id": item.post_id,
        "parent_id": item.parent_id,
        "message": item.message,
        "author_id": item.author_id,
        "author_name": item.author_name,
        "event_time": item.event_time.isoformat() if item.event_time else None,
    }


def quarantine(session: Session, keyring: Keyring, unreadable: Unreadable, now: datetime) -> None:
    """Keep a signed change aside, sealed as it arrived (lone surrogates escaped by JSON)."""
    payload = json.dumps(unreadable.fragment, ensure_ascii=True, default=str)
    session.add(
        QuarantinedChange(
            received_at=now,
            platform=str(unreadable.platform),
            page_external_id=unreadable.page_id,
            reason=unreadable.reason,
            payload_sealed=keyring.seal_text(payload, QUARANTINE_PURPOSE),
        )
    )


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
    pages: dict[tuple[str, str], PageInfo | None] = {}
    delivered: set[int] = set()
    for item in delivery.items:
        lookup = (str(item.platform), item.page_id)
        if lookup not in pages:
            pages[lookup] = page_info(session, item.platform, item.page_id)
        page = pages[lookup]
        if page is None:
            report.unknown_pages += 1
            log.info("skipped an item for unregistered %s page %s", item.platform, item.page_id)
            continue
        stored = report.stored
        _store(session, item, page, delivery_key(secret, item), keyring, moment, report)
        if report.stored > stored:
            delivered.add(page.pk)
    counters.add(
        session,
        counters.Total.DELIVERIES_RECEIVED,
        Counter(str(item.platform) for item in delivery.items),
    )
    # After the counter of the page's platform, in page order: an intake transaction that
    # locks a page's row already holds that counter's row, so no two intakes wait on each
    # other over pages (a hot row taken first would add a lock-order cycle).
    for page_pk in sorted(delivered):
        session.execute(_statements_for(session).delivered, {"page_pk": page_pk, "now": moment})
    for unreadable in delivery.unreadable:
        quarantine(session, keyring, unreadable, moment)
        report.quarantined += 1
    if delivery.unreadable:
        session.flush()
    for message in delivery.messages:
        inbox = find_page(session=session, platform=Platform.FACEBOOK, page_id=message.page_id)
        if inbox is not None:
            report.messages.append((inbox, message))
    return report
