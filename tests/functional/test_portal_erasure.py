"""A discarded visit is gone from the database files, and those files are the user's alone."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring
from casewarden.db import migrate
from casewarden.db.engine import create_database
from casewarden.privacy import visits
from tests.conftest import TEST_SECRET
from tests.factories import csrf_from, origin


@pytest.fixture
def on_disk(tmp_path: Path) -> Iterator[tuple[Settings, TestClient]]:
    """The portal on its own SQLite file, committed for real (no rolled-back transaction)."""
    from casewarden.web.app import create_app

    settings = load_settings(data_dir=tmp_path / "var", secret_key=TEST_SECRET)
    database = create_database(settings)
    keys = Keyring.parse(settings.encryption_keys.get_secret_value())
    migrate.upgrade(database, keyring=keys)
    app = create_app(settings, database=database)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield settings, client
    database.dispose()


def _database_files(settings: Settings) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in settings.data_dir.iterdir()
        if path.name.startswith("casewarden.db")
    }


def test_after_a_discard_the_tags_bytes_are_in_no_database_file(
    on_disk: tuple[Settings, TestClient],
) -> None:
    settings, client = on_disk
    # An idle connection, as a serving process's pool always holds: without one, SQLite
    # checkpoints and deletes the log when the last connection closes, which hides the leak.
    idle = sqlite3.connect(settings.data_dir / "casewarden.db")
    idle.execute("SELECT count(*) FROM sqlite_master").fetchall()
    for page in ("/", "/forms", "/privacy"):
        client.get(page)
    ref = visits.session_ref(settings.secret_key, client.cookies["cw_visit"]).encode()
    assert any(ref in data for data in _database_files(settings).values())  # it was there

    page = client.get("/privacy/my-visits")
    done = client.post(
        "/privacy/my-visits/discard",
        data={"csrf_token": csrf_from(page), "confirmed": "yes"},
        headers=origin(client),
    )
    assert done.status_code == 200
    assert "3 visit records were discarded" in done.text
    found = {name for name, data in _database_files(settings).items() if ref in data}
    idle.close()
    assert found == set()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_under_the_data_directory_is_private(
    on_disk: tuple[Settings, TestClient],
) -> None:
    settings, client = on_disk
    client.get("/")
    assert _mode(settings.data_dir) == 0o700
    written = list(settings.data_dir.rglob("*"))
    assert {p.name for p in written} >= {"casewarden.db", "dev-secrets.toml"}
    assert {p.name: _mode(p) for p in written if p.is_file()} == {
        p.name: 0o600 for p in written if p.is_file()
    }
    assert all(_mode(p) == 0o700 for p in written if p.is_dir())


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    data_dir.mkdir(mode=0o755)
    for name in ("casewarden.db", "casewarden.db-wal"):
        (data_dir / name).touch(mode=0o644)
        (data_dir / name).chmod(0o644)
    settings = load_settings(data_dir=data_dir, secret_key=TEST_SECRET)
    create_database(settings).dispose()
    assert _mode(data_dir) == 0o700
    assert {_mode(data_dir / "casewarden.db"), _mode(data_dir / "casewarden.db-wal")} == {0o600}


def test_every_command_starts_with_a_private_umask(cli: Callable[..., Any]) -> None:
    previous = os.umask(0o022)
    try:
        result = cli("keys", "generate")
        assert result.exit_code == 0, result.output
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(previous)
