"""Backups of a running server, restored elsewhere; and every backup a restore must refuse.

The load test runs a real server (uvicorn, worker inside) taking signed deliveries while a
separate ``casewarden db backup`` process copies the database, on SQLite and, when
configured, on PostgreSQL (scratch databases created and dropped here).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tarfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.audit.models import AuditEntry
from casewarden.audit.verify import verify_chain
from casewarden.backup import bundle
from casewarden.backup.service import create_backup
from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.db.engine import Database, build_engine, create_database
from casewarden.db.migrate import upgrade
from casewarden.db.scope import Scope
from casewarden.locate import leads
from casewarden.locate.models import LocateLead
from casewarden.moderation.models import Comment
from casewarden.privacy import visits
from casewarden.privacy.models import VisitRecord
from tests.conftest import POSTGRES_URL, TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS, make_agency, make_user
from tests.functional.conftest import serving
from tests.locate_factories import RULES, draft, png
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery, signed
from tests.privacy_factories import make_visit

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
DEPLOYMENT = "cw-test-county"
KEYRING = Keyring.parse(TEST_ENCRYPTION_KEYS)


@contextmanager
def scratch_databases(backend: str, count: int) -> Iterator[list[str]]:
    """``count`` database URLs: empty SQLite files' defaults, or new PostgreSQL databases."""
    if backend == "sqlite":
        yield [""] * count
        return
    admin = build_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    names = [f"cw_backup_{secrets.token_hex(6)}" for _ in range(count)]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        base = make_url(POSTGRES_URL)
        yield [base.set(database=name).render_as_string(hide_password=False) for name in names]
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def settings_for(data_dir: Path, database_url: str = "", **overrides: Any) -> Settings:
    """Development settings of one deployment, in ``data_dir``."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "encryption_keys": TEST_ENCRYPTION_KEYS,
        "deployment_id": DEPLOYMENT,
    }
    values.update(overrides)
    return load_settings(**values)


def run_cli(settings: Settings, *args: str) -> Any:
    """``casewarden`` in-process, with its own database built from ``settings``."""
    from casewarden.cli import app as cli_app
    from casewarden.cli.context import CliContext

    return CliRunner().invoke(cli_app, list(args), obj=CliContext(settings=settings))


@dataclass
class Snapshot:
    """What a database holds, for comparing a restore with its origin."""

    comments: set[str]
    leads: set[int]
    audit: list[tuple[int, str]]


def snapshot(database: Database) -> Snapshot:
    with database.transaction(Scope.system()) as session:
        return Snapshot(
            comments=set(session.scalars(select(Comment.external_id))),
            leads=set(session.scalars(select(LocateLead.id))),
            audit=[
                tuple(row)
                for row in session.execute(  # type: ignore[misc]
                    select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq)
                )
            ],
        )


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_backup_of_a_server_under_load_restores_everything(tmp_path: Path, backend: str) -> None:
    with (
        scratch_databases(backend, 2) as (source_url, target_url),
        serving(
            tmp_path / "source",
            run_worker=True,
            database_url=source_url,
            deployment_id=DEPLOYMENT,
        ) as server,
    ):
        database = server.database
        assert isinstance(database, Database)
        with database.transaction(Scope.system()) as session:
            agency = make_agency(session)
            make_page(session, agency, KEYRING)
            caseworker = make_user(session, agency, role=Role.CASEWORKER)
            for n in range(3):
                leads.record_lead(
                    session=session,
                    actor=actor_for(caseworker),
                    keyring=KEYRING,
                    rules=RULES,
                    draft=draft(participant_ref=f"300001234{n}"),
                    uploads=[png()],
                )
        secret = server.settings.meta_app_secret.get_secret_value()  # type: ignore[attr-defined]
        acknowledged: list[str] = []
        stop = threading.Event()

        def deliver() -> None:
            with httpx.Client(base_url=server.url, timeout=10) as client:
                n = 0
                while not stop.is_set():
                    n += 1
                    ids = [f"c-{n}-{k}" for k in range(4)]
                    body, headers = signed(
                        page_delivery(
                            *(feed_change(i, f"When is the office open? {i}") for i in ids)
                        ),
                        secret,
                    )
                    if (
                        client.post("/webhooks/meta", content=body, headers=headers).status_code
                        == 200
                    ):
                        acknowledged.extend(ids)

        sender = threading.Thread(target=deliver)
        sender.start()
        try:
            while len(acknowledged) < 40:
                stop.wait(0.05)
            before_backup = list(acknowledged)
            with database.transaction(Scope.system()) as session:
                audit_before = session.scalar(select(func.max(AuditEntry.seq)))
            backups = tmp_path / "backups"
            backups.mkdir()
            env = {
                **os.environ,
                "PYTHONPATH": str(ROOT / "src"),
                "CASEWARDEN_DATA_DIR": str(tmp_path / "source" / "var"),
                "CASEWARDEN_DATABASE_URL": source_url,
                "CASEWARDEN_SECRET_KEY": TEST_SECRET,
                "CASEWARDEN_ENCRYPTION_KEYS": TEST_ENCRYPTION_KEYS,
                "CASEWARDEN_DEPLOYMENT_ID": DEPLOYMENT,
            }
            result = subprocess.run(
                [sys.executable, "-m", "casewarden", "db", "backup", str(backups)],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert result.returncode == 0, result.stderr
            during = len(acknowledged)
            while len(acknowledged) < during + 20:  # deliveries carry on after the copy
                stop.wait(0.05)
        finally:
            stop.set()
            sender.join()
        (backup,) = backups.glob("*.cwbackup")
        manifest = bundle.read_manifest(backup)
        assert (manifest.deployment_id, manifest.dialect) == (DEPLOYMENT, backend)
        assert set(manifest.keys) == {"test1"}
        assert "dGVzdC1rZXkt" not in backup.with_name(backup.name + ".sha256").read_text()

        target = settings_for(tmp_path / "target" / "var", target_url)
        restored = run_cli(target, "db", "restore", str(backup))
        assert restored.exit_code == 0, restored.output
        assert "audit verify: audit chain intact" in restored.output

        fresh = create_database(target)
        try:
            got = snapshot(fresh)
            with fresh.transaction(Scope.system()) as session:
                assert verify_chain(session).ok
                counts = {
                    "comment": session.scalar(select(func.count()).select_from(Comment)),
                    "locate_lead": session.scalar(select(func.count()).select_from(LocateLead)),
                }
        finally:
            fresh.dispose()
        source = snapshot(database)
        assert set(before_backup) <= got.comments  # every acknowledged delivery is there
        assert got.comments <= source.comments
        assert got.leads == source.leads
        assert len(got.leads) == 3
        assert counts == {name: manifest.rows[name] for name in counts}
        # Every entry the source had when the backup began, identical, in order; then the
        # entries the restore adds (replay, verify, restore) continue the same chain.
        assert audit_before is not None
        assert got.audit[:audit_before] == source.audit[:audit_before]
        assert len(got.audit) == manifest.rows["audit_entry"] + 3


# Erasure survives restore -------------------------------------------------------------


def test_discarded_visits_and_purged_records_stay_gone_after_a_restore(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "var")
    database = create_database(settings)
    upgrade(database)
    ref, other = "a" * 32, "b" * 32
    with database.transaction(Scope.system()) as session:
        agency = make_agency(session)
        agency_id = agency.id
        for _ in range(3):
            make_visit(session, agency, session_ref=ref)
        make_visit(session, agency, session_ref=other)
    backups = tmp_path / "backups"
    backups.mkdir()
    backup = create_backup(
        settings=settings, database=database, keyring=KEYRING, destination=backups
    ).path
    with database.transaction(Scope.system()) as session:
        assert visits.discard(session=session, ref=ref, agency_id=agency_id) == 3
    ledger = settings.effective_erasure_ledger.read_text()
    assert ref not in ledger  # hashed references only
    database.dispose()

    result = run_cli(settings, "db", "restore", "--force", str(backup))
    assert result.exit_code == 0, result.output
    assert "erased again 3 visit record(s)" in result.output
    database = create_database(settings)
    try:
        with database.transaction(Scope.system()) as session:
            remaining = list(session.scalars(select(VisitRecord.session_ref)))
    finally:
        database.dispose()
    assert remaining == [other]


# Hostile backups --------------------------------------------------------------------------


@pytest.fixture
def made_backup(tmp_path: Path) -> Path:
    """A backup of a small SQLite deployment with a comment, an account and sealed data."""
    settings = settings_for(tmp_path / "source" / "var")
    database = create_database(settings)
    upgrade(database)
    with database.transaction(Scope.system()) as session:
        agency = make_agency(session)
        make_page(session, agency, KEYRING)
        make_user(session, agency)
    backups = tmp_path / "backups"
    backups.mkdir()
    try:
        return create_backup(
            settings=settings, database=database, keyring=KEYRING, destination=backups
        ).path
    finally:
        database.dispose()


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])


def alter_a_byte(path: Path) -> None:
    with tarfile.open(path) as archive:
        member = next(m for m in archive.getmembers() if m.name.startswith("database"))
    data = bytearray(path.read_bytes())
    data[member.offset_data + member.size // 2] ^= 0x01
    path.write_bytes(bytes(data))


def unchanged(path: Path) -> None:
    """The backup is fine: the target or the settings are what is wrong."""


OTHER_KEYS = generate_key("other1")


@pytest.mark.parametrize(
    ("spoil", "overrides", "target_has_data", "message"),
    [
        (truncate, {}, False, "the backup is damaged"),
        (alter_a_byte, {}, False, "does not match its SHA-256 checksum"),
        (unchanged, {"deployment_id": "cw-other-county"}, False, "belongs to deployment"),
        (unchanged, {"encryption_keys": OTHER_KEYS}, False, "needs key(s) test1"),
        (
            unchanged,
            {"encryption_keys": "test1:" + "A" * 43},
            False,
            "not the key(s) the backup was sealed with",
        ),
        (unchanged, {}, True, "already holds data"),
    ],
    ids=["truncated", "altered-byte", "other-deployment", "missing-key", "wrong-key", "non-empty"],
)
def test_a_restore_refuses_and_changes_nothing(
    tmp_path: Path,
    made_backup: Path,
    spoil: Callable[[Path], None],
    overrides: dict[str, str],
    target_has_data: bool,
    message: str,
) -> None:
    spoil(made_backup)
    target = settings_for(tmp_path / "target" / "var", **overrides)
    if target_has_data:
        database = create_database(target)
        upgrade(database)
        with database.transaction(Scope.system()) as session:
            make_agency(session, code="kings")
        database.dispose()
    before = _contents(target)

    result = run_cli(target, "db", "restore", str(made_backup))

    assert result.exit_code == 1
    assert message in result.output
    after = _contents(target)
    if target_has_data:  # the refusal is noted in the target's own chain, and nothing else
        assert after.pop("audit_entry") == before.pop("audit_entry") + 1
    assert after == before
    assert not list((tmp_path / "target" / "var").glob(".casewarden-restore-*"))


def _contents(settings: Settings) -> dict[str, int]:
    """Rows per table of the target (an empty dict when it has no tables)."""
    database = create_database(settings)
    try:
        with database.engine.connect() as connection:
            names = inspect(connection).get_table_names()
            return {
                name: int(connection.scalar(select(func.count()).select_from(table(name))) or 0)
                for name in names
            }
    finally:
        database.dispose()


def test_a_backup_is_refused_where_no_deployment_id_is_configured(
    tmp_path: Path, made_backup: Path
) -> None:
    target = settings_for(tmp_path / "target" / "var", deployment_id="")
    result = run_cli(target, "db", "restore", str(made_backup))
    assert result.exit_code == 1
    assert f"set CASEWARDEN_DEPLOYMENT_ID={DEPLOYMENT}" in result.output
    assert _contents(target) == {}
