"""What the Pages screen says of each page: its last delivery and its legal hold.

Both are kept on the page itself: intake sets ``last_delivery_at`` as it stores a
delivery, and a page-wide legal hold is a record on the page (``archive.set_hold``) that
covers every comment of the page, those received after it included, until released.
Comments may also be held one by one or by thread (a flag on each comment).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.actor import ActorKind
from casewarden.crypto.keyring import Keyring
from casewarden.moderation.models import Comment
from casewarden.pages.models import HOLD_REASON_PURPOSE, AgencyPage


@dataclass(frozen=True, slots=True)
class PageHold:
    """A page's legal hold as the archive has it."""

    #: Comments of the page held by themselves or with their thread.
    held_comments: int = 0
    #: When the standing page-wide hold was placed (None: the page as a whole is not held).
    since: datetime | None = None
    #: Who placed it: a staff member's display name, or None for casewarden's own commands.
    placed_by: str | None = None
    #: The kind of actor who placed it (``staff``, ``system``).
    placed_by_kind: str | None = None
    #: Why, in the placer's words (None: no reason was given).
    reason: str | None = None

    @property
    def page_wide(self) -> bool:
        """Whether the page as a whole is on hold."""
        return self.since is not None


@dataclass(frozen=True, slots=True)
class PageActivity:
    """One page's last delivery and hold."""

    last_delivery: datetime | None
    hold: PageHold


def _flagged_counts(session: Session, page_pks: Collection[int]) -> dict[int, int]:
    rows = session.execute(
        select(Comment.page_pk, func.count())
        .where(Comment.page_pk.in_(page_pks), Comment.legal_hold.is_(True))
        .group_by(Comment.page_pk)
    )
    return {int(pk): int(count) for pk, count in rows}


def page_activity(
    *, session: Session, keyring: Keyring, pages: Sequence[AgencyPage]
) -> dict[int, PageActivity]:
    """Each page's last delivery received and its legal hold, for the Pages screen."""
    if not pages:
        return {}
    # Only pages not held as a whole need their flags counted: a page-wide hold says
    # "everything", which a count of flags would contradict.
    flagged = _flagged_counts(session, [page.id for page in pages if not page.on_hold])
    staff_ids = {
        page.hold_placed_by_id
        for page in pages
        if page.on_hold and page.hold_placed_by_type == str(ActorKind.STAFF)
    }
    names: dict[int, str] = {}
    if staff_ids:
        query = select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(staff_ids))
        names = {int(uid): str(name) for uid, name in session.execute(query)}
    result = {}
    for page in pages:
        hold = PageHold(held_comments=flagged.get(page.id, 0))
        if page.on_hold:
            hold = PageHold(
                since=page.hold_placed_at,
                placed_by=names.get(page.hold_placed_by_id) if page.hold_placed_by_id else None,
                placed_by_kind=page.hold_placed_by_type,
                reason=keyring.open_text(page.hold_reason_sealed, HOLD_REASON_PURPOSE)
                if page.hold_reason_sealed
                else None,
            )
        result[page.id] = PageActivity(last_delivery=page.last_delivery_at, hold=hold)
    return result
