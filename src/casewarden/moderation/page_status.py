"""What the Pages screen says of each page: its last delivery and its legal hold.

A legal hold is a flag on each comment (``archive.set_hold``); holding a whole page flags
the comments it has at that moment. Whether the page as a whole is on hold, since when and
by whom, is what the audit chain recorded last for it: a page-wide ``archive:hold:set``
not followed by an ``archive:hold:release``. No reason is stored for a hold.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.actor import ActorKind
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.moderation.models import Comment, CommentVersion

_HOLD_TAGS = (str(AuditTag.ARCHIVE_HOLD_SET), str(AuditTag.ARCHIVE_HOLD_RELEASE))


@dataclass(frozen=True, slots=True)
class PageHold:
    """A page's legal hold as the archive and the audit chain have it."""

    #: Comments of the page held now (by a page-wide, thread or single-comment hold).
    held_comments: int = 0
    #: When the standing page-wide hold was placed (None: the page as a whole is not held).
    since: datetime | None = None
    #: Who placed it: a staff member's display name, or None for casewarden's own commands.
    placed_by: str | None = None
    #: The kind of actor who placed it (``staff``, ``system``).
    placed_by_kind: str | None = None

    @property
    def page_wide(self) -> bool:
        """Whether the page as a whole is on hold."""
        return self.since is not None


@dataclass(frozen=True, slots=True)
class PageActivity:
    """One page's last delivery and hold."""

    last_delivery: datetime | None
    hold: PageHold


def _last_deliveries(session: Session, page_pks: Collection[int]) -> dict[int, datetime]:
    rows = session.execute(
        select(Comment.page_pk, func.max(CommentVersion.received_at))
        .join(CommentVersion, CommentVersion.comment_id == Comment.id)
        .where(Comment.page_pk.in_(page_pks))
        .group_by(Comment.page_pk)
    )
    return {int(pk): moment for pk, moment in rows if moment is not None}


def _held_counts(session: Session, page_pks: Collection[int]) -> dict[int, int]:
    rows = session.execute(
        select(Comment.page_pk, func.count())
        .where(Comment.page_pk.in_(page_pks), Comment.legal_hold.is_(True))
        .group_by(Comment.page_pk)
    )
    return {int(pk): int(count) for pk, count in rows}


def _standing_holds(session: Session, page_pks: Collection[int]) -> dict[int, AuditEntry]:
    """The page-wide hold placed last on each page and not released since."""
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.subject_type == "agency_page",
            AuditEntry.subject_id.in_([str(pk) for pk in page_pks]),
            AuditEntry.tag.in_(_HOLD_TAGS),
        )
        .order_by(AuditEntry.seq)
    )
    latest: dict[int, AuditEntry] = {}
    for entry in entries:
        if (entry.details or {}).get("thread"):
            continue  # a thread's hold says nothing of the page as a whole
        latest[int(str(entry.subject_id))] = entry
    return {pk: e for pk, e in latest.items() if e.tag == str(AuditTag.ARCHIVE_HOLD_SET)}


def page_activity(*, session: Session, page_pks: Collection[int]) -> dict[int, PageActivity]:
    """Each page's last delivery received and its legal hold, for the Pages screen."""
    if not page_pks:
        return {}
    deliveries = _last_deliveries(session, page_pks)
    held = _held_counts(session, page_pks)
    standing = _standing_holds(session, page_pks)
    staff_ids = {
        e.actor_id for e in standing.values() if e.actor_type == str(ActorKind.STAFF) and e.actor_id
    }
    names: dict[int, str] = {}
    if staff_ids:
        query = select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(staff_ids))
        names = {int(uid): str(name) for uid, name in session.execute(query)}
    result = {}
    for pk in page_pks:
        entry = standing.get(pk)
        hold = PageHold(held_comments=held.get(pk, 0))
        if entry is not None:
            hold = PageHold(
                held_comments=hold.held_comments,
                since=entry.occurred_at,
                placed_by=names.get(entry.actor_id) if entry.actor_id else None,
                placed_by_kind=entry.actor_type,
            )
        result[pk] = PageActivity(last_delivery=deliveries.get(pk), hold=hold)
    return result
