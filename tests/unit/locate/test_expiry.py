"""Unverified leads are purged after the configured period; nothing else is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.service import actor_for
from casewarden.audit.models import AuditEntry
from casewarden.db.engine import Database
from casewarden.locate import expiry
from casewarden.locate.leads import LocateRules, mark_used
from casewarden.locate.models import LeadCapture, LocateLead
from tests import locate_factories as lf
from tests.unit.locate.conftest import Team

RULES = LocateRules(unverified_days=30)


def _age(session: Session, lead: LocateLead, days: int) -> None:
    lead.created_at = datetime.now(UTC) - timedelta(days=days)
    session.flush()


def _exists(session: Session, lead_id: int) -> bool:
    return session.scalar(select(LocateLead.id).where(LocateLead.id == lead_id)) is not None


@pytest.mark.parametrize(
    ("state", "age_days", "purged"),
    [
        ("unverified", 31, True),
        ("unverified", 29, False),
        ("verified", 400, False),
        ("rejected", 400, False),
        ("used_in_case", 400, False),
    ],
)
def test_only_old_unverified_leads_are_purged(
    session: Session, team: Team, state: str, age_days: int, purged: bool
) -> None:
    lead = lf.record(session, team.ana, uploads=[lf.png(), lf.pdf()])
    if state != "unverified":
        lf.verify(
            session, lead, team.ben, result="contradicted" if state == "rejected" else "confirmed"
        )
    if state == "used_in_case":
        mark_used(session=session, actor=actor_for(team.ana), lead_id=lead.id)
    _age(session, lead, age_days)
    lead_id = lead.id
    report = expiry.purge_expired(session=session, rules=RULES)
    assert report.purged == (1 if purged else 0)
    assert _exists(session, lead_id) is not purged
    captures = session.scalar(
        select(func.count()).select_from(LeadCapture).where(LeadCapture.lead_id == lead_id)
    )
    assert captures == (0 if purged else 2)
    purge_entries = session.scalars(
        select(AuditEntry).where(
            AuditEntry.tag == "locate:lead:purge", AuditEntry.subject_id == str(lead_id)
        )
    ).all()
    assert len(purge_entries) == (1 if purged else 0)
    if purged:
        assert purge_entries[0].details == {
            "reason": "unverified_expired",
            "captures": 2,
            "days": 30,
        }


def test_a_dry_run_changes_nothing(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    _age(session, lead, 60)
    report = expiry.purge_expired(session=session, rules=RULES, dry_run=True)
    assert (report.purged, report.captures) == (1, 1)
    assert _exists(session, lead.id)


def test_purge_all_works_through_batches_and_the_job_runs_hourly(
    db: Database, session: Session, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [lf.record(session, team.ana) for _ in range(3)]
    for lead in made:
        _age(session, lead, 45)
    ids = [lead.id for lead in made]
    session.commit()
    monkeypatch.setattr(expiry, "_BATCH", 2)
    job = expiry.ExpiryJob(db, RULES)
    assert job() == 3
    assert job() == 0  # not due again for an hour
    session.expunge_all()
    assert not any(_exists(session, lead_id) for lead_id in ids)
