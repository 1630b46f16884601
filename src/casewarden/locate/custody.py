"""A lead's chain of custody: every access and transfer, written to and read from the audit chain.

Every locate event names the lead as its subject (``lead:<id>``), so the lead's
history is a query on the tamper-evident audit chain, not a second log that could
disagree with it. Details are ids and codes only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from casewarden.audit import chain, query
from casewarden.audit.models import AuditEntry
from casewarden.locate.access import SUBJECT


@dataclass(frozen=True, slots=True)
class CustodyEntry:
    """One audited event about a lead, with the body its hash was computed over."""

    seq: int
    entry_hash: str
    body: dict[str, Any]

    @property
    def tag(self) -> str:
        """What happened."""
        return str(self.body["tag"])

    @property
    def occurred_at(self) -> str:
        """When (ISO 8601, UTC)."""
        return str(self.body["occurred_at"])

    @property
    def actor(self) -> str:
        """Who, as ``staff:12`` or ``system``."""
        who = self.body["actor"]
        return f"{who['type']}:{who['id']}" if who.get("id") is not None else str(who["type"])

    @property
    def outcome(self) -> str:
        """success, failure or denied."""
        return str(self.body["outcome"])

    @property
    def details(self) -> dict[str, Any]:
        """The event's ids and codes."""
        details: dict[str, Any] = self.body["details"]
        return details

    def as_json(self) -> dict[str, Any]:
        """The form kept in an evidence package (enough to recompute the hash)."""
        return {"seq": self.seq, "entry_hash": self.entry_hash, "body": self.body}


def _entry(row: AuditEntry) -> CustodyEntry:
    return CustodyEntry(seq=row.seq, entry_hash=row.entry_hash, body=chain.body_of(row))


def custody_of(session: Session, lead_id: int) -> list[CustodyEntry]:
    """Every audited event about the lead, oldest first."""
    where = query.AuditFilter(subject_type=SUBJECT, subject_id=str(lead_id))
    rows: list[AuditEntry] = []
    before: int | None = None
    while True:
        page = query.search(session, where, before=before, limit=500)
        rows.extend(page.entries)
        if page.next_before is None:
            break
        before = page.next_before
    return [_entry(row) for row in reversed(rows)]
