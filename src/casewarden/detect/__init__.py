"""casewarden.detect — decides whether a public comment on an agency page is hidden.

The engine finds protected personal and case information (SSNs, case numbers, birth dates,
addresses, phone numbers, emails, names of private individuals, bank and card numbers,
licences, IP addresses, health conditions), offensive content (profanity, threats,
harassment) and scams in English and Spanish comments, explains every decision, and leaves
criticism of the agency up. It imports nothing of the rest of casewarden.

    >>> from casewarden.detect import build_detector
    >>> detector = build_detector()
    >>> detector.scan("my SSN is 536-22-4187").action
    <Action.HIDE: 'hide'>

``redact`` and ``scan`` use a default detector built on first use (never at import).

When casewarden was installed with a C compiler at hand, the engine's hot modules run
compiled by mypyc (``COMPILED``); see ``casewarden.detect._build``.
"""

from __future__ import annotations

from functools import cache

# First: selects the compiled or the Python build before any engine module is imported.
from casewarden.detect._build import COMPILED as COMPILED
from casewarden.detect.config import DetectorConfig, ExtraPattern
from casewarden.detect.engine import Detector, build_detector
from casewarden.detect.errors import DetectError, DetectorConfigError, RulesError
from casewarden.detect.model import (
    Action,
    Category,
    EntityType,
    Exclusion,
    Finding,
    Language,
    ScanResult,
    Signal,
)
from casewarden.detect.published_policy import CommentPolicy, CommentPolicyRule, comment_policy
from casewarden.detect.redact import RedactedSpan, Redaction, apply_redaction

__all__ = [
    "Action",
    "Category",
    "CommentPolicy",
    "CommentPolicyRule",
    "DetectError",
    "Detector",
    "DetectorConfig",
    "DetectorConfigError",
    "EntityType",
    "Exclusion",
    "ExtraPattern",
    "Finding",
    "Language",
    "RedactedSpan",
    "Redaction",
    "RulesError",
    "ScanResult",
    "Signal",
    "build_detector",
    "comment_policy",
    "default_detector",
    "redact",
    "redact_with_report",
    "scan",
]


@cache
def default_detector() -> Detector:
    """The process-wide detector with the shipped rules and no agency configuration,
    built on first use and cached."""
    return Detector()


def scan(text: str, detector: Detector | None = None) -> ScanResult:
    """Scan one comment with ``detector`` (or the default one)."""
    return (detector or default_detector()).scan(text)


def redact(text: str, detector: Detector | None = None) -> str:
    """``text`` with each finding replaced by a typed placeholder such as ``[US_SSN]``."""
    return redact_with_report(text, detector).text


def redact_with_report(text: str, detector: Detector | None = None) -> Redaction:
    """The redacted text and the list of removed spans (type, start, end) for release
    reports."""
    result = (detector or default_detector()).scan(text)
    return apply_redaction(text, result.findings)
