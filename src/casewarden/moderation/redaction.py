"""The detection engine's release redaction, in the shape the archive export takes."""

from __future__ import annotations

from casewarden.config import Settings
from casewarden.moderation.archive import Redactor
from casewarden.moderation.scanning import build_scanner


def redactor_for(settings: Settings) -> Redactor:
    """``text -> (redacted text, [(kind, start, end)])``: the engine moderation uses (the
    agency's configuration and the configured model), case details included."""
    from casewarden.detect.release import redact_for_release

    detector = build_scanner(settings)

    def redact(text: str) -> tuple[str, list[tuple[str, int, int]]]:
        report = redact_for_release(text, detector)
        return report.text, [(r.kind, r.start, r.end) for r in report.redactions]

    return redact
