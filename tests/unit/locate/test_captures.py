"""Captured copies: recognised by their bytes, size-limited, hashed at upload, sealed, checked."""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.crypto.sealed import SealedBlobError
from casewarden.errors import InvalidInput
from casewarden.locate.captures import CaptureLimits, check_uploads, image_size, open_capture, sniff
from casewarden.locate.models import CAPTURE_PURPOSE, CaptureKind, LeadCapture
from tests import locate_factories as lf
from tests.unit.locate.conftest import Team


def _zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


ACCEPTED = [
    (lf.png(), CaptureKind.PNG),
    (lf.jpeg(), CaptureKind.JPEG),
    (lf.pdf(), CaptureKind.PDF),
    (lf.html(), CaptureKind.HTML),
    (b"\xef\xbb\xbf  <!doctype html><html></html>", CaptureKind.HTML),
    (b"<HTML><BODY>caf\xc3\xa9</BODY></HTML>", CaptureKind.HTML),
    (lf.jpeg() + b"\x00\x00", CaptureKind.JPEG),  # zero padding after the end marker
]


@pytest.mark.parametrize(("data", "kind"), ACCEPTED)
def test_formats_are_decided_by_the_bytes(data: bytes, kind: CaptureKind) -> None:
    assert sniff(data) is kind


REFUSED = [
    (b"", "empty"),
    (b"GIF89a\x01\x00\x01\x00", "not a PNG or JPEG"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "not a PNG or JPEG"),
    (b"<?xml version='1.0'?><svg/>", "not a PNG or JPEG"),
    (_zip(), "not a PNG or JPEG"),
    (b"MZ\x90\x00" + b"\x00" * 60, "not a PNG or JPEG"),
    (b"#!/bin/sh\nrm -rf /\n", "not a PNG or JPEG"),
    (b"just some text that a browser might call text/plain", "not a PNG or JPEG"),
    (b"<!-- a comment but no page -->", "not a PNG or JPEG"),
    (b"<html>\x00\x01binary</html>", "not a PNG or JPEG"),
    (b"<html>\xff\xfe\xfd not utf-8 at all, well before the end of the probe</html>", "not a"),
    (lf.png()[:-12], "truncated PNG"),
    (lf.png()[:20], "not a complete PNG"),
    (lf.png_header_claiming(100_000, 100_000), "more than casewarden accepts"),
    (lf.png_header_claiming(20_000, 20_000), "more than casewarden accepts"),
    (lf.png_header_claiming(0, 10), "more than casewarden accepts"),
    (lf.jpeg()[:-2], "truncated JPEG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9", "no frame"),
    (b"\xff\xd8\xff" + b"\x00" * 50, "no frame"),
    (lf.pdf()[:-7], "truncated PDF"),
]


@pytest.mark.parametrize(("data", "reason"), REFUSED)
def test_anything_else_is_refused_saying_why(data: bytes, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        sniff(data)


def test_a_png_with_an_image_extension_story_is_still_judged_by_bytes() -> None:
    # An HTML page sent as "photo.png" is HTML (download-only), never an image to show.
    assert sniff(lf.html()) is CaptureKind.HTML
    # A PNG that also carries HTML after its end is a PNG; it is never rendered as HTML.
    assert sniff(lf.png()) is CaptureKind.PNG


def test_image_sizes_are_read_from_the_headers() -> None:
    assert image_size(lf.png(7, 5), CaptureKind.PNG) == (7, 5)
    assert image_size(lf.jpeg(), CaptureKind.JPEG) == (8, 6)
    with pytest.raises(ValueError, match="not images"):
        image_size(lf.pdf(), CaptureKind.PDF)


LIMITS = CaptureLimits(max_bytes=1024, max_count=2)


@pytest.mark.parametrize(
    ("uploads", "message"),
    [
        ([lf.png()] * 3, "at most 2"),
        ([lf.png(), lf.png(200, 200) + b"\x00" * 2048], "Captured copy 2 is larger than 1 KiB"),
        ([lf.png(), b"GIF89a"], "Captured copy 2 is not a PNG"),
    ],
)
def test_uploads_are_limited_in_number_and_size(uploads: list[bytes], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_uploads(uploads, LIMITS)


def test_stored_captures_are_hashed_sealed_and_checked_on_every_read(
    session: Session, team: Team
) -> None:
    data = lf.png()
    lead = lf.record(session, team.ana, uploads=[data, lf.html()])
    stored = session.scalars(
        select(LeadCapture).where(LeadCapture.lead_id == lead.id).order_by(LeadCapture.id)
    ).all()
    assert [c.kind for c in stored] == [CaptureKind.PNG, CaptureKind.HTML]
    first = stored[0]
    assert first.sha256 == hashlib.sha256(data).hexdigest()
    assert first.size == len(data)
    assert data not in first.content_sealed  # stored encrypted
    assert lf.keyring().open(first.content_sealed, CAPTURE_PURPOSE) == data
    assert open_capture(lf.keyring(), first) == data

    first.sha256 = "0" * 64  # someone edits the recorded hash (or swaps the blob)
    with pytest.raises(SealedBlobError, match="does not match the SHA-256"):
        open_capture(lf.keyring(), first)


def test_a_sealed_capture_does_not_open_as_another_column(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    capture = lead.captures[0]
    with pytest.raises(SealedBlobError):
        lf.keyring().open(capture.content_sealed, "locate_lead.observation")
