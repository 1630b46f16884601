"""Checking an evidence package: every hash recomputed, every problem named by file.

The ZIP may come back from anywhere (a court, opposing counsel, an e-mail), so it is
read as hostile: nothing is extracted to disk; entry names that climb out of the
archive, absolute names, duplicates, links, encrypted entries, unknown compression,
oversized entries and implausible compression ratios (zip bombs) make the package
unreadable, with a sentence saying which entry and why. Reading is bounded by limits
that hold whatever the archive declares about itself.

A readable package gets a report: each file listed in the manifest is present, of
the listed size, and has the listed SHA-256; nothing is in the archive that the
manifest does not list; and each custody entry still matches its own audit hash.
Offline this proves the files agree with the manifest. ``check_records`` goes one
step further against this deployment's database: the manifest (and ideally the whole
ZIP) is the one casewarden issued, and the custody entries are in its audit chain.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.audit.chain import entry_hash
from casewarden.audit.models import AuditEntry
from casewarden.errors import InvalidInput
from casewarden.locate.evidence import CUSTODY, FORMAT, MANIFEST
from casewarden.locate.models import EvidencePackage

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 64 * 1024
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)


@dataclass(frozen=True, slots=True)
class PackageLimits:
    """How much casewarden reads before calling a package hostile."""

    max_package_bytes: int = 2 * 1024**3
    max_entries: int = 1000
    max_entry_bytes: int = 256 * 1024**2
    max_total_bytes: int = 1024**3
    max_ratio: int = 200
    max_manifest_bytes: int = 4 * 1024**2


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with one file of the package."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class PackageReport:
    """What checking the package found."""

    manifest_sha256: str
    zip_sha256: str
    package_id: int | None
    lead_id: int | None
    created_at: str | None
    files_checked: int = 0
    custody_entries: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """True when every file matched and nothing else was found."""
        return not self.findings


def _unreadable(message: str) -> InvalidInput:
    return InvalidInput(f"The package cannot be checked: {message}")


def _unsafe_name(name: str) -> str | None:
    """Why an entry name is unsafe, or None."""
    if not name or len(name) > 255:
        return "an empty or over-long name"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "control characters in its name"
    if "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return "an absolute or Windows-style path"
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "a path that climbs out of the archive"
    return None


def _shown(name: str) -> str:
    """An entry name safe to print (no control characters), shortened."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in name)
    return cleaned if len(cleaned) <= 120 else cleaned[:117] + "..."


def _entries(archive: zipfile.ZipFile, limits: PackageLimits) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise _unreadable(f"it has {len(infos)} entries, more than {limits.max_entries}.")
    entries: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        reason = _unsafe_name(name)
        if reason:
            raise _unreadable(f"entry {_shown(name)!r} has {reason}.")
        if name.lower() in folded:
            raise _unreadable(f"entry {_shown(name)!r} appears more than once.")
        mode = info.external_attr >> 16
        if mode and stat.S_ISLNK(mode):
            raise _unreadable(f"entry {_shown(name)!r} is a symbolic link.")
        if info.flag_bits & 0x1:
            raise _unreadable(f"entry {_shown(name)!r} is encrypted.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unreadable(f"entry {_shown(name)!r} uses an unsupported compression method.")
        if info.file_size > limits.max_entry_bytes:
            raise _unreadable(f"entry {_shown(name)!r} is larger than casewarden reads.")
        ratio_too_high = info.file_size > max(1, info.compress_size) * limits.max_ratio
        if ratio_too_high and info.file_size > 1024 * 1024:
            raise _unreadable(f"entry {_shown(name)!r} expands implausibly (a zip bomb?).")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise _unreadable("its contents are larger than casewarden reads.")
        entries[name] = info
        folded.add(name.lower())
    return entries


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[str, int] | str:
    """(sha256, size) of an entry, or why it could not be read."""
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    return "larger than its declared size"
                digest.update(chunk)
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            return "altered: its bytes no longer match the archive's own checksum"
        return "altered or damaged: its stored bytes cannot be read back"
    except _ZIP_ERRORS:
        return "altered or damaged: its stored bytes cannot be read back"
    return digest.hexdigest(), size


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise _unreadable(f"{_shown(info.filename)} is larger than casewarden reads.")
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except _ZIP_ERRORS:
        raise _unreadable(f"{_shown(info.filename)} is damaged.") from None
    if len(data) > limit:
        raise _unreadable(f"{_shown(info.filename)} is larger than casewarden reads.")
    return data


def _manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError):
        raise _unreadable("manifest.json is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _unreadable(f"manifest.json is not a {FORMAT} manifest.")
    files = manifest.get("files")
    if not isinstance(files, list) or not files:
        raise _unreadable("manifest.json lists no files.")
    seen: set[str] = set()
    for item in files:
        if not isinstance(item, dict):
            raise _unreadable("manifest.json has a file entry that is not an object.")
        path, sha, size = item.get("path"), item.get("sha256"), item.get("bytes")
        if not isinstance(path, str) or _unsafe_name(path) or path == MANIFEST:
            raise _unreadable("manifest.json lists a file with an unsafe or missing path.")
        if path in seen:
            raise _unreadable(f"manifest.json lists {_shown(path)} twice.")
        if not isinstance(sha, str) or not _HEX64.match(sha):
            raise _unreadable(f"manifest.json has no valid SHA-256 for {_shown(path)}.")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise _unreadable(f"manifest.json has no valid size for {_shown(path)}.")
        seen.add(path)
    return manifest


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _check_custody(report: PackageReport, data: bytes) -> None:
    """Each custody entry must still hash to its recorded audit hash."""
    try:
        custody = json.loads(data)
        entries = custody["entries"]
        if not isinstance(entries, list):
            raise TypeError
    except (ValueError, RecursionError, TypeError, KeyError):
        report.findings.append(Finding(CUSTODY, "is not a readable chain of custody"))
        return
    for position, entry in enumerate(entries, start=1):
        try:
            body, recorded = entry["body"], entry["entry_hash"]
            matches = isinstance(body, dict) and entry_hash(body) == recorded
        except (TypeError, KeyError, ValueError):
            matches = False
        if not matches:
            seq = entry.get("seq") if isinstance(entry, dict) else None
            label = _shown(str(seq))[:20] if seq is not None else str(position)
            report.findings.append(Finding(CUSTODY, f"entry {label} was altered"))
        else:
            report.custody_entries.append(entry)


def check_package(path: Path, limits: PackageLimits | None = None) -> PackageReport:
    """Check the package at ``path``; InvalidInput when it cannot be read at all."""
    limits = limits or PackageLimits()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise _unreadable(f"{path.name} is not a file.")
    except OSError:
        raise _unreadable(f"{path.name} cannot be opened.") from None
    if size > limits.max_package_bytes:
        raise _unreadable(f"{path.name} is larger than casewarden reads.")
    zip_digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK * 16):
                zip_digest.update(chunk)
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS:
        raise _unreadable(f"{path.name} is not a ZIP archive, or it is truncated.") from None
    with archive:
        entries = _entries(archive, limits)
        if MANIFEST not in entries:
            raise _unreadable("it has no manifest.json.")
        manifest_bytes = _read_small(archive, entries[MANIFEST], limits.max_manifest_bytes)
        manifest = _manifest(manifest_bytes)
        report = PackageReport(
            manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
            zip_sha256=zip_digest.hexdigest(),
            package_id=_int_or_none(manifest.get("package_id")),
            lead_id=_int_or_none(manifest.get("lead_id")),
            created_at=str(manifest.get("created_at"))[:40] if manifest.get("created_at") else None,
        )
        listed = {item["path"]: item for item in manifest["files"]}
        for path_in_zip, item in sorted(listed.items()):
            info = entries.get(path_in_zip)
            if info is None:
                report.findings.append(Finding(path_in_zip, "missing from the package"))
                continue
            result = _digest(archive, info, limits.max_entry_bytes)
            report.files_checked += 1
            if isinstance(result, str):
                report.findings.append(Finding(path_in_zip, result))
                continue
            sha, actual = result
            if sha != item["sha256"] or actual != item["bytes"]:
                report.findings.append(
                    Finding(
                        path_in_zip,
                        f"altered: SHA-256 is {sha} ({actual} bytes), the manifest says "
                        f"{item['sha256']} ({item['bytes']} bytes)",
                    )
                )
            elif path_in_zip == CUSTODY:
                _check_custody(report, _read_small(archive, info, limits.max_entry_bytes))
        for name, info in sorted(entries.items()):
            if name == MANIFEST or name in listed:
                continue
            if info.is_dir() and info.file_size == 0:
                continue
            report.findings.append(Finding(_shown(name), "not listed in the manifest (added?)"))
    return report


def check_records(session: Session, report: PackageReport) -> None:
    """Compare a readable package with what this deployment recorded when it issued it."""
    package = session.scalar(
        select(EvidencePackage).where(EvidencePackage.manifest_sha256 == report.manifest_sha256)
    )
    if package is None:
        report.findings.append(
            Finding(MANIFEST, "casewarden never issued a package with this manifest")
        )
        return
    if (package.id, package.lead_id) != (report.package_id, report.lead_id):
        report.findings.append(Finding(MANIFEST, "names a different package or lead"))
    if package.zip_sha256 == report.zip_sha256:
        report.notes.append(f"byte-for-byte the ZIP issued as package {package.id}")
    else:
        report.notes.append(
            f"same manifest as package {package.id}, but the ZIP was rewritten since (its "
            "files still match the manifest)"
        )
    hashes = [str(entry.get("entry_hash")) for entry in report.custody_entries]
    found = set(
        session.scalars(select(AuditEntry.entry_hash).where(AuditEntry.entry_hash.in_(hashes)))
    )
    for entry in report.custody_entries:
        if entry.get("entry_hash") not in found:
            report.findings.append(
                Finding(CUSTODY, f"entry {entry.get('seq')} is not in this audit chain")
            )
