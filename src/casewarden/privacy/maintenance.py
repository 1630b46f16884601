"""Keeping visit records within their limits: truncate raw IPs, look up domains, purge.

Run by ``casewarden privacy maintain`` (cron or a systemd timer) and, every
``privacy_maintenance_minutes``, by each web process. All steps are idempotent,
so several processes may run them at once.

1. **Domains** (only with ``privacy_resolve_domains``): reverse-DNS lookups for the
   distinct raw addresses not yet looked up, a few at a time with a timeout, never in
   a request. The name is cut to its last labels before it is stored (``network``).
2. **Truncation**: records older than ``privacy_raw_ip_hours`` (less the timer's
   interval, so that the window is never exceeded between runs) lose their full address;
   the /24 or /48 stored with every record from the start remains.
3. **Purge**: records older than ``privacy_visit_retention_days`` are deleted
   (published statistics are frozen copies and stay).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.config import Settings
from casewarden.db import erasure_ledger
from casewarden.db.erasure import erase_after_commit
from casewarden.privacy.models import VisitRecord
from casewarden.privacy.network import short_domain

log = logging.getLogger("casewarden.privacy")

Resolver = Callable[[str], str | None]
#: Addresses looked up per run; the rest wait for the next run (still inside the window).
LOOKUPS_PER_RUN = 500
LOOKUP_TIMEOUT_SECONDS = 10.0
#: Stored when a lookup found no name, so the address is not asked about again.
NO_NAME = ""


@dataclass(frozen=True, slots=True)
class MaintenanceReport:
    """What one run changed."""

    resolved: int
    truncated: int
    purged: int


def system_resolver(address: str) -> str | None:
    """The reverse-DNS name of ``address`` from the system resolver, or None."""
    try:
        return socket.gethostbyaddr(address)[0]
    except (OSError, UnicodeError):
        return None


def resolve_domains(*, session: Session, resolver: Resolver, limit: int = LOOKUPS_PER_RUN) -> int:
    """Look up names for raw addresses that have none yet; returns how many addresses."""
    addresses = list(
        session.scalars(
            select(VisitRecord.client_ip)
            .where(VisitRecord.client_ip.is_not(None), VisitRecord.client_domain.is_(None))
            .distinct()
            .limit(limit)
        )
    )
    if not addresses:
        return 0
    names: dict[str, str] = {}
    pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="casewarden-rdns")
    try:
        futures = {pool.submit(resolver, address): address for address in addresses if address}
        done, _ = wait(futures, timeout=LOOKUP_TIMEOUT_SECONDS)
        for future in done:
            if future.exception() is not None:
                continue  # a resolver failure is not "no name": ask again next run
            names[futures[future]] = short_domain(future.result()) or NO_NAME
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for address, name in names.items():
        session.execute(
            update(VisitRecord)
            .where(VisitRecord.client_ip == address, VisitRecord.client_domain.is_(None))
            .values(client_domain=name)
            .execution_options(synchronize_session=False)
        )
    return len(names)


def truncate_raw_addresses(*, session: Session, cutoff: datetime) -> int:
    """Erase full addresses recorded before ``cutoff``; returns how many records changed."""
    result = session.execute(
        update(VisitRecord)
        .where(VisitRecord.client_ip.is_not(None), VisitRecord.occurred_at < cutoff)
        .values(client_ip=None)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def purge_old_visits(*, session: Session, now: datetime, days: int) -> int:
    """Delete visit records past their retention; returns how many."""
    cutoff = now - timedelta(days=days)
    result = session.execute(
        delete(VisitRecord)
        .where(VisitRecord.occurred_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    purged = int(getattr(result, "rowcount", 0) or 0)
    if purged:
        erasure_ledger.record_cutoff(session, cutoff)
    return purged


def run(
    *,
    session: Session,
    settings: Settings,
    now: datetime,
    resolver: Resolver | None = None,
) -> MaintenanceReport:
    """One maintenance pass (the session needs the system scope: it spans agencies)."""
    resolved = 0
    if settings.privacy_resolve_domains:
        resolved = resolve_domains(session=session, resolver=resolver or system_resolver)
    # The timer runs every few minutes, so it truncates that much early: a full address is
    # then never kept longer than the window the privacy page states.
    window = timedelta(hours=settings.privacy_raw_ip_hours)
    early = min(timedelta(minutes=settings.privacy_maintenance_minutes), window)
    truncated = truncate_raw_addresses(session=session, cutoff=now - window + early)
    purged = purge_old_visits(session=session, now=now, days=settings.privacy_visit_retention_days)
    # Every pass, not only when it deleted: a discard's checkpoint deferred by busy readers
    # (db/erasure.py) is completed here at the latest.
    erase_after_commit(session)
    for tag, count in (
        (AuditTag.PRIVACY_VISITS_TRUNCATE, truncated),
        (AuditTag.PRIVACY_VISITS_PURGE, purged),
    ):
        if count:
            chain.record(
                session,
                subject=Subject(purpose="retention", citation="Gov. Code § 11015.5"),
                actor=Actor.system(),
                tag=tag,
                details={"records": count},
            )
    if truncated or purged or resolved:
        log.info(
            "privacy maintenance: %d truncated, %d purged, %d addresses looked up",
            truncated,
            purged,
            resolved,
        )
    return MaintenanceReport(resolved=resolved, truncated=truncated, purged=purged)
