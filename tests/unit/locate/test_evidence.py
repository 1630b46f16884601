"""Evidence packages: what they hold, and a checker that names every tampered file.

The checker reads packages as hostile input: every malformed archive below gets a clear
InvalidInput, never another exception.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from casewarden.accounts.service import actor_for
from casewarden.errors import InvalidInput, NotFound, PermissionDenied
from casewarden.locate import evidence
from casewarden.locate.custody import custody_of
from casewarden.locate.evidence_check import PackageLimits, check_package, check_records
from casewarden.locate.models import EvidencePackage, LocateLead
from casewarden.policy import PolicyDenied
from tests import locate_factories as lf
from tests.unit.locate.conftest import Team


def _package(
    session: Session, team: Team, lead: LocateLead, who: str = "ben"
) -> evidence.EvidenceFile:
    return evidence.build_package(
        session=session, actor=actor_for(getattr(team, who)), keyring=lf.keyring(), lead_id=lead.id
    )


@pytest.fixture
def issued(session: Session, team: Team, tmp_path: Path) -> tuple[Path, evidence.EvidenceFile]:
    lead = lf.record(session, team.ana, uploads=[lf.png(), lf.jpeg(), lf.html(), lf.pdf()])
    lf.verify(session, lead, team.ben)
    built = _package(session, team, lead)
    path = tmp_path / built.filename
    path.write_bytes(built.content)
    return path, built


def _files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rezip(path: Path, files: dict[str, bytes], target: Path | None = None) -> Path:
    target = target or path.with_name("rebuilt.zip")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def test_a_package_holds_everything_the_court_needs(
    session: Session, team: Team, issued: tuple[Path, evidence.EvidenceFile]
) -> None:
    path, built = issued
    files = _files(path)
    assert next(iter(files)) == "manifest.json"
    manifest = json.loads(files["manifest.json"])
    listed = {item["path"]: item for item in manifest["files"]}
    assert set(listed) == set(files) - {"manifest.json"}
    captures = sorted(
        (p for p in listed if p.startswith("captures/")),
        key=lambda p: int(p.split("-")[1].split(".")[0]),
    )
    assert [Path(p).suffix for p in captures] == [".png", ".jpg", ".html", ".pdf"]
    assert [files[p] for p in captures] == [lf.png(), lf.jpeg(), lf.html(), lf.pdf()]
    assert manifest["format"] == "casewarden-evidence/1"
    assert manifest["purpose"] == "litigation_evidence"
    verifications = json.loads(files["verifications.json"])
    assert verifications["citation"] == "22 CCR § 113100"
    assert verifications["verifications"][0]["source"] == "dmv"
    custody = json.loads(files["custody.json"])["entries"]
    tags = [entry["body"]["tag"] for entry in custody]
    assert tags[0] == "locate:lead:record"
    assert "locate:lead:verify" in tags
    assert files["summary.pdf"].startswith(b"%PDF-")
    assert json.loads(files["lead.json"])["observation"] == lf.OBSERVATION
    # The packaging itself is the next link in the lead's chain of custody.
    lead_id = manifest["lead_id"]
    last = custody_of(session, lead_id)[-1]
    assert last.tag == "locate:evidence:package"
    assert last.details["manifest_sha256"] == built.manifest_sha256
    assert last.details["zip_sha256"] == hashlib.sha256(built.content).hexdigest()
    assert built.manifest_sha256 == hashlib.sha256(files["manifest.json"]).hexdigest()


def test_an_untouched_package_checks_intact(issued: tuple[Path, evidence.EvidenceFile]) -> None:
    path, built = issued
    report = check_package(path)
    assert report.intact, report.findings
    assert report.files_checked == 8
    assert report.manifest_sha256 == built.manifest_sha256
    assert report.zip_sha256 == built.zip_sha256
    assert len(report.custody_entries) > 3


@pytest.mark.parametrize("state", ["unverified", "rejected"])
def test_an_unverified_lead_is_never_packaged(session: Session, team: Team, state: str) -> None:
    lead = lf.record(session, team.ana)
    if state == "rejected":
        lf.verify(session, lead, team.ben, result="contradicted")
    with pytest.raises(PolicyDenied) as caught:
        _package(session, team, lead)
    assert caught.value.decision.rule == "verify-before-use"
    assert session.query(EvidencePackage).filter_by(lead_id=lead.id).count() == 0


@pytest.mark.parametrize(("who", "error"), [("cruz", NotFound), ("moderator", PermissionDenied)])
def test_outsiders_cannot_package(
    session: Session, team: Team, who: str, error: type[Exception]
) -> None:
    lead = lf.verify(session, lf.record(session, team.ana), team.ben)
    with pytest.raises(error):
        _package(session, team, lead, who=who)


# --- One byte changed ------------------------------------------------------------------


def _data_offset(path: Path, name: str) -> int:
    """Where an entry's stored bytes begin in the ZIP file."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    raw = path.read_bytes()
    header = info.header_offset
    name_len = int.from_bytes(raw[header + 26 : header + 28], "little")
    extra_len = int.from_bytes(raw[header + 28 : header + 30], "little")
    return header + 30 + name_len + extra_len


@pytest.mark.parametrize(
    "name",
    [
        "captures/*.png",
        "captures/*.jpg",
        "captures/*.html",
        "captures/*.pdf",
        "summary.pdf",
        "lead.json",
        "verifications.json",
        "custody.json",
        "manifest.json",
    ],
)
def test_one_byte_changed_in_any_file_is_named(
    issued: tuple[Path, evidence.EvidenceFile], name: str
) -> None:
    path, _ = issued
    names = list(_files(path))
    target = next(n for n in names if Path(n).match(name))
    raw = bytearray(path.read_bytes())
    offset = _data_offset(path, target) + 3
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    if target == "manifest.json":
        with pytest.raises(InvalidInput, match=r"manifest\.json is damaged"):
            check_package(path)
        return
    report = check_package(path)
    assert not report.intact
    assert [f.path for f in report.findings] == [target]
    assert "altered" in report.findings[0].problem


def test_a_rewritten_file_with_a_fresh_checksum_fails_its_sha256(
    issued: tuple[Path, evidence.EvidenceFile],
) -> None:
    path, _ = issued
    files = _files(path)
    target = next(n for n in files if n.endswith(".png"))
    changed = bytearray(files[target])
    changed[-20] ^= 0xFF
    files[target] = bytes(changed)
    report = check_package(_rezip(path, files))
    (finding,) = report.findings
    assert finding.path == target
    assert "SHA-256 is" in finding.problem
    assert "the manifest says" in finding.problem


def test_a_missing_and_an_added_file_are_named(issued: tuple[Path, evidence.EvidenceFile]) -> None:
    path, _ = issued
    files = _files(path)
    del files["verifications.json"]
    files["captures/extra.png"] = lf.png()
    report = check_package(_rezip(path, files))
    assert sorted(str(f) for f in report.findings) == [
        "captures/extra.png: not listed in the manifest (added?)",
        "verifications.json: missing from the package",
    ]


def test_a_custody_entry_edited_along_with_the_manifest_is_caught(
    issued: tuple[Path, evidence.EvidenceFile],
) -> None:
    path, _ = issued
    files = _files(path)
    custody = json.loads(files["custody.json"])
    custody["entries"][0]["body"]["actor"]["id"] = 999  # someone else recorded it, supposedly
    files["custody.json"] = json.dumps(custody).encode()
    manifest = json.loads(files["manifest.json"])
    for item in manifest["files"]:
        if item["path"] == "custody.json":
            item["sha256"] = hashlib.sha256(files["custody.json"]).hexdigest()
            item["bytes"] = len(files["custody.json"])
    files["manifest.json"] = json.dumps(manifest).encode()
    report = check_package(_rezip(path, files))
    seq = custody["entries"][0]["seq"]
    assert [str(f) for f in report.findings] == [f"custody.json: entry {seq} was altered"]


def test_the_records_tell_the_issued_package_from_a_rebuilt_one(
    session: Session, issued: tuple[Path, evidence.EvidenceFile]
) -> None:
    path, built = issued
    report = check_package(path)
    check_records(session, report)
    assert report.intact
    assert report.notes == [f"byte-for-byte the ZIP issued as package {built.package_id}"]

    # Same files, re-zipped: the content matches, the ZIP is not the one issued.
    rezipped = check_package(_rezip(path, _files(path)))
    check_records(session, rezipped)
    assert rezipped.intact
    assert "rewritten" in rezipped.notes[0]

    # A file changed and the manifest rewritten to match: casewarden never issued that.
    files = _files(path)
    target = next(n for n in files if n.endswith(".png"))
    files[target] = lf.png(5, 5)
    manifest = json.loads(files["manifest.json"])
    for item in manifest["files"]:
        if item["path"] == target:
            item["sha256"] = hashlib.sha256(files[target]).hexdigest()
            item["bytes"] = len(files[target])
    files["manifest.json"] = json.dumps(manifest).encode()
    forged = check_package(_rezip(path, files))
    assert forged.intact  # consistent on its own...
    check_records(session, forged)
    assert [str(f) for f in forged.findings] == [
        "manifest.json: casewarden never issued a package with this manifest"
    ]


def test_custody_entries_must_be_in_this_audit_chain(
    session: Session, issued: tuple[Path, evidence.EvidenceFile]
) -> None:
    path, _ = issued
    report = check_package(path)
    report.custody_entries[0] = {**report.custody_entries[0], "entry_hash": "f" * 64}
    check_records(session, report)
    assert [f.problem for f in report.findings] == [
        f"entry {report.custody_entries[0]['seq']} is not in this audit chain"
    ]


# --- Hostile and malformed archives ------------------------------------------------------

MANIFEST_OK = {
    "format": "casewarden-evidence/1",
    "files": [{"path": "a.txt", "sha256": hashlib.sha256(b"a").hexdigest(), "bytes": 1}],
}


def _zip_with(tmp_path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return path


def _info(name: str, **attrs: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    for key, value in attrs.items():
        setattr(info, key, value)
    return info


def _duplicate(tmp_path: Path) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: the point
        return _zip_with(
            tmp_path,
            [("manifest.json", json.dumps(MANIFEST_OK).encode()), ("a.txt", b"a"), ("a.txt", b"b")],
        )


def _encrypted(tmp_path: Path) -> Path:
    """A ZIP whose entry says it is encrypted (zipfile cannot write one; patch the flags)."""
    path = _zip_with(tmp_path, [("manifest.json", b"{}")])
    raw = bytearray(path.read_bytes())
    raw[6] |= 0x01  # local file header: general purpose flags
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 8] |= 0x01  # central directory: the same flags
    path.write_bytes(bytes(raw))
    return path


def _bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(MANIFEST_OK))
        archive.writestr("a.txt", b"\x00" * (20 * 1024 * 1024))
    return path


HOSTILE: list[tuple[str, Callable[[Path], Path], str]] = [
    ("not a zip", lambda p: _write(p, b"this is not a zip file"), "not a ZIP archive"),
    ("empty file", lambda p: _write(p, b""), "not a ZIP archive"),
    ("truncated", lambda p: _write(p, _valid_zip()[:40]), "not a ZIP archive"),
    ("no manifest", lambda p: _zip_with(p, [("a.txt", b"a")]), "no manifest.json"),
    (
        "manifest not json",
        lambda p: _zip_with(p, [("manifest.json", b"{not json")]),
        "not valid JSON",
    ),
    (
        "deeply nested manifest",
        lambda p: _zip_with(p, [("manifest.json", b"[" * 100_000 + b"]" * 100_000)]),
        "not valid JSON",
    ),
    (
        "wrong format",
        lambda p: _zip_with(p, [("manifest.json", b'{"format": "something-else"}')]),
        "not a casewarden-evidence/1 manifest",
    ),
    (
        "manifest lists traversal",
        lambda p: _zip_with(
            p,
            [
                (
                    "manifest.json",
                    json.dumps(
                        {
                            **MANIFEST_OK,
                            "files": [{**MANIFEST_OK["files"][0], "path": "../etc/passwd"}],
                        }
                    ).encode(),
                )
            ],  # type: ignore[dict-item]
        ),
        "unsafe or missing path",
    ),
    (
        "bad hash in manifest",
        lambda p: _zip_with(
            p,
            [
                (
                    "manifest.json",
                    json.dumps(
                        {**MANIFEST_OK, "files": [{"path": "a.txt", "sha256": "x", "bytes": 1}]}
                    ).encode(),
                )
            ],
        ),
        "no valid SHA-256",
    ),
    ("path traversal", lambda p: _zip_with(p, [("../../evil.sh", b"x")]), "climbs out"),
    ("absolute path", lambda p: _zip_with(p, [("/etc/passwd", b"x")]), "absolute"),
    ("windows path", lambda p: _zip_with(p, [("C:\\evil.bat", b"x")]), "absolute or Windows"),
    ("control characters", lambda p: _zip_with(p, [("a\x1b[31m.txt", b"x")]), "control"),
    ("duplicate names", _duplicate, "more than once"),
    (
        "case-folded duplicate",
        lambda p: _zip_with(p, [("manifest.json", b"{}"), ("A.txt", b"a"), ("a.txt", b"b")]),
        "more than once",
    ),
    (
        "symbolic link",
        lambda p: _zip_with(
            p, [(_info("link", external_attr=(stat.S_IFLNK | 0o777) << 16), b"/etc/passwd")]
        ),
        "symbolic link",
    ),
    ("encrypted entry", lambda p: _encrypted(p), "encrypted"),
    ("zip bomb", _bomb, "expands implausibly"),
]


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "package.zip"
    path.write_bytes(data)
    return path


def _valid_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(MANIFEST_OK))
        archive.writestr("a.txt", b"a")
    return buffer.getvalue()


@pytest.mark.parametrize(("label", "make", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_packages_get_a_clear_error(
    tmp_path: Path, label: str, make: Callable[[Path], Path], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        check_package(make(tmp_path))
    assert caught.value.public_message.startswith("The package cannot be checked:")
    assert "\x1b" not in caught.value.public_message


def test_a_minimal_foreign_package_checks(tmp_path: Path) -> None:
    report = check_package(_write(tmp_path, _valid_zip()))
    assert report.intact
    assert report.package_id is None


def test_limits_hold_whatever_the_archive_declares(tmp_path: Path) -> None:
    path = _write(tmp_path, _valid_zip())
    with pytest.raises(InvalidInput, match="larger than casewarden reads"):
        check_package(path, PackageLimits(max_package_bytes=10))
    with pytest.raises(InvalidInput, match="entries"):
        check_package(path, PackageLimits(max_entries=1))
    with pytest.raises(InvalidInput, match="larger than casewarden reads"):
        check_package(path, PackageLimits(max_manifest_bytes=10))
    missing = tmp_path / "nowhere.zip"
    with pytest.raises(InvalidInput, match="cannot be opened"):
        check_package(missing)
    with pytest.raises(InvalidInput, match="not a file"):
        check_package(tmp_path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_single_byte_change_is_a_finding_an_error_or_harmless_metadata(
    tmp_path: Path, position: int, flip: int
) -> None:
    original = _valid_zip()
    position %= len(original)
    changed = bytearray(original)
    changed[position] ^= flip
    path = _write(tmp_path, bytes(changed))
    try:
        report = check_package(path)
    except InvalidInput:
        return
    if report.intact:
        # Only bytes no checksum covers may change unnoticed (timestamps, version fields,
        # flags): the files' contents themselves always match the manifest.
        with zipfile.ZipFile(path) as archive:
            assert archive.read("a.txt") == b"a"
