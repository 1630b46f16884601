"""Redaction: the text with each finding replaced by a typed placeholder such as ``[US_SSN]``.

Used for logs, archives and public-records releases. ``redact_with_report`` also returns
what was removed (type and original offsets, never the removed text) for the release report.
Every finding at or above the report threshold is redacted, including those that would only
send a post to review: redaction errs on the side of removing.
"""

from __future__ import annotations

from dataclasses import dataclass

from casewarden.detect.model import EntityType, Finding


@dataclass(frozen=True, slots=True)
class RedactedSpan:
    """One removed span: its type and offsets in the original text."""

    type: EntityType
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and the list of what was removed."""

    text: str
    redactions: list[RedactedSpan]

    def counts(self) -> dict[str, int]:
        """How many spans of each type were removed (for release statistics)."""
        counts: dict[str, int] = {}
        for span in self.redactions:
            counts[span.type.value] = counts.get(span.type.value, 0) + 1
        return counts


def placeholder(entity: EntityType) -> str:
    """The text that replaces a finding of ``entity``."""
    return f"[{entity.value}]"


def apply_redaction(text: str, findings: list[Finding]) -> Redaction:
    """Replace non-overlapping ``findings`` (any order) in ``text``."""
    parts: list[str] = []
    spans: list[RedactedSpan] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < cursor:
            continue  # overlaps one already removed
        parts.append(text[cursor : finding.start])
        parts.append(placeholder(finding.type))
        spans.append(RedactedSpan(finding.type, finding.start, finding.end))
        cursor = finding.end
    parts.append(text[cursor:])
    return Redaction("".join(parts), spans)
