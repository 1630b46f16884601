"""Phone numbers, validated against the numbering plan by libphonenumber.

North American numbers written with separators are reported on their own; ten bare digits
need a context word ("call", "cel", "text") because case and account numbers are often ten
digits too, and a bare number right after "case" or "account" is left to those
recognizers. Toll-free numbers belong to businesses and agencies, never to a private person,
so they score below the hide threshold. The agency's own numbers are dropped by the engine
from its configuration.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText

# The look-ahead first lets the regex engine skip to plausible first characters.
_L = r"(?=[+(0-9])(?<![0-9a-z])(?<![0-9][.-])"
_R = r"(?![0-9a-z])(?![.-][0-9])"
_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_OTHER_IDENTIFIER = re.compile(
    word_start(
        r"case|caso|participant|participante|docket|account|acct|cuenta|routing|"
        r"ruta|ssn|social|seguro|license|licencia|id"
    )
    + r"(?![a-z])"
)


class PhoneNumberRecognizer(PatternRecognizer):
    """NANP and international numbers, confirmed by ``phonenumbers``."""

    name = "phone_number"
    entity = EntityType.PHONE_NUMBER
    # Where a number can start: a "+", "(" or digit not glued to a word or number.
    starts = r"[+(0-9](?<![0-9a-z][+(0-9])"
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "phone_nanp_formatted",
            _L
            + r"(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-])"
            + r"[2-9][0-9]{2}[ .-][0-9]{4}"
            + _R,
            0.75,
            0.95,
        ),
        Pattern("phone_nanp_bare", _L + r"(?:\+?1)?[2-9][0-9]{9}" + _R, 0.45, 0.85),
        Pattern(
            "phone_international",
            r"\+(?<![0-9a-z+]\+)(?!1)[0-9](?:[ .-]?[0-9]){7,13}" + _R,
            0.7,
            0.9,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """Eight digits at least, and each pattern's shape: runs of three and four digits
        (formatted), a run of ten or eleven (bare), or a "+" (international)."""
        if not st.has_digit or st.digit_count()[0] < 8:
            return False
        runs = st.run_lengths()
        return (3 in runs and 4 in runs) or 10 in runs or 11 in runs or "+" in st.text

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Keep numbers libphonenumber calls valid; lower toll-free and bare ambiguous ones."""
        value = match.group()
        international = pattern.name == "phone_international"
        if not validators.phone_ok(value, "ZZ" if international else "US"):
            return None
        if international:
            return Verdict(pattern.score, validators.PHONE)
        digits = validators.digits_of(value)
        national = digits[1:] if len(digits) == 11 else digits
        if national[:3] in _TOLL_FREE:
            return Verdict(0.45, validators.PHONE, context_score=0.5)
        if pattern.name == "phone_nanp_bare":
            start, end = match.span()
            # Ten bare digits next to "case", "account", "ssn"... are that identifier.
            if _OTHER_IDENTIFIER.search(st.fold, max(0, start - 30), start):
                return None
            if _OTHER_IDENTIFIER.search(st.fold, end, end + 25) and not self.context.around(
                st, start, end, 30, 0
            ):
                return None
        return Verdict(pattern.score, validators.PHONE)
