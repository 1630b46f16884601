"""Building the detection engine for moderation from settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casewarden.config import Settings
from casewarden.errors import ConfigurationError

if TYPE_CHECKING:  # the engine is imported on first build, never at import time
    from casewarden.detect import Detector


def build_scanner(settings: Settings, *, comment_scorer: Any | None = None) -> Detector:
    """The detection engine with the agency's configuration (its own numbers, officials...)
    and its comment classifier; a missing or altered model or a bad configuration is a
    :class:`ConfigurationError` naming the problem (the engine never runs on rules alone
    without saying so). ``comment_scorer`` replaces the comment classifier (an agency's own
    beside the shipped one)."""
    from casewarden.detect import DetectError, DetectorConfig, build_detector

    try:
        config = (
            DetectorConfig.from_toml(settings.detect_config) if settings.detect_config else None
        )
        if comment_scorer is not None:
            from casewarden.detect import Detector

            return Detector(config, model=comment_scorer)
        return build_detector(config, model_dir=settings.detect_model)
    except DetectError as exc:
        raise ConfigurationError(f"detection engine: {exc}") from None
