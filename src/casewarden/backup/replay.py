"""Erasing again, after a restore, everything the erasure ledger names (``db.erasure_ledger``).

Each kind is matched by hashing the candidates the restored database holds: the visit tags'
keyed hashes, the ids of comments with a retention date, the ids of unverified leads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.db.erasure import erase_after_commit
from casewarden.db.erasure_ledger import ErasureKind, LedgerLine, erasure_ref
from casewarden.locate.models import LeadState, LocateLead
from casewarden.moderation.archive import delete_comments
from casewarden.moderation.models import Comment
from casewarden.privacy.models import VisitRecord


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """What the replay erased again."""

    ledger_lines: int
    visits: int
    comments: int
    leads: int


def _wanted(lines: list[LedgerLine], kind: ErasureKind) -> set[str]:
    return {ref for line in lines if line.kind is kind for ref in line.refs}


def replay(*, session: Session, lines: list[LedgerLine]) -> ReplayReport:
    """Erase again what the ledger names; audit the counts (ids only)."""
    visits = comments = leads = 0

    wanted = _wanted(lines, ErasureKind.VISITS)
    if wanted:
        refs = session.scalars(
            select(VisitRecord.session_ref).where(VisitRecord.session_ref.is_not(None)).distinct()
        )
        matched = [ref for ref in refs if ref and erasure_ref(ErasureKind.VISITS, ref) in wanted]
        for start in range(0, len(matched), 500):
            result = session.execute(
                delete(VisitRecord)
                .where(VisitRecord.session_ref.in_(matched[start : start + 500]))
                .execution_options(synchronize_session=False)
            )
            visits += int(getattr(result, "rowcount", 0) or 0)

    cutoffs = [line.before for line in lines if line.kind is ErasureKind.VISITS_BEFORE]
    cutoff: datetime | None = max((c for c in cutoffs if c is not None), default=None)
    if cutoff is not None:
        result = session.execute(
            delete(VisitRecord)
            .where(VisitRecord.occurred_at < cutoff)
            .execution_options(synchronize_session=False)
        )
        visits += int(getattr(result, "rowcount", 0) or 0)

    wanted = _wanted(lines, ErasureKind.COMMENTS)
    if wanted:
        ids = [
            comment_id
            for comment_id in session.scalars(
                select(Comment.id).where(Comment.retain_until.is_not(None))
            )
            if erasure_ref(ErasureKind.COMMENTS, str(comment_id)) in wanted
        ]
        delete_comments(session=session, ids=ids)
        comments = len(ids)

    wanted = _wanted(lines, ErasureKind.LEADS)
    if wanted:
        for lead in session.scalars(
            select(LocateLead).where(LocateLead.state == LeadState.UNVERIFIED)
        ).all():
            if erasure_ref(ErasureKind.LEADS, str(lead.id)) in wanted:
                session.delete(lead)  # its captures go with it (cascade)
                leads += 1
        session.flush()

    erase_after_commit(session)
    report = ReplayReport(ledger_lines=len(lines), visits=visits, comments=comments, leads=leads)
    chain.record(
        session,
        subject=Subject(purpose="privacy_request"),
        actor=Actor.system(),
        tag=AuditTag.PRIVACY_ERASURE_REPLAY,
        details={
            "ledger_lines": report.ledger_lines,
            "visits": visits,
            "comments": comments,
            "leads": leads,
        },
    )
    return report
