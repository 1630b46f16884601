"""Copying the database out and back in: SQLite's online backup, PostgreSQL's pg_dump.

Both copies are consistent while casewarden keeps serving. SQLite's backup API copies
every page in one step inside a read transaction, so in WAL mode writers carry on and the
copy is the database as of one commit. On PostgreSQL a repeatable-read transaction exports
its snapshot; ``pg_dump --snapshot`` dumps exactly that snapshot, and the manifest's facts
(revision, rows, key ids) are read in the same transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, func, inspect, select, table, text
from sqlalchemy.engine import URL

from casewarden.crypto.rotation import sealed_columns
from casewarden.crypto.sealed import MAGIC
from casewarden.errors import BackupRefused, ConfigurationError

PG_DUMP = "pg_dump"
PG_RESTORE = "pg_restore"
#: Enough of a sealed value to read its key id: magic, length byte, id of up to 32 bytes.
_HEADER = len(MAGIC) + 1 + 32


@dataclass(frozen=True, slots=True)
class Facts:
    """What the manifest says about a copy, read from the copy's own snapshot."""

    revision: str
    key_ids: frozenset[str]
    rows: dict[str, int]


def read_facts(connection: Connection) -> Facts:
    """Schema revision, the key ids sealed values use, and rows per table."""
    from casewarden.db import models as _models  # noqa: F401 - every table registered
    from casewarden.db.base import Base

    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    present = set(inspect(connection).get_table_names())
    key_ids: set[str] = set()
    for sealed_table, column, _purpose in sealed_columns(Base.metadata):
        if sealed_table.name not in present:
            continue
        query = select(func.substr(column, 1, _HEADER)).where(column.is_not(None))
        for (header,) in connection.execute(query):
            blob = bytes(header)
            if blob.startswith(MAGIC) and len(blob) > len(MAGIC):
                length = blob[len(MAGIC)]
                key_ids.add(blob[len(MAGIC) + 1 : len(MAGIC) + 1 + length].decode("ascii"))
    rows = {
        name: int(connection.scalar(select(func.count()).select_from(table(name))) or 0)
        for name in sorted(present)
    }
    return Facts(revision=str(revision or ""), key_ids=frozenset(key_ids), rows=rows)


def holds_data(engine: Engine) -> bool:
    """True when the database has any table: restoring over it would lose what it holds."""
    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


# SQLite ---------------------------------------------------------------------------------


def sqlite_file(engine: Engine) -> Path:
    """The file of an SQLite engine."""
    database = engine.url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise ConfigurationError("backups need an SQLite database in a file")
    return Path(database)


def copy_sqlite(source: Path, target: Path) -> Facts:
    """An online-backup copy of ``source`` into the new file ``target``; its facts."""
    origin = sqlite3.connect(source, timeout=30)
    copy = sqlite3.connect(target)
    try:
        origin.execute("PRAGMA busy_timeout=30000")
        origin.backup(copy)  # all pages in one step: one consistent snapshot
        # One self-contained file, not one that expects a write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        origin.close()
    return facts_of_sqlite(target)


def facts_of_sqlite(path: Path) -> Facts:
    """The facts of an SQLite copy."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return read_facts(connection)
    finally:
        engine.dispose()


def check_sqlite_copy(path: Path) -> None:
    """Refuse a copy SQLite itself finds damaged."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    finally:
        connection.close()
    if verdict != "ok":
        raise BackupRefused(
            f"the backup's database copy is damaged ({verdict}); nothing was restored",
            reason="damaged",
        )


def restore_sqlite(copy: Path, target: Path) -> None:
    """Replace ``target``'s content with the copy's, through SQLite (its log included)."""
    origin = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    destination = sqlite3.connect(target, timeout=30)
    try:
        destination.execute("PRAGMA busy_timeout=30000")
        origin.backup(destination)
        destination.execute("PRAGMA journal_mode=WAL")
    finally:
        destination.close()
        origin.close()


# PostgreSQL -----------------------------------------------------------------------------


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries the password."""
    plain = url.set(drivername="postgresql", password=None)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConfigurationError(f"{name} is not installed (Debian: apt install postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings and our paths
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupRefused(f"{what} failed: {detail}", reason="tool_failed")


@contextmanager
def _snapshot(engine: Engine) -> Iterator[tuple[Connection, str]]:
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.scalar(text("SELECT pg_export_snapshot()"))
            yield connection, str(snapshot)


def dump_postgres(engine: Engine, target: Path) -> Facts:
    """``pg_dump`` of one exported snapshot into ``target``; the snapshot's facts."""
    url, env = _libpq(engine.url)
    with _snapshot(engine) as (connection, snapshot):
        facts = read_facts(connection)
        _run(
            [
                _tool(PG_DUMP),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={url}",
            ],
            env,
            "pg_dump",
        )
    return facts


def restore_postgres(engine: Engine, dump: Path, *, replace_existing: bool) -> None:
    """``pg_restore`` in one transaction: the database gets the whole copy or nothing."""
    url, env = _libpq(engine.url)
    command = [
        _tool(PG_RESTORE),
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={url}",
    ]
    if replace_existing:
        command[1:1] = ["--clean", "--if-exists"]
    _run([*command, str(dump)], env, "pg_restore")
