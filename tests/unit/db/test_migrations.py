"""The models and the migrations agree on every backend (``alembic check``)."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from casewarden.db.migrate import check_connection, current_revision, head_revision


def test_alembic_check_passes(migrated_engine: Engine) -> None:
    with migrated_engine.connect() as connection:
        check_connection(connection)  # raises when autogenerate would find differences


def test_database_is_at_head(migrated_engine: Engine) -> None:
    with migrated_engine.connect() as connection:
        assert current_revision(connection) == head_revision()


def test_every_table_is_created(migrated_engine: Engine) -> None:
    tables = set(inspect(migrated_engine).get_table_names())
    assert {"agency", "staff_user", "staff_session", "login_throttle", "audit_entry"} <= tables
