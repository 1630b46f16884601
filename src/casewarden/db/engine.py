"""Engine and session factory for embedded SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from casewarden import files
from casewarden.config import Settings
from casewarden.db import erasure
from casewarden.db import erasure_ledger as erasure_ledger_module
from casewarden.db import scope as scoping
from casewarden.db.scope import Scope
from casewarden.db.writer_lock import FairLock
from casewarden.errors import DatabaseUnavailable

# SQLite waits this long for the writer lock before giving up.
_SQLITE_BUSY_MS = 30_000
#: Execution option for connections that will only read (see _configure_sqlite).
READ_ONLY = "casewarden_read_only"
_HOLDS_WRITER = "casewarden_holds_writer"


class CasewardenSession(Session):
    """The session class every casewarden database hands out; agency scoping is installed on it."""


def safe_url(url: str | URL) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine) -> None:
    # One writer at a time is SQLite's rule. Within this process, writers queue on a lock
    # and hand over at once; across processes SQLite's busy handler makes them wait, but it
    # polls with growing sleeps (up to 100 ms each), which under steady load turns into
    # seconds of latency. The lock keeps the in-process case (serve with its worker) fast.
    writer = FairLock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not pysqlite, decide when transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows are overwritten with zeros, not merely unlinked (db/erasure.py).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    def _release(info: dict[str, Any]) -> None:
        if info.pop(_HOLDS_WRITER, False):
            writer.release()

    @event.listens_for(engine, "commit")
    def _on_commit(connection: Any) -> None:
        _release(connection.info)

    @event.listens_for(engine, "rollback")
    def _on_rollback(connection: Any) -> None:
        _release(connection.info)

    @event.listens_for(engine.pool, "reset")
    def _on_reset(_dbapi_connection: Any, record: Any, *_: Any) -> None:
        _release(record.info)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the writer lock up front. A deferred transaction that read
        # first and writes later gets SQLITE_BUSY at once when another process wrote
        # in between (it cannot wait its turn); that would break the audit chain's
        # read-head-then-append under several processes. Work that only reads asks
        # for READ_ONLY and starts deferred, so it never waits for a writer (WAL).
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
            return
        if not writer.acquire(timeout=_SQLITE_BUSY_MS / 1000):
            raise DatabaseUnavailable("the database stayed busy; try again")
        connection.info[_HOLDS_WRITER] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection.info)
            raise


def _private_sqlite_files(database: Path) -> None:
    """The database file exists as 0600 before SQLite opens it: its write-ahead log and
    shared-memory files are created with the database file's permissions."""
    if not database.parent.exists():
        files.private_directory(database.parent)
    files.private_file(database)
    for suffix in ("-wal", "-shm", "-journal"):
        files.tighten_if_present(database.with_name(database.name + suffix))


def build_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url`` with casewarden's per-database settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            _private_sqlite_files(Path(database))
        engine = create_engine(
            parsed, echo=echo, connect_args={"check_same_thread": False, "timeout": 30}
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(
        parsed,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5, "application_name": "casewarden"},
    )


@dataclass
class Database:
    """An engine and its session factory.

    ``one_connection``: every session shares one connection (the tests' rolled-back
    transaction), which no background thread may use while a request does.
    """

    engine: Engine
    sessions: sessionmaker[CasewardenSession]
    one_connection: bool = False

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def session(self, scope: Scope) -> CasewardenSession:
        """A new session bound to ``scope``."""
        session = self.sessions()
        scoping.set_scope(session, scope)
        return session

    @contextmanager
    def transaction(self, scope: Scope) -> Iterator[CasewardenSession]:
        """A session that commits when the block ends and rolls back on error."""
        with self.session(scope) as session, session.begin():
            yield session

    def check(self) -> None:
        """Raise DatabaseUnavailable unless the database answers."""
        try:
            with self.engine.connect().execution_options(**{READ_ONLY: True}) as connection:
                connection.execute(text("SELECT 1"))
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DatabaseUnavailable(
                f"cannot reach the database at {safe_url(self.engine.url)}: {reason}"
            ) from exc

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def database_from_engine(engine: Engine, *, erasure_ledger: Path | None = None) -> Database:
    """Wrap an existing engine (tests bind it to one connection); discards and purges are
    noted in ``erasure_ledger`` when one is given (``db.erasure_ledger``)."""
    scoping.install(CasewardenSession)
    erasure.install(CasewardenSession)
    erasure_ledger_module.install(CasewardenSession)
    info = {erasure_ledger_module.LEDGER_PATH: erasure_ledger} if erasure_ledger else {}
    return Database(
        engine=engine,
        sessions=sessionmaker(engine, class_=CasewardenSession, expire_on_commit=False, info=info),
    )


def create_database(settings: Settings) -> Database:
    """The database the settings point at (the data directory made private when present)."""
    if settings.data_dir.exists():
        files.private_directory(settings.data_dir)
    return database_from_engine(
        build_engine(settings.effective_database_url),
        erasure_ledger=settings.effective_erasure_ledger,
    )
