"""Reading the audit trail: filters and keyset pages, within the reader's agency scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import ActorKind
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.errors import InvalidInput
from casewarden.i18n import N_

PAGE_SIZE = 50
AREAS = sorted({tag.area for tag in AuditTag})


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the reader asked to see."""

    actor: str | None = None  # "staff:12", "system", "anonymous", "public"
    tag: str | None = None  # a full tag, or an area such as "auth"
    since: datetime | None = None
    until: datetime | None = None
    subject_type: str | None = None  # e.g. "lead": every entry about one record
    subject_id: str | None = None


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of entries, newest first, and where the next page starts."""

    entries: list[AuditEntry]
    next_before: int | None


def _actor_clause(actor: str) -> list[object]:
    kind, _, ident = actor.partition(":")
    try:
        parsed = ActorKind(kind)
    except ValueError:
        raise InvalidInput(N_("Unknown actor %(actor)r."), values={"actor": actor}) from None
    clauses: list[object] = [AuditEntry.actor_type == str(parsed)]
    if ident:
        if not ident.isdigit() or len(ident) > 18:
            raise InvalidInput(N_("Unknown actor %(actor)r."), values={"actor": actor})
        clauses.append(AuditEntry.actor_id == int(ident))
    return clauses


def search(
    session: Session, where: AuditFilter, *, before: int | None = None, limit: int = PAGE_SIZE
) -> AuditPage:
    """Entries matching ``where``, newest first, older than seq ``before``."""
    query = select(AuditEntry)
    if where.actor:
        query = query.where(*_actor_clause(where.actor))  # type: ignore[arg-type]
    if where.tag:
        if where.tag in AREAS:
            query = query.where(AuditEntry.tag.startswith(where.tag + ":"))
        elif where.tag in {tag.value for tag in AuditTag}:
            query = query.where(AuditEntry.tag == where.tag)
        else:
            raise InvalidInput(N_("Unknown audit tag %(tag)r."), values={"tag": where.tag})
    if where.since:
        query = query.where(AuditEntry.occurred_at >= where.since)
    if where.until:
        query = query.where(AuditEntry.occurred_at < where.until)
    if where.subject_type is not None:
        query = query.where(AuditEntry.subject_type == where.subject_type)
    if where.subject_id is not None:
        query = query.where(AuditEntry.subject_id == where.subject_id)
    if before is not None:
        query = query.where(AuditEntry.seq < before)
    rows = list(session.scalars(query.order_by(AuditEntry.seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return AuditPage(entries=rows, next_before=rows[-1].seq if more and rows else None)
