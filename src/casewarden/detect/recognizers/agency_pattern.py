"""Patterns an agency adds in its configuration (``[[patterns]]``), e.g. a legacy case format.

Each pattern was checked for catastrophic-backtracking shapes when the configuration was
loaded. Case-insensitive patterns run on the folded text.
"""

from __future__ import annotations

import re

from casewarden.detect.config import DetectorConfig, ExtraPattern, check_pattern
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.recognizer import ContextWords, Recognizer
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, find_all


class AgencyPatternRecognizer(Recognizer):
    """Runs every agency pattern; findings name the pattern."""

    name = "agency_pattern"
    entity = EntityType.CASE_NUMBER  # each finding carries its own pattern's entity
    needs_digit = False

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._patterns: list[tuple[ExtraPattern, re.Pattern[str], ContextWords]] = []
        for extra in config.extra_patterns:
            compiled = check_pattern(extra.regex, extra.name)
            if not extra.case_sensitive:
                compiled = re.compile(extra.regex, re.IGNORECASE)
            self._patterns.append((extra, compiled, ContextWords(extra.context)))

    def gate(self, st: ScanText) -> bool:
        """Always: agency patterns may match anything."""
        return bool(self._patterns)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Each match, scored as configured (context words confirm, never required)."""
        for extra, compiled, context_words in self._patterns:
            for match in find_all(compiled, st.text):
                if match.end() == match.start():
                    continue
                context = context_words.around(st, match.start(), match.end(), 40, 20)
                out.append(
                    Finding(
                        type=extra.entity,
                        start=match.start(),
                        end=match.end(),
                        score=extra.score,
                        recognizer=self.name,
                        pattern=extra.name,
                        validator=None,
                        context_words=context,
                    )
                )
