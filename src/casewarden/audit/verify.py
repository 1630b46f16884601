"""Checking the whole chain, and exporting a date range as JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from casewarden.audit.chain import GENESIS_HASH, body_of, canonical_json, entry_hash
from casewarden.audit.models import AuditEntry

_BATCH = 2_000


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of verifying the chain."""

    entries: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """True when every entry's hash and link matched."""
        return self.broken_seq is None


def _entries(session: Session) -> Iterator[Row[Any]]:
    # Core rows in keyset batches: the whole chain, never agency-filtered, and
    # nothing kept in the session's identity map however long the chain is.
    table = AuditEntry.__table__
    last = 0
    while True:
        batch = session.execute(
            select(table).where(table.c.seq > last).order_by(table.c.seq).limit(_BATCH)
        ).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash and link in order; report the first entry that does not match."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    for entry in _entries(session):
        count += 1
        reason = None
        if entry.seq != expected_seq:
            reason = f"sequence jumps from {expected_seq - 1} to {entry.seq} (entries missing)"
        elif entry.prev_hash != expected_prev:
            reason = "its link to the previous entry does not match"
        elif entry_hash(body_of(entry)) != entry.entry_hash:
            reason = "its contents do not match its hash"
        if reason:
            return ChainReport(count, broken_seq=entry.seq, broken_id=entry.id, reason=reason)
        expected_prev = entry.entry_hash
        expected_seq += 1
    return ChainReport(count)


def export_jsonl(
    session: Session, out: IO[str], *, since: datetime | None, until: datetime | None
) -> int:
    """Write entries with ``since <= occurred_at < until`` as JSON Lines; returns the count.

    Each line is the hashed body plus its ``hash``, so a reader can re-verify it.
    Visibility follows the session's agency scope.
    """
    query = select(AuditEntry).order_by(AuditEntry.seq)
    if since is not None:
        query = query.where(AuditEntry.occurred_at >= since)
    if until is not None:
        query = query.where(AuditEntry.occurred_at < until)
    count = 0
    for entry in session.scalars(query.execution_options(yield_per=_BATCH)):
        body = body_of(entry)
        body["hash"] = entry.entry_hash
        out.write(canonical_json(body).decode() + "\n")
        count += 1
    return count


def line_matches(line: str) -> bool:
    """True when an exported line's hash matches its body (for readers of exports)."""
    body = json.loads(line)
    claimed = body.pop("hash", None)
    return isinstance(claimed, str) and entry_hash(body) == claimed
