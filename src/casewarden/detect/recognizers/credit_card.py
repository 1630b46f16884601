"""Payment card numbers: 13-19 digits in groups, a known issuer prefix and the Luhn check.

The Luhn check alone passes one random number in ten, so a number needs both the checksum
and a network prefix with that network's length; with a context word ("card", "tarjeta",
"EPPICard") the checksum suffices, and sixteen or fifteen digits that fail it are a card
number mistyped (or typed on purpose to get past a filter): still a disclosure next to the
word "card".
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.text import ScanText


class CreditCardRecognizer(PatternRecognizer):
    """Card numbers, with or without space/dash grouping."""

    name = "credit_card"
    entity = EntityType.CREDIT_CARD
    # A card word sits further from its number than most ("EPPI card got stolen at a gas
    # station. number was ..."): a card-shaped number is rarely anything else.
    context_before = 100
    context_after = 40
    patterns: ClassVar[tuple[Pattern, ...]] = (
        # A separator can never be a digit, so each repetition has one way to match.
        Pattern(
            name="card_number",
            # Groups set apart by spaces, dashes or dots ("4147.2093.5518.0462").
            regex=r"[0-9](?<![0-9][0-9])(?<![0-9][ .-][0-9])(?:[ .-]?[0-9]){12,18}(?![0-9])"
            r"(?![ .-][0-9])",
            score=0.9,
            context_score=0.95,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """Thirteen digits at least."""
        return st.has_digit and st.digit_count()[0] >= 13

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Luhn and issuer prefix; Luhn alone only next to a card word."""
        value = match.group()
        if not validators.luhn_ok(value):
            digits = sum(1 for c in value if c.isdigit())
            return (
                Verdict(score=0.0, validator=None, context_score=0.7)
                if digits in (15, 16)
                else None
            )
        if validators.card_network_ok(value):
            return Verdict(score=pattern.score, validator=validators.LUHN)
        return Verdict(score=0.0, validator=validators.LUHN, context_score=0.8)
