"""Dates of birth: a date next to a birth word, that could be someone's birth date.

A date alone is not personal information ("office closed Nov 27", "my hearing is 3/14"), so
the recognizer reports a date only with a birth word nearby ("born", "DOB", "birthday",
"nació", "fecha de nacimiento"), and only when the date exists and is not in the future.
Next to a child word ("my son", "mi hija") without a birth word, a past date of a plausible
child's age goes to review. Numeric dates are read month-first, or day-first when the first
number cannot be a month (Spanish writers use both).
"""

from __future__ import annotations

import datetime as dt

from casewarden.detect import validators
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText, find_all

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)[0-9]{2}"
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_ORD = r"(?:st|nd|rd|th|ro|do|to|vo)?"
# A year after a month name: four digits, or two ("9 Aug 88", "Aug 9, '88").
_NAMED_YEAR = (
    r"(" + _YEAR + r"|'?[0-9]{2}(?![0-9])(?![ \t]*(?:years?|yrs?|months?|weeks?|days?|anos|meses"
    r"|semanas|dias)(?![a-z])))"
)

# Each pattern starts with a character class or literal, its look-behind right after the
# first character: the regex engine then skips to digits (or month names) instead of trying
# the pattern at every position.
_NUMERIC = regex(
    r"([0-9](?<![0-9/.-][0-9])[0-9]?)([/.-])([0-9]{1,2})\2("
    + _YEAR
    + r"|[0-9]{2})(?![0-9]|[/.-][0-9])"
)
_ISO = regex(r"((?:1(?<![0-9]1)9|2(?<![0-9]2)0)[0-9]{2})-([0-9]{2})-([0-9]{2})(?![0-9])")
# Year, month and day as Chinese, Japanese and Korean write them: "1979年5月3日", "1979년 5월 3일".
_CJK = regex(
    r"((?:1(?<![0-9]1)9|2(?<![0-9]2)0)[0-9]{2})\s*[年년]\s*([0-9]{1,2})\s*[月월]\s*"
    r"([0-9]{1,2})(?![0-9])\s*[日일号]?"
)
# _DAY with its first digit consumed: "0" + 1-9, any digit alone, "1"/"2" + digit, "3" + 0/1.
_DAY_LED = r"[0-9](?<![0-9][0-9])(?:(?<=0)[1-9]|(?<=[1-9])|(?<=[12])[0-9]|(?<=3)[01])"
_MONTH_DAY = regex(
    r"("
    + word_start(_MONTH)
    + r")\.?\s+("
    + _DAY
    + r")"
    + _ORD
    + r"(?:,?\s+(?:of\s+|del?\s+)?"
    + _NAMED_YEAR
    + r")?(?![0-9])"
)
_DAY_MONTH = regex(
    r"(" + _DAY_LED + r")" + _ORD + r"\s+(?:of\s+|de\s+)?(" + _MONTH + r")(?![a-z])"
    r"(?:,?\s+(?:de(?:l)?\s+|of\s+)?" + _NAMED_YEAR + r")?"
)
_BIRTH = frozenset(
    {"born", "birth", "birthday", "birthdate", "bday", "dob", "b", "nacio", "naci", "naciste",
     "nacimos", "nacida", "nacido", "nacimiento", "cumpleanos", "cumple", "nacieron", "d",
     "sinh"}
)  # fmt: skip
_CHILD = regex(
    word_start(r"son|daughter|child|kid|baby|twins|boy|girl|hijo|hija|nino|nina|bebe|hijos|hijas")
    + r"(?![a-z])"
)
_CHILD_WORDS = frozenset(
    {"son", "daughter", "child", "kid", "baby", "twins", "boy", "girl", "hijo", "hija", "nino",
     "nina", "bebe", "hijos", "hijas"}
)  # fmt: skip
_CHILD_MAX_AGE = 25


class DateOfBirthRecognizer(Recognizer):
    """Numeric, ISO and month-name dates (English and Spanish) next to birth words."""

    name = "date_of_birth"
    entity = EntityType.DATE_OF_BIRTH
    vocabulary = _BIRTH | _CHILD_WORDS | frozenset(_MONTHS)
    triggers: frozenset[str] | None = _BIRTH | _CHILD_WORDS
    context_before = 50
    context_after = 25

    def gate(self, st: ScanText) -> bool:
        """A digit and a birth or child word."""
        return st.has_digit and (st.any_of(_BIRTH) or st.any_of(_CHILD_WORDS))

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Every date shape; score by birth context and plausibility."""
        today = dt.date.today()  # noqa: DTZ011 - a calendar date, not an instant
        fold = st.fold
        for match in find_all(_NUMERIC, fold):
            first, second = int(match.group(1)), int(match.group(3))
            year = self._year(match.group(4), today)
            if first > 12:
                first, second = second, first  # day-first (12/04/2015 read as 4 Dec too)
            self._consider(st, match.span(), year, first, second, "date_numeric", today, out)
        for pattern in (_ISO, _CJK):
            for match in find_all(pattern, fold):
                iso_year, month, day = (int(g) for g in match.groups())
                self._consider(st, match.span(), iso_year, month, day, "date_iso", today, out)
        for match in find_all(_MONTH_DAY, fold):
            named_year = self._year(match.group(3).lstrip("'"), today) if match.group(3) else None
            self._consider(
                st,
                match.span(),
                named_year,
                _MONTHS[match.group(1)],
                int(match.group(2)),
                "date_month_day",
                today,
                out,
            )
        for match in find_all(_DAY_MONTH, fold):
            named_year = self._year(match.group(3).lstrip("'"), today) if match.group(3) else None
            self._consider(
                st,
                match.span(),
                named_year,
                _MONTHS[match.group(2)],
                int(match.group(1)),
                "date_day_month",
                today,
                out,
            )

    @staticmethod
    def _year(text: str, today: dt.date) -> int:
        value = int(text)
        return validators.expand_year(value, today=today) if len(text) == 2 else value

    def _consider(
        self,
        st: ScanText,
        span: tuple[int, int],
        year: int | None,
        month: int,
        day: int,
        pattern: str,
        today: dt.date,
        out: list[Finding],
    ) -> None:
        start, end = span
        if not validators.birth_date_ok(year, month, day, today=today):
            return
        context = self.context_around(st, start, end)
        if context:
            score = 0.9 if year is not None else 0.75
        elif (
            year is not None
            and today.year - year <= _CHILD_MAX_AGE
            and _CHILD.search(st.fold, max(0, start - 40), start)
        ):
            score, context = 0.5, ("child word",)
        else:
            return
        out.append(
            Finding(
                type=self.entity,
                start=start,
                end=end,
                score=score,
                recognizer=self.name,
                pattern=pattern,
                validator=validators.BIRTH_DATE,
                context_words=context,
            )
        )
