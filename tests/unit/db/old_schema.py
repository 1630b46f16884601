"""Rows written straight into a database at an older revision, for the migration tests.

The migrations under test read what earlier code wrote (pages, comments, hold entries in the
audit chain), so the rows are inserted as SQL, not through today's models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from casewarden.db.engine import build_engine
from casewarden.db.migrate import upgrade_connection
from tests.conftest import drop_schema, postgres_engine_in_new_schema

NOW = "2026-12-01 10:00:00+00:00"
#: One legal-hold audit entry: (page, tag, details, acting staff id or None for the system).
HoldEntry = tuple[int, str, dict[str, Any], int | None]


@contextmanager
def database_at(*, backend: str, tmp_path: Path, revision: str, pages: int) -> Iterator[Engine]:
    """A database at ``revision`` with one agency and ``pages`` pages, dropped afterwards."""
    if backend == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'old.db'}")
        schema = None
    else:
        engine, schema = postgres_engine_in_new_schema()
    try:
        with engine.begin() as connection:
            upgrade_connection(connection, revision=revision)
            connection.execute(
                text(
                    "INSERT INTO agency (id, code, name, kind, created_at, updated_at) "
                    "VALUES (1, 'lcsa-old', 'Old County', 'local', :now, :now)"
                ),
                {"now": NOW},
            )
            for pk in range(1, pages + 1):
                connection.execute(
                    text(
                        "INSERT INTO agency_page (id, agency_id, platform, page_id, name, "
                        "active, created_at, updated_at) VALUES (:pk, 1, 'facebook', :page_id, "
                        "'P', :yes, :now, :now)"
                    ),
                    {"pk": pk, "page_id": f"10{pk}", "yes": True, "now": NOW},
                )
        yield engine
    finally:
        engine.dispose()
        if schema:
            drop_schema(schema)


def insert_hold_entries(connection: Connection, holds: list[HoldEntry]) -> None:
    """The hold entries as earlier code appended them to the audit chain, in order."""
    for seq, (page, tag, details, actor) in enumerate(holds, start=1):
        connection.execute(
            text(
                "INSERT INTO audit_entry (id, seq, occurred_at, actor_type, actor_id, tag, "
                "subject_type, subject_id, outcome, details, prev_hash, entry_hash) VALUES "
                "(:seq, :seq, :at, :kind, :actor, :tag, 'agency_page', :page, 'success', "
                ":details, 'p', :hash)"
            ),
            {
                "seq": seq,
                "at": f"2026-12-0{seq} 12:00:00+00:00",
                "kind": "staff" if actor else "system",
                "actor": actor,
                "tag": tag,
                "page": str(page),
                "details": json.dumps(details),
                "hash": f"h{seq}",
            },
        )
