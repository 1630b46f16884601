"""The moderation worker: claim queued versions, decide, act, record.

Several workers may run against PostgreSQL: tasks are claimed with ``FOR UPDATE SKIP
LOCKED`` and a lease. On SQLite one worker runs (its transactions already hold the
writer lock). A worker that dies leaves leased tasks; they become claimable when the
lease runs out, or at once when a new worker on the same host sees that the process
holding the lease is gone.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.moderation import actions
from casewarden.moderation.automatic import automatic_key, decide_version
from casewarden.moderation.interfaces import Scanner
from casewarden.moderation.learning import active_model_id, agency_scorer
from casewarden.moderation.models import (
    ActionState,
    Comment,
    CommentVersion,
    ModerationDecision,
    ModerationTask,
    PlatformAction,
    TaskState,
)
from casewarden.moderation.scanning import build_scanner
from casewarden.platforms.interfaces import PlatformAdapter

log = logging.getLogger("casewarden.moderation.worker")

#: Give up on a task after this many attempts (the comment is then queued for people).
MAX_ATTEMPTS = 25
_MAX_BACKOFF = timedelta(minutes=15)
#: Publishing due posts and answering messages need not run on every pass.
_JOBS_INTERVAL = 1.0
#: Actions planned by people in the console are sent at once; these sweep up stragglers.
_STRAGGLER_AGE = timedelta(seconds=10)


def worker_identity() -> str:
    """``host:pid:random`` — unique, and lets a restarted worker spot dead peers on its host."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{os.urandom(3).hex()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class BatchReport:
    """What one pass did."""

    claimed: int = 0
    decided: int = 0
    actions_done: int = 0
    retried: int = 0
    jobs: int = 0


#: How often a worker looks up which classifier each agency has switched on.
_MODEL_CHECK_SECONDS = 60.0


class ModerationWorker:
    """Claims tasks in batches and carries each through decision and platform action."""

    def __init__(
        self,
        *,
        db: Database,
        settings: Settings,
        keyring: Keyring,
        adapter: PlatformAdapter,
        scanner_factory: Callable[[], Scanner],
        wakeup: threading.Event | None = None,
        jobs: tuple[Callable[[], int], ...] = (),
    ) -> None:
        self.db = db
        self.settings = settings
        self.keyring = keyring
        self.adapter = adapter
        self._scanner_factory = scanner_factory
        self._scanner: Scanner | None = None
        # agency id -> (when looked up, its active model id, the scanner for it)
        self._agency_scanners: dict[int, tuple[float, int | None, Scanner]] = {}
        self.wakeup = wakeup or threading.Event()
        self.identity = worker_identity()
        self.pool = ThreadPoolExecutor(
            max_workers=settings.worker_threads, thread_name_prefix="cw-act"
        )
        self._last_sweep = 0.0
        self._last_jobs = 0.0
        #: Other work that rides along each pass (publishing due posts, automatic answers).
        self.jobs = jobs

    @property
    def scanner(self) -> Scanner:
        """The detection engine, built on first use (it loads its gazetteers once)."""
        if self._scanner is None:
            self._scanner = self._scanner_factory()
        return self._scanner

    def scanner_for(self, session: Session, agency_id: int) -> Scanner:
        """The engine for an agency's comments: the shared one, or, when the agency switched
        its own classifier on, one with it beside the shipped one. Which applies is looked up
        once a minute at most, so a switch reaches every worker within a minute."""
        moment = time.monotonic()
        cached = self._agency_scanners.get(agency_id)
        if cached is not None and moment - cached[0] < _MODEL_CHECK_SECONDS:
            return cached[2]
        model_id = active_model_id(session, agency_id)
        if cached is not None and cached[1] == model_id:
            self._agency_scanners[agency_id] = (moment, model_id, cached[2])
            return cached[2]
        scanner = (
            self.scanner
            if model_id is None
            else build_scanner(
                self.settings, comment_scorer=agency_scorer(session, self.keyring, model_id)
            )
        )
        self._agency_scanners[agency_id] = (moment, model_id, scanner)
        return scanner

    # Claiming -------------------------------------------------------------------------

    def release_dead_leases(self) -> int:
        """Free tasks leased by processes on this host that no longer exist."""
        host = self.identity.split(":", 1)[0]
        freed = 0
        with self.db.transaction(Scope.system()) as session:
            leased = session.execute(
                select(ModerationTask.id, ModerationTask.lease_owner).where(
                    ModerationTask.state == TaskState.RUNNING,
                    ModerationTask.lease_owner.like(f"{host}:%"),
                )
            ).all()
            for task_id, owner in leased:
                parts = (owner or "").split(":")
                if len(parts) == 3 and parts[1].isdigit() and not _process_alive(int(parts[1])):
                    session.execute(
                        update(ModerationTask)
                        .where(ModerationTask.id == task_id, ModerationTask.lease_owner == owner)
                        .values(state=TaskState.PENDING, leased_until=None, lease_owner=None)
                    )
                    freed += 1
        if freed:
            log.info("released %d task(s) leased by dead workers on this host", freed)
        return freed

    def claim(self, limit: int) -> list[int]:
        """Lease up to ``limit`` ready tasks to this worker (in a transaction of its own)."""
        with self.db.transaction(Scope.system()) as session:
            return self._claim_in(session, limit)

    def _claim_in(self, session: Session, limit: int) -> list[int]:
        now = utcnow()
        ready = or_(
            and_(ModerationTask.state == TaskState.PENDING, ModerationTask.available_at <= now),
            and_(ModerationTask.state == TaskState.RUNNING, ModerationTask.leased_until < now),
        )
        candidates = (
            select(ModerationTask.id)
            .where(ready)
            .order_by(ModerationTask.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(session.scalars(candidates))
        if not ids:
            return []
        session.execute(
            update(ModerationTask)
            .where(ModerationTask.id.in_(ids))
            .values(
                state=TaskState.RUNNING,
                leased_until=now + timedelta(seconds=self.settings.worker_lease_seconds),
                lease_owner=self.identity,
                attempts=ModerationTask.attempts + 1,
            )
        )
        return ids

    # Processing -----------------------------------------------------------------------

    def _decide(self, task_ids: list[int], now: datetime) -> dict[int, list[int]]:
        """Decide claimed versions in a transaction of their own (tests step through this)."""
        with self.db.transaction(Scope.system()) as session:
            return self._decide_in(session, task_ids, now)

    def _decide_in(
        self, session: Session, task_ids: list[int], now: datetime
    ) -> dict[int, list[int]]:
        """Decide each claimed version; returns task id -> open action ids."""
        rows = session.execute(
            select(ModerationTask, CommentVersion, Comment)
            .join(CommentVersion, CommentVersion.id == ModerationTask.version_id)
            .join(Comment, Comment.id == CommentVersion.comment_id)
            .where(ModerationTask.id.in_(task_ids), ModerationTask.lease_owner == self.identity)
            .order_by(CommentVersion.id)
        ).all()
        keys = [automatic_key(version.id) for _, version, _ in rows]
        existing = {
            d.automatic_key: d
            for d in session.scalars(
                select(ModerationDecision).where(ModerationDecision.automatic_key.in_(keys))
            )
        }
        decided: dict[int, ModerationDecision] = {}
        for task, version, comment in rows:
            decided[task.id] = decide_version(
                session=session,
                settings=self.settings,
                keyring=self.keyring,
                scanner=self.scanner_for(session, comment.agency_id),
                version=version,
                comment=comment,
                now=now,
                existing=existing.get(automatic_key(version.id)),
            )
        session.flush()
        by_decision: dict[int, list[int]] = {}
        for action_id, decision_id in session.execute(
            select(PlatformAction.id, PlatformAction.decision_id).where(
                PlatformAction.decision_id.in_([d.id for d in decided.values()]),
                PlatformAction.state.in_([ActionState.PLANNED, ActionState.SENDING]),
            )
        ).all():
            by_decision.setdefault(decision_id, []).append(action_id)
        return {task_id: by_decision.get(d.id, []) for task_id, d in decided.items()}

    def _settle_in(
        self,
        session: Session,
        task_ids: list[int],
        report: actions.ExecutionReport,
        open_actions: dict[int, list[int]],
    ) -> int:
        """Close tasks whose actions ended; reschedule the others with backoff."""
        now = utcnow()
        all_actions = [a for ids in open_actions.values() for a in ids]
        still_open = (
            set(
                session.scalars(
                    select(PlatformAction.id).where(
                        PlatformAction.id.in_(all_actions),
                        PlatformAction.state.in_([ActionState.PLANNED, ActionState.SENDING]),
                    )
                )
            )
            if all_actions
            else set()
        )
        waiting = [t for t in task_ids if still_open & set(open_actions.get(t, []))]
        finished = [t for t in task_ids if t not in waiting]
        if finished:
            session.execute(
                update(ModerationTask)
                .where(ModerationTask.id.in_(finished), ModerationTask.lease_owner == self.identity)
                .values(state=TaskState.DONE, finished_at=now, leased_until=None)
            )
        for task in session.scalars(
            select(ModerationTask).where(
                ModerationTask.id.in_(waiting), ModerationTask.lease_owner == self.identity
            )
        ):
            if task.attempts >= MAX_ATTEMPTS:
                task.state, task.finished_at, task.last_error = TaskState.FAILED, now, "gave_up"
                continue
            backoff = timedelta(seconds=min(2**task.attempts, _MAX_BACKOFF.total_seconds()))
            if report.retry_after:
                backoff = max(backoff, timedelta(seconds=report.retry_after))
            task.state = TaskState.PENDING
            task.available_at = now + backoff
            task.leased_until, task.lease_owner, task.last_error = None, None, "platform_busy"
        return len(waiting)

    def run_jobs(self, *, force: bool = True) -> int:
        """Run the ride-along jobs; unless forced, at most once a second."""
        if not force and time.monotonic() - self._last_jobs < _JOBS_INTERVAL:
            return 0
        self._last_jobs = time.monotonic()
        done = 0
        for job in self.jobs:
            try:
                done += job()
            except Exception:  # a failing job is logged and must not stop moderation
                log.exception("periodic job %s failed", getattr(job, "__name__", "job"))
        return done

    def run_once(self) -> BatchReport:
        """Claim one batch and carry it through; returns what happened."""
        batch = BatchReport()
        # Two transactions per batch: claim, decide and mark the calls SENDING; then, after
        # the calls, record their outcome and close the tasks. SQLite has one writer at a
        # time, so fewer, shorter write transactions is what keeps intake and worker moving.
        with self.db.transaction(Scope.system()) as session:
            task_ids = self._claim_in(session, self.settings.worker_batch)
            open_actions = self._decide_in(session, task_ids, utcnow()) if task_ids else {}
            calls = actions.prepare_in(
                session, self.keyring, [a for ids in open_actions.values() for a in ids]
            )
        batch.claimed, batch.decided = len(task_ids), len(open_actions)
        if task_ids:
            results = actions.perform_all(self.adapter, calls, self.pool)
            with self.db.transaction(Scope.system()) as session:
                report = actions.finish_in(session, results)
                batch.actions_done = report.done
                batch.retried = self._settle_in(session, task_ids, report, open_actions)
        if time.monotonic() - self._last_sweep > _STRAGGLER_AGE.total_seconds():
            self._last_sweep = time.monotonic()
            self.sweep_actions()
        batch.jobs = self.run_jobs(force=False)
        return batch

    def sweep_actions(self) -> int:
        """Send actions that people planned but that never completed (platform down, crash)."""
        cutoff = utcnow() - _STRAGGLER_AGE
        with self.db.session(Scope.system()) as session:
            ids = list(
                session.scalars(
                    select(PlatformAction.id)
                    .where(
                        or_(
                            and_(
                                PlatformAction.state == ActionState.PLANNED,
                                PlatformAction.planned_at < cutoff,
                            ),
                            and_(
                                PlatformAction.state == ActionState.SENDING,
                                PlatformAction.sent_at < cutoff,
                            ),
                        )
                    )
                    .limit(100)
                )
            )
        if not ids:
            return 0
        report = actions.execute(
            db=self.db, keyring=self.keyring, adapter=self.adapter, action_ids=ids, pool=self.pool
        )
        return report.done

    def drain(self, timeout: float = 60.0) -> int:
        """Process until no task is ready (tests, imports); returns tasks claimed."""
        deadline = time.monotonic() + timeout
        total = 0
        while time.monotonic() < deadline:
            claimed = self.run_once().claimed
            total += claimed
            if not claimed:
                return total
        return total

    def run_forever(self, stop: threading.Event) -> None:
        """Work until ``stop`` is set; sleep on the wakeup event between empty passes."""
        self.release_dead_leases()
        # Build the engine (gazetteers, compiled rules) and scan once before the first
        # delivery arrives, so the first comments do not wait for it.
        self.scanner.scan("warm-up")
        log.info("moderation worker %s started", self.identity)
        poll = self.settings.worker_poll_ms / 1000
        while not stop.is_set():
            try:
                result = self.run_once()
                claimed = result.claimed + result.jobs
            except Exception:  # one bad batch must not stop the worker; it is logged and retried
                log.exception("moderation batch failed; retrying shortly")
                claimed = 0
                stop.wait(1.0)
            if not claimed:
                self.wakeup.wait(poll)
                self.wakeup.clear()
        self.pool.shutdown(wait=True)
        log.info("moderation worker %s stopped", self.identity)
