"""Redaction for public-records releases: everything rule 1 protects, case details included.

Identifiers and other findings are replaced by their type (``[US_SSN]``), as in
:mod:`casewarden.detect.redact`. A case fact has no span of its own — "works at the Costco on
Main and makes $25 an hour" is a statement, not a token — so when the engine finds case
details in a comment, the sentences that carry them are replaced by ``[CASE_DETAILS]``: the
sentences holding the rule phrases and the classifier's weightiest words, and any sentence
that read alone is still case details. If no sentence can be singled out the whole comment
is replaced. A release errs on the side of removing; every removal is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casewarden.detect.engine import Detector
from casewarden.detect.model import Category, ScanResult

CASE_DETAILS = "CASE_DETAILS"
_SENTENCE = re.compile(r"[^.!?¡¿\n]+[.!?\n]*")


@dataclass(frozen=True, slots=True)
class ReleaseSpan:
    """One removed span: an entity type (``US_SSN``) or ``CASE_DETAILS``, and its offsets."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReleaseRedaction:
    """The released text and every removal, in order."""

    text: str
    redactions: list[ReleaseSpan]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _case_marks(result: ScanResult) -> list[tuple[int, int]]:
    marks = []
    for signal in result.signals:
        if signal.category is not Category.CASE_DETAILS:
            continue
        if signal.end > signal.start:
            marks.append((signal.start, signal.end))
        marks.extend(signal.words)
    return marks


def _case_spans(text: str, result: ScanResult, detector: Detector) -> list[ReleaseSpan]:
    sentences = _sentences(text)
    marks = _case_marks(result)
    flagged = [
        (start, end)
        for start, end in sentences
        if any(m_start < end and m_end > start for m_start, m_end in marks)
        or (
            len(sentences) > 1
            and Category.CASE_DETAILS in detector.scan(text[start:end]).categories
        )
    ]
    if not flagged:
        flagged = [(sentences[0][0], sentences[-1][1])] if sentences else [(0, len(text))]
    return [ReleaseSpan(CASE_DETAILS, start, end) for start, end in flagged]


def _merged(spans: list[ReleaseSpan]) -> list[ReleaseSpan]:
    """Overlapping spans become one; case details win over the entities inside them."""
    merged: list[ReleaseSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = CASE_DETAILS if CASE_DETAILS in (last.kind, span.kind) else last.kind
            merged[-1] = ReleaseSpan(kind, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def redact_for_release(text: str, detector: Detector) -> ReleaseRedaction:
    """``text`` with everything rule 1 protects replaced by its category, and the list."""
    result = detector.scan(text)
    spans = [ReleaseSpan(f.type.value, f.start, f.end) for f in result.findings]
    if Category.CASE_DETAILS in result.categories:
        spans.extend(_case_spans(text, result, detector))
    removed = _merged(spans)
    parts, cursor = [], 0
    for span in removed:
        parts.append(text[cursor : span.start])
        parts.append(f"[{span.kind}]")
        cursor = span.end
    parts.append(text[cursor:])
    return ReleaseRedaction("".join(parts), removed)
