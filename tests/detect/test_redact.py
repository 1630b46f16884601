"""Redaction: typed placeholders for logs, archives and public-records releases."""

from __future__ import annotations

import pytest

from casewarden.detect import (
    Detector,
    EntityType,
    RedactedSpan,
    default_detector,
    redact,
    redact_with_report,
)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("My SSN is 536-22-4187", "My SSN is [US_SSN]"),
        ("call me at (559) 201-4567 please", "call me at [PHONE_NUMBER] please"),
        (
            "My son Jayden was born 3/14/2015",
            "My son [PERSON] was born [DATE_OF_BIRTH]",
        ),
        ("mi correo es maria.lopez@yahoo.com", "mi correo es [EMAIL_ADDRESS]"),
        ("How do I apply?", "How do I apply?"),
        ("this is bullshit", "this is bullshit"),  # profanity is not personal information
        ("😡 SSN 536-22-4187 😡", "😡 SSN [US_SSN] 😡"),
    ],
)
def test_redact_replaces_findings_with_typed_placeholders(text: str, redacted: str) -> None:
    assert redact(text) == redacted


def test_redaction_report_lists_types_and_original_offsets() -> None:
    text = "My son Jayden was born 3/14/2015, call 559-201-4567"
    report = redact_with_report(text)
    assert [(r.type, text[r.start : r.end]) for r in report.redactions] == [
        (EntityType.PERSON, "Jayden"),
        (EntityType.DATE_OF_BIRTH, "3/14/2015"),
        (EntityType.PHONE_NUMBER, "559-201-4567"),
    ]
    assert report.counts() == {"PERSON": 1, "DATE_OF_BIRTH": 1, "PHONE_NUMBER": 1}
    assert all(isinstance(r, RedactedSpan) for r in report.redactions)


def test_redaction_uses_the_given_detector(agency_detector: Detector) -> None:
    text = "call (866) 901-3212"
    assert redact(text) == "call [PHONE_NUMBER]"
    assert redact(text, agency_detector) == text


def test_review_level_findings_are_redacted_too() -> None:
    # A toll-free number only sends the post to review, but a release must not show it.
    assert redact("call 1-800-799-7233") == "call [PHONE_NUMBER]"


def test_default_detector_is_built_on_first_use_and_cached() -> None:
    assert default_detector() is default_detector()
