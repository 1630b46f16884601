"""Child support case numbers, participant IDs, court and docket numbers.

California case numbers have no checksum and several formats (12-digit CSE case numbers,
10-digit participant IDs, court numbers such as ``23FL012345`` or ``FAM-2019-004567``), so
the recognizer leans on context: an identifier within a few words after "case number",
"participant", "docket", "número de caso" is reported. Court-style numbers with a family-law
prefix are reported without context. "Caseworker" and "case manager" are not context.
"""

from __future__ import annotations

from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText, find_all, words

# The identifier itself: an optional letter prefix glued to it ("FL-", "CS#"), then digits
# and letters in chunks joined by a mandatory separator, so each chunk has one parse.
_IDENTIFIER = regex(
    r"(?<![0-9a-z$/.-])(?:[a-z]{1,6}[-#]?)?[0-9][0-9a-z]*"
    r"(?:[-/.][0-9a-z]+|[ ][0-9]{3,})*(?![0-9a-z])"
)
_IDENTIFIER_START = regex(r"(?<![0-9a-z$/.-])(?:[a-z]{1,6}[-#]?)?[0-9]")
_KEYWORD = regex(
    word_start(
        r"case(?![ -]?(?:worker|manager|load|s\b))|caso|cases|casos|docket|participant|"
        r"participante|expediente|file|reference|referencia|member"
    )
    + r"(?![a-z])"
)
_STRONG_KEYWORD = regex(
    r"(?<![a-z])(?:case\s*(?:number|no\.?|num|#|id)|n(?:u|o)m(?:ero)?\.?\s*de\s*caso|"
    r"caso\s*(?:numero|no\.?|#)|no\.?\s*de\s*caso|participant\s*(?:id|number|#|no)|docket|"
    r"expediente|court\s*case|numero\s*de\s*participante)"
)
# The letters of a court number are a word of their own in the folded text ("23fl012345",
# "fam-2019-004567"), so the court pattern runs only when one of them is a word.
_COURT_WORDS = words("fl cs fam df dr fs cv cf fc famls famfl famss dcss bd fls rfl fcs ds")
# A family-law code glued to digits, when its letters are no word of their own ("21stfl04417",
# "famss2201456"): the court pattern is worth running.
_COURT_HINT = regex(
    r"[0-9][a-z]{0,3}(?:fl|fam|cs|df|dr|fs)[0-9]|(?:fl|fam|cs|df|hf|dcss)[a-z]{0,3}[-#]?[0-9]{2}"
)
# Court numbers carry a family-law code: after the year ("23FL012345", Los Angeles's
# "21STFL04417" with its court's letters before the code), or leading it with the county's
# letters ("FAMSS2201456", "FLRI2201583", "HF22-118740", "VFL-2017-08834"); a letter may close
# them ("23FL002914C").
_COURT = regex(
    r"(?<![0-9a-z])(?:[0-9]{2}[a-z]{0,3}(?:fl|cs|fam|df|dr|fs|cv|cf|fc)[0-9]{4,8}|"
    r"[a-z]{0,2}(?:fl|fam|famls|famfl|famss|dcss|bd|fls|df|rfl|fcs|ds|cs|hf)[a-z]{0,3}[-#]?"
    r"[0-9]{2,4}[-]?[0-9]{3,8})[a-z]?"
    r"(?![0-9a-z])"
)
# The same with spaces for dashes ("FAM 2018 00 2231", "FAMSS 22 01456"): only after the
# family codes that are no word of English or Spanish ("fl" is Florida, "cs" a course), or
# with a two-digit year before the code ("22 FL 00 3157"); ``analyze`` asks for eight digits
# at least.
_COURT_SPACED = regex(
    r"(?<![0-9a-z])(?:(?:fam|famls|famfl|famss)[a-z]{0,2}[ \t]?[-#]?[ \t]?[0-9]{2,4}"
    r"(?:[ \t]?-?[ \t]?[0-9]{2,8}){1,2}"
    # "22 FL 00 3157": the year, the code and the number, each a group of its own
    r"|[0-9]{2}[ \t]+(?:fl|cs|fam|df|dr|fs)[ \t]+[0-9]{2,6}(?:[ \t]+[0-9]{2,6}){0,2})"
    r"(?![0-9a-z])"
)
_COURT_SPACED_DIGITS = 8
# "9497911175 is my case number", "DR190447 was my divorce case": the identifier before the
# case words, a kind of case between them.
_IDENTIFIER_BEFORE = regex(
    r"(?<![0-9a-z$/.-])((?:[a-z]{1,6}[-#]?)?[0-9][0-9a-z]*(?:[-/.][0-9a-z]+)*)\s*[,:=-]?\s*"
    r"(?:(?:is|es|was|=)\s+)?(?:(?:my|mi|our|the|el|su|his|her)\s+)?"
    r"(?:(?:divorce|custody|support|child\s+support|court|family|old|new|first|paternity)\s+)?$"
)
_DIGIT = regex(r"[0-9]")
# Twelve digits standing alone: the shape of a state child support case number. On a child
# support page nothing else is written that way (amounts, dates and phones are shorter or
# punctuated), so it is reported without a case word; a bank word nearby makes it an account.
_BARE_STATE_CASE = regex(r"[0-9](?<![0-9a-z$#.,/-][0-9])[0-9]{11}(?![0-9a-z]|[.,/-][0-9])")
_DATE_LIKE = regex(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}")
_KEYWORDS = frozenset(
    {
        "case",
        "caso",
        "cases",
        "casos",
        "docket",
        "participant",
        "participante",
        "expediente",
        "file",
        "reference",
        "referencia",
        "member",
    }
)
_WINDOW = 32
#: Digits a number needs after "cases"/"casos" (a state case number has twelve).
_PLURAL_DIGITS = 8
_STRONG_WINDOW = 48


class CaseNumberRecognizer(Recognizer):
    """Identifiers after case words, and family-court numbers on their own."""

    name = "case_number"
    entity = EntityType.CASE_NUMBER
    vocabulary = _KEYWORDS
    context_before = 40
    context_after = 0

    def gate(self, st: ScanText) -> bool:
        """Five digits at least."""
        return st.has_digit and st.digit_count()[0] >= 5

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Court formats anywhere; other identifiers only in the window after a case word."""
        fold = st.fold
        if st.any_of(_COURT_WORDS) or _COURT_HINT.search(fold) is not None:
            for match in find_all(_COURT, fold):
                out.append(
                    self._finding(st, match.start(), match.end(), 0.8, "court_number_format")
                )
            for match in find_all(_COURT_SPACED, fold):
                if " " in match.group() and (
                    sum(c.isdigit() for c in match.group()) >= _COURT_SPACED_DIGITS
                ):
                    out.append(
                        self._finding(st, match.start(), match.end(), 0.8, "court_number_spaced")
                    )
        if 12 in st.run_lengths():
            for match in find_all(_BARE_STATE_CASE, fold):
                out.append(
                    self._finding(st, match.start(), match.end(), 0.6, "bare_state_case_number")
                )
        if not st.any_of(_KEYWORDS):
            return
        for keyword in find_all(_KEYWORD, fold):
            strong = _STRONG_KEYWORD.match(fold, keyword.start()) is not None
            low = max(0, keyword.start() - 40)
            before = (
                _IDENTIFIER_BEFORE.search(fold, low, keyword.start())
                if _DIGIT.search(fold, low, keyword.start())
                else None
            )
            if before is not None and self._plausible(fold, before.start(1), before.group(1)):
                out.append(
                    self._finding(
                        st,
                        before.start(1),
                        before.end(1),
                        0.85 if strong else 0.75,
                        "identifier_before_case_word",
                    )
                )
            # Find where an identifier starts inside the window, then match it whole: it may
            # end after the window and must not be cut short at the window's edge.
            # "case number" says a number follows, further on too ("my case number on the
            # check memo like they said: 200000087734"); a bare "case" only close by.
            window = _STRONG_WINDOW if strong else _WINDOW
            # "I have two cases, 200041887612 and ..." names them; "cases like 12345" is
            # rarely an identifier, so after a plural only a long number counts.
            plural = keyword.group().endswith("s") and keyword.group().startswith("cas")
            for begin in find_all(_IDENTIFIER_START, fold, keyword.end(), keyword.end() + window):
                whole = _IDENTIFIER.match(fold, begin.start())
                if whole is None:
                    continue
                if not self._plausible(fold, whole.start(), whole.group()):
                    continue
                if plural and sum(c.isdigit() for c in whole.group()) < _PLURAL_DIGITS:
                    continue
                out.append(
                    self._finding(
                        st,
                        whole.start(),
                        whole.end(),
                        0.9 if strong else 0.8,
                        "identifier_after_case_word",
                    )
                )
                break  # one identifier per keyword: the next number is something else

    @staticmethod
    def _plausible(fold: str, start: int, value: str) -> bool:
        """Five digits or more, not a date, not an amount, not absurdly long."""
        digits = sum(c.isdigit() for c in value)
        if digits < 5 or len(value) > 32 or _DATE_LIKE.fullmatch(value):
            return False
        return fold[start - 1 : start] != "$"

    def _finding(self, st: ScanText, start: int, end: int, score: float, pattern: str) -> Finding:
        return Finding(
            type=self.entity,
            start=start,
            end=end,
            score=score,
            recognizer=self.name,
            pattern=pattern,
            validator=None,
            context_words=self.context_around(st, start, end),
        )
