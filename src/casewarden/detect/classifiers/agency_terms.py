"""Terms an agency adds in its configuration (``[terms]``): each hides a post on its own.

They are matched as whole words or phrases on folded text and can never be regexes, so
they cannot slow the engine down.
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher
from casewarden.detect.model import Category, Finding, Signal
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText


class AgencyTermsClassifier(Classifier):
    """Every configured term, under its configured category."""

    name = "agency_terms"
    category = Category.PROFANITY  # each signal carries its own term's category

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._matchers = [
            (category, PhraseMatcher(words))
            for category, words in config.extra_terms.items()
            if category is not Category.PII and words
        ]
        self.triggers = frozenset().union(*(matcher.anchors for _, matcher in self._matchers))

    def gate(self, st: ScanText) -> bool:
        """Any configured term could be present."""
        return any(matcher.present(st) for _, matcher in self._matchers)

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """One signal per occurrence, in the term's category."""
        for category, matcher in self._matchers:
            for term, start, end in matcher.finditer(st):
                out.append(
                    Signal(
                        category=category,
                        score=0.9,
                        classifier=self.name,
                        rule=f"agency_{category.value}",
                        term=term,
                        start=start,
                        end=end,
                    )
                )
