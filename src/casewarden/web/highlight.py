"""Splitting a comment into plain and highlighted pieces for display (escaped by Jinja)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the text, with the finding type when it is highlighted."""

    text: str
    kind: str | None = None


def pieces(text: str, findings: Iterable[Mapping[str, Any]]) -> list[Piece]:
    """The text cut at the findings' offsets; overlapping findings are merged."""
    spans = []
    for finding in findings:
        try:
            start, end = int(finding["start"]), int(finding["end"])
        except (KeyError, TypeError, ValueError):
            continue
        start, end = max(0, start), min(len(text), end)
        if start < end:
            spans.append((start, end, str(finding.get("type", "finding"))))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, kind))
    out: list[Piece] = []
    cursor = 0
    for start, end, kind in merged:
        if cursor < start:
            out.append(Piece(text[cursor:start]))
        out.append(Piece(text[start:end], kind))
        cursor = end
    if cursor < len(text):
        out.append(Piece(text[cursor:]))
    return out
