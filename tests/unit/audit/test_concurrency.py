"""Several processes appending at once still write one valid chain."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.audit.verify import verify_chain
from casewarden.db.engine import build_engine, database_from_engine
from casewarden.db.migrate import upgrade_connection
from casewarden.db.scope import Scope
from tests.conftest import BACKENDS, drop_schema, postgres_engine_in_new_schema

PROCESSES = 2
ENTRIES_EACH = 1_000


def _append_many(url: str, schema: str | None, worker: int, count: int) -> None:
    engine = build_engine(url)
    if schema is not None:
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _path(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute(f'SET search_path TO "{schema}"')
            cursor.close()
            dbapi_connection.commit()  # type: ignore[attr-defined]

    db = database_from_engine(engine)
    for n in range(count):
        with db.transaction(Scope.system()) as session:
            chain.append(
                session,
                AuditEvent(
                    actor=Actor.system(),
                    tag=AuditTag.AUDIT_CHAIN_VERIFY,
                    details={"worker": worker, "n": n},
                ),
            )
    engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_two_processes_write_one_valid_chain(backend: str, tmp_path: Path) -> None:
    schema: str | None = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'concurrent.db'}"
        engine = build_engine(url)
    else:
        from tests.conftest import POSTGRES_URL

        url = POSTGRES_URL
        engine, schema = postgres_engine_in_new_schema()
    try:
        with engine.begin() as connection:
            upgrade_connection(connection)

        spawn = multiprocessing.get_context("spawn")
        workers = [
            spawn.Process(target=_append_many, args=(url, schema, worker, ENTRIES_EACH))
            for worker in range(PROCESSES)
        ]
        for process in workers:
            process.start()
        for process in workers:
            process.join(timeout=300)
            assert process.exitcode == 0

        db = database_from_engine(engine)
        with db.session(Scope.system()) as session:
            total = session.scalar(select(func.count()).select_from(AuditEntry))
            report = verify_chain(session)
            interleaved = session.execute(
                text("SELECT COUNT(DISTINCT seq) FROM audit_entry")
            ).scalar_one()
        assert total == PROCESSES * ENTRIES_EACH
        assert interleaved == total
        assert report.ok, report
        assert report.entries == total
    finally:
        engine.dispose()
        if schema is not None:
            drop_schema(schema)
