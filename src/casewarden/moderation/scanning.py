"""Building the detection engine for moderation from settings."""

from __future__ import annotations

from casewarden.config import Settings
from casewarden.moderation.interfaces import Scanner


def build_scanner(settings: Settings) -> Scanner:
    """The detection engine with the agency's configuration (its own numbers, officials...)."""
    from casewarden.detect import DetectorConfig, build_detector

    config = DetectorConfig.from_toml(settings.detect_config) if settings.detect_config else None
    return build_detector(config)
