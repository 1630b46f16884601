"""Migration 0021 turns standing thread holds into records, and its downgrade keeps them held."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from casewarden.db.migrate import alembic_config, upgrade_connection
from tests.conftest import BACKENDS
from tests.unit.db.old_schema import NOW, HoldEntry, database_at, insert_hold_entries

#: (page, tag, details, actor), in order: page 1's thread 1_a is held by staff 7 (placed twice),
#: 1_b held then released, 1_c held by the system; page 2's thread 2_a is held, then the
#: whole page is held and released (which cleared the thread's flags).
HOLDS: list[HoldEntry] = [
    (1, "archive:hold:set", {"comments": 1, "thread": "1_a"}, 3),
    (1, "archive:hold:set", {"comments": 2, "thread": "1_a"}, 7),
    (1, "archive:hold:set", {"comments": 1, "thread": "1_b"}, 7),
    (1, "archive:hold:release", {"comments": 1, "thread": "1_b"}, 7),
    (1, "archive:hold:set", {"comments": 0, "thread": "1_c"}, None),
    (2, "archive:hold:set", {"comments": 1, "thread": "2_a"}, 7),
    (2, "archive:hold:set", {"comments": 1}, 7),
    (2, "archive:hold:release", {"comments": 1}, 7),
]


@pytest.fixture(params=BACKENDS)
def engine_at_0020(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at 0020 with two pages, a comment in thread 1_a, and hold entries."""
    with database_at(backend=request.param, tmp_path=tmp_path, revision="0020", pages=2) as engine:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO comment (id, agency_id, page_pk, platform, external_id, kind, "
                    "post_external_id, first_seen_at, status, review_state, current_version, "
                    "category_codes, case_specific, legal_hold) VALUES (1, 1, 1, 'facebook', "
                    "'1_a_9', 'comment', '1_a', :now, 'visible', 'none', 1, '', :no, :no)"
                ),
                {"now": NOW, "no": False},
            )
            insert_hold_entries(connection, HOLDS)
        yield engine


def test_standing_thread_holds_become_records_and_going_back_flags_their_comments(
    engine_at_0020: Engine,
) -> None:
    with engine_at_0020.begin() as connection:
        upgrade_connection(connection)
    with engine_at_0020.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT page_pk, post_external_id, placed_at, placed_by_type, placed_by_id, "
                "agency_id FROM thread_hold ORDER BY page_pk, post_external_id"
            )
        ).all()
    assert [(p, t, str(at)[:10], kind, by, a) for p, t, at, kind, by, a in rows] == [
        (1, "1_a", "2026-12-02", "staff", 7, 1),
        (1, "1_c", "2026-12-05", "system", None, 1),
    ]
    with engine_at_0020.begin() as connection:
        command.downgrade(alembic_config(connection), "0020")
    with engine_at_0020.connect() as connection:
        flags = connection.execute(text("SELECT legal_hold FROM comment")).scalars().all()
    assert [bool(flag) for flag in flags] == [True]
