"""Making deleted rows unreadable in the database files, not only unreachable by queries.

On SQLite, ``PRAGMA secure_delete`` (set on every connection, ``db.engine``) overwrites
deleted content with zeros in the pages it rewrites; but the write-ahead log still holds
the pages as they were before, until a checkpoint copies the new pages into the database
and ``TRUNCATE`` empties the log. Work that deletes what a person asked to be rid of (a
visitor's discard, expired visits, raw addresses) asks for that checkpoint with
:func:`erase_after_commit`; it runs once the transaction has committed.

A checkpoint needs every reader to be on the newest snapshot. It waits a moment for
them, then gives up without failing the request (the log is logged); the next
maintenance pass (``privacy/maintenance.py``) asks again. On PostgreSQL deleted tuples
stay in the table files until VACUUM reclaims them (docs/privacy.md says when).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_ERASE = "casewarden_erase_after_commit"
#: How long a checkpoint waits for readers to move on, in milliseconds.
CHECKPOINT_WAIT_MS = 500


def erase_after_commit(session: Session) -> None:
    """Checkpoint and truncate SQLite's write-ahead log once ``session`` commits."""
    session.info[_ERASE] = True


def checkpoint(engine: Engine) -> bool:
    """Copy the write-ahead log into the database and empty it; True when it completed.

    Always True on PostgreSQL (nothing to do here: see the module docstring).
    """
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        (patience,) = cursor.execute("PRAGMA busy_timeout").fetchone()
        cursor.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        try:
            # (busy, log frames, frames checkpointed): busy = 1 when a reader or writer held on.
            busy, _frames, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            cursor.execute(f"PRAGMA busy_timeout={int(patience)}")
            cursor.close()
    finally:
        raw.close()
    if busy:
        log.warning("write-ahead log checkpoint deferred: the database was busy")
    return not busy


def _after_commit(session: Session) -> None:
    if not session.info.pop(_ERASE, False):
        return
    bind: Any = session.get_bind()
    if not isinstance(bind, Engine) and bind.in_transaction():
        # The session is joined to a transaction someone else holds open (a caller's unit
        # of work, the test suite's rollback): nothing is durable yet, so there is nothing a
        # checkpoint could erase, and a second connection's checkpoint would reset this one.
        return
    engine = bind if isinstance(bind, Engine) else bind.engine
    try:
        checkpoint(engine)
    except Exception:  # the commit stands; the next maintenance pass checkpoints again
        log.exception("write-ahead log checkpoint failed")


def install(session_class: type[Session]) -> None:
    """Run the requested checkpoints after commit (idempotent)."""
    if not event.contains(session_class, "after_commit", _after_commit):
        event.listen(session_class, "after_commit", _after_commit)
