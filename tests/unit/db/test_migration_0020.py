"""Migration 0020 puts a page's standing legal hold and its last delivery on the page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from casewarden.db.engine import build_engine
from casewarden.db.migrate import upgrade_connection
from tests.conftest import BACKENDS, drop_schema, postgres_engine_in_new_schema

NOW = "2026-12-01 10:00:00+00:00"
#: (page, tag, details, actor): page 1 held then released, then held by staff 7; page 2's
#: only hold is a thread's; page 3 held and released.
HOLDS = [
    (1, "archive:hold:set", {"comments": 1}, 3),
    (1, "archive:hold:release", {"comments": 1}, 3),
    (1, "archive:hold:set", {"comments": 2}, 7),
    (2, "archive:hold:set", {"comments": 1, "thread": "104_1"}, 7),
    (3, "archive:hold:set", {"comments": 0}, None),
    (3, "archive:hold:release", {"comments": 0}, None),
]


@pytest.fixture(params=BACKENDS)
def engine_at_0014(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at 0014 with three pages, two comments on page 1, and hold entries."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'old.db'}")
        schema = None
    else:
        engine, schema = postgres_engine_in_new_schema()
    with engine.begin() as connection:
        upgrade_connection(connection, revision="0014")
        connection.execute(
            text(
                "INSERT INTO agency (id, code, name, kind, created_at, updated_at) "
                "VALUES (1, 'lcsa-old', 'Old County', 'local', :now, :now)"
            ),
            {"now": NOW},
        )
        for pk in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO agency_page (id, agency_id, platform, page_id, name, active, "
                    "created_at, updated_at) VALUES (:pk, 1, 'facebook', :page_id, 'P', :yes, "
                    ":now, :now)"
                ),
                {"pk": pk, "page_id": f"10{pk}", "yes": True, "now": NOW},
            )
        for pk, received in ((1, "2026-12-01 09:00:00+00:00"), (2, "2026-12-02 08:30:00+00:00")):
            connection.execute(
                text(
                    "INSERT INTO comment (id, agency_id, page_pk, platform, external_id, kind, "
                    "first_seen_at, status, review_state, current_version, category_codes, "
                    "case_specific, legal_hold) VALUES (:pk, 1, 1, 'facebook', :ext, 'comment', "
                    ":now, 'visible', 'none', 1, '', :no, :no)"
                ),
                {"pk": pk, "ext": f"101_1_{pk}", "now": NOW, "no": False},
            )
            connection.execute(
                text(
                    "INSERT INTO comment_version (id, comment_id, version, verb, delivery_key, "
                    "received_at) VALUES (:pk, :pk, 1, 'add', :key, :received)"
                ),
                {"pk": pk, "key": f"k{pk}", "received": received},
            )
        for seq, (page, tag, details, actor) in enumerate(HOLDS, start=1):
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
    yield engine
    engine.dispose()
    if schema:
        drop_schema(schema)


def test_standing_page_holds_and_last_deliveries_move_onto_the_page(
    engine_at_0014: Engine,
) -> None:
    with engine_at_0014.begin() as connection:
        upgrade_connection(connection)
    with engine_at_0014.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT id, last_delivery_at, hold_placed_at, hold_placed_by_type, "
                "hold_placed_by_id FROM agency_page ORDER BY id"
            )
        ).all()
    found = [
        (
            pk,
            str(last)[:16] if last else None,
            str(placed)[:10] if placed else None,
            kind,
            by,
        )
        for pk, last, placed, kind, by in rows
    ]
    assert found == [
        (1, "2026-12-02 08:30", "2026-12-03", "staff", 7),
        (2, None, None, None, None),
        (3, None, None, None, None),
    ]
