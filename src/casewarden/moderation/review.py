"""The moderators' side: the review queue, a comment's full record, and their decisions.

Every decision is a ``ModerationDecision`` row and an audit entry with the rule and its
citation. Decisions that change the platform (restore, hide, delete) plan a platform
action; the caller sends it after committing (see ``actions.execute``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.moderation.grounds import citation_for
from casewarden.moderation.models import (
    AUTHOR_PURPOSE,
    BODY_PURPOSE,
    ActionState,
    Comment,
    CommentStatus,
    CommentVersion,
    ModerationDecision,
    PlatformAction,
    ReviewState,
)
from casewarden.policy import Action, Purpose, Resource, ResourceKind, enforce
from casewarden.policy.citations import COMMENT_POLICY

PAGE_SIZE = 50
OPEN_STATES = (ReviewState.QUEUED, ReviewState.ESCALATED)


class Verdict(StrEnum):
    """What a moderator can decide about a comment."""

    CONFIRM = "confirm"  # it stays hidden
    RESTORE = "restore"  # show it again (criticism, a false positive)
    HIDE = "hide"  # hide one the engine only flagged for review
    DISMISS = "dismiss"  # a flagged comment is fine as it is
    ESCALATE = "escalate"  # a supervisor should decide (delete, or a hard call)
    DELETE = "delete"  # supervisors only


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows."""

    state: str = (
        "open"  # open, queued, escalated, confirmed, restored, dismissed, all, case_specific
    )
    category: str | None = None
    page_pk: int | None = None


@dataclass
class QueueRow:
    """One comment in the queue, its latest text and the decision that put it there."""

    comment: Comment
    text: str
    decision: ModerationDecision | None


@dataclass
class QueuePage:
    """A page of the queue, newest first."""

    rows: list[QueueRow]
    next_before: int | None


def _where(where: QueueFilter) -> list[object]:
    clauses: list[object] = []
    if where.state == "open":
        clauses.append(Comment.review_state.in_(OPEN_STATES))
    elif where.state == "case_specific":
        clauses.append(Comment.case_specific.is_(True))
    elif where.state != "all":
        try:
            clauses.append(Comment.review_state == ReviewState(where.state))
        except ValueError:
            raise InvalidInput(f"Unknown queue state {where.state[:20]!r}.") from None
    if where.category:
        if not where.category.isidentifier():
            raise InvalidInput("Unknown category.")
        clauses.append(Comment.category_codes.like(f"%,{where.category},%"))
    if where.page_pk is not None:
        clauses.append(Comment.page_pk == where.page_pk)
    return clauses


def latest_text(session: Session, keyring: Keyring, comment: Comment) -> str:
    """The newest text of a comment (empty when the last delivery had none)."""
    body = session.scalar(
        select(CommentVersion.body_sealed)
        .where(CommentVersion.comment_id == comment.id, CommentVersion.body_sealed.is_not(None))
        .order_by(CommentVersion.version.desc())
        .limit(1)
    )
    return keyring.open_text(body, BODY_PURPOSE) if body else ""


def _latest_decision(session: Session, comment_id: int) -> ModerationDecision | None:
    return session.scalar(
        select(ModerationDecision)
        .where(ModerationDecision.comment_id == comment_id)
        .order_by(ModerationDecision.decided_at.desc(), ModerationDecision.id.desc())
        .limit(1)
    )


def queue(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    where: QueueFilter,
    before: int | None = None,
    limit: int = PAGE_SIZE,
) -> QueuePage:
    """Comments for the moderators, newest first, within the actor's agency."""
    authorize(actor, Permission.MODERATION_REVIEW)
    query = select(Comment).where(*_where(where))  # type: ignore[arg-type]
    if before is not None:
        query = query.where(Comment.id < before)
    comments = list(session.scalars(query.order_by(Comment.id.desc()).limit(limit + 1)))
    more = len(comments) > limit
    comments = comments[:limit]
    rows = [
        QueueRow(c, latest_text(session, keyring, c), _latest_decision(session, c.id))
        for c in comments
    ]
    return QueuePage(rows, comments[-1].id if more and comments else None)


def open_count(*, session: Session, actor: Actor) -> int:
    """How many comments wait for a moderator (the console's live counter)."""
    authorize(actor, Permission.MODERATION_REVIEW)
    return (
        session.scalar(
            select(func.count()).select_from(Comment).where(Comment.review_state.in_(OPEN_STATES))
        )
        or 0
    )


@dataclass
class VersionView:
    """One version of a comment, opened."""

    version: CommentVersion
    text: str


@dataclass
class CommentRecord:
    """Everything casewarden holds about one comment, for the detail page."""

    comment: Comment
    author_name: str | None
    versions: list[VersionView]
    decisions: list[ModerationDecision]
    actions: list[PlatformAction]
    thread: list[tuple[Comment, str]] = field(default_factory=list)


def get_comment(session: Session, comment_id: int) -> Comment:
    """A comment of the session's agency."""
    comment = session.scalar(select(Comment).where(Comment.id == comment_id))
    if comment is None:
        raise NotFound("No such comment.")
    return comment


def record(*, session: Session, actor: Actor, keyring: Keyring, comment_id: int) -> CommentRecord:
    """The full record of a comment, with its thread; the view is audited."""
    authorize(actor, Permission.MODERATION_REVIEW)
    comment = get_comment(session, comment_id)
    versions = session.scalars(
        select(CommentVersion)
        .where(CommentVersion.comment_id == comment.id)
        .order_by(CommentVersion.version)
    ).all()
    author = None
    if comment.author_sealed:
        author = json.loads(keyring.open_text(comment.author_sealed, AUTHOR_PURPOSE)).get("name")
    thread_comments: Sequence[Comment] = []
    if comment.post_external_id:
        thread_comments = session.scalars(
            select(Comment)
            .where(
                Comment.page_pk == comment.page_pk,
                or_(
                    Comment.post_external_id == comment.post_external_id,
                    Comment.external_id == comment.post_external_id,
                ),
                Comment.id != comment.id,
            )
            .order_by(Comment.id)
            .limit(25)
        ).all()
    chain.append(
        session,
        chain.AuditEvent(
            actor=actor,
            tag=AuditTag.MODERATION_COMMENT_VIEW,
            subject_type="comment",
            subject_id=str(comment.id),
            agency_id=comment.agency_id,
            purpose=str(Purpose.PAGE_MODERATION),
        ),
    )
    return CommentRecord(
        comment=comment,
        author_name=author if isinstance(author, str) else None,
        versions=[
            VersionView(v, keyring.open_text(v.body_sealed, BODY_PURPOSE) if v.body_sealed else "")
            for v in versions
        ],
        decisions=list(
            session.scalars(
                select(ModerationDecision)
                .where(ModerationDecision.comment_id == comment.id)
                .order_by(ModerationDecision.decided_at, ModerationDecision.id)
            )
        ),
        actions=list(
            session.scalars(
                select(PlatformAction)
                .where(PlatformAction.comment_id == comment.id)
                .order_by(PlatformAction.id)
            )
        ),
        thread=[(c, latest_text(session, keyring, c)) for c in thread_comments],
    )


_TAGS = {
    Verdict.CONFIRM: AuditTag.MODERATION_COMMENT_CONFIRM,
    Verdict.DISMISS: AuditTag.MODERATION_COMMENT_DISMISS,
    Verdict.ESCALATE: AuditTag.MODERATION_COMMENT_ESCALATE,
}
_POLICY_ACTION = {
    Verdict.RESTORE: Action.COMMENT_UNHIDE,
    Verdict.HIDE: Action.COMMENT_HIDE,
    Verdict.DELETE: Action.COMMENT_DELETE,
}
_OPERATION = {Verdict.RESTORE: "unhide", Verdict.HIDE: "hide", Verdict.DELETE: "delete"}


def _check_state(comment: Comment, verdict: Verdict) -> None:
    if (
        comment.status in (CommentStatus.DELETED, CommentStatus.REMOVED)
        and verdict is not Verdict.CONFIRM
    ):
        raise Conflict("This comment is no longer on the page.")
    if verdict is Verdict.RESTORE and comment.status is not CommentStatus.HIDDEN:
        raise Conflict("Only a hidden comment can be restored.")
    if verdict is Verdict.HIDE and comment.status is CommentStatus.HIDDEN:
        raise Conflict("This comment is hidden already.")
    if verdict is Verdict.DISMISS and comment.status is CommentStatus.HIDDEN:
        raise Conflict("A hidden comment is confirmed or restored, not dismissed.")


def decide(
    *,
    session: Session,
    actor: Actor,
    comment_id: int,
    verdict: Verdict | str,
    now: datetime | None = None,
) -> list[int]:
    """Record a moderator's decision; returns ids of platform actions to send after commit."""
    try:
        verdict = Verdict(verdict)
    except ValueError:
        raise InvalidInput(f"Unknown decision {str(verdict)[:20]!r}.") from None
    authorize(
        actor,
        Permission.MODERATION_DELETE if verdict is Verdict.DELETE else Permission.MODERATION_REVIEW,
    )
    comment = get_comment(session, comment_id)
    _check_state(comment, verdict)
    moment = now or utcnow()
    policy_action = _POLICY_ACTION.get(verdict, Action.COMMENT_REVIEW)
    verdict_policy = enforce(
        actor,
        policy_action,
        Resource(
            kind=ResourceKind.COMMENT, id=comment.external_id, registered_page=comment.page.active
        ),
        Purpose.PAGE_MODERATION,
        agency_id=comment.agency_id,
    )
    citation = (
        COMMENT_POLICY
        if verdict in (Verdict.RESTORE, Verdict.DISMISS)
        else citation_for(comment.categories)
    )
    decision = ModerationDecision(
        comment_id=comment.id,
        version_id=None,
        decided_at=moment,
        actor_type=str(actor.kind),
        actor_id=actor.id,
        outcome=str(verdict),
        categories=list(comment.categories),
        rules=[verdict_policy.rule],
        citation=citation,
        findings=[],
        case_specific=comment.case_specific,
    )
    session.add(decision)
    session.flush()
    comment.review_state = {
        Verdict.CONFIRM: ReviewState.CONFIRMED,
        Verdict.RESTORE: ReviewState.RESTORED,
        Verdict.HIDE: ReviewState.CONFIRMED,
        Verdict.DISMISS: ReviewState.DISMISSED,
        Verdict.ESCALATE: ReviewState.ESCALATED,
        Verdict.DELETE: ReviewState.CONFIRMED,
    }[verdict]
    planned: list[int] = []
    operation = _OPERATION.get(verdict)
    if operation is not None:
        action = PlatformAction(
            comment_id=comment.id,
            decision_id=decision.id,
            operation=operation,
            idempotency_key=f"{decision.id}:{operation}",
            state=ActionState.PLANNED,
            planned_at=moment,
        )
        session.add(action)
        session.flush()
        planned.append(action.id)
    else:
        chain.append(
            session,
            chain.AuditEvent(
                actor=actor,
                tag=_TAGS[verdict],
                subject_type="comment",
                subject_id=str(comment.id),
                agency_id=comment.agency_id,
                purpose=str(Purpose.PAGE_MODERATION),
                citation=citation,
                details={"decision": decision.id},
            ),
        )
    return planned


def decide_many(
    *, session: Session, actor: Actor, comment_ids: Sequence[int], verdict: Verdict | str
) -> tuple[list[int], list[str]]:
    """Bulk decisions: each comment on its own; returns planned actions and per-comment refusals."""
    if len(comment_ids) > 200:
        raise InvalidInput("Choose at most 200 comments at a time.")
    planned: list[int] = []
    problems: list[str] = []
    for comment_id in comment_ids:
        try:
            with session.begin_nested():
                planned.extend(
                    decide(session=session, actor=actor, comment_id=comment_id, verdict=verdict)
                )
        except (Conflict, NotFound) as exc:
            problems.append(f"#{comment_id}: {exc.public_message}")
    return planned, problems
