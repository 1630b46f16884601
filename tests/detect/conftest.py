"""Shared fixtures for the detection engine tests: detectors are built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from casewarden.detect import Detector, DetectorConfig

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def detector() -> Detector:
    """The engine with the shipped rules and no agency configuration."""
    return Detector()


@pytest.fixture(scope="session")
def rules_detector() -> Detector:
    """The engine without its comment classifier: what the rules alone report."""
    return Detector(rules_only=True)


@pytest.fixture(scope="session")
def agency_config() -> DetectorConfig:
    """The test agency's configuration (public phones, offices, officials, extras)."""
    return DetectorConfig.from_toml(DATA / "agency.toml")


@pytest.fixture(scope="session")
def agency_detector(agency_config: DetectorConfig) -> Detector:
    """The engine configured for the test agency."""
    return Detector(agency_config)
