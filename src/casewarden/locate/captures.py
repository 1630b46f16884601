"""Captured copies of a posting: recognised by their bytes, hashed, sealed, checked on every read.

A capture is a PNG or JPEG screenshot, the saved HTML page, or a PDF print of it. Its
format is decided by magic bytes and a look at its structure, never by the name or
the Content-Type the browser sent; anything else (SVG, GIF, archives, programs, empty
or truncated files) is refused with a sentence saying why. The SHA-256 of the bytes
as received is recorded before they are sealed, and every read recomputes it.

Saved HTML is never rendered by casewarden: it is served only as a download.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.crypto.sealed import SealedBlobError
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.locate.access import SUBJECT as LEAD_SUBJECT
from casewarden.locate.models import CAPTURE_PURPOSE, CaptureKind, LeadCapture, LocateLead

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_SOI = b"\xff\xd8\xff"
# Start-of-frame markers carry the dimensions (C4, C8 and CC are other tables).
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<!--")
_HTML_PROBE = 64 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"

#: Larger images are refused: browsers and PDF tools choke on them (decompression bombs).
MAX_SIDE = 65_535
MAX_PIXELS = 80_000_000


@dataclass(frozen=True, slots=True)
class CaptureLimits:
    """How much one upload may hold."""

    max_bytes: int
    max_count: int


def _dimensions_ok(width: int, height: int) -> bool:
    return 0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE and width * height <= MAX_PIXELS


def _check_png(data: bytes, position: int) -> None:
    if len(data) < 33 or data[12:16] != b"IHDR" or data[8:12] != b"\x00\x00\x00\x0d":
        raise InvalidInput(
            N_("Captured copy %(position)d is not a complete PNG image (no header)."),
            values={"position": position},
        )
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if not _dimensions_ok(width, height):
        raise InvalidInput(
            N_(
                "Captured copy %(position)d is a PNG of %(width)d×%(height)d pixels, more "
                "than casewarden accepts."
            ),
            values={"position": position, "width": width, "height": height},
        )
    if not data.endswith(_PNG_IEND):
        raise InvalidInput(
            N_(
                "Captured copy %(position)d is a truncated PNG image (it does not end "
                "where a PNG ends)."
            ),
            values={"position": position},
        )


def _jpeg_size(data: bytes, position: int = 1) -> tuple[int, int]:
    """Walk the JPEG markers to the frame header; (width, height)."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            break
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            i += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, or scan data before any frame header
            break
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2:
            break
        if marker in _JPEG_SOF and i + 9 <= len(data):
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            return width, height
        i += 2 + length
    raise InvalidInput(
        N_("Captured copy %(position)d is not a complete JPEG image (no frame header)."),
        values={"position": position},
    )


def image_size(data: bytes, kind: CaptureKind) -> tuple[int, int]:
    """(width, height) of a screenshot that :func:`sniff` accepted."""
    if kind is CaptureKind.PNG:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if kind is CaptureKind.JPEG:
        return _jpeg_size(data)
    raise ValueError(f"{kind.value} captures are not images")


def _check_jpeg(data: bytes, position: int) -> None:
    width, height = _jpeg_size(data, position)
    if not _dimensions_ok(width, height):
        raise InvalidInput(
            N_(
                "Captured copy %(position)d is a JPEG of %(width)d×%(height)d pixels, more "
                "than casewarden accepts."
            ),
            values={"position": position, "width": width, "height": height},
        )
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise InvalidInput(
            N_(
                "Captured copy %(position)d is a truncated JPEG image (it does not end "
                "where a JPEG ends)."
            ),
            values={"position": position},
        )


def _check_pdf(data: bytes, position: int) -> None:
    if b"%%EOF" not in data[-2048:]:
        raise InvalidInput(
            N_("Captured copy %(position)d is a truncated PDF (no end-of-file marker)."),
            values={"position": position},
        )


def _looks_like_html(data: bytes) -> bool:
    head = data[:_HTML_PROBE]
    if head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM) :]
    if b"\x00" in head:
        return False
    lowered = head.lstrip(b" \t\r\n\f").lower()
    if not lowered.startswith(_HTML_STARTS):
        return False
    if lowered.startswith(b"<!--") and b"<html" not in lowered:
        return False
    try:
        lowered.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A probe may cut a character in two; only an error before its end is real.
        if exc.start < len(lowered) - 4:
            return False
    return True


def sniff(data: bytes, *, position: int = 1) -> CaptureKind:
    """The capture's format from its bytes, or InvalidInput saying what is wrong with it.

    ``position`` numbers the copy among those sent together, for the refusal to name it.
    """
    if not data:
        raise InvalidInput(
            N_("Captured copy %(position)d is empty."), values={"position": position}
        )
    if data.startswith(PNG_SIGNATURE):
        _check_png(data, position)
        return CaptureKind.PNG
    if data.startswith(_JPEG_SOI):
        _check_jpeg(data, position)
        return CaptureKind.JPEG
    if data.startswith(b"%PDF-"):
        _check_pdf(data, position)
        return CaptureKind.PDF
    if _looks_like_html(data):
        return CaptureKind.HTML
    raise InvalidInput(
        N_(
            "Captured copy %(position)d is not a PNG or JPEG screenshot, a saved HTML page or "
            "a PDF (decided by its contents, not its name)."
        ),
        values={"position": position},
    )


def check_uploads(uploads: list[bytes], limits: CaptureLimits) -> list[CaptureKind]:
    """Every upload's format, or one InvalidInput naming the first bad file by position."""
    if len(uploads) > limits.max_count:
        raise InvalidInput(
            N_("Attach at most %(count)d captured copies at a time."),
            values={"count": limits.max_count},
        )
    kinds = []
    for position, data in enumerate(uploads, start=1):
        if len(data) > limits.max_bytes:
            raise InvalidInput(
                N_("Captured copy %(position)d is larger than %(kib)d KiB."),
                values={"position": position, "kib": limits.max_bytes // 1024},
            )
        kinds.append(sniff(data, position=position))
    return kinds


def add_captures(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    lead: LocateLead,
    uploads: list[bytes],
    kinds: list[CaptureKind],
    now: datetime | None = None,
) -> list[LeadCapture]:
    """Hash, seal and store checked uploads; each is audited with its SHA-256."""
    moment = now or utcnow()
    stored = []
    for data, kind in zip(uploads, kinds, strict=True):
        capture = LeadCapture(
            agency_id=lead.agency_id,
            lead_id=lead.id,
            kind=kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content_sealed=keyring.seal(data, CAPTURE_PURPOSE),
            uploaded_at=moment,
            uploaded_by=actor.id or 0,
        )
        session.add(capture)
        session.flush()
        chain.record(
            session,
            subject=Subject(type=LEAD_SUBJECT, purpose=lead.purpose).of(lead),
            actor=actor,
            tag=AuditTag.LOCATE_CAPTURE_ADD,
            details={
                "capture": capture.id,
                "kind": str(kind),
                "bytes": capture.size,
                "sha256": capture.sha256,
            },
        )
        stored.append(capture)
    return stored


def open_capture(keyring: Keyring, capture: LeadCapture) -> bytes:
    """The capture's bytes, checked against the SHA-256 recorded at upload."""
    data = keyring.open(capture.content_sealed, CAPTURE_PURPOSE)
    if hashlib.sha256(data).hexdigest() != capture.sha256:
        raise SealedBlobError(f"capture {capture.id} does not match the SHA-256 recorded at upload")
    return data
