"""The PDF summary renders whatever the lead says, and draws what it safely can."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from casewarden.locate.models import CaptureKind
from casewarden.locate.summary_pdf import PackageSummary, SummaryCapture, drawable, render_summary
from tests import locate_factories as lf
from tests.pdf_text import pdf_text


def _summary(observation: str, captures: list[SummaryCapture]) -> PackageSummary:
    return PackageSummary(
        package_id=1,
        created_at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        created_by="staff:2 ben",
        agency="lcsa-test",
        lead={
            "lead_id": 7,
            "participant_ref": lf.PARTICIPANT,
            "category": "employment",
            "platform": "facebook",
            "posting_url": lf.POSTING_URL + "/" + "x" * 300,
            "captured_at": "2026-02-28T10:00:00.000000Z",
            "recorded_at": "2026-02-28T11:00:00.000000Z",
            "recorded_by": {"id": 1, "username": "ana"},
            "state": "verified",
            "attestation_version": "public-v1",
            "observation": observation,
        },
        attestation="I attest …",
        verifications=[
            {
                "source_name": "Department of Motor Vehicles",
                "citation": "22 CCR § 113100",
                "checked_on": "2026-03-01",
                "reference": "DMV-1",
                "result": "confirmed",
                "verified_by": {"username": "ben"},
                "recorded_at": "2026-03-01T09:00:00Z",
            }
        ],
        captures=captures,
        custody=[],
        people={},
    )


def _shown(pdf: bytes) -> str:
    """What the pages show, without the running header and footer, and without the
    whitespace that wrapping adds (long values wrap anywhere, even across pages)."""
    lines = [
        line
        for line in pdf_text(pdf).splitlines()
        if not line.startswith(("CONFIDENTIAL - Family Code", "Page "))
    ]
    return "".join("".join(lines).split())


def _flat(text: str) -> str:
    return "".join(text.split())


def _capture(data: bytes, kind: CaptureKind) -> SummaryCapture:
    return SummaryCapture(
        path=f"captures/c.{kind.extension}", kind=kind, size=len(data), sha256="a" * 64, data=data
    )


@pytest.mark.parametrize(
    "observation",
    ["Works at Acme — “night shift” … café", "Emoji 😀 and 中文 and \u202e reversed", "x" * 4000],
)
def test_any_text_is_shown_as_far_as_the_font_draws_it(observation: str) -> None:
    pdf = render_summary(_summary(observation, [_capture(lf.png(), CaptureKind.PNG)]))
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    shown = _shown(pdf)
    assert _flat(f"What the posting shows{drawable(observation)}Independent verification") in shown
    assert _flat("SourceDepartment of Motor Vehicles (22 CCR § 113100)") in shown
    assert b"/Subtype /Image" in pdf  # the screenshot is drawn


def test_the_same_input_gives_the_same_bytes() -> None:
    summary = _summary("same", [_capture(lf.jpeg(), CaptureKind.JPEG)])
    assert render_summary(summary) == render_summary(summary)


def test_a_screenshot_that_cannot_be_drawn_is_noted_not_fatal() -> None:
    broken = lf.png()[:33] + b"\x00\x00\x00\x05IDATxxxxx\x00\x00\x00\x00" + lf.png()[-12:]
    pdf = render_summary(_summary("ok", [_capture(broken, CaptureKind.PNG)]))
    assert _flat("captures/c.png could not be drawn here; see the file in the package.") in (
        _shown(pdf)
    )
    assert b"/Subtype /Image" not in pdf


def test_huge_screenshots_are_listed_not_drawn() -> None:
    huge = lf.png_header_claiming(6000, 6000)  # 36 megapixels: over the drawing limit
    pdf = render_summary(_summary("ok", [_capture(huge, CaptureKind.PNG)]))
    assert _flat("captures/c.png is too large to draw here; see the file in the package.") in (
        _shown(pdf)
    )
    assert b"/Subtype /Image" not in pdf


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("§ café — “x”", "§ café — “x”"),  # typography as typed
        ("Nguyễn Thị Hằng", "Nguyễn Thị Hằng"),  # Vietnamese
        ("Հովհաննիսյան", "Հովհաննիսյան"),  # Armenian
        ("Ольга Петренко", "Ольга Петренко"),  # Cyrillic
        ("王小明", "???"),  # not in the font
        ("abc\u202edef", "abc?def"),  # a right-to-left override is not drawn
        ("line one\nline two", "line one\nline two"),
    ],
)
def test_drawable_keeps_what_the_font_can_draw(text: str, shown: str) -> None:
    assert drawable(text) == shown


def test_names_in_other_scripts_are_embedded_in_the_font() -> None:
    pdf = render_summary(_summary("Trabaja en Phở Hòa, dueña Nguyễn Thị Hằng", []))
    assert b"DejaVuSans" in pdf  # the shipped font is embedded, not a built-in Latin-1 one
    assert _flat("Trabaja en Phở Hòa, dueña Nguyễn Thị Hằng") in _shown(pdf)
