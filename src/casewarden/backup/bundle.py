"""The backup file: a tar of a manifest, the manifest's checksum, and the database copy.

::

    manifest.json     deployment id, schema revision, time, sizes, the database copy's
                      SHA-256, the key ids its sealed values need (ids and check values,
                      never key material)
    manifest.sha256   SHA-256 of manifest.json
    database.sqlite3  SQLite's online-backup copy, or database.pgdump (pg_dump's custom format)

The database copy comes last, so a truncated file fails its checksum. A file ``<name>.sha256``
beside the backup holds the whole file's checksum in ``sha256sum`` format, for checking a
copy after moving it (``sha256sum -c``); the restore checks the checksums inside.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from casewarden.errors import BackupRefused
from casewarden.files import FILE_MODE

FORMAT = "casewarden-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
PAYLOADS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
SUFFIX = ".cwbackup"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, written beside it and checked before anything is restored."""

    deployment_id: str
    schema_revision: str
    created_at: str
    dialect: str
    payload: str
    payload_bytes: int
    payload_sha256: str
    #: Key id -> check value (SHA-256 of a fixed label under the key, 16 hex): the keys the
    #: copy's sealed values need, recognisable without holding them.
    keys: dict[str, str]
    #: Rows per table at the moment of the copy.
    rows: dict[str, int] = field(default_factory=dict)
    casewarden_version: str = ""
    format: str = FORMAT
    format_version: int = FORMAT_VERSION


def _damaged(detail: str) -> BackupRefused:
    return BackupRefused(
        f"the backup is damaged or not a casewarden backup ({detail}); nothing was restored",
        reason="damaged",
    )


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write(path: Path, manifest: Manifest, payload: Path) -> str:
    """Write the backup file (complete or not at all) and its sidecar; the file's SHA-256."""
    body = json.dumps(asdict(manifest), indent=2, sort_keys=True).encode()
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as archive:
                for name, data in (
                    (MANIFEST, body),
                    (MANIFEST_SUM, hashlib.sha256(body).hexdigest().encode()),
                ):
                    info = tarfile.TarInfo(name)
                    info.size, info.mode = len(data), FILE_MODE
                    archive.addfile(info, io.BytesIO(data))
                info = archive.gettarinfo(str(payload), arcname=manifest.payload)
                info.mode = FILE_MODE
                with payload.open("rb") as source:
                    archive.addfile(info, source)
            handle.flush()
            os.fsync(handle.fileno())
        checksum = sha256_of(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sidecar = path.with_name(path.name + ".sha256")
    descriptor = os.open(sidecar, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"{checksum}  {path.name}\n")
    return checksum


def read_manifest(path: Path) -> Manifest:
    """The backup's manifest, checked against its checksum."""
    if not path.is_file():
        raise BackupRefused(f"no backup file at {path}", reason="missing")
    try:
        with tarfile.open(path, mode="r:") as archive:
            body = _member(archive, MANIFEST)
            recorded = _member(archive, MANIFEST_SUM).decode("ascii", "replace").strip()
    except (tarfile.TarError, EOFError) as exc:
        raise _damaged(f"unreadable: {exc}") from None
    if hashlib.sha256(body).hexdigest() != recorded:
        raise _damaged("its manifest does not match the manifest's checksum")
    try:
        data: dict[str, Any] = json.loads(body)
        manifest = Manifest(**data)
    except (ValueError, TypeError) as exc:
        raise _damaged(f"its manifest is unreadable: {exc}") from None
    if manifest.format != FORMAT or manifest.format_version != FORMAT_VERSION:
        raise _damaged(f"format {manifest.format} {manifest.format_version} is not known")
    if PAYLOADS.get(manifest.dialect) != manifest.payload:
        raise _damaged("its manifest names an unknown database copy")
    return manifest


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        handle = archive.extractfile(name)
    except KeyError:
        handle = None
    if handle is None:
        raise _damaged(f"{name} is missing")
    return handle.read()


def extract_payload(path: Path, manifest: Manifest, directory: Path) -> Path:
    """Copy the database copy out into ``directory``, checking its size and SHA-256."""
    target = directory / manifest.payload
    digest = hashlib.sha256()
    size = 0
    try:
        with tarfile.open(path, mode="r:") as archive:
            try:
                source = archive.extractfile(manifest.payload)
            except KeyError:
                source = None
            if source is None:
                raise _damaged(f"{manifest.payload} is missing")
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(descriptor, "wb") as out:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
    except (tarfile.TarError, EOFError) as exc:
        raise _damaged(f"unreadable: {exc}") from None
    if size != manifest.payload_bytes:
        raise _damaged(
            f"the database copy has {size} bytes, the manifest says {manifest.payload_bytes}"
        )
    if digest.hexdigest() != manifest.payload_sha256:
        raise _damaged("the database copy does not match its SHA-256 checksum")
    return target
