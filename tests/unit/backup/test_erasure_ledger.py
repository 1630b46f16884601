"""The erasure ledger: written as a discard or purge commits, replayed after a restore."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.backup.replay import replay
from casewarden.clock import utcnow
from casewarden.db import erasure_ledger
from casewarden.db.erasure_ledger import ErasureKind, erasure_ref
from casewarden.locate import expiry
from casewarden.locate.models import LocateLead
from casewarden.privacy import maintenance, visits
from casewarden.privacy.models import VisitRecord
from tests import locate_factories as lf
from tests.factories import make_agency
from tests.privacy_factories import make_visit

REF = "c" * 32


def _ledger(session: Session, tmp_path: Path) -> Path:
    path = tmp_path / "erasure-ledger.jsonl"
    session.info[erasure_ledger.LEDGER_PATH] = path
    return path


def test_a_discard_reaches_the_ledger_when_it_commits_and_not_when_rolled_back(
    session: Session, tmp_path: Path
) -> None:
    ledger = _ledger(session, tmp_path)
    agency = make_agency(session)
    make_visit(session, agency, session_ref=REF)
    session.commit()
    visits.discard(session=session, ref=REF, agency_id=agency.id)
    session.rollback()
    assert not ledger.exists()

    visits.discard(session=session, ref=REF, agency_id=agency.id)
    session.commit()
    (line,) = [json.loads(raw) for raw in ledger.read_text().splitlines()]
    assert (line["kind"], line["refs"]) == ("visits", [erasure_ref(ErasureKind.VISITS, REF)])
    assert REF not in ledger.read_text()
    assert oct(ledger.stat().st_mode & 0o777) == "0o600"


def test_purges_reach_the_ledger(session: Session, tmp_path: Path) -> None:
    ledger = _ledger(session, tmp_path)
    team = lf.make_team(session)
    lead = lf.record(session, team.ana)
    lead.created_at = utcnow() - timedelta(days=lf.RULES.unverified_days + 1)
    make_visit(session, team.agency, when=utcnow() - timedelta(days=500))
    session.flush()
    expiry.purge_expired(session=session, rules=lf.RULES)
    assert maintenance.purge_old_visits(session=session, now=utcnow(), days=400) == 1
    session.commit()
    kinds = {line.kind: line for line in erasure_ledger.read(ledger)}
    assert kinds[ErasureKind.LEADS].refs == (erasure_ref(ErasureKind.LEADS, str(lead.id)),)
    assert kinds[ErasureKind.VISITS_BEFORE].before is not None


def test_replay_erases_exactly_what_the_ledger_names(session: Session, tmp_path: Path) -> None:
    ledger = _ledger(session, tmp_path)
    team = lf.make_team(session)
    gone, kept = lf.record(session, team.ana), lf.record(session, team.ana)
    make_visit(session, team.agency, session_ref=REF)
    make_visit(session, team.agency, session_ref="d" * 32)
    # As a discard and a purge made after a backup would have noted them:
    erasure_ledger.record(session, ErasureKind.LEADS, [str(gone.id)])
    erasure_ledger.record(session, ErasureKind.VISITS, [REF])
    session.commit()

    report = replay(session=session, lines=erasure_ledger.read(ledger))

    assert (report.ledger_lines, report.visits, report.leads) == (2, 1, 1)
    assert list(
        session.scalars(select(LocateLead.id).where(LocateLead.id.in_([gone.id, kept.id])))
    ) == [kept.id]
    assert list(
        session.scalars(
            select(VisitRecord.session_ref).where(VisitRecord.agency_id == team.agency.id)
        )
    ) == ["d" * 32]
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry is not None
    assert (entry.tag, entry.details["leads"]) == ("privacy:erasure:replay", 1)


def test_prune_drops_only_old_lines(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    now = utcnow()
    erasure_ledger.append(
        ledger,
        [
            {
                "at": erasure_ledger.format_time(now - timedelta(days=40)),
                "kind": "leads",
                "refs": ["a"],
            },
            {"at": erasure_ledger.format_time(now), "kind": "leads", "refs": ["b"]},
        ],
    )
    assert erasure_ledger.prune(ledger, older_than=now - timedelta(days=35)) == 1
    assert [line.refs for line in erasure_ledger.read(ledger)] == [("b",)]
