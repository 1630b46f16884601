"""The erasure ledger: what was erased, kept outside the backups, replayed on every restore.

A backup is the database as it was. Records a visitor had discarded after that copy was
made, or comments and leads purged at the end of their time, would come back with a
restore. So every discard and purge also appends a line to this ledger as its transaction
commits, and ``casewarden db restore`` erases again whatever the ledger names
(``casewarden.backup.replay``).

The ledger holds hashed references only: SHA-256 of the kind and a row's reference (a
visit tag's keyed hash, a comment or lead id), plus times, never a name, a text or a
platform's identifier. It lives outside the backups on purpose: a ledger inside a backup
would know only the erasures made before that backup, which are already absent from it.

Lines are written before the commit, so a crash between the two can only leave a line for
an erasure that did not happen, which a replay then completes; never the reverse. Lines
older than ``backup_retention_days`` are dropped by :func:`prune` (no kept backup is older).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from casewarden.clock import utcnow
from casewarden.files import FILE_MODE, private_directory

log = logging.getLogger(__name__)

#: ``Session.info`` key of the ledger file (set by ``db.engine.database_from_engine``).
LEDGER_PATH = "casewarden_erasure_ledger"
_PENDING = "casewarden_erasure_pending"


class ErasureKind(StrEnum):
    """What a ledger line erased."""

    #: A visitor's discard: references are hashes of the visit tag's keyed hash.
    VISITS = "visits"
    #: Visit records past retention: every record older than ``before``.
    VISITS_BEFORE = "visits_before"
    #: Comments purged at the end of retention: hashes of their row ids.
    COMMENTS = "comments"
    #: Unverified leads purged: hashes of their row ids.
    LEADS = "leads"


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One erasure, as the ledger keeps it."""

    at: datetime
    kind: ErasureKind
    refs: tuple[str, ...] = ()
    before: datetime | None = None


def erasure_ref(kind: ErasureKind, value: str) -> str:
    """The hashed reference the ledger keeps for one erased row."""
    return hashlib.sha256(f"casewarden-erasure\x00{kind}\x00{value}".encode()).hexdigest()


def record(session: Session, kind: ErasureKind, values: Iterable[str]) -> None:
    """Note rows erased in this transaction; the ledger gets them as it commits."""
    refs = sorted({erasure_ref(kind, value) for value in values})
    if refs:
        _pending(session).append({"at": format_time(utcnow()), "kind": str(kind), "refs": refs})


def record_cutoff(session: Session, before: datetime) -> None:
    """Note that every visit record older than ``before`` was erased in this transaction."""
    line = {"at": format_time(utcnow()), "kind": str(ErasureKind.VISITS_BEFORE)}
    _pending(session).append({**line, "before": format_time(before)})


def format_time(moment: datetime) -> str:
    """A ledger time: UTC, ISO 8601."""
    return moment.astimezone(UTC).isoformat()


def _pending(session: Session) -> list[dict[str, Any]]:
    pending: list[dict[str, Any]] = session.info.setdefault(_PENDING, [])
    return pending


@contextmanager
def _locked(path: Path) -> Iterator[int]:
    """The ledger open for appending, under an exclusive lock on the file it names now."""
    private_directory(path.parent)
    while True:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        # A prune replaces the file; a writer that opened the old one reopens.
        if os.path.exists(path) and os.fstat(descriptor).st_ino == os.stat(path).st_ino:
            break
        os.close(descriptor)
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def append(path: Path, lines: list[dict[str, Any]]) -> None:
    """Append lines to the ledger durably (fsync) under its lock."""
    data = "".join(json.dumps(line, sort_keys=True) + "\n" for line in lines).encode()
    with _locked(path) as descriptor:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)


def read(path: Path) -> list[LedgerLine]:
    """Every readable line of the ledger (none when the file does not exist)."""
    if not path.exists():
        return []
    lines = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                lines.append(_parse(json.loads(raw)))
            except (ValueError, KeyError, TypeError):
                # Only a crash mid-write leaves such a line; its erasure was never committed.
                log.warning("erasure ledger line %d is unreadable; skipped", number)
    return lines


def _parse(data: dict[str, Any]) -> LedgerLine:
    before = data.get("before")
    return LedgerLine(
        at=datetime.fromisoformat(str(data["at"]).replace("Z", "+00:00")),
        kind=ErasureKind(data["kind"]),
        refs=tuple(str(ref) for ref in data.get("refs", ())),
        before=datetime.fromisoformat(before.replace("Z", "+00:00")) if before else None,
    )


def prune(path: Path, *, older_than: datetime) -> int:
    """Drop lines written before ``older_than``; returns how many were dropped."""
    if not path.exists():
        return 0
    with _locked(path):
        kept: list[str] = []
        dropped = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            try:
                line = _parse(json.loads(raw))
            except (ValueError, KeyError, TypeError):
                dropped += 1
                continue
            if line.at < older_than:
                dropped += 1
            else:
                kept.append(raw + "\n")
        if dropped:
            fresh = path.with_name(path.name + ".new")
            descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.writelines(kept)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(fresh, path)
    return dropped


def _before_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    path = session.info.get(LEDGER_PATH)
    if pending and isinstance(path, Path):
        append(path, pending)


def _forget(session: Session, *_: Any) -> None:
    session.info.pop(_PENDING, None)


def install(session_class: type[Session]) -> None:
    """Write pending lines as each transaction commits; forget them on rollback (idempotent)."""
    if not event.contains(session_class, "before_commit", _before_commit):
        event.listen(session_class, "before_commit", _before_commit)
        event.listen(session_class, "after_rollback", _forget)
