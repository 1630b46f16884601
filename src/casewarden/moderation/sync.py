"""Catching up after an outage: comments the page received that casewarden never did.

Meta stops redelivering a failed webhook after a while, so comments posted while
casewarden was down (or unreachable) would stay on the page unscanned. ``pages sync``
lists each page's recent comments through the Graph API and hands the ones casewarden
has no record of to the same intake as a webhook delivery, so they are stored, sealed,
scanned and acted on like any other. Comments already known are left alone, however
the listing words them: a sync adds what was missed, it does not replay edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import elevated
from casewarden.moderation.intake import receive
from casewarden.moderation.models import Comment, ItemKind, Verb
from casewarden.moderation.webhook import IncomingItem, ParsedDelivery, clean_text
from casewarden.pages.models import AgencyPage
from casewarden.platforms.interfaces import Platform, PlatformComment
from casewarden.policy import Purpose

#: How many comment ids one lookup asks about (well under every dialect's parameter limit).
_LOOKUP_BATCH = 500


@dataclass(frozen=True, slots=True)
class SyncWindow:
    """The creation times a sync looks at, and how many of a page's posts it reads."""

    since: datetime
    until: datetime
    max_posts: int


@dataclass
class PageSyncReport:
    """What a sync found on one page and what it stored."""

    page_pk: int
    listed: int = 0
    known: int = 0
    own: int = 0
    stored: int = 0
    queued: int = 0


def _known_ids(session: Session, platform: Platform, ids: list[str]) -> set[str]:
    known: set[str] = set()
    with elevated(session):  # a comment id is the platform's: look across agencies
        for start in range(0, len(ids), _LOOKUP_BATCH):
            batch = ids[start : start + _LOOKUP_BATCH]
            known.update(
                session.scalars(
                    select(Comment.external_id).where(
                        Comment.platform == str(platform), Comment.external_id.in_(batch)
                    )
                )
            )
    return known


def _item(page: AgencyPage, comment: PlatformComment) -> IncomingItem:
    """The comment as a webhook would have delivered it: on Facebook a top-level
    comment's parent is its post (Meta's feed changes); on Instagram it has none (Meta's
    comments field names a parent only for a reply)."""
    top_parent = comment.post_id if page.platform is Platform.FACEBOOK else None
    return IncomingItem(
        platform=page.platform,
        page_id=page.page_id,
        external_id=comment.comment_id,
        kind=ItemKind.REPLY if comment.parent_id else ItemKind.COMMENT,
        verb=Verb.ADD,
        post_id=comment.post_id,
        parent_id=comment.parent_id or top_parent,
        message=clean_text(comment.message) if comment.message is not None else None,
        author_id=comment.author_id,
        author_name=clean_text(comment.author_name[:200]) if comment.author_name else None,
        event_time=comment.created_time,
    )


def store_missed(
    *,
    session: Session,
    keyring: Keyring,
    secret: SecretStr,
    actor: Actor,
    page: AgencyPage,
    comments: Iterable[PlatformComment],
    window: SyncWindow,
) -> PageSyncReport:
    """Store and queue the listed comments casewarden never received; audited per page."""
    report = PageSyncReport(page_pk=page.id)
    fresh: dict[str, PlatformComment] = {}
    for comment in comments:
        report.listed += 1
        if comment.author_id == page.page_id:
            report.own += 1  # the page's own answers, dropped as the webhook drops them
        else:
            fresh.setdefault(comment.comment_id, comment)
    known = _known_ids(session, page.platform, list(fresh))
    report.known = len(known)
    missed = [_item(page, comment) for cid, comment in fresh.items() if cid not in known]
    if missed:
        intake = receive(
            session=session, keyring=keyring, secret=secret, delivery=ParsedDelivery(items=missed)
        )
        report.stored, report.queued = intake.stored, intake.queued
    chain.record(
        session,
        subject=Subject(type="agency_page", purpose=str(Purpose.PAGE_MODERATION)).of(page),
        actor=actor,
        tag=AuditTag.PAGES_PAGE_SYNC,
        details={
            "since": chain.format_time(window.since),
            "until": chain.format_time(window.until),
            "listed": report.listed,
            "known": report.known,
            "stored": report.stored,
        },
    )
    return report


def record_failure(
    *, session: Session, actor: Actor, page: AgencyPage, window: SyncWindow, error_kind: str
) -> None:
    """Audit a page whose comments could not be listed (token refused, Graph down)."""
    chain.record(
        session,
        subject=Subject(type="agency_page", purpose=str(Purpose.PAGE_MODERATION)).of(page),
        actor=actor,
        tag=AuditTag.PAGES_PAGE_SYNC,
        outcome=Outcome.FAILURE,
        details={
            "since": chain.format_time(window.since),
            "until": chain.format_time(window.until),
            "error": error_kind,
        },
    )
