"""ABA bank routing numbers: nine digits with the 3-7-1 checksum and a Federal Reserve prefix.

One random nine-digit number in ten passes the checksum, so a routing number needs a
context word ("routing", "ABA", "número de ruta"). Next to such a word, a number that fails
the checksum is a mistyped routing number, or one typed wrong on purpose: a disclosure all
the same. Groups of three ("122-000-661", as a number is said) count too.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.text import ScanText

_ACCOUNT_WORD = regex(r"\b(?:account|acct|cuenta|checking|savings)\b")
_ROUTING_WORD = regex(r"\b(?:routing|ruta|aba|rtn|transit)\b")


class RoutingNumberRecognizer(PatternRecognizer):
    """Nine digits near a routing word, confirmed by the ABA checksum."""

    name = "routing_number"
    entity = EntityType.ROUTING_NUMBER
    context_before = 50
    context_after = 25
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="aba_nine_digits",
            regex=r"[0-9](?<![0-9a-z][0-9])(?<![0-9][.-][0-9])[0-9]{8}(?![0-9a-z])",
            score=0.0,
            context_score=0.95,
        ),
        Pattern(
            name="aba_grouped",
            regex=r"[0-9](?<![0-9a-z][0-9])(?<![0-9][.-][0-9])"
            r"[0-9]{2}[- ][0-9]{3}[- ][0-9]{3}(?![0-9a-z])",
            score=0.0,
            context_score=0.9,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """A run of exactly nine digits, or runs of three (what the patterns match)."""
        if not st.has_digit:
            return False
        runs = st.run_lengths()
        return 9 in runs or 3 in runs

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Checksum passes: full score with context. Fails: hide-level with context, unless
        an account word is nearer ("routing 122000661, acct 550192837": the second is not)."""
        start = match.start()
        near = st.fold[max(0, start - 25) : start]
        if _ACCOUNT_WORD.search(near) is not None and _ROUTING_WORD.search(near) is None:
            return None
        if validators.aba_ok(match.group()):
            return Verdict(score=0.0, validator=validators.ABA)
        return Verdict(score=0.0, validator=None, context_score=0.65)
