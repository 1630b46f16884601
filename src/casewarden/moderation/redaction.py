"""The detection engine's redaction, in the shape the archive export takes."""

from __future__ import annotations

from casewarden.config import Settings
from casewarden.moderation.archive import Redactor


def redactor_for(settings: Settings) -> Redactor:
    """``text -> (redacted text, [(type, start, end)])`` with the agency's configuration."""
    from casewarden.detect import DetectorConfig, build_detector, redact_with_report

    config = DetectorConfig.from_toml(settings.detect_config) if settings.detect_config else None
    detector = build_detector(config)

    def redact(text: str) -> tuple[str, list[tuple[str, int, int]]]:
        report = redact_with_report(text, detector)
        return report.text, [(str(r.type), r.start, r.end) for r in report.redactions]

    return redact
