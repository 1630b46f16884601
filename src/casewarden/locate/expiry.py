"""Purging unverified leads once their time is up.

Information found on social media may not be used until it is verified; a lead nobody
verified within ``CASEWARDEN_LOCATE_UNVERIFIED_DAYS`` of being recorded is deleted with
its captured copies. What remains is its chain of custody in the audit trail, which
holds ids and codes only, ending in ``locate:lead:purge``.

Runs as ``casewarden locate purge-expired`` and as a job of the worker, at most once
an hour per worker process (several workers purging at once is harmless: each lead
is deleted once, by whichever transaction reaches it first).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.db import erasure_ledger
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.locate.access import SUBJECT as LEAD_SUBJECT
from casewarden.locate.leads import LocateRules
from casewarden.locate.lifecycle import LeadEvent, next_state
from casewarden.locate.models import LeadState, LocateLead
from casewarden.periodic import Periodic

log = logging.getLogger("casewarden.locate.expiry")

_BATCH = 200


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a purge did (or, in a dry run, would do)."""

    purged: int
    captures: int
    cutoff: datetime


def expired_ids(session: Session, rules: LocateRules, now: datetime, limit: int) -> list[int]:
    """Unverified leads recorded before the cutoff, oldest first."""
    cutoff = now - timedelta(days=rules.unverified_days)
    return list(
        session.scalars(
            select(LocateLead.id)
            .where(LocateLead.state == LeadState.UNVERIFIED, LocateLead.created_at <= cutoff)
            .order_by(LocateLead.id)
            .limit(limit)
        )
    )


def purge_expired(
    *,
    session: Session,
    rules: LocateRules,
    now: datetime | None = None,
    dry_run: bool = False,
    limit: int = _BATCH,
) -> PurgeReport:
    """Delete up to ``limit`` expired unverified leads in the session's transaction."""
    moment = now or utcnow()
    cutoff = moment - timedelta(days=rules.unverified_days)
    ids = expired_ids(session, rules, moment, limit)
    captures = 0
    actor = Actor.system()
    for lead_id in ids:
        lead = session.scalar(select(LocateLead).where(LocateLead.id == lead_id))
        if lead is None:  # purged meanwhile by another worker
            continue
        next_state(lead.state, LeadEvent.EXPIRE)  # the lifecycle allows it, or raises
        count = len(lead.captures)
        captures += count
        if dry_run:
            continue
        chain.record(
            session,
            subject=Subject(type=LEAD_SUBJECT).of(lead),
            actor=actor,
            tag=AuditTag.LOCATE_LEAD_PURGE,
            details={
                "reason": "unverified_expired",
                "captures": count,
                "days": rules.unverified_days,
            },
        )
        session.delete(lead)  # its captures go with it (cascade)
        session.flush()
        erasure_ledger.record(session, erasure_ledger.ErasureKind.LEADS, [str(lead_id)])
    return PurgeReport(purged=len(ids), captures=captures, cutoff=cutoff)


def purge_all(db: Database, rules: LocateRules, now: datetime | None = None) -> int:
    """Purge every expired lead, one batch per transaction; returns how many."""
    moment = now or utcnow()
    total = 0
    while True:
        with db.transaction(Scope.system()) as session:
            report = purge_expired(session=session, rules=rules, now=moment)
        total += report.purged
        if report.purged < _BATCH:
            return total


class ExpiryJob(Periodic):
    """The worker's ride-along job: purge expired leads at most once per interval."""

    def __init__(
        self, db: Database, rules: LocateRules, interval: timedelta = timedelta(hours=1)
    ) -> None:
        super().__init__("purge_expired_leads", interval.total_seconds(), self._purge)
        self.db = db
        self.rules = rules

    def _purge(self) -> int:
        """Purge now; returns how many leads were purged."""
        purged = purge_all(self.db, self.rules)
        if purged:
            log.info("purged %d unverified lead(s) past their time", purged)
        return purged
