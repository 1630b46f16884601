"""Carrying out platform actions exactly once, even across crashes.

An action is PLANNED in the same transaction as its decision. Before the call it
becomes SENDING (committed); after the call, DONE or FAILED. A process that dies
after SENDING leaves the question "did the call land?" — so an action found in
SENDING is first reconciled by reading the platform's state, and the call is made
only when the platform does not already show it. Hides are thereby issued once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.errors import CasewardenError
from casewarden.moderation.automatic import hidden_event
from casewarden.moderation.grounds import MODERATED_COMMENT
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
from casewarden.monitoring import counters
from casewarden.pages.service import page_ref
from casewarden.platforms.interfaces import (
    PageRef,
    PlatformAdapter,
    PlatformRejected,
    PlatformUnavailable,
)

log = logging.getLogger("casewarden.moderation.actions")


@dataclass(frozen=True, slots=True)
class _Call:
    action_id: int
    operation: PlatformOperation
    comment_external_id: str
    page: PageRef
    reconcile: bool


@dataclass(frozen=True, slots=True)
class _Result:
    action_id: int
    ok: bool
    retry: bool
    error: str | None = None
    retry_after: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionReport:
    """How a batch of actions ended."""

    done: int
    failed: int
    retry: int
    retry_after: float | None


def prepare_in(session: Session, keyring: Keyring, action_ids: Iterable[int]) -> list[_Call]:
    """Mark actions SENDING in the caller's transaction; returns the calls to make after commit."""
    calls: list[_Call] = []
    now = utcnow()
    ids = list(action_ids)
    if not ids:
        return calls
    actions = session.scalars(
        select(PlatformAction)
        .where(
            PlatformAction.id.in_(ids),
            PlatformAction.state.in_([ActionState.PLANNED, ActionState.SENDING]),
        )
        .with_for_update(skip_locked=True)
    ).all()
    comments = {
        c.id: c
        for c in session.scalars(
            select(Comment).where(Comment.id.in_({a.comment_id for a in actions}))
        )
    }
    refs: dict[int, PageRef | None] = {}
    for action in actions:
        comment = comments.get(action.comment_id)
        if comment is None:
            continue
        if comment.page_pk not in refs:
            try:
                refs[comment.page_pk] = page_ref(comment.page, keyring)
            except CasewardenError:  # disconnected page, or a token that will not open
                refs[comment.page_pk] = None
        page = refs[comment.page_pk]
        if page is None:
            action.state, action.last_error = ActionState.FAILED, "page_unavailable"
            counters.add(session, counters.Total.PLATFORM_ERRORS, {"page_unavailable": 1})
            continue
        calls.append(
            _Call(
                action.id,
                action.operation,
                comment.external_id,
                page,
                reconcile=action.state is ActionState.SENDING,
            )
        )
        action.state = ActionState.SENDING
        action.attempts += 1
        action.sent_at = now
    return calls


def _perform(adapter: PlatformAdapter, call: _Call) -> _Result:
    try:
        if call.reconcile and call.operation in (PlatformOperation.HIDE, PlatformOperation.UNHIDE):
            hidden = adapter.comment_is_hidden(call.page, call.comment_external_id)
            if hidden is (call.operation == PlatformOperation.HIDE):
                return _Result(call.action_id, ok=True, retry=False)
        if call.operation == PlatformOperation.HIDE:
            adapter.hide_comment(call.page, call.comment_external_id)
        elif call.operation == PlatformOperation.UNHIDE:
            adapter.unhide_comment(call.page, call.comment_external_id)
        elif call.operation == PlatformOperation.DELETE:
            adapter.delete_comment(call.page, call.comment_external_id)
        else:
            return _Result(call.action_id, ok=False, retry=False, error="unknown_operation")
    except PlatformUnavailable as exc:
        return _Result(
            call.action_id, ok=False, retry=True, error="unavailable", retry_after=exc.retry_after
        )
    except PlatformRejected as exc:
        return _Result(call.action_id, ok=False, retry=False, error=f"rejected:{exc.code}")
    return _Result(call.action_id, ok=True, retry=False)


def _actor_of(decision: ModerationDecision | None, comment: Comment) -> Actor:
    if decision is None or decision.actor_id is None:
        return Actor.system()
    return Actor(
        kind=ActorKind(decision.actor_type), id=decision.actor_id, agency_id=comment.agency_id
    )


def _applied(
    action: PlatformAction, comment: Comment, decision: ModerationDecision | None, now: datetime
) -> AuditEvent:
    """Bring the comment in line with a completed action; returns the audit event for it."""
    actor = _actor_of(decision, comment)
    if action.operation == PlatformOperation.HIDE and decision is not None:
        comment.status = CommentStatus.HIDDEN
        comment.hidden_at = comment.hidden_at or now
        return hidden_event(comment, decision, actor)
    if action.operation == PlatformOperation.UNHIDE:
        comment.status, tag = CommentStatus.VISIBLE, AuditTag.MODERATION_COMMENT_UNHIDE
    elif action.operation == PlatformOperation.DELETE:
        comment.status, tag = CommentStatus.DELETED, AuditTag.MODERATION_COMMENT_DELETE
    else:
        comment.status, tag = CommentStatus.HIDDEN, AuditTag.MODERATION_COMMENT_HIDE
        comment.hidden_at = comment.hidden_at or now
    return (
        MODERATED_COMMENT.citing(decision.citation if decision else None)
        .of(comment)
        .event(actor=actor, tag=tag, details={"decision": action.decision_id})
    )


def finish_in(session: Session, results: list[_Result]) -> ExecutionReport:
    """Record how the calls ended, in the caller's transaction."""
    done = failed = retry = 0
    waits = [r.retry_after for r in results if r.retry and r.retry_after]
    now = utcnow()
    events: list[AuditEvent] = []
    actions = {
        a.id: a
        for a in session.scalars(
            select(PlatformAction).where(PlatformAction.id.in_([r.action_id for r in results]))
        )
    }
    comments = {
        c.id: c
        for c in session.scalars(
            select(Comment).where(Comment.id.in_({a.comment_id for a in actions.values()}))
        )
    }
    decisions = {
        d.id: d
        for d in session.scalars(
            select(ModerationDecision).where(
                ModerationDecision.id.in_({a.decision_id for a in actions.values()})
            )
        )
    }
    for result in results:
        action = actions.get(result.action_id)
        comment = comments.get(action.comment_id) if action else None
        if action is None or comment is None:
            continue
        if result.ok:
            action.state, action.done_at, action.last_error = ActionState.DONE, now, None
            events.append(_applied(action, comment, decisions.get(action.decision_id), now))
            done += 1
        elif result.retry:
            action.last_error = result.error
            retry += 1  # stays SENDING: the next attempt reconciles first
        else:
            action.state, action.last_error = ActionState.FAILED, result.error
            comment.review_state = ReviewState.QUEUED
            events.append(
                MODERATED_COMMENT.of(comment).event(
                    actor=Actor.system(),
                    tag=AuditTag.MODERATION_ACTION_FAIL,
                    outcome=Outcome.FAILURE,
                    details={
                        "operation": str(action.operation),
                        "error": (result.error or "")[:60],
                    },
                )
            )
            failed += 1
    chain.append_many(session, events)
    _count(session, results, actions, decisions, now)
    return ExecutionReport(
        done=done, failed=failed, retry=retry, retry_after=max(waits) if waits else None
    )


def error_kind(error: str | None) -> str:
    """The kind of a failed call for /metrics: unavailable, rejected or other (no codes)."""
    kind = (error or "").split(":", 1)[0]
    return kind if kind in {"unavailable", "rejected", "page_unavailable"} else "other"


def _count(
    session: Session,
    results: list[_Result],
    actions: dict[int, PlatformAction],
    decisions: dict[int, ModerationDecision],
    now: datetime,
) -> None:
    """Add the calls' failures and the automatic hides' latencies to the running totals."""
    failures: dict[str, int] = {}
    for result in results:
        if not result.ok:
            kind = error_kind(result.error)
            failures[kind] = failures.get(kind, 0) + 1
    counters.add(session, counters.Total.PLATFORM_ERRORS, failures)
    # Receipt to platform hide, for the engine's own hides: a person's hide measures the
    # person, not the pipeline that promises "within seconds".
    versions = {
        decision.version_id
        for result in results
        if result.ok
        and (action := actions.get(result.action_id)) is not None
        and action.operation == PlatformOperation.HIDE
        and (decision := decisions.get(action.decision_id)) is not None
        and decision.automatic_key is not None
        and decision.version_id is not None
    }
    if versions:
        received = session.scalars(
            select(CommentVersion.received_at).where(CommentVersion.id.in_(versions))
        )
        counters.observe_hide_latencies(
            session, [(now - moment).total_seconds() for moment in received]
        )


def execute(
    *,
    db: Database,
    keyring: Keyring,
    adapter: PlatformAdapter,
    action_ids: Iterable[int],
    pool: ThreadPoolExecutor | None = None,
) -> ExecutionReport:
    """Send planned actions to the platform (in parallel with a pool); record how they ended."""
    with db.transaction(Scope.system()) as session:
        calls = prepare_in(session, keyring, action_ids)
    if not calls:
        return ExecutionReport(done=0, failed=0, retry=0, retry_after=None)
    results = perform_all(adapter, calls, pool)
    with db.transaction(Scope.system()) as session:
        return finish_in(session, results)


def perform_all(
    adapter: PlatformAdapter, calls: list[_Call], pool: ThreadPoolExecutor | None = None
) -> list[_Result]:
    """Make the platform calls (in parallel with a pool), outside any transaction."""
    if pool is not None and len(calls) > 1:
        results = list(pool.map(lambda call: _perform(adapter, call), calls))
    else:
        results = [_perform(adapter, call) for call in calls]
    for result in results:
        if not result.ok:
            log.warning("platform action %s not done: %s", result.action_id, result.error)
    return results
