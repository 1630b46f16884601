"""Running Alembic from casewarden: upgrade to head, check models against migrations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from casewarden.db.engine import Database
from casewarden.errors import SchemaNewerThanCode

if TYPE_CHECKING:
    from casewarden.crypto.keyring import Keyring

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(
    connection: Connection | None = None,
    url: str | None = None,
    keyring: Keyring | None = None,
    *,
    script_location: Path = MIGRATIONS,
) -> Config:
    """An Alembic config for casewarden's migrations, bound to a connection or a URL.

    ``keyring`` lets a migration seal values that earlier versions kept in the clear
    (0009: contact messages and review-request details). ``script_location`` is another
    copy of the migrations directory (``db revision``'s tests write into one).
    """
    config = Config()
    config.set_main_option("script_location", str(script_location))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    if keyring is not None:
        config.attributes["keyring"] = keyring
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of casewarden."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def refuse_unknown_revision(connection: Connection) -> None:
    """Raise SchemaNewerThanCode when the database is at a revision this code does not ship.

    Such a database was migrated by a newer release; running older migrations or older
    code against it would corrupt it, so nothing may touch it.
    """
    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    for revision in MigrationContext.configure(connection).get_current_heads():
        if revision not in known:
            raise SchemaNewerThanCode(revision, head_revision())


def check_schema(db: Database) -> None:
    """Refuse a database migrated by a newer release (``serve --no-migrate``, ``worker``)."""
    db.check()
    with db.engine.connect() as connection:
        refuse_unknown_revision(connection)


def upgrade(db: Database, *, keyring: Keyring | None = None) -> tuple[str | None, str]:
    """Migrate the database to head; returns (revision before, revision after).

    A database at a revision this code does not know is refused before anything runs.
    """
    db.check()
    with db.engine.begin() as connection:
        refuse_unknown_revision(connection)
        before = current_revision(connection)
        command.upgrade(alembic_config(connection, keyring=keyring), "head")
    return before, head_revision()


def upgrade_connection(
    connection: Connection, *, keyring: Keyring | None = None, revision: str = "head"
) -> None:
    """Migrate through an existing connection (tests, which own the transaction)."""
    command.upgrade(alembic_config(connection, keyring=keyring), revision)


def check_connection(connection: Connection) -> None:
    """Raise when the models and the migrations disagree (``alembic check``)."""
    command.check(alembic_config(connection))
