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

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.moderation.automatic import audit_hidden
from casewarden.moderation.models import (
    ActionState,
    Comment,
    CommentStatus,
    ModerationDecision,
    PlatformAction,
    ReviewState,
)
from casewarden.pages.service import page_ref
from casewarden.platforms.interfaces import (
    PageRef,
    PlatformAdapter,
    PlatformError,
    PlatformRejected,
    PlatformUnavailable,
)
from casewarden.policy import Purpose

log = logging.getLogger("casewarden.moderation.actions")


@dataclass(frozen=True, slots=True)
class _Call:
    action_id: int
    operation: str
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


@dataclass(frozen=True, slots=True)
class ExecutionReport:
    """How a batch of actions ended."""

    done: int
    failed: int
    retry: int
    retry_after: float | None


def _prepare(db: Database, keyring: Keyring, action_ids: Iterable[int]) -> list[_Call]:
    calls = []
    now = utcnow()
    with db.transaction(Scope.system()) as session:
        actions = session.scalars(
            select(PlatformAction)
            .where(
                PlatformAction.id.in_(list(action_ids)),
                PlatformAction.state.in_([ActionState.PLANNED, ActionState.SENDING]),
            )
            .with_for_update(skip_locked=True)
        ).all()
        for action in actions:
            comment = session.get(Comment, action.comment_id)
            if comment is None:
                continue
            try:
                page = page_ref(comment.page, keyring)
            except PlatformError:
                continue
            except Exception as exc:  # a disconnected page or an unopenable token
                action.state = ActionState.FAILED
                action.last_error = type(exc).__name__
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
        if call.reconcile and call.operation in ("hide", "unhide"):
            hidden = adapter.comment_is_hidden(call.page, call.comment_external_id)
            if hidden is (call.operation == "hide"):
                return _Result(call.action_id, ok=True, retry=False)
        if call.operation == "hide":
            adapter.hide_comment(call.page, call.comment_external_id)
        elif call.operation == "unhide":
            adapter.unhide_comment(call.page, call.comment_external_id)
        elif call.operation == "delete":
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


def _apply(session: Session, action: PlatformAction, comment: Comment, now: datetime) -> None:
    decision = session.get(ModerationDecision, action.decision_id)
    actor = (
        Actor.system()
        if decision is None or decision.actor_id is None
        else Actor(kind=decision.actor_type, id=decision.actor_id, agency_id=comment.agency_id)  # type: ignore[arg-type]
    )
    if action.operation == "hide":
        comment.status = CommentStatus.HIDDEN
        comment.hidden_at = comment.hidden_at or now
        if decision is not None:
            audit_hidden(session, comment, decision, actor)
    elif action.operation == "unhide":
        comment.status = CommentStatus.VISIBLE
        chain.append(
            session,
            chain.AuditEvent(
                actor=actor,
                tag=AuditTag.MODERATION_COMMENT_UNHIDE,
                subject_type="comment",
                subject_id=str(comment.id),
                agency_id=comment.agency_id,
                purpose=str(Purpose.PAGE_MODERATION),
                citation=decision.citation if decision else None,
                details={"decision": action.decision_id},
            ),
        )
    elif action.operation == "delete":
        comment.status = CommentStatus.DELETED
        chain.append(
            session,
            chain.AuditEvent(
                actor=actor,
                tag=AuditTag.MODERATION_COMMENT_DELETE,
                subject_type="comment",
                subject_id=str(comment.id),
                agency_id=comment.agency_id,
                purpose=str(Purpose.PAGE_MODERATION),
                citation=decision.citation if decision else None,
                details={"decision": action.decision_id},
            ),
        )


def _finish(db: Database, results: list[_Result]) -> ExecutionReport:
    done = failed = retry = 0
    waits = [r.retry_after for r in results if r.retry and r.retry_after]
    now = utcnow()
    with db.transaction(Scope.system()) as session:
        for result in results:
            action = session.get(PlatformAction, result.action_id)
            if action is None:
                continue
            comment = session.get(Comment, action.comment_id)
            if comment is None:
                continue
            if result.ok:
                action.state, action.done_at, action.last_error = ActionState.DONE, now, None
                _apply(session, action, comment, now)
                done += 1
            elif result.retry:
                action.last_error = result.error
                retry += 1  # stays SENDING: the next attempt reconciles first
            else:
                action.state, action.last_error = ActionState.FAILED, result.error
                comment.review_state = ReviewState.QUEUED
                chain.append(
                    session,
                    chain.AuditEvent(
                        actor=Actor.system(),
                        tag=AuditTag.MODERATION_ACTION_FAIL,
                        subject_type="comment",
                        subject_id=str(comment.id),
                        agency_id=comment.agency_id,
                        purpose=str(Purpose.PAGE_MODERATION),
                        outcome=Outcome.FAILURE,
                        details={"operation": action.operation, "error": (result.error or "")[:60]},
                    ),
                )
                failed += 1
    return ExecutionReport(done, failed, retry, max(waits) if waits else None)


def execute(
    *,
    db: Database,
    keyring: Keyring,
    adapter: PlatformAdapter,
    action_ids: Iterable[int],
    pool: ThreadPoolExecutor | None = None,
) -> ExecutionReport:
    """Send planned actions to the platform (in parallel with a pool); record how they ended."""
    calls = _prepare(db, keyring, action_ids)
    if not calls:
        return ExecutionReport(0, 0, 0, None)
    if pool is not None and len(calls) > 1:
        results = list(pool.map(lambda call: _perform(adapter, call), calls))
    else:
        results = [_perform(adapter, call) for call in calls]
    for result in results:
        if not result.ok:
            log.warning("platform action %s not done: %s", result.action_id, result.error)
    return _finish(db, results)
