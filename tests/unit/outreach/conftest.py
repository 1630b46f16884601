"""One detection engine for the outreach tests, with an agency's own contact details."""

from __future__ import annotations

import pytest

from casewarden.detect import Detector, DetectorConfig, build_detector

AGENCY_CONFIG = DetectorConfig(
    public_phone_numbers=("(866) 901-3212",),
    public_addresses=("2450 Meridian Ave, Suite 100, Del Oro, CA 95999",),
    public_emails=("info@childsupport.example.gov",),
    public_email_domains=("childsupport.example.gov",),
)


@pytest.fixture(scope="session")
def scanner() -> Detector:
    """The engine as an agency configures it (its numbers and addresses are not PII)."""
    return build_detector(AGENCY_CONFIG)
