"""The audit entry table: append-only, hash-chained."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from casewarden.db.base import AgencyScoped, Base, BigId


class AuditEntry(AgencyScoped, Base):
    """One audited action. Rows are inserted by ``audit.chain.append`` and never changed.

    ``agency_id`` is optional here (a failed sign-in for an unknown user belongs to
    no agency); such entries are visible only to statewide readers.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_occurred_at", "occurred_at"),
        Index("ix_audit_entry_tag", "tag"),
        Index("ix_audit_entry_actor", "actor_type", "actor_id"),
        # A record's history (a locate lead's chain of custody) is read by its subject.
        Index("ix_audit_entry_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    occurred_at: Mapped[datetime]
    actor_type: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    agency_id: Mapped[int | None] = mapped_column(  # type: ignore[assignment]
        BigId, ForeignKey("agency.id", ondelete="RESTRICT"), index=True, nullable=True
    )
    tag: Mapped[str] = mapped_column(String(80))
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[str | None] = mapped_column(String(128))
    purpose: Mapped[str | None] = mapped_column(String(60))
    citation: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
