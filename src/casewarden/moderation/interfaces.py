"""What moderation needs from the detection engine, as a Protocol.

The engine (``casewarden.detect``) satisfies it; moderation never reaches into the
engine's internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Protocol


class ScanAction(StrEnum):
    """What the engine says to do with a text: the values of ``casewarden.detect.Action``,
    named here so that moderation compares members without importing the engine (a test
    keeps the two equal)."""

    HIDE = "hide"
    REVIEW = "review"
    ALLOW = "allow"


class FindingLike(Protocol):
    """One finding: what, where, how sure, which recognizer."""

    @property
    def type(self) -> str:
        """The entity type, e.g. US_SSN."""

    @property
    def start(self) -> int:
        """Offset of the first character."""

    @property
    def end(self) -> int:
        """Offset after the last character."""

    @property
    def score(self) -> float:
        """Confidence in [0, 1]."""

    @property
    def recognizer(self) -> str:
        """Which recognizer found it."""


class ScanLike(Protocol):
    """The engine's verdict on one text."""

    @property
    def action(self) -> str:
        """``hide``, ``review`` or ``allow``."""

    @property
    def categories(self) -> Sequence[str]:
        """Post-level categories (pii, case_details, profanity, threat, harassment, scam)."""

    @property
    def case_specific(self) -> bool:
        """The writer asks about their own case."""

    @property
    def language(self) -> str:
        """``en`` or ``es``."""

    @property
    def findings(self) -> Sequence[FindingLike]:
        """Entity findings with offsets."""


class Scanner(Protocol):
    """Anything that scans a comment."""

    def scan(self, text: str) -> ScanLike:
        """The verdict for ``text``."""
