"""The detection engine's redaction, in the shape the archive export takes."""

from __future__ import annotations

from casewarden.config import Settings
from casewarden.moderation.archive import Redactor
from casewarden.moderation.scanning import build_scanner


def redactor_for(settings: Settings) -> Redactor:
    """``text -> (redacted text, [(type, start, end)])`` with the agency's configuration."""
    from casewarden.detect import redact_with_report

    detector = build_scanner(settings)

    def redact(text: str) -> tuple[str, list[tuple[str, int, int]]]:
        report = redact_with_report(text, detector)  # type: ignore[arg-type]
        return report.text, [(str(r.type), r.start, r.end) for r in report.redactions]

    return redact
