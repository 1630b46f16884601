"""Shared fixtures: a migrated database per backend, a rolled-back session per test, the app.

The suite runs on SQLite always, and on PostgreSQL too when
``CASEWARDEN_TEST_POSTGRES_URL`` is set. Each PostgreSQL run works in a schema of
its own, dropped at the end, so runs never see each other's rows.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import sessionmaker
from typer.testing import CliRunner

from casewarden.config import Settings, load_settings
from casewarden.db.engine import CasewardenSession, Database, build_engine, database_from_engine
from casewarden.db.migrate import upgrade_connection
from casewarden.db.scope import Scope, set_scope
from tests.factories import TEST_ENCRYPTION_KEYS

POSTGRES_URL = os.environ.get("CASEWARDEN_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("CASEWARDEN_TEST_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
TEST_SECRET = "test-secret-" + "k" * 40


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail at once, rather than skip, when CI asked for PostgreSQL and cannot reach it."""
    if REQUIRE_POSTGRES and not POSTGRES_URL:
        pytest.exit("CASEWARDEN_TEST_REQUIRE_POSTGRES=1 but CASEWARDEN_TEST_POSTGRES_URL unset", 3)
    if POSTGRES_URL:
        engine = build_engine(POSTGRES_URL)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:
            pytest.exit(f"PostgreSQL at CASEWARDEN_TEST_POSTGRES_URL is unreachable: {exc}", 3)
        finally:
            engine.dispose()


def postgres_engine_in_new_schema() -> tuple[Engine, str]:
    """An engine whose connections live in a fresh schema (created here)."""
    schema = f"cw_test_{secrets.token_hex(6)}"
    admin = build_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    engine = build_engine(POSTGRES_URL)

    @event.listens_for(engine, "connect")
    def _search_path(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f'SET search_path TO "{schema}"')
        cursor.close()
        dbapi_connection.commit()

    return engine, schema


def drop_schema(schema: str) -> None:
    """Remove a schema made by :func:`postgres_engine_in_new_schema`."""
    admin = build_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def migrated_engine_for(backend: str, directory: Path) -> tuple[Engine, Callable[[], None]]:
    """A migrated engine for ``backend`` and a function that tears it down."""
    if backend == "sqlite":
        engine = build_engine(f"sqlite:///{directory / 'casewarden-test.db'}")
        cleanup: Callable[[], None] = engine.dispose
    else:
        engine, schema = postgres_engine_in_new_schema()

        def cleanup() -> None:
            engine.dispose()
            drop_schema(schema)

    with engine.begin() as connection:
        upgrade_connection(connection)
    return engine, cleanup


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One migrated database per backend for the whole run."""
    engine, cleanup = migrated_engine_for(request.param, tmp_path_factory.mktemp("db"))
    yield engine
    cleanup()


@pytest.fixture
def db(migrated_engine: Engine) -> Iterator[Database]:
    """A Database whose every session runs inside one transaction that is rolled back."""
    connection = migrated_engine.connect()
    transaction = connection.begin()
    database = database_from_engine(migrated_engine)
    database.sessions = sessionmaker(
        bind=connection,
        class_=CasewardenSession,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
    )
    database.one_connection = True
    yield database
    transaction.rollback()
    connection.close()


@pytest.fixture
def session(db: Database) -> Iterator[CasewardenSession]:
    """A system-scoped session inside the test's transaction."""
    with db.session(Scope.system()) as system_session:
        yield system_session


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Development settings with a fixed secret and a private data directory."""
    return load_settings(
        data_dir=tmp_path / "var", secret_key=TEST_SECRET, encryption_keys=TEST_ENCRYPTION_KEYS
    )


@pytest.fixture
def app(settings: Settings, db: Database) -> FastAPI:
    """The web app on the test database."""
    from casewarden.web.app import create_app

    return create_app(settings, database=db)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An HTTP client speaking to the app in-process."""
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def cli(settings: Settings, db: Database) -> Callable[..., Any]:
    """Run ``casewarden`` commands against the test database and settings."""
    from casewarden.cli import app as cli_app
    from casewarden.cli.context import CliContext

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, with_settings: Settings | None = None) -> Any:
        context = CliContext(settings=with_settings or settings, database=db)
        return runner.invoke(cli_app, list(args), obj=context, input=input)

    return invoke


def scoped(session: CasewardenSession, scope: Scope) -> CasewardenSession:
    """Switch a test session to another scope (tenancy tests)."""
    set_scope(session, scope)
    return session
