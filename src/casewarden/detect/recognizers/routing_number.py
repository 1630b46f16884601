"""ABA bank routing numbers: nine digits with the 3-7-1 checksum and a Federal Reserve prefix.

One random nine-digit number in ten passes the checksum, so a routing number needs a
context word ("routing", "ABA", "número de ruta"). Next to such a word, a number that fails
the checksum is probably a mistyped routing number: it goes to review.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.text import ScanText


class RoutingNumberRecognizer(PatternRecognizer):
    """Nine digits near a routing word, confirmed by the ABA checksum."""

    name = "routing_number"
    entity = EntityType.ROUTING_NUMBER
    context_before = 50
    context_after = 25
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "aba_nine_digits",
            r"[0-9](?<![0-9a-z][0-9])(?<![0-9][.-][0-9])[0-9]{8}(?![0-9a-z])",
            0.0,
            0.95,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """A run of exactly nine digits (what the pattern matches)."""
        return st.has_digit and 9 in st.run_lengths()

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Checksum passes: full score with context. Fails: review-level with context."""
        if validators.aba_ok(match.group()):
            return Verdict(0.0, validators.ABA)
        return Verdict(0.0, None, context_score=0.45)
