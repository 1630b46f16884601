"""Driver license and state ID numbers.

A California licence is one letter and seven digits ("A1234567"): written with the capital
letter it goes to review on its own, and is reported with a licence word nearby. Other
states' formats have no distinctive shape, so any 5-15 character identifier with at least
four digits is reported only right after a licence word. "License plate" is not a licence.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect.model import EntityType
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText

_PLATE = regex(word_start("plate|plates|placa|placas|tag|tags") + r"(?![a-z])")
_LICENSE_WORDS = frozenset(
    {"license", "licence", "lic", "dl", "d", "licencia", "cdl", "id", "identificacion"}
)


class DriverLicenseRecognizer(PatternRecognizer):
    """California shape anywhere; other shapes only after a licence word."""

    name = "driver_license"
    entity = EntityType.DRIVER_LICENSE
    vocabulary = _LICENSE_WORDS
    # People name the licence, explain, then give it ("mi licencia de manejar para que vean
    # que sí soy yo: D5502981"): the word may sit a sentence back.
    context_before = 60
    context_after = 0
    # Where a folded-text licence can start: a letter or digit beginning a word, with a
    # digit within fifteen characters.
    starts = r"[a-z0-9](?<![0-9a-z][a-z0-9])(?=[a-z0-9-]{0,14}[0-9])"
    # Each pattern starts with its character class, the look-behinds after it, so the regex
    # engine skips to candidates.
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="ca_dl",
            regex=r"[A-Z](?<![0-9A-Za-z][A-Z])[0-9]{7}(?![0-9A-Za-z])",
            score=0.5,
            context_score=0.95,
            on_fold=False,
        ),
        Pattern(
            name="ca_dl_lower",
            regex=r"[a-z](?<![0-9a-z][a-z])[0-9]{7}(?![0-9a-z])",
            score=0.0,
            context_score=0.9,
        ),
        # The California shape split in two to be read aloud or typed past a filter
        # ("A006 1832"): only after a licence word.
        Pattern(
            name="ca_dl_split",
            regex=r"[a-z](?<![0-9a-z][a-z])[0-9]{3,4}[ -][0-9]{3,4}(?![0-9a-z])",
            score=0.0,
            context_score=0.9,
        ),
        Pattern(
            name="dl_after_license_word",
            regex=r"(?=[a-z0-9-]{0,14}[0-9])(?<![0-9a-z$#.,-])[a-z0-9][a-z0-9-]{6,14}(?![0-9a-z])",
            score=0.0,
            context_score=0.85,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """Six digits in a row (every licence shape but a split one has them), and either
        the California shape's run of seven or a licence word (every other pattern needs one);
        or seven digits and a licence word (the split California shape)."""
        if not st.has_digit:
            return False
        total, longest = st.digit_count()
        if longest >= 6:
            return 7 in st.run_lengths() or st.any_of(_LICENSE_WORDS)
        return total >= 7 and st.any_of(_LICENSE_WORDS)

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Drop licence plates; keep the rest for context scoring."""
        start = match.start()
        if _PLATE.search(st.fold, max(0, start - 30), start):
            return None
        if pattern.name != "ca_dl" and not st.any_of(_LICENSE_WORDS):
            return None
        if pattern.name == "ca_dl_split" and sum(c.isdigit() for c in match.group()) != 7:
            return None
        if pattern.name == "dl_after_license_word":
            value = match.group()
            digits = sum(c.isdigit() for c in value)
            # Mostly digits with at most a few letters: an identifier, not a word or amount.
            if digits < 6 or len(value) - digits - value.count("-") > 3:
                return None
        return Verdict(pattern.score)
