"""``casewarden evidence verify``, ``casewarden locate ...`` and ``casewarden user set-unit``."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.service import actor_for
from casewarden.locate import evidence
from casewarden.locate.models import LocateLead
from tests import locate_factories as lf
from tests.locate_factories import Team, make_team

Cli = Callable[..., Any]


@pytest.fixture
def team(session: Session) -> Team:
    made = make_team(session)
    session.commit()
    return made


@pytest.fixture
def package(session: Session, team: Team, tmp_path: Path) -> Path:
    lead = lf.verify(session, lf.record(session, team.ana, uploads=[lf.png(), lf.html()]), team.ben)
    built = evidence.build_package(
        session=session, actor=actor_for(team.ben), keyring=lf.keyring(), lead_id=lead.id
    )
    session.commit()
    path = tmp_path / built.filename
    path.write_bytes(built.content)
    return path


def test_an_intact_package_exits_0(cli: Cli, package: Path) -> None:
    result = cli("evidence", "verify", str(package))
    assert result.exit_code == 0, result.output
    assert "intact: 6 file(s) match manifest.json" in result.output
    assert "manifest.json SHA-256" in result.output


def test_check_records_confirms_the_issued_zip(cli: Cli, package: Path) -> None:
    result = cli("evidence", "verify", "--check-records", str(package))
    assert result.exit_code == 0, result.output
    assert "byte-for-byte the ZIP issued" in result.output


def _flip(path: Path, name: str) -> None:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    raw = bytearray(path.read_bytes())
    start = info.header_offset
    skip = 30 + int.from_bytes(raw[start + 26 : start + 28], "little")
    skip += int.from_bytes(raw[start + 28 : start + 30], "little")
    raw[start + skip + 10] ^= 0x20
    path.write_bytes(bytes(raw))


def test_a_package_with_one_byte_changed_exits_1_naming_the_file(cli: Cli, package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        target = next(n for n in archive.namelist() if n.endswith(".png"))
    _flip(package, target)
    result = cli("evidence", "verify", str(package))
    assert result.exit_code == 1
    assert f"TAMPERED {target}: altered" in result.output
    assert "not intact: 1 problem(s)" in result.output


def test_a_rebuilt_manifest_passes_offline_but_not_against_the_records(
    cli: Cli, package: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    target = next(n for n in files if n.endswith(".html"))
    files[target] = files[target].replace(b"Now hiring", b"Not hiring")
    manifest = json.loads(files["manifest.json"])
    for item in manifest["files"]:
        if item["path"] == target:
            item["sha256"] = hashlib.sha256(files[target]).hexdigest()
            item["bytes"] = len(files[target])
    files["manifest.json"] = json.dumps(manifest).encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    assert cli("evidence", "verify", str(forged)).exit_code == 0
    checked = cli("evidence", "verify", "--check-records", str(forged))
    assert checked.exit_code == 1
    assert "casewarden never issued a package with this manifest" in checked.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not a ZIP archive"),
        (b"PK\x03\x04garbage", "is not a ZIP archive"),
        (None, "no manifest.json"),
        ("traversal", "climbs out of the archive"),
    ],
)
def test_malformed_packages_exit_1_with_a_clear_error(
    cli: Cli, tmp_path: Path, content: bytes | str | None, message: str
) -> None:
    path = tmp_path / "bad.zip"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("../../outside.txt" if content == "traversal" else "a.txt", b"x")
    result = cli("evidence", "verify", str(path))
    assert result.exit_code == 1
    assert "error: The package cannot be checked:" in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_missing_file_is_an_error_not_a_crash(cli: Cli, tmp_path: Path) -> None:
    result = cli("evidence", "verify", str(tmp_path / "nope.zip"))
    assert result.exit_code == 1
    assert "cannot be opened" in result.output


def test_purge_expired_removes_only_old_unverified_leads(
    cli: Cli, session: Session, team: Team
) -> None:
    old = lf.record(session, team.ana)
    young = lf.record(session, team.ana)
    verified = lf.verify(session, lf.record(session, team.ana), team.ben)
    for lead in (old, verified):
        lead.created_at = datetime.now(UTC) - timedelta(days=400)
    ids = (old.id, young.id, verified.id)
    session.commit()

    dry = cli("locate", "purge-expired", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would purge 1 unverified lead(s)" in dry.output
    done = cli("locate", "purge-expired")
    assert done.exit_code == 0, done.output
    assert "purged 1 unverified lead(s) older than 90 days" in done.output
    session.expunge_all()
    left = set(session.scalars(select(LocateLead.id).where(LocateLead.id.in_(ids))))
    assert left == {young.id, verified.id}


def test_sources_lists_the_regulation(cli: Cli) -> None:
    result = cli("locate", "sources")
    assert result.exit_code == 0
    assert "22 CCR § 113100" in result.output
    assert "dmv" in result.output
    assert "internet" in result.output
    assert "cannot verify a social-media lead" in result.output


def test_set_unit(cli: Cli, session: Session, team: Team) -> None:
    result = cli("user", "set-unit", team.solo.username, "Locate-North")
    assert result.exit_code == 0, result.output
    assert "is in unit locate-north" in result.output
    session.expire_all()
    user = session.scalar(select(StaffUser).where(StaffUser.id == team.solo.id))
    assert user is not None
    assert user.unit == "locate-north"
    assert cli("user", "set-unit", team.solo.username, "-").exit_code == 0
    bad = cli("user", "set-unit", team.solo.username, "two words")
    assert bad.exit_code == 1
    assert "A unit is 1-40 lowercase letters" in bad.output
