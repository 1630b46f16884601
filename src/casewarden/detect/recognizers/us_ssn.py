"""US Social Security numbers and ITINs.

A dashed 3-2-4 group that passes the SSA rules is an SSN on its own; spaced or dotted
groups need a little more, and nine bare digits need a context word ("ssn", "social",
"seguro social") because case numbers and routing numbers look the same.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.text import ScanText

# A first digit not glued to letters or digits, nor the middle of a longer dashed number.
# The digit comes first and the look-behinds after it, so the regex engine can skip to
# digits instead of testing the look-behinds at every position (several times faster).
_D = r"[0-9](?<![0-9a-z][0-9])(?<![0-9][.-][0-9])"
_R = r"(?![0-9a-z])(?![.-][0-9])"


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
        """A run of nine digits, or runs of three, two and four (each pattern's shape)."""
        if not st.has_digit:
            return False
        runs = st.run_lengths()
        return 9 in runs or (3 in runs and 2 in runs and 4 in runs)

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Drop numbers the SSA never issues; name ITINs."""
        kind = validators.ssn_kind(match.group())
        if kind is None:
            return None
        return Verdict(
            score=pattern.score, validator=validators.ITIN if kind == "itin" else validators.SSN
        )
