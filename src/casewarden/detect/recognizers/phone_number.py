"""Phone numbers, validated against the numbering plan by libphonenumber.

North American numbers written with separators are reported on their own; ten bare digits
need a context word ("call", "cel", "text") because case and account numbers are often ten
digits too, and a bare number right after "case" or "account" is left to those
recognizers. Toll-free numbers belong to businesses and agencies, never to a private person,
so they score below the hide threshold. The agency's own numbers are dropped by the engine
from its configuration. Digits grouped as a phone number that the North American plan refuses
but Mexico's accepts ("664 127 5583") count beside a phone word.

A number written one digit at a time to get past a filter ("five five nine, two eight one,
four zero six three", "9 1 6 - 7 2 0 - 3 3 8 1", "cinco cinco nueve...") is read digit by
digit and held to the same numbering plan.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText, find_all

# The look-ahead first lets the regex engine skip to plausible first characters.
_L = r"(?=[+(0-9])(?<![0-9a-z])(?<![0-9][.-])"
_R = r"(?![0-9a-z])(?![.-][0-9])"
_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_OTHER_IDENTIFIER = regex(
    word_start(
        r"case|caso|participant|participante|docket|account|acct|cuenta|routing|"
        r"ruta|ssn|social|seguro|license|licencia|id"
    )
    + r"(?![a-z])"
)


_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "cero": "0", "uno": "1", "dos": "2",
    "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7", "ocho": "8",
    "nueve": "9",
}  # fmt: skip
_DIGIT_WORD_SET = frozenset(_DIGIT_WORDS)
_UNIT = "(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + "|[0-9])"
# Ten or eleven units, each after an optional separator. The separator is atomic (one way
# to match it), so a failed attempt backtracks over the units only: linear time.
_ONE_AT_A_TIME = regex(
    r"(?<![a-z0-9])" + _UNIT + r"(?:(?>[ \t]*[,.-]?[ \t]*)" + _UNIT + r"){9,10}(?![a-z0-9])"
)
_UNITS = regex(_UNIT)
_TWO_DIGITS = regex(r"[0-9][0-9]")
_SPELLED = Pattern(
    name="phone_one_digit_at_a_time", regex=_ONE_AT_A_TIME.pattern, score=0.75, context_score=0.95
)


# Patterns whose digits come in groups, as a phone number is written: where a number the
# North American plan refuses may be a Mexican one.
_GROUPED = frozenset({"phone_nanp_formatted", "phone_nanp_slashed", "phone_nanp_regrouped"})


class PhoneNumberRecognizer(PatternRecognizer):
    """NANP and international numbers, confirmed by ``phonenumbers``."""

    name = "phone_number"
    entity = EntityType.PHONE_NUMBER
    # Where a number can start: a "+", "(" or digit not glued to a word or number.
    starts = r"[+(0-9](?<![0-9a-z][+(0-9])"
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="phone_nanp_formatted",
            regex=_L
            + r"(?:\+?1[ .-]?)?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}(?:[ .-]|[ \t][.-][ \t]))"
            + r"[2-9][0-9]{2}(?:[ .-]|[ \t][.-][ \t])[0-9]{4}"
            + _R,
            score=0.75,
            context_score=0.95,
        ),
        Pattern(
            name="phone_nanp_bare",
            regex=_L + r"(?:\+?1)?[2-9][0-9]{9}" + _R,
            score=0.45,
            context_score=0.85,
        ),
        # "559 / 302 / 8814", "559/302/8814": slashes, which no date has between runs of
        # three, three and four digits.
        Pattern(
            name="phone_nanp_slashed",
            regex=_L
            + r"(?<!/)[2-9][0-9]{2}[ \t]?/[ \t]?[2-9][0-9]{2}[ \t]?/[ \t]?[0-9]{4}"
            + _R
            + r"(?![ \t]?/)",
            score=0.75,
            context_score=0.95,
        ),
        # "951 62 40 3 88": ten digits grouped as the writer reads them aloud; only after a
        # phone word, and ``validate`` asks for exactly ten (eleven with a leading 1).
        Pattern(
            name="phone_nanp_regrouped",
            regex=_L + r"(?:1[ .-])?[2-9][0-9]{2}(?:[ .-][0-9]{1,4}){2,6}" + _R,
            score=0.0,
            context_score=0.85,
        ),
        Pattern(
            name="phone_international",
            regex=r"\+(?<![0-9a-z+]\+)(?!1)[0-9](?:[ .-]?[0-9]){7,13}" + _R,
            score=0.7,
            context_score=0.9,
        ),
    )

    # A number spelled out has no digit: the gate runs on every comment.
    needs_digit = False

    def gate(self, st: ScanText) -> bool:
        """The patterns' shapes, or a number written one digit at a time."""
        return self._patterned(st) or self._one_at_a_time_possible(st)

    @staticmethod
    def _patterned(st: ScanText) -> bool:
        """Eight digits at least, and each pattern's shape: runs of three and four digits
        (formatted), a run of ten or eleven (bare), a "+" (international), or ten digits in
        short runs (regrouped)."""
        if not st.has_digit or st.digit_count()[0] < 8:
            return False
        runs = st.run_lengths()
        if (3 in runs and 4 in runs) or 10 in runs or 11 in runs or "+" in st.text:
            return True
        # regrouped: ten digits at least, in short runs one of which is an area code's three
        return 3 in runs and max(runs) <= 4 and st.digit_count()[0] >= 10

    @staticmethod
    def _one_at_a_time_possible(st: ScanText) -> bool:
        """Three different digit words, or ten digits and a digit standing alone."""
        if st.has_digit and st.digit_count()[0] >= 10 and 1 in st.run_lengths():
            return True
        # Most comments have no digit word: one set test, and the intersection only then.
        return st.any_of(_DIGIT_WORD_SET) and len(st.tokset & _DIGIT_WORD_SET) >= 3

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """The patterns, then numbers written one digit at a time."""
        if self._patterned(st):
            super().analyze(st, out)
        if self._one_at_a_time_possible(st):
            for match in find_all(_ONE_AT_A_TIME, st.fold):
                self._consider(st, match, _SPELLED, out)

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Keep numbers libphonenumber calls valid; lower toll-free and bare ambiguous ones."""
        value = match.group()
        if pattern is _SPELLED:
            # Digits written together ("916 720 3381") are the other patterns' to find.
            if _TWO_DIGITS.search(value):
                return None
            units = _UNITS.findall(value)
            value = "".join(_DIGIT_WORDS.get(u, u) for u in units)
        if pattern.name == "phone_nanp_regrouped":
            digits = validators.digits_of(value)
            if len(digits) != 10 and not (len(digits) == 11 and digits[0] == "1"):
                return None
        international = pattern.name == "phone_international"
        if not validators.phone_ok(value, "ZZ" if international else "US"):
            if pattern.name not in _GROUPED or not validators.phone_ok(value, "MX"):
                return None
            # A Mexican number written without +52 ("664 127 5583", a Tijuana cell): families
            # live on both sides of the line. Almost any ten digits make one, so it counts
            # only beside a phone word.
            return Verdict(score=0.0, validator=validators.PHONE, context_score=0.85)
        if international:
            return Verdict(score=pattern.score, validator=validators.PHONE)
        digits = validators.digits_of(value)
        national = digits[1:] if len(digits) == 11 else digits
        if national[:3] in _TOLL_FREE:
            return Verdict(score=0.45, validator=validators.PHONE, context_score=0.5)
        if pattern.name == "phone_nanp_bare":
            start, end = match.span()
            # Ten bare digits next to "case", "account", "ssn"... are that identifier.
            if _OTHER_IDENTIFIER.search(st.fold, max(0, start - 30), start):
                return None
            if _OTHER_IDENTIFIER.search(st.fold, end, end + 25) and not self.context.around(
                st, start, end, 30, 0
            ):
                return None
        return Verdict(score=pattern.score, validator=validators.PHONE)
