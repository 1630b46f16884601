"""A database written by a released casewarden upgrades to head with its data and chain intact.

The release's data is a fixture (tests/fixtures/releases/v0.1.0.json, made by
``tools/make_release_fixture.py v0.1.0`` running that release's own commands), because CI
runs on a clean clone that may hold no tags. Its schema is made by the release's
migrations: the files up to its revision must be byte for byte the ones it shipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Engine, MetaData, Table, func, select, text

from casewarden.audit.verify import verify_chain
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import build_engine, database_from_engine
from casewarden.db.migrate import MIGRATIONS, current_revision, head_revision, upgrade_connection
from casewarden.db.scope import Scope
from casewarden.moderation.models import BODY_PURPOSE, Comment, CommentVersion
from casewarden.pages.models import TOKEN_PURPOSE, AgencyPage
from tests.conftest import BACKENDS, drop_schema, postgres_engine_in_new_schema

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "releases"
RELEASES = sorted(path.stem for path in FIXTURES.glob("*.json"))


def _fixture(release: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / f"{release}.json").read_text())
    return loaded


def _python(value: Any, column_type: Any) -> Any:
    """A value as SQLite stored it, as the column's Python type (for either dialect)."""
    if value is None:
        return None
    if isinstance(value, dict) and set(value) == {"hex"}:
        return bytes.fromhex(value["hex"])
    if isinstance(column_type, JSON):
        return json.loads(value) if isinstance(value, str) else value
    try:
        kind = column_type.python_type
    except NotImplementedError:
        return value
    if kind is bool:
        return bool(value)
    if kind is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if kind is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _load(engine: Engine, fixture: dict[str, Any]) -> None:
    """Build the release's schema with its migrations, then insert its rows as written."""
    (revision,) = fixture["tables"]["alembic_version"]["rows"][0]
    with engine.begin() as connection:
        upgrade_connection(connection, revision=revision)
        metadata = MetaData()
        metadata.reflect(connection)
        for table in metadata.sorted_tables:
            data = fixture["tables"].get(table.name)
            if table.name == "alembic_version" or not data:
                continue
            rows = [
                {
                    column: _python(value, table.c[column].type)
                    for column, value in zip(data["columns"], row, strict=True)
                }
                for row in data["rows"]
            ]
            connection.execute(table.insert(), rows)
            if connection.dialect.name == "postgresql" and "id" in table.c:
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :n)"),
                    {"n": max(row["id"] for row in rows)},
                )


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database on each backend."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'release.db'}")
        yield engine
        engine.dispose()
    else:
        engine, schema = postgres_engine_in_new_schema()
        yield engine
        engine.dispose()
        drop_schema(schema)


@pytest.mark.parametrize("release", RELEASES)
def test_released_migrations_are_never_edited(release: str) -> None:
    shipped = _fixture(release)["migrations"]
    ours = {
        name: hashlib.sha256((MIGRATIONS / "versions" / name).read_bytes()).hexdigest()
        for name in shipped
        if (MIGRATIONS / "versions" / name).exists()
    }
    assert ours == shipped


@pytest.mark.parametrize("release", RELEASES)
def test_a_release_database_upgrades_with_its_data_and_chain(engine: Engine, release: str) -> None:
    fixture = _fixture(release)
    keyring = Keyring.parse(fixture["encryption_keys"])
    _load(engine, fixture)

    with engine.begin() as connection:
        upgrade_connection(connection, keyring=keyring)

    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        metadata = MetaData()
        metadata.reflect(connection)
        for name, data in fixture["tables"].items():
            if name == "alembic_version":
                continue
            table: Table = metadata.tables[name]
            count = connection.execute(select(func.count()).select_from(table)).scalar_one()
            assert count == len(data["rows"]), name
    with database_from_engine(engine).session(Scope.system()) as session:
        report = verify_chain(session)
        assert (report.ok, report.entries) == (True, len(fixture["tables"]["audit_entry"]["rows"]))
        bodies = {
            comment.external_id: keyring.open_text(version.body_sealed or b"", BODY_PURPOSE)
            for comment, version in session.execute(
                select(Comment, CommentVersion).join(
                    CommentVersion, CommentVersion.comment_id == Comment.id
                )
            )
        }
        assert bodies == fixture["comments"]
        statuses = {
            external_id: str(status)
            for external_id, status in session.execute(select(Comment.external_id, Comment.status))
        }
        columns = fixture["tables"]["comment"]["columns"]
        assert statuses == {
            row[columns.index("external_id")]: row[columns.index("status")]
            for row in fixture["tables"]["comment"]["rows"]
        }
        page = session.scalars(select(AgencyPage)).one()
        assert page.page_id == fixture["page_id"]
        assert keyring.open_text(page.token_sealed or b"", TOKEN_PURPOSE).startswith("EAAB")
