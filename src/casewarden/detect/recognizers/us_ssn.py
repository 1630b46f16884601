"""US Social Security numbers and ITINs.

A dashed 3-2-4 group that passes the SSA rules is an SSN on its own; spaced or dotted
groups need a little more, and nine bare digits need a context word ("ssn", "social",
"seguro social") because case numbers and routing numbers look the same.

The last four digits of a social, said as such ("last 4 of my social are 3318", "los últimos
4 números de mi seguro social son 6120"), are what a caller is asked to prove who they are:
a disclosure of the number's part that identifies.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.text import ScanText, find_all

# A first digit not glued to letters or digits, nor the middle of a longer dashed number.
# The digit comes first and the look-behinds after it, so the regex engine can skip to
# digits instead of testing the look-behinds at every position (several times faster).
_D = r"[0-9](?<![0-9a-z][0-9])(?<![0-9][.-][0-9])"
_R = r"(?![0-9a-z])(?![.-][0-9])"

# "last 4 of my social are 3318", "last 4 of my social, it's 7736", "the last four digits of my
# SSN: 0472", "los ultimos 4 numeros de mi seguro social son 6120" (on the folded text): the
# four digits are group 1.
# Every gap is bounded, so a hostile comment costs one pass.
_LAST_FOUR = regex(
    r"\b(?:(?:the\s+)?last\s+(?:4|four)(?:\s+(?:digits?|numbers?|#s?))?\s+(?:of|on|from)\s+"
    r"(?:(?:my|his|her|the|their|your)\s+)?(?:social(?:\s+security)?|ssn|ss#?|ss\s+number)"
    r"|(?:los\s+)?ultimos\s+(?:4|cuatro)(?:\s+(?:numeros|digitos))?\s+(?:de|del)\s+"
    r"(?:(?:mi|su|el)\s+)?(?:seguro(?:\s+social)?|social|ssn))"
    r"(?:\s+(?:number|numero|no\.?|#))?(?:\s*(?:is|are|son|es|=|:|-|,|it'?s|its|that'?s|thats|"
    r"they'?re|theyre)){0,3}\s{0,3}"
    # "last 4 of my social (4471)": the digits in brackets
    r"[(\[]?([0-9]{4})(?![0-9])"
)
_LAST_WORDS = frozenset({"last", "ultimos"})


class UsSsnRecognizer(PatternRecognizer):
    """SSN/ITIN by shape, confirmed by the SSA area/group/serial rules."""

    name = "us_ssn"
    entity = EntityType.US_SSN
    # People announce the number, then explain, then give it ("here's my social since nobody
    # on the phone believes me 558207734"): the word may sit a sentence back.
    context_before = 60
    lead = _D
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="ssn_dashed",
            regex=_D + r"[0-9]{2}-[0-9]{2}-[0-9]{4}" + _R,
            score=0.85,
            context_score=0.95,
        ),
        # "548 - 21 - 7736": dashes set apart by spaces
        Pattern(
            name="ssn_dashed_spaced",
            regex=_D + r"[0-9]{2}[ \t]+-[ \t]+[0-9]{2}[ \t]+-[ \t]+[0-9]{4}" + _R,
            score=0.85,
            context_score=0.95,
        ),
        Pattern(
            name="ssn_spaced",
            regex=_D + r"[0-9]{2}(?: [0-9]{2} |\.[0-9]{2}\.)[0-9]{4}" + _R,
            score=0.6,
            context_score=0.95,
        ),
        # "623/48/1107": no date has groups of three, two and four digits
        Pattern(
            name="ssn_slashed",
            regex=_D + r"[0-9]{2}/[0-9]{2}/[0-9]{4}" + _R,
            score=0.6,
            context_score=0.95,
        ),
        Pattern(name="ssn_bare", regex=_D + r"[0-9]{8}" + _R, score=0.0, context_score=0.9),
    )

    def gate(self, st: ScanText) -> bool:
        """A run of nine digits, runs of three, two and four (each pattern's shape), or four
        digits and "last" (the last four)."""
        if not st.has_digit:
            return False
        runs = st.run_lengths()
        return (
            9 in runs
            or (3 in runs and 2 in runs and 4 in runs)
            or (4 in runs and st.any_of(_LAST_WORDS))
        )

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """The patterns, then the last four said as such."""
        super().analyze(st, out)
        if not st.any_of(_LAST_WORDS):
            return
        for match in find_all(_LAST_FOUR, st.fold):
            start, end = match.span(1)
            out.append(
                Finding(
                    type=self.entity,
                    start=start,
                    end=end,
                    score=0.85,
                    recognizer=self.name,
                    pattern="ssn_last_four",
                    context_words=("last four",),
                )
            )

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Drop numbers the SSA never issues; name ITINs."""
        kind = validators.ssn_kind(match.group())
        if kind is None:
            return None
        return Verdict(
            score=pattern.score, validator=validators.ITIN if kind == "itin" else validators.SSN
        )
