"""Litigation evidence packages: one verified lead as a self-checking ZIP.

::

    manifest.json          format, package and lead ids, and the SHA-256 of every other file
    lead.json              the lead as recorded (the posting, what it shows, the attestation)
    verifications.json     the independent verification records (22 CCR § 113100)
    custody.json           the chain of custody: every audited event about the lead, each
                           with the body its audit hash was computed over
    summary.pdf            a summary for the court file
    captures/capture-N.ext the captured copies, byte for byte as uploaded

The package is refused for a lead that is not verified (policy rule
``verify-before-use``). Making it is recorded in the audit chain with the SHA-256 of
``manifest.json`` and of the whole ZIP, so ``casewarden evidence verify
--check-records`` can tell the package issued from one rebuilt to match altered files.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.agencies.models import Agency
from casewarden.audit import chain
from casewarden.audit.chain import format_time
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import ensure_writable
from casewarden.locate import access, custody, sources
from casewarden.locate.access import SUBJECT as LEAD_SUBJECT
from casewarden.locate.captures import open_capture
from casewarden.locate.exports import lead_record
from casewarden.locate.leads import ATTESTATION, enforce_on, people_by_id
from casewarden.locate.models import EvidencePackage
from casewarden.policy import Action, Purpose

FORMAT = "casewarden-evidence/1"
MANIFEST = "manifest.json"
CUSTODY = "custody.json"
HASH_ALGORITHM = "sha256"
_PENDING_HASH = "0" * 64
_MEDIA_TYPES = {
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".html": "text/html",
}


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A finished package, ready to hand over."""

    package_id: int
    filename: str
    content: bytes
    manifest_sha256: str
    zip_sha256: str


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True).encode() + b"\n"


def media_type_of(path: str) -> str:
    """The media type a package file is listed with."""
    for suffix, media_type in _MEDIA_TYPES.items():
        if path.endswith(suffix):
            return media_type
    return "application/octet-stream"


def write_zip(files: dict[str, bytes], moment: datetime) -> bytes:
    """The files as a ZIP with the manifest first and fixed metadata (reproducible bytes)."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = io.BytesIO()
    order = [MANIFEST, *sorted(name for name in files if name != MANIFEST)]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o100644 << 16
            # Images and PDFs are compressed already.
            compressed = name.endswith((".json", ".html"))
            info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def build_package(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    lead_id: int,
    now: datetime | None = None,
) -> EvidenceFile:
    """Package a verified lead; refused (and audited) for any other."""
    # The PDF library takes a noticeable time to import; only packaging needs it, so
    # every other command and request is spared it.
    from casewarden.locate.summary_pdf import PackageSummary, SummaryCapture, render_summary

    authorize(actor, Permission.EVIDENCE_PACKAGE)
    lead, _ = access.lead_for(session, actor, lead_id)
    ensure_writable(session, lead)
    decision = enforce_on(actor, Action.EVIDENCE_PACKAGE, lead, Purpose.LITIGATION_EVIDENCE)
    moment = (now or utcnow()).replace(microsecond=0)

    files: dict[str, bytes] = {}
    summary_captures = []
    for capture in lead.captures:
        path = f"captures/{capture.filename}"
        data = open_capture(keyring, capture)
        files[path] = data
        summary_captures.append(
            SummaryCapture(
                path=path, kind=capture.kind, size=capture.size, sha256=capture.sha256, data=data
            )
        )
    record = lead_record(session, keyring, lead)
    verifications = record.pop("verifications")
    history = custody.custody_of(session, lead.id)
    agency = session.scalar(select(Agency).where(Agency.id == lead.agency_id))
    agency_code = agency.code if agency else str(lead.agency_id)

    package = EvidencePackage(
        agency_id=lead.agency_id,
        lead_id=lead.id,
        created_at=moment,
        created_by=actor.id or 0,
        manifest_sha256=_PENDING_HASH,
        zip_sha256=_PENDING_HASH,
        files=0,
        size=0,
    )
    session.add(package)
    session.flush()

    files["lead.json"] = _json(record)
    files["verifications.json"] = _json(
        {"citation": sources.CITATION, "lead_id": lead.id, "verifications": verifications}
    )
    files[CUSTODY] = _json(
        {
            "lead_id": lead.id,
            "note": (
                "Every audited event about this lead until the package was made, from the "
                "agency's hash-chained audit trail; each entry's SHA-256 is computed over its "
                "canonical JSON body. Making this package is the next event in that trail."
            ),
            "entries": [entry.as_json() for entry in history],
        }
    )
    actors = {e.actor for e in history}
    ids = {int(a.split(":", 1)[1]) for a in actors if a.startswith("staff:")}
    usernames = {f"staff:{i}": u.username for i, u in people_by_id(session, ids).items()}
    files["summary.pdf"] = render_summary(
        PackageSummary(
            package_id=package.id,
            created_at=moment,
            created_by=f"{actor.ref} {usernames.get(actor.ref, '')}".strip(),
            agency=agency_code,
            lead=record,
            attestation=ATTESTATION,
            verifications=verifications,
            captures=summary_captures,
            custody=history,
            people=usernames,
        )
    )
    manifest = {
        "format": FORMAT,
        "package_id": package.id,
        "lead_id": lead.id,
        "agency": agency_code,
        "participant_ref": lead.participant_ref,
        "created_at": format_time(moment),
        "created_by": actor.ref,
        "purpose": str(Purpose.LITIGATION_EVIDENCE),
        "citation": decision.citation,
        "hash_algorithm": HASH_ALGORITHM,
        "custody_entries": len(history),
        "files": [
            {
                "path": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "media_type": media_type_of(name),
            }
            for name, data in sorted(files.items())
        ],
        "verify_with": "casewarden evidence verify PACKAGE.zip",
    }
    manifest_bytes = _json(manifest)
    files[MANIFEST] = manifest_bytes
    content = write_zip(files, moment)

    package.manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    package.zip_sha256 = hashlib.sha256(content).hexdigest()
    package.files = len(files)
    package.size = len(content)
    session.flush()
    chain.record(
        session,
        subject=Subject(
            type=LEAD_SUBJECT, purpose=str(Purpose.LITIGATION_EVIDENCE), citation=decision.citation
        ).of(lead),
        actor=actor,
        tag=AuditTag.LOCATE_EVIDENCE_PACKAGE,
        details={
            "package": package.id,
            "manifest_sha256": package.manifest_sha256,
            "zip_sha256": package.zip_sha256,
            "files": package.files,
        },
    )
    return EvidenceFile(
        package_id=package.id,
        filename=f"evidence-lead-{lead.id}-package-{package.id}.zip",
        content=content,
        manifest_sha256=package.manifest_sha256,
        zip_sha256=package.zip_sha256,
    )
