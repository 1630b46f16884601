"""SIGKILL the worker in the middle of 1,000 deliveries: nothing lost, nothing done twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database, build_engine, database_from_engine
from casewarden.db.migrate import upgrade_connection
from casewarden.db.scope import Scope
from casewarden.moderation.intake import receive
from casewarden.moderation.models import Comment, ModerationDecision, ModerationTask, TaskState
from casewarden.moderation.webhook import parse_delivery
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer
from tests.conftest import (
    BACKENDS,
    POSTGRES_URL,
    TEST_SECRET,
    drop_schema,
    postgres_engine_in_new_schema,
)
from tests.factories import make_agency
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery

DELIVERIES = 1_000
SENSITIVE = "please help, my ssn is 536-22-{:04d}"
BENIGN = "What are the office hours on {} afternoon?"


@pytest.fixture(params=BACKENDS)
def crash_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Database, str]]:
    """A committed database and the URL a subprocess uses to reach it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'crash.db'}"
        engine = build_engine(url)
        schema = None
    else:
        engine, schema = postgres_engine_in_new_schema()
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        upgrade_connection(connection)
    yield database_from_engine(engine), url
    engine.dispose()
    if schema:
        drop_schema(schema)


def _settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "var", secret_key=TEST_SECRET)


def _enqueue(db: Database, settings: Settings) -> set[str]:
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    must_hide = set()
    rng = random.Random(7)
    with db.transaction(Scope.system()) as session:
        make_page(session, make_agency(session), keyring)
    for start in range(0, DELIVERIES, 100):
        changes = []
        for n in range(start, start + 100):
            if rng.random() < 0.4:
                changes.append(feed_change(f"c{n}", SENSITIVE.format(1000 + n)))
                must_hide.add(f"c{n}")
            else:
                changes.append(
                    feed_change(f"c{n}", BENIGN.format(rng.choice(["Monday", "Friday"])))
                )
        with db.transaction(Scope.system()) as session:
            receive(
                session=session,
                keyring=keyring,
                secret=settings.secret_key,
                delivery=parse_delivery(page_delivery(*changes)),
            )
    return must_hide


def _start_worker(
    url: str, settings: Settings, graph_url: str, log: Path
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWARDEN_")}
    env.update(
        {
            "CASEWARDEN_DATABASE_URL": url,
            "CASEWARDEN_DATA_DIR": str(settings.data_dir),
            "CASEWARDEN_SECRET_KEY": settings.secret_key.get_secret_value(),
            "CASEWARDEN_ENCRYPTION_KEYS": settings.encryption_keys.get_secret_value(),
            "CASEWARDEN_META_APP_SECRET": settings.meta_app_secret.get_secret_value(),
            "CASEWARDEN_META_VERIFY_TOKEN": settings.meta_verify_token.get_secret_value(),
            "CASEWARDEN_META_GRAPH_URL": graph_url,
            "CASEWARDEN_PLATFORM_ADAPTER": "meta",
            "CASEWARDEN_LOG_LEVEL": "WARNING",
        }
    )
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "casewarden", "worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )


def _remaining(db: Database) -> int:
    with db.session(Scope.system()) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(ModerationTask)
                .where(ModerationTask.state != TaskState.DONE)
            )
            or 0
        )


@pytest.mark.slow
def test_sigkill_mid_run_loses_nothing_and_hides_once(
    crash_db: tuple[Database, str], tmp_path: Path
) -> None:
    db, url = crash_db
    settings = _settings(tmp_path)
    must_hide = _enqueue(db, settings)
    graph = FakeGraph(latency_seconds=0.004)
    with FakeGraphServer(graph) as server:
        log = tmp_path / "worker.log"
        worker = _start_worker(url, settings, server.url, log)
        deadline = time.monotonic() + 120
        while len(graph.calls_for("hide")) < 60:
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "worker made no progress"
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        killed_at = len(graph.calls_for("hide"))
        assert _remaining(db) > 0, "the kill must land mid-run for this test to mean anything"

        restarted = _start_worker(url, settings, server.url, log)
        try:
            deadline = time.monotonic() + 180
            while _remaining(db):
                assert restarted.poll() is None, log.read_text()
                assert time.monotonic() < deadline, f"{_remaining(db)} tasks left"
                time.sleep(0.1)
        finally:
            restarted.send_signal(signal.SIGTERM)
            restarted.wait(timeout=30)

    hides = Counter(call.object_id for call in graph.calls_for("hide"))
    assert set(hides) == must_hide
    assert max(hides.values()) == 1, [k for k, v in hides.items() if v > 1]
    assert killed_at < len(must_hide)
    with db.session(Scope.system()) as session:
        per_version = session.execute(
            select(ModerationDecision.version_id, func.count())
            .where(ModerationDecision.automatic_key.is_not(None))
            .group_by(ModerationDecision.version_id)
        ).all()
        assert len(per_version) == DELIVERIES
        assert {count for _, count in per_version} == {1}
        hidden = session.scalar(
            select(func.count()).select_from(Comment).where(Comment.status == "hidden")
        )
        assert hidden == len(must_hide)
        assert (
            session.execute(text("SELECT COUNT(*) FROM moderation_task")).scalar_one() == DELIVERIES
        )


@pytest.mark.slow
@pytest.mark.skipif("postgresql" not in BACKENDS, reason="several workers need PostgreSQL")
def test_several_workers_on_postgresql_share_the_queue_exactly_once(tmp_path: Path) -> None:
    engine, schema = postgres_engine_in_new_schema()
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        with engine.begin() as connection:
            upgrade_connection(connection)
        db = database_from_engine(engine)
        settings = _settings(tmp_path)
        must_hide = _enqueue(db, settings)
        graph = FakeGraph(latency_seconds=0.002)
        log = tmp_path / "workers.log"
        with FakeGraphServer(graph) as server:
            workers = [_start_worker(url, settings, server.url, log) for _ in range(3)]
            try:
                deadline = time.monotonic() + 180
                while _remaining(db):
                    assert all(w.poll() is None for w in workers), log.read_text()
                    assert time.monotonic() < deadline, f"{_remaining(db)} tasks left"
                    time.sleep(0.1)
            finally:
                for worker in workers:
                    worker.send_signal(signal.SIGTERM)
                for worker in workers:
                    worker.wait(timeout=30)
        hides = Counter(call.object_id for call in graph.calls_for("hide"))
        assert set(hides) == must_hide
        assert max(hides.values()) == 1
        with db.session(Scope.system()) as session:
            owners = session.execute(
                text("SELECT COUNT(DISTINCT lease_owner) FROM moderation_task")
            ).scalar_one()
            decisions = session.execute(
                text("SELECT COUNT(*), COUNT(DISTINCT version_id) FROM moderation_decision")
            ).one()
        assert decisions[0] == decisions[1] == DELIVERIES
        assert owners >= 2  # the workers really shared the queue (each task names its worker)
    finally:
        engine.dispose()
        drop_schema(schema)
