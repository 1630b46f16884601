"""Raw addresses are erased after their window, domains looked up off-line, old visits purged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.config import Settings, load_settings
from casewarden.db.engine import Database
from casewarden.privacy import maintenance
from casewarden.privacy.models import VisitRecord
from casewarden.web.public.maintenance import run_once
from tests.conftest import TEST_SECRET
from tests.factories import make_agency
from tests.privacy_factories import make_visit

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return load_settings(data_dir=tmp_path, secret_key=TEST_SECRET, **overrides)


@pytest.mark.parametrize(
    ("age_hours", "window", "timer", "kept"),
    [
        (1, 24, 0, True),
        (23.9, 24, 0, True),
        (24.1, 24, 0, False),
        (200, 24, 0, False),
        (47, 48, 0, True),
        # A 15-minute timer truncates 15 minutes early, so the next run is never late.
        (23.7, 24, 15, True),
        (23.8, 24, 15, False),
        (1, 1, 120, False),  # a timer longer than the window truncates at once
    ],
)
def test_raw_addresses_last_only_their_window(
    session: Session, tmp_path: Path, age_hours: float, window: int, timer: int, kept: bool
) -> None:
    agency = make_agency(session)
    visit = make_visit(session, agency, when=NOW - timedelta(hours=age_hours))
    settings = _settings(tmp_path, privacy_raw_ip_hours=window, privacy_maintenance_minutes=timer)
    report = maintenance.run(session=session, settings=settings, now=NOW)
    session.refresh(visit)
    assert (visit.client_ip is not None) is kept
    assert visit.client_network == "203.0.113.0/24"  # statistics keep the /24 either way
    assert report.truncated == (0 if kept else 1)


def test_truncation_is_audited_with_a_count(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    for _ in range(3):
        make_visit(session, agency, when=NOW - timedelta(days=3))
    maintenance.run(session=session, settings=_settings(tmp_path), now=NOW)
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:visits:truncate")
    ).one()
    assert entry.details == {"records": 3}
    maintenance.run(session=session, settings=_settings(tmp_path), now=NOW)  # idempotent
    assert len(session.scalars(select(AuditEntry).where(AuditEntry.tag == entry.tag)).all()) == 1


def test_old_visits_are_purged(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    old = make_visit(session, agency, when=NOW - timedelta(days=41), client_ip=None)
    young = make_visit(session, agency, when=NOW - timedelta(days=39), client_ip=None)
    report = maintenance.run(
        session=session,
        settings=_settings(tmp_path, privacy_visit_retention_days=40),
        now=NOW,
    )
    assert report.purged == 1
    ids = set(session.scalars(select(VisitRecord.id)))
    assert young.id in ids
    assert old.id not in ids


def test_domains_are_looked_up_only_when_enabled_and_shortened(
    session: Session, tmp_path: Path
) -> None:
    agency = make_agency(session)
    named = make_visit(session, agency, client_ip="198.51.100.7", when=NOW)
    unnamed = make_visit(session, agency, client_ip="198.51.100.8", when=NOW)
    asked: list[str] = []

    def resolver(address: str) -> str | None:
        asked.append(address)
        return "c-198-51-100-7.hsd1.ca.comcast.net" if address.endswith(".7") else None

    maintenance.run(session=session, settings=_settings(tmp_path), now=NOW, resolver=resolver)
    assert asked == []  # off by default: no DNS at all
    report = maintenance.run(
        session=session,
        settings=_settings(tmp_path, privacy_resolve_domains=True),
        now=NOW,
        resolver=resolver,
    )
    assert report.resolved == 2
    session.refresh(named)
    session.refresh(unnamed)
    assert named.client_domain == "comcast.net"
    assert unnamed.client_domain == maintenance.NO_NAME
    asked.clear()
    maintenance.run(
        session=session,
        settings=_settings(tmp_path, privacy_resolve_domains=True),
        now=NOW,
        resolver=resolver,
    )
    assert asked == []  # each address is asked about once


def test_a_failing_resolver_is_asked_again_later(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    visit = make_visit(session, agency, client_ip="198.51.100.9", when=NOW)

    def broken(address: str) -> str | None:
        raise OSError("resolver down")

    assert maintenance.resolve_domains(session=session, resolver=broken) == 0
    session.refresh(visit)
    assert visit.client_domain is None  # not marked "no name": the next run asks again


def test_the_web_process_runs_a_pass_in_its_own_transaction(
    db: Database, session: Session, tmp_path: Path
) -> None:
    agency = make_agency(session)
    visit = make_visit(session, agency, when=NOW - timedelta(days=2))
    session.commit()
    report = run_once(db, _settings(tmp_path))
    assert report.truncated == 1
    session.expire_all()
    assert session.get(VisitRecord, visit.id).client_ip is None  # type: ignore[union-attr]


@pytest.mark.parametrize("minutes", [0, 15])
def test_the_timer_starts_and_stops_with_the_app(
    db: Database, tmp_path: Path, minutes: int
) -> None:
    from fastapi.testclient import TestClient

    from casewarden.web.app import create_app

    app = create_app(_settings(tmp_path, privacy_maintenance_minutes=minutes), database=db)
    with TestClient(app) as client:
        assert client.get("/healthz").text == "ok"
        task = app.state.privacy_maintenance
        assert (task is None) is (minutes == 0)
        if task is not None:
            assert not task.done()  # waiting for its first pass
    if task is not None:
        assert task.cancelled()  # stopped with the app
