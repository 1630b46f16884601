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

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.errors import CasewardenError, Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.moderation import teamwork, threats
from casewarden.moderation.grounds import (
    MODERATED_COMMENT,
    citation_for,
    is_disclosure,
    published_rule,
)
from casewarden.moderation.models import (
    AUTHOR_PURPOSE,
    BODY_PURPOSE,
    REASON_PURPOSE,
    ActionState,
    Comment,
    CommentAssignment,
    CommentStatus,
    CommentVersion,
    ModerationDecision,
    PlatformAction,
    PlatformOperation,
    ReviewState,
    ThreatAlert,
)
from casewarden.platforms.interfaces import Platform
from casewarden.policy import Action, Purpose, Resource, ResourceKind, enforce
from casewarden.policy.citations import COMMENT_POLICY, FC_17212

PAGE_SIZE = 50
#: How many other comments of a thread the comment page shows at a time.
THREAD_PAGE_SIZE = 25
OPEN_STATES = (ReviewState.QUEUED, ReviewState.ESCALATED)


class Verdict(StrEnum):
    """What a moderator can decide about a comment."""

    CONFIRM = "confirm"  # it stays hidden
    RESTORE = "restore"  # show it again (criticism, a false positive)
    HIDE = "hide"  # hide one the engine only flagged for review
    DISMISS = "dismiss"  # a flagged comment is fine as it is
    ESCALATE = "escalate"  # a supervisor should decide (delete, or a hard call)
    DELETE = "delete"  # supervisors only
    #: A moderator's restore of a rule-1 hide: it goes to the supervisors, the comment stays hidden.
    REQUEST_RESTORE = "request_restore"


#: The longest reason kept with a decision.
MAX_REASON_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Choice:
    """What a person chose with a decision: the published rule and the reason, where asked."""

    rule: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a decision was recorded: the verdict that applied and the platform calls to send."""

    verdict: Verdict
    planned: list[int]


class QueueOrder(StrEnum):
    """Which comments the queue shows first (threats not yet acknowledged always lead)."""

    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows."""

    state: str = (
        "open"  # open, queued, escalated, confirmed, restored, dismissed, all, case_specific
    )
    category: str | None = None
    page_pk: int | None = None
    platform: str | None = None
    order: QueueOrder = QueueOrder.NEWEST
    #: Only the comments assigned to this member of staff ("assigned to me").
    assigned_to: int | None = None


@dataclass
class QueueRow:
    """One comment in the queue: its latest text, author, the decision that put it there."""

    comment: Comment
    text: str
    decision: ModerationDecision | None
    author_name: str | None = None
    #: A threat no supervisor has acknowledged yet: marked urgent and listed first.
    urgent: bool = False


@dataclass
class QueuePage:
    """A page of the queue: open threats first, then newest (or oldest) first."""

    rows: list[QueueRow]
    next_start: int | None


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
            raise InvalidInput(
                N_("Unknown queue state %(state)s."), values={"state": repr(where.state[:20])}
            ) from None
    if where.category:
        if not where.category.isidentifier():
            raise InvalidInput(N_("Unknown category."))
        clauses.append(Comment.category_codes.like(f"%,{where.category},%"))
    if where.page_pk is not None:
        clauses.append(Comment.page_pk == where.page_pk)
    if where.platform:
        try:
            clauses.append(Comment.platform == Platform(where.platform))
        except ValueError:
            raise InvalidInput(N_("Unknown platform.")) from None
    if where.assigned_to is not None:
        mine = select(CommentAssignment.comment_id).where(
            CommentAssignment.assignee_id == where.assigned_to
        )
        clauses.append(Comment.id.in_(mine))
    return clauses


def _urgent() -> object:
    """True for a comment with a threat alert no supervisor has acknowledged."""
    return exists().where(
        ThreatAlert.comment_id == Comment.id, ThreatAlert.acknowledged_at.is_(None)
    )


def _queue_order(order: QueueOrder) -> list[object]:
    return [
        case((_urgent(), 0), else_=1),  # type: ignore[arg-type]
        Comment.id.asc() if order is QueueOrder.OLDEST else Comment.id.desc(),
    ]


def author_name(keyring: Keyring, comment: Comment) -> str | None:
    """The author's name as the platform sent it, opened from its seal (None when unknown)."""
    if not comment.author_sealed:
        return None
    name = json.loads(keyring.open_text(comment.author_sealed, AUTHOR_PURPOSE)).get("name")
    return name if isinstance(name, str) else None


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
    start: int = 0,
    limit: int = PAGE_SIZE,
) -> QueuePage:
    """Comments for the moderators within the actor's agency: open threats first."""
    authorize(actor, Permission.MODERATION_REVIEW)
    query = (
        select(Comment, _urgent())  # type: ignore[call-overload]
        .where(*_where(where))
        .order_by(*_queue_order(where.order))
        .offset(max(start, 0))
        .limit(limit + 1)
    )
    found = [(row[0], row[1]) for row in session.execute(query)]
    more = len(found) > limit
    rows = [
        QueueRow(
            comment,
            latest_text(session, keyring, comment),
            _latest_decision(session, comment.id),
            author_name=author_name(keyring, comment),
            urgent=bool(urgent),
        )
        for comment, urgent in found[:limit]
    ]
    return QueuePage(rows, start + limit if more else None)


def new_count(*, session: Session, actor: Actor, where: QueueFilter, since: int) -> int:
    """How many comments the queue would show that arrived after comment ``since``."""
    authorize(actor, Permission.MODERATION_REVIEW)
    return (
        session.scalar(
            select(func.count()).select_from(Comment).where(*_where(where), Comment.id > since)  # type: ignore[arg-type]
        )
        or 0
    )


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The comments before and after one in the open queue (threats first, newest first)."""

    previous_id: int | None
    next_id: int | None


def neighbours(*, session: Session, actor: Actor, comment_id: int) -> Neighbours:
    """Where a comment sits in the open queue, for moving through it one comment at a time.

    A comment that has just left the queue (decided) still has a place: the next one is the
    first that would have followed it.
    """
    authorize(actor, Permission.MODERATION_REVIEW)
    comment = get_comment(session, comment_id)
    urgent = session.scalar(
        select(ThreatAlert.id).where(
            ThreatAlert.comment_id == comment.id, ThreatAlert.acknowledged_at.is_(None)
        )
    )
    rank = case((_urgent(), 0), else_=1)  # type: ignore[arg-type]
    mine = 0 if urgent is not None else 1
    open_ = Comment.review_state.in_(OPEN_STATES)
    after = or_(rank > mine, and_(rank == mine, Comment.id < comment.id))
    before = or_(rank < mine, and_(rank == mine, Comment.id > comment.id))
    next_id = session.scalar(
        select(Comment.id).where(open_, after).order_by(rank, Comment.id.desc()).limit(1)
    )
    previous_id = session.scalar(
        select(Comment.id).where(open_, before).order_by(rank.desc(), Comment.id.asc()).limit(1)
    )
    return Neighbours(previous_id, next_id)


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
    #: How many other comments the thread has in all, and where the shown ones start.
    thread_total: int = 0
    thread_start: int = 0


def get_comment(session: Session, comment_id: int) -> Comment:
    """A comment of the session's agency."""
    comment = session.scalar(select(Comment).where(Comment.id == comment_id))
    if comment is None:
        raise NotFound(N_("No such comment."))
    return comment


def record(
    *, session: Session, actor: Actor, keyring: Keyring, comment_id: int, thread_start: int = 0
) -> CommentRecord:
    """The full record of a comment, with a page of its thread; the view is audited."""
    authorize(actor, Permission.MODERATION_REVIEW)
    comment = get_comment(session, comment_id)
    versions = session.scalars(
        select(CommentVersion)
        .where(CommentVersion.comment_id == comment.id)
        .order_by(CommentVersion.version)
    ).all()
    thread_comments: Sequence[Comment] = []
    thread_total = 0
    thread_start = max(thread_start, 0)
    if comment.post_external_id:
        in_thread = (
            Comment.page_pk == comment.page_pk,
            or_(
                Comment.post_external_id == comment.post_external_id,
                Comment.external_id == comment.post_external_id,
            ),
            Comment.id != comment.id,
        )
        thread_total = (
            session.scalar(select(func.count()).select_from(Comment).where(*in_thread)) or 0
        )
        thread_comments = session.scalars(
            select(Comment)
            .where(*in_thread)
            .order_by(Comment.id)
            .offset(thread_start)
            .limit(THREAD_PAGE_SIZE)
        ).all()
    chain.record(
        session,
        subject=MODERATED_COMMENT.of(comment),
        actor=actor,
        tag=AuditTag.MODERATION_COMMENT_VIEW,
    )
    return CommentRecord(
        comment=comment,
        author_name=author_name(keyring, comment),
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
        thread_total=thread_total,
        thread_start=thread_start,
    )


_TAGS = {
    Verdict.CONFIRM: AuditTag.MODERATION_COMMENT_CONFIRM,
    Verdict.DISMISS: AuditTag.MODERATION_COMMENT_DISMISS,
    Verdict.ESCALATE: AuditTag.MODERATION_COMMENT_ESCALATE,
    Verdict.REQUEST_RESTORE: AuditTag.MODERATION_COMMENT_RESTORE_REQUEST,
    Verdict.RESTORE: AuditTag.MODERATION_COMMENT_DECIDE,
    Verdict.HIDE: AuditTag.MODERATION_COMMENT_DECIDE,
    Verdict.DELETE: AuditTag.MODERATION_COMMENT_DECIDE,
}
_POLICY_ACTION = {
    Verdict.RESTORE: Action.COMMENT_UNHIDE,
    Verdict.HIDE: Action.COMMENT_HIDE,
    Verdict.DELETE: Action.COMMENT_DELETE,
}
_OPERATION = {
    Verdict.RESTORE: PlatformOperation.UNHIDE,
    Verdict.HIDE: PlatformOperation.HIDE,
    Verdict.DELETE: PlatformOperation.DELETE,
}
_REVIEW_STATE = {
    Verdict.CONFIRM: ReviewState.CONFIRMED,
    Verdict.RESTORE: ReviewState.RESTORED,
    Verdict.HIDE: ReviewState.CONFIRMED,
    Verdict.DISMISS: ReviewState.DISMISSED,
    Verdict.ESCALATE: ReviewState.ESCALATED,
    Verdict.DELETE: ReviewState.CONFIRMED,
    Verdict.REQUEST_RESTORE: ReviewState.ESCALATED,
}


def _check_state(comment: Comment, verdict: Verdict) -> None:
    if (
        comment.status in (CommentStatus.DELETED, CommentStatus.REMOVED)
        and verdict is not Verdict.CONFIRM
    ):
        raise Conflict(N_("This comment is no longer on the page."))
    if (
        verdict in (Verdict.RESTORE, Verdict.REQUEST_RESTORE)
        and comment.status is not CommentStatus.HIDDEN
    ):
        raise Conflict(N_("Only a hidden comment can be restored."))
    if verdict is Verdict.HIDE and comment.status is CommentStatus.HIDDEN:
        raise Conflict(N_("This comment is hidden already."))
    if verdict is Verdict.DISMISS and comment.status is CommentStatus.HIDDEN:
        raise Conflict(N_("A hidden comment is confirmed or restored, not dismissed."))


def _reason(choice: Choice, *, refusal_if_missing: str | None) -> str | None:
    reason = " ".join((choice.reason or "").split())
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(
            N_("Keep the reason under %(limit)s characters."), values={"limit": MAX_REASON_CHARS}
        )
    if not reason and refusal_if_missing:
        raise InvalidInput(refusal_if_missing)
    return reason or None


def _applied_verdict(actor: Actor, comment: Comment, verdict: Verdict) -> Verdict:
    """A restore of a rule-1 hide by someone who may not restore it becomes a request."""
    if (
        verdict is Verdict.RESTORE
        and is_disclosure(comment.categories)
        and not has_permission(actor.role, Permission.MODERATION_RESTORE_DISCLOSURE)
    ):
        return Verdict.REQUEST_RESTORE
    return verdict


def decide(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    comment_id: int,
    verdict: Verdict | str,
    choice: Choice | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Record a person's decision; returns the verdict applied and platform calls to send.

    Hiding or deleting by hand names a published rule (no rule, no hide); a delete gives a
    reason. A comment hidden for a disclosure (rule 1) is restored only by a supervisor, with a
    reason, under Family Code § 17212; a moderator's restore of it is recorded as a request to
    the supervisors and the comment stays hidden.
    """
    try:
        verdict = Verdict(verdict)
    except ValueError:
        raise InvalidInput(
            N_("Unknown decision %(verdict)s."), values={"verdict": repr(str(verdict)[:20])}
        ) from None
    choice = choice or Choice()
    authorize(
        actor,
        Permission.MODERATION_DELETE if verdict is Verdict.DELETE else Permission.MODERATION_REVIEW,
    )
    comment = get_comment(session, comment_id)
    moment = now or utcnow()
    # Two moderators never decide one comment at once: a colleague's open claim refuses this.
    teamwork.hold_for_decision(session=session, actor=actor, comment=comment, now=moment)
    verdict = _applied_verdict(actor, comment, verdict)
    _check_state(comment, verdict)
    rule = published_rule(choice.rule)
    if verdict in (Verdict.HIDE, Verdict.DELETE) and rule is None:
        raise InvalidInput(
            N_(
                "Choose the published rule this comment breaks; a comment that breaks none "
                "stays up."
            )
        )
    disclosure = is_disclosure(comment.categories)
    reason = _reason(
        choice,
        refusal_if_missing=(
            N_("Give a reason for deleting it.")
            if verdict is Verdict.DELETE
            else N_("Give a reason for restoring a comment hidden for a disclosure.")
            if verdict is Verdict.RESTORE and disclosure
            else None
        ),
    )
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
    categories = sorted({*comment.categories, *([str(rule)] if rule else [])})
    if verdict in (Verdict.RESTORE, Verdict.REQUEST_RESTORE):
        citation = FC_17212 if disclosure else COMMENT_POLICY
    elif verdict is Verdict.DISMISS:
        citation = COMMENT_POLICY
    else:
        citation = citation_for(categories)
    decision = ModerationDecision(
        comment_id=comment.id,
        version_id=None,
        decided_at=moment,
        actor_type=str(actor.kind),
        actor_id=actor.id,
        outcome=str(verdict),
        categories=categories,
        rules=[verdict_policy.rule, *([f"published:{rule}"] if rule else [])],
        citation=citation,
        findings=[],
        case_specific=comment.case_specific,
        reason_sealed=keyring.seal_text(reason, REASON_PURPOSE) if reason else None,
    )
    session.add(decision)
    session.flush()
    if rule is not None:
        comment.categories = categories
    comment.review_state = _REVIEW_STATE[verdict]
    if verdict is Verdict.HIDE:
        threats.escalate(session, comment=comment, actor=actor, now=moment)
    chain.record(
        session,
        subject=MODERATED_COMMENT.citing(citation).of(comment),
        actor=actor,
        tag=_TAGS[verdict],
        details={
            "decision": decision.id,
            "verdict": str(verdict),
            "rule": str(rule) if rule else None,
            "reason_given": reason is not None,
        },
    )
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
    teamwork.release(session=session, actor=actor, comment_id=comment.id)
    return Outcome(verdict, planned)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A comment a bulk decision left as it was, and the refusal that says why."""

    comment_id: int
    refusal: CasewardenError


def decide_many(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    comment_ids: Sequence[int],
    verdict: Verdict | str,
    choice: Choice | None = None,
) -> tuple[list[int], list[Skipped]]:
    """Bulk decisions, one rule and reason for the batch, each comment on its own.

    Returns planned actions and per-comment refusals. Only supervisors restore rule-1 hides in
    bulk: a moderator's bulk restore leaves them hidden and says how to ask for each.
    """
    if len(comment_ids) > 200:
        raise InvalidInput(N_("Choose at most 200 comments at a time."))
    planned: list[int] = []
    skipped: list[Skipped] = []
    for comment_id in comment_ids:
        try:
            with session.begin_nested():
                comment = get_comment(session, comment_id)
                if str(verdict) == Verdict.RESTORE and (
                    _applied_verdict(actor, comment, Verdict.RESTORE) is Verdict.REQUEST_RESTORE
                ):
                    raise Conflict(
                        N_(
                            "hidden for a disclosure (rule 1): only a supervisor restores it; "
                            "open it to ask for a restore"
                        )
                    )
                outcome = decide(
                    session=session,
                    actor=actor,
                    keyring=keyring,
                    comment_id=comment_id,
                    verdict=verdict,
                    choice=choice,
                )
                planned.extend(outcome.planned)
        except teamwork.ClaimHeld as exc:
            # Said shortly in a list; the name is for the screen, the error's own text ids only.
            refusal = Conflict(f"comment {comment_id} is claimed by staff {exc.holder_id}")
            refusal.wording = (N_("open with %(name)s, skipped"), {"name": exc.holder_name})
            skipped.append(Skipped(comment_id, refusal))
        except (Conflict, NotFound) as exc:
            skipped.append(Skipped(comment_id, exc))
    return planned, skipped
