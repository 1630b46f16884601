"""Email addresses, confirmed by an RFC 5321/5322 syntax check.

Runs only when the comment contains "@". The agency's own addresses and domains are dropped
by the engine from its configuration.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.text import ScanText


class EmailAddressRecognizer(PatternRecognizer):
    """``local@domain.tld`` with bounded parts (linear time), then a syntax validator."""

    name = "email_address"
    entity = EntityType.EMAIL_ADDRESS
    needs_digit = False
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "email",
            r"(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}"
            r"(?![a-z0-9-])",
            0.9,
            1.0,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """Only comments with an at sign."""
        return "@" in st.text

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Drop strings that only look like addresses (double dots, bad labels, no TLD)."""
        if not validators.email_ok(match.group()):
            return None
        return Verdict(pattern.score, validators.EMAIL)
