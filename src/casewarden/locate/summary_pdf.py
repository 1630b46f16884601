"""The PDF summary of an evidence package, for the court file.

It restates what the package holds (the lead, its attestation, the independent
verification, every captured copy with its SHA-256, and the chain of custody) and
shows the screenshots. Text is set in DejaVu Sans, shipped with casewarden and embedded
(subset) in the PDF: it covers Latin scripts with Vietnamese, Greek, Cyrillic and
Armenian, the scripts of most names a California case carries. What it lacks (Chinese,
emoji) and invisible format characters (a right-to-left override could make a court
reader see text reversed) are shown as "?"; the JSON files keep every character exactly.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from casewarden.locate.captures import image_size
from casewarden.locate.custody import CustodyEntry
from casewarden.locate.models import CaptureKind

log = logging.getLogger("casewarden.locate.summary")

#: Screenshots larger than this are listed but not drawn (drawing decodes them in memory).
MAX_DRAWN_PIXELS = 25_000_000
_LINE = 5.0
_FONT = "dejavu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def _font_path(style: str) -> str:
    return str(files("casewarden.locate") / "fonts" / _FONT_FILES[style])


@cache
def _covered() -> frozenset[int]:
    """The code points both shipped faces can draw (read once per process)."""
    from fontTools.ttLib import TTFont  # fpdf2's own dependency

    faces = []
    for style in _FONT_FILES:
        with TTFont(_font_path(style), lazy=True) as font:
            faces.append(frozenset(font.getBestCmap()))
    return frozenset.intersection(*faces)


def drawable(text: str) -> str:
    """The text with what the PDF's font cannot draw, or must not, replaced by "?"."""
    covered = _covered()
    return "".join(
        c
        if c in "\n\t" or (ord(c) in covered and unicodedata.category(c) not in ("Cf", "Cc"))
        else "?"
        for c in text
    )


@dataclass(frozen=True, slots=True)
class SummaryCapture:
    """A captured copy as the summary shows it."""

    path: str
    kind: CaptureKind
    size: int
    sha256: str
    data: bytes


@dataclass(frozen=True, slots=True)
class PackageSummary:
    """Everything the summary shows."""

    package_id: int
    created_at: datetime
    created_by: str
    agency: str
    lead: dict[str, Any]
    attestation: str
    verifications: list[dict[str, Any]]
    captures: list[SummaryCapture]
    custody: list[CustodyEntry]
    people: dict[str, str]  # "staff:12" -> username


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="letter")
        self._title = title
        for style in _FONT_FILES:
            self.add_font(_FONT, style, _font_path(style))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def header(self) -> None:
        self.set_font(_FONT, "", 8)
        self.cell(
            0,
            4,
            drawable(f"CONFIDENTIAL - Family Code § 17212 - {self._title}"),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, "", 8)
        self.cell(0, 4, f"Page {self.page_no()}/{{nb}}", align="C")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(_FONT, "B", 12)
    pdf.cell(0, 7, drawable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(_FONT, "", 9)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(
        0, _LINE, drawable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR
    )


def _facts(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    with pdf.table(col_widths=(45, 135), text_align="LEFT", wrapmode=WrapMode.CHAR) as table:
        for label, value in rows:
            row = table.row()
            row.cell(drawable(label))
            row.cell(drawable(value))


def _grid(
    pdf: FPDF, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]
) -> None:
    with pdf.table(col_widths=widths, text_align="LEFT", wrapmode=WrapMode.CHAR) as table:
        heading = table.row()
        for text in header:
            heading.cell(drawable(text))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(drawable(value))


def _draw(pdf: FPDF, capture: SummaryCapture) -> None:
    width, height = image_size(capture.data, capture.kind)
    if width * height > MAX_DRAWN_PIXELS:
        _paragraph(pdf, f"{capture.path} is too large to draw here; see the file in the package.")
        return
    usable_w = pdf.w - pdf.l_margin - pdf.r_margin
    usable_h = pdf.h - pdf.t_margin - 30
    scale = min(usable_w / width, usable_h / height)
    pdf.add_page()
    _paragraph(pdf, f"{capture.path} (SHA-256 {capture.sha256})")
    try:
        pdf.image(io.BytesIO(capture.data), w=width * scale, h=height * scale)
    # The image library raises many kinds of error for a file it cannot draw; the
    # summary says so and the package still holds the file itself.
    except Exception as exc:
        log.warning("summary: capture could not be drawn (%s)", type(exc).__name__)
        _paragraph(pdf, f"{capture.path} could not be drawn here; see the file in the package.")


def render_summary(summary: PackageSummary) -> bytes:
    """The summary as PDF bytes (the same input gives the same bytes)."""
    lead = summary.lead
    pdf = _Document(f"Locate lead {lead['lead_id']}, evidence package {summary.package_id}")
    pdf.set_creation_date(summary.created_at)
    pdf.set_title(drawable(f"Evidence package {summary.package_id}"))
    pdf.set_author("casewarden")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(_FONT, "B", 15)
    pdf.cell(0, 9, "Litigation evidence package - summary", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(_FONT, "", 9)
    _paragraph(
        pdf,
        f"Package {summary.package_id} of locate lead {lead['lead_id']}, made "
        f"{summary.created_at:%Y-%m-%d %H:%M:%S} UTC by {summary.created_by} for "
        f"{summary.agency}. Social-media information is used here as evidence for litigation, "
        "as the state policy letter on social media use by local child support agencies allows.",
    )

    _heading(pdf, "The lead")
    _facts(
        pdf,
        [
            ("Participant (case system id)", lead["participant_ref"]),
            ("Category", lead["category"]),
            ("Platform", lead["platform"]),
            ("Posting address", lead["posting_url"]),
            ("Captured (UTC)", lead["captured_at"] or ""),
            ("Recorded (UTC)", f"{lead['recorded_at']} by {lead['recorded_by']['username']}"),
            ("State", lead["state"]),
            ("Attestation", f"{summary.attestation} ({lead['attestation_version']})"),
        ],
    )
    _heading(pdf, "What the posting shows")
    _paragraph(pdf, lead["observation"])

    _heading(pdf, "Independent verification (22 CCR § 113100)")
    for v in summary.verifications:
        _facts(
            pdf,
            [
                ("Source", f"{v['source_name']} ({v['citation']})"),
                ("Checked on", v["checked_on"]),
                ("Source reference", v["reference"]),
                ("Result", v["result"]),
                ("Verified by", f"{v['verified_by']['username']} at {v['recorded_at']} UTC"),
            ],
        )
        pdf.ln(2)

    _heading(pdf, "Captured copies")
    _grid(
        pdf,
        ("File", "Kind", "Bytes", "SHA-256"),
        [(c.path, c.kind.value, str(c.size), c.sha256) for c in summary.captures],
        (55, 15, 20, 90),
    )

    _heading(pdf, "Chain of custody (from the audit chain)")
    _grid(
        pdf,
        ("#", "When (UTC)", "Who", "Event", "Outcome"),
        [
            (
                str(e.seq),
                e.occurred_at,
                f"{e.actor} {summary.people.get(e.actor, '')}".strip(),
                e.tag,
                e.outcome,
            )
            for e in summary.custody
        ],
        (14, 48, 45, 53, 20),
    )
    _paragraph(
        pdf,
        "Every file of this package is listed with its SHA-256 in manifest.json; "
        "`casewarden evidence verify` recomputes them. Making this package is itself recorded "
        "in the agency's audit chain with the SHA-256 of manifest.json.",
    )
    for capture in summary.captures:
        if capture.kind.is_image:
            _draw(pdf, capture)
    return bytes(pdf.output())
