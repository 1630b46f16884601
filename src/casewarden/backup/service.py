"""``casewarden db backup`` and ``db restore``: what they check, in what order, what they write.

A restore checks everything before it writes anything: the file's checksums, the
deployment, the keys, the schema revision, and that the target holds no data (unless the
operator forces it). Then it restores, upgrades an older schema, replays the erasure
ledger, verifies the audit chain and records the result in it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

import casewarden
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.audit.verify import ChainReport, verify_chain
from casewarden.backup import bundle, copies
from casewarden.backup.bundle import Manifest
from casewarden.backup.deployment import configured_deployment_id, ensure_deployment_id
from casewarden.backup.replay import ReplayReport, replay
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db import erasure_ledger, migrate
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.errors import BackupRefused, Conflict

log = logging.getLogger("casewarden.backup")

_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^casewarden-(?P<deployment>.+)-(?P<stamp>\d{8}T\d{6}Z)\.cwbackup$")


def key_check(key: bytes) -> str:
    """A check value that recognises a key without revealing it (16 hex characters)."""
    return hashlib.sha256(b"casewarden-key-check\x00" + key).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class BackupResult:
    """The written backup."""

    path: Path
    sha256: str
    manifest: Manifest
    deleted_backups: list[Path] = field(default_factory=list)
    pruned_ledger_lines: int = 0


def create_backup(
    *,
    settings: Settings,
    database: Database,
    keyring: Keyring | None,
    destination: Path,
    now: datetime | None = None,
) -> BackupResult:
    """Write a consistent backup to ``destination`` (a directory, or a new file's path)."""
    moment = now or utcnow()
    deployment, _generated = ensure_deployment_id(settings)
    if destination.is_dir():
        path = destination / f"casewarden-{deployment}-{moment.strftime(_STAMP)}{bundle.SUFFIX}"
    else:
        path = destination
    if path.exists():
        raise Conflict(f"{path} exists already; a backup never overwrites a file")
    if not path.parent.is_dir():
        raise Conflict(f"no directory {path.parent} to write the backup into")
    payload_name = bundle.PAYLOADS[database.dialect]
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".casewarden-backup-") as work:
        payload = Path(work) / payload_name
        if database.dialect == "sqlite":
            facts = copies.copy_sqlite(copies.sqlite_file(database.engine), payload)
        else:
            facts = copies.dump_postgres(database.engine, payload)
        known = dict(keyring.keys) if keyring else {}
        manifest = Manifest(
            deployment_id=deployment,
            schema_revision=facts.revision,
            created_at=chain.format_time(moment),
            dialect=database.dialect,
            payload=payload_name,
            payload_bytes=payload.stat().st_size,
            payload_sha256=bundle.sha256_of(payload),
            keys={
                kid: key_check(known[kid]) if kid in known else "" for kid in sorted(facts.key_ids)
            },
            rows=facts.rows,
            casewarden_version=casewarden.__version__,
        )
        checksum = bundle.write(path, manifest, payload)
    with database.transaction(Scope.system()) as session:
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.BACKUP_CREATE,
            details={
                "revision": manifest.schema_revision,
                "bytes": manifest.payload_bytes,
                "sha256": checksum[:32],
                "keys": len(manifest.keys),
            },
        )
    deleted = []
    if destination.is_dir():
        deleted = _delete_old_backups(destination, deployment, moment, settings)
    pruned = erasure_ledger.prune(
        settings.effective_erasure_ledger,
        older_than=moment - timedelta(days=settings.backup_retention_days),
    )
    return BackupResult(
        path=path,
        sha256=checksum,
        manifest=manifest,
        deleted_backups=deleted,
        pruned_ledger_lines=pruned,
    )


def _delete_old_backups(
    directory: Path, deployment: str, now: datetime, settings: Settings
) -> list[Path]:
    """Backups of this deployment in ``directory`` older than the retention period."""
    cutoff = now - timedelta(days=settings.backup_retention_days)
    deleted = []
    for candidate in sorted(directory.glob(f"casewarden-*{bundle.SUFFIX}")):
        match = _NAME.match(candidate.name)
        if match is None or match["deployment"] != deployment:
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        if taken < cutoff:
            candidate.unlink()
            candidate.with_name(candidate.name + ".sha256").unlink(missing_ok=True)
            deleted.append(candidate)
    return deleted


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did."""

    manifest: Manifest
    upgraded_from: str | None
    replayed: ReplayReport
    chain: ChainReport


def _known_revision(revision: str) -> bool:
    try:
        return (
            ScriptDirectory.from_config(migrate.alembic_config()).get_revision(revision) is not None
        )
    except CommandError:
        return False


def check_restorable(
    *, settings: Settings, manifest: Manifest, database: Database, keyring: Keyring | None
) -> None:
    """Refuse, with its reason, a backup that must not be restored here."""
    if manifest.dialect != database.dialect:
        raise BackupRefused(
            f"this is a {manifest.dialect} backup; the configured database is {database.dialect}",
            reason="other_dialect",
        )
    deployment = configured_deployment_id(settings)
    if deployment is None:
        raise BackupRefused(
            f"no deployment id is configured here; the backup belongs to deployment "
            f"{manifest.deployment_id}: if this machine takes its place, set "
            f"CASEWARDEN_DEPLOYMENT_ID={manifest.deployment_id} and restore again",
            reason="no_deployment_id",
        )
    if deployment != manifest.deployment_id:
        raise BackupRefused(
            f"the backup belongs to deployment {manifest.deployment_id}, not to this one "
            f"({deployment}); nothing was restored",
            reason="other_deployment",
        )
    known = dict(keyring.keys) if keyring else {}
    missing = sorted(kid for kid in manifest.keys if kid not in known)
    if missing:
        raise BackupRefused(
            "the backup's sealed data needs key(s) "
            + ", ".join(missing)
            + " that CASEWARDEN_ENCRYPTION_KEYS does not hold; add them (from the key "
            "backup) and restore again",
            reason="missing_keys",
        )
    different = sorted(
        kid for kid, check in manifest.keys.items() if check and key_check(known[kid]) != check
    )
    if different:
        raise BackupRefused(
            "key(s) " + ", ".join(different) + " on this keyring are not the key(s) the "
            "backup was sealed with; nothing was restored",
            reason="missing_keys",
        )
    if not _known_revision(manifest.schema_revision):
        raise BackupRefused(
            f"the backup's schema revision {manifest.schema_revision} is newer than this "
            f"version of casewarden knows ({migrate.head_revision()}); restore with the "
            "version that made it",
            reason="newer_schema",
        )


def restore_backup(
    *,
    settings: Settings,
    database: Database,
    keyring: Keyring | None,
    source: Path,
    replace_existing: bool = False,
) -> RestoreResult:
    """Restore ``source`` into the configured database; see the module docstring."""
    manifest = bundle.read_manifest(source)
    work_parent = (
        copies.sqlite_file(database.engine).parent if database.dialect == "sqlite" else None
    )
    with tempfile.TemporaryDirectory(dir=work_parent, prefix=".casewarden-restore-") as work:
        payload = bundle.extract_payload(source, manifest, Path(work))
        check_restorable(settings=settings, manifest=manifest, database=database, keyring=keyring)
        if database.dialect == "sqlite":
            copies.check_sqlite_copy(payload)
        if copies.holds_data(database.engine) and not replace_existing:
            _refuse_overwrite(database)
        database.dispose()  # no pooled connection keeps the old schema in mind
        if database.dialect == "sqlite":
            copies.restore_sqlite(payload, copies.sqlite_file(database.engine))
        else:
            copies.restore_postgres(database.engine, payload, replace_existing=replace_existing)
    upgraded_from = None
    if manifest.schema_revision != migrate.head_revision():
        upgraded_from, _ = migrate.upgrade(database, keyring=keyring)
    with database.transaction(Scope.system()) as session:
        replayed = replay(
            session=session, lines=erasure_ledger.read(settings.effective_erasure_ledger)
        )
    with database.transaction(Scope.system()) as session:
        report = verify_chain(session)
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.AUDIT_CHAIN_VERIFY,
            outcome=Outcome.SUCCESS if report.ok else Outcome.FAILURE,
            details={"entries": report.entries, "broken_seq": report.broken_seq},
        )
        chain.record(
            session,
            subject=Subject(),
            actor=Actor.system(),
            tag=AuditTag.BACKUP_RESTORE,
            outcome=Outcome.SUCCESS if report.ok else Outcome.FAILURE,
            details={
                "backup_created": manifest.created_at,
                "revision": manifest.schema_revision,
                "sha256": manifest.payload_sha256[:32],
                "replaced": replace_existing,
            },
        )
    return RestoreResult(
        manifest=manifest, upgraded_from=upgraded_from, replayed=replayed, chain=report
    )


def _refuse_overwrite(database: Database) -> None:
    """Refuse to restore over data, noting the refusal in that database's own chain."""
    error = BackupRefused(
        "the target database already holds data; restore into an empty data directory or "
        "database, or pass --force to replace what it holds",
        reason="target_not_empty",
    )
    try:
        with database.engine.connect() as connection:
            current = migrate.current_revision(connection)
        if current == migrate.head_revision():
            with database.transaction(Scope.system()) as session:
                chain.record(
                    session,
                    subject=Subject(),
                    actor=Actor.system(),
                    tag=AuditTag.BACKUP_RESTORE_REFUSE,
                    outcome=Outcome.FAILURE,
                    details={"reason": error.reason},
                )
    except Exception:  # the refusal stands whether or not it could be noted
        log.exception("could not audit the refused restore")
    raise error
