"""Upgrading: a database migrated by a newer release is refused by every command that uses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from typer.testing import CliRunner

from casewarden.cli import app as cli_app
from casewarden.cli.context import CliContext
from casewarden.cli.errors import EXIT_UNAVAILABLE
from casewarden.config import Settings
from casewarden.db.engine import database_from_engine
from casewarden.db.migrate import head_revision
from tests.conftest import BACKENDS, migrated_engine_for

#: A revision no release of this code ships: what a newer release leaves behind.
NEWER = "0999"


@pytest.fixture(params=BACKENDS)
def newer_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at head whose recorded revision is one only a newer release knows."""
    engine, cleanup = migrated_engine_for(request.param, tmp_path)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :rev"), {"rev": NEWER})
    yield engine
    cleanup()


@pytest.mark.parametrize(
    "command",
    [["db", "upgrade"], ["serve"], ["serve", "--no-migrate"], ["worker"]],
    ids=["db upgrade", "serve", "serve --no-migrate", "worker"],
)
def test_a_schema_from_a_newer_release_is_refused_and_left_alone(
    newer_engine: Engine, settings: Settings, command: list[str]
) -> None:
    tables_before = sorted(inspect(newer_engine).get_table_names())
    context = CliContext(settings=settings, database=database_from_engine(newer_engine))

    result = CliRunner().invoke(cli_app, command, obj=context)

    assert result.exit_code == EXIT_UNAVAILABLE, result.output
    assert f"schema revision {NEWER}" in result.output
    assert f"its newest is {head_revision()}" in result.output
    assert "nothing was changed" in result.output
    with newer_engine.connect() as connection:
        recorded = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        assert list(recorded) == [NEWER]
    assert sorted(inspect(newer_engine).get_table_names()) == tables_before
