"""Appending to the hash chain.

Each entry's hash is the SHA-256 of its canonical JSON, which includes the hash
of the entry before it; changing, removing or reordering any row breaks every
link after it. Appends are serialised so that several processes still write a
single chain: PostgreSQL takes a transaction-level advisory lock, SQLite already
holds the writer lock because casewarden begins its transactions IMMEDIATE.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit.event import AuditEvent, Details, Subject
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow

GENESIS_HASH = "0" * 64
CANONICAL_VERSION = 1
# Any constant will do; it only has to be the same in every process.
_PG_ADVISORY_KEY = 0x63_77_61_75_64_69_74  # "cwaudit"


def format_time(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds and a Z, the chain's only time format."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_body(
    *,
    seq: int,
    occurred_at: datetime,
    actor_type: str,
    actor_id: int | None,
    agency_id: int | None,
    tag: str,
    subject_type: str | None,
    subject_id: str | None,
    purpose: str | None,
    citation: str | None,
    outcome: str,
    details: Mapping[str, Any],
    prev_hash: str,
) -> dict[str, Any]:
    """The dictionary whose canonical JSON is hashed."""
    return {
        "v": CANONICAL_VERSION,
        "seq": seq,
        "occurred_at": format_time(occurred_at),
        "actor": {"type": actor_type, "id": actor_id},
        "agency_id": agency_id,
        "tag": tag,
        "subject": {"type": subject_type, "id": subject_id},
        "purpose": purpose,
        "citation": citation,
        "outcome": outcome,
        "details": dict(details),
        "prev_hash": prev_hash,
    }


def canonical_json(body: Mapping[str, Any]) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same bytes for the same entry everywhere."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(body: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON, in hex."""
    return hashlib.sha256(canonical_json(body)).hexdigest()


def body_of(entry: AuditEntry | Any) -> dict[str, Any]:
    """Rebuild the hashed body from a stored entry or a Core row of the table."""
    return canonical_body(
        seq=entry.seq,
        occurred_at=entry.occurred_at,
        actor_type=entry.actor_type,
        actor_id=entry.actor_id,
        agency_id=entry.agency_id,
        tag=entry.tag,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        purpose=entry.purpose,
        citation=entry.citation,
        outcome=entry.outcome,
        details=entry.details or {},
        prev_hash=entry.prev_hash,
    )


def _lock_head(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_ADVISORY_KEY})


def record(
    session: Session,
    *,
    subject: Subject,
    actor: Actor,
    tag: AuditTag,
    outcome: Outcome = Outcome.SUCCESS,
    details: Details | None = None,
) -> int:
    """Record an audited action on ``subject`` in the session's transaction; returns its seq."""
    return append(session, subject.event(actor=actor, tag=tag, outcome=outcome, details=details))


def append(session: Session, event: AuditEvent) -> int:
    """Add ``event`` to the end of the chain in the session's transaction; returns its seq."""
    return append_many(session, [event])[0]


def append_many(session: Session, events: Sequence[AuditEvent]) -> list[int]:
    """Add several events in order with one head lookup (the worker's batches); returns seqs."""
    if not events:
        return []
    _lock_head(session)
    table = cast(Table, AuditEntry.__table__)
    # Core statements on the table: the chain head is global, never agency-filtered.
    head = session.execute(
        select(table.c.seq, table.c.entry_hash).order_by(table.c.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS_HASH)
    # Stored and hashed at microsecond precision, which both databases keep exactly.
    occurred_at = utcnow()
    rows = []
    for event in events:
        seq += 1
        values: dict[str, Any] = {
            "seq": seq,
            "occurred_at": occurred_at,
            "actor_type": str(event.actor.kind),
            "actor_id": event.actor.id,
            "agency_id": event.agency_id if event.agency_id is not None else event.actor.agency_id,
            "tag": str(event.tag),
            "subject_type": event.subject_type,
            "subject_id": event.subject_id,
            "purpose": event.purpose,
            "citation": event.citation,
            "outcome": str(event.outcome),
            "details": dict(event.details),
            "prev_hash": prev_hash,
        }
        values["entry_hash"] = prev_hash = entry_hash(canonical_body(**values))
        rows.append(values)
    session.execute(insert(table), rows)
    return [row["seq"] for row in rows]
