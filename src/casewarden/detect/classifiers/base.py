"""The classifier base: post-level evidence for one category, from lexicon terms and rules.

Classifiers see the comment and the entity findings already made (harassment needs to know
whether a name is present). Like recognizers, each has a cheap ``gate()``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from casewarden.detect.config import DetectorConfig
from casewarden.detect.model import Category, Finding, Signal
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText


class Classifier(ABC):
    """Finds evidence that a comment belongs to one category."""

    name: ClassVar[str]
    category: ClassVar[Category]
    #: Words this classifier looks for beyond the lexicon (for typo repair).
    vocabulary: ClassVar[frozenset[str]] = frozenset()
    #: Words one of which a comment must contain for :meth:`gate` to pass, or None when the
    #: gate needs no particular word. The engine tests every component's trigger words with
    #: one set intersection per comment and calls only the gates that can pass.
    triggers: frozenset[str] | None = None

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        self.rule = rule
        self.config = config

    @abstractmethod
    def gate(self, st: ScanText) -> bool:
        """Whether the comment could belong to the category (cheap)."""

    @abstractmethod
    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """Append signals (any score) to ``out``."""

    def signal(self, score: float, rule: str, term: str, start: int, end: int) -> Signal:
        """A signal of this classifier's category."""
        return Signal(
            category=self.category,
            score=score,
            classifier=self.name,
            rule=rule,
            term=term,
            start=start,
            end=end,
        )
