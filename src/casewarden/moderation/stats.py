"""Numbers for the moderation dashboard: volume, hidden by category, time to hide."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.clock import utcnow
from casewarden.moderation.models import (
    ActionState,
    Comment,
    CommentStatus,
    CommentVersion,
    ModerationDecision,
    PlatformAction,
    PlatformOperation,
    ReviewState,
)


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The moderation dashboard's figures for a window of days."""

    days: int
    received_per_day: list[tuple[date, int]]
    hidden_by_category: list[tuple[str, int]]
    status_counts: dict[str, int]
    open_reviews: int
    hides_measured: int
    median_seconds_to_hide: float | None
    p95_seconds_to_hide: float | None


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def dashboard(
    *, session: Session, actor: Actor, days: int = 30, now: datetime | None = None
) -> Dashboard:
    """Figures for the last ``days`` days, within the actor's agency."""
    authorize(actor, Permission.MODERATION_DASHBOARD)
    moment = now or utcnow()
    since = moment - timedelta(days=days)
    # Agency scoping applies through Comment (the versions have no agency of their own).
    received = session.execute(
        select(CommentVersion.received_at)
        .join(Comment, Comment.id == CommentVersion.comment_id)
        .where(CommentVersion.received_at >= since, CommentVersion.version == 1)
    ).scalars()
    per_day = Counter(when.date() for when in received)
    first_day = since.date()
    series = [
        (first_day + timedelta(days=n), per_day.get(first_day + timedelta(days=n), 0))
        for n in range(days + 1)
    ]
    hidden = session.execute(
        select(Comment.category_codes).where(
            Comment.hidden_at.is_not(None), Comment.hidden_at >= since
        )
    ).scalars()
    by_category: Counter[str] = Counter()
    for codes in hidden:
        for code in (c for c in codes.split(",") if c):
            by_category[code] += 1
    statuses = Counter(
        str(status)
        for status in session.execute(
            select(Comment.status).where(Comment.first_seen_at >= since)
        ).scalars()
    )
    open_reviews = (
        session.scalar(
            select(func.count())
            .select_from(Comment)
            .where(Comment.review_state.in_([ReviewState.QUEUED, ReviewState.ESCALATED]))
        )
        or 0
    )
    durations = [
        (done - received_at).total_seconds()
        for done, received_at in session.execute(
            select(PlatformAction.done_at, CommentVersion.received_at)
            .join(ModerationDecision, ModerationDecision.id == PlatformAction.decision_id)
            .join(CommentVersion, CommentVersion.id == ModerationDecision.version_id)
            .join(Comment, Comment.id == PlatformAction.comment_id)
            .where(
                PlatformAction.operation == PlatformOperation.HIDE,
                PlatformAction.state == ActionState.DONE,
                PlatformAction.done_at >= since,
                ModerationDecision.automatic_key.is_not(None),
            )
        ).all()
        if done is not None
    ]
    return Dashboard(
        days=days,
        received_per_day=series,
        hidden_by_category=sorted(by_category.items(), key=lambda item: (-item[1], item[0])),
        status_counts={status.value: statuses.get(status.value, 0) for status in CommentStatus},
        open_reviews=open_reviews,
        hides_measured=len(durations),
        median_seconds_to_hide=statistics.median(durations) if durations else None,
        p95_seconds_to_hide=_percentile(durations, 0.95),
    )
