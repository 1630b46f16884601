"""Migration 0020 puts a page's standing legal hold and its last delivery on the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from casewarden.db.migrate import upgrade_connection
from tests.conftest import BACKENDS
from tests.unit.db.old_schema import NOW, HoldEntry, database_at, insert_hold_entries

#: Page 1's two comments, each first received at this time.
RECEIVED = ((1, "2026-12-01 09:00:00+00:00"), (2, "2026-12-02 08:30:00+00:00"))
#: (page, tag, details, actor): page 1 held then released, then held by staff 7; page 2's
#: only hold is a thread's; page 3 held and released.
HOLDS: list[HoldEntry] = [
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
    with database_at(backend=request.param, tmp_path=tmp_path, revision="0014", pages=3) as engine:
        with engine.begin() as connection:
            for pk, received in RECEIVED:
                connection.execute(
                    text(
                        "INSERT INTO comment (id, agency_id, page_pk, platform, external_id, "
                        "kind, first_seen_at, status, review_state, current_version, "
                        "category_codes, case_specific, legal_hold) VALUES (:pk, 1, 1, "
                        "'facebook', :ext, 'comment', :now, 'visible', 'none', 1, '', :no, :no)"
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
            insert_hold_entries(connection, HOLDS)
        yield engine


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
