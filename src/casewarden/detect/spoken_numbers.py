"""Digits and dates said in words, read as digits: normalization's steps 5 and 6 (see
:mod:`casewarden.detect.normalize`).

"five four eight", "cinco tres uno, veintidós" and "5 4 8 - 2 1" become "548..."; "the ninth
of June" becomes "9th of June", "ocho de marzo" "8 de marzo", "mil novecientos noventa y uno"
"1991". Each function returns the edits (:class:`~casewarden.detect.normalize` applies them
and keeps the map back to the original).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Each digit word and the digit it says.
DIGIT_OF_WORD = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5",
    "seis": "6", "siete": "7", "ocho": "8", "nueve": "9",
}  # fmt: skip
_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    "diez": "10", "once": "11", "doce": "12", "trece": "13", "catorce": "14", "quince": "15",
    "dieciseis": "16", "dieciséis": "16", "diecisiete": "17", "dieciocho": "18",
    "diecinueve": "19", "veintiuno": "21", "veintidos": "22", "veintidós": "22",
    "veintitres": "23", "veintitrés": "23", "veinticuatro": "24", "veinticinco": "25",
    "veintiseis": "26", "veintiséis": "26", "veintisiete": "27", "veintiocho": "28",
    "veintinueve": "29",
}  # fmt: skip
_TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5", "sixty": "6",
    "seventy": "7", "eighty": "8", "ninety": "9",
    "veinte": "2", "treinta": "3", "cuarenta": "4", "cincuenta": "5", "sesenta": "6",
    "setenta": "7", "ochenta": "8", "noventa": "9",
}  # fmt: skip
_HUNDREDS = {
    "cien": "1", "ciento": "1", "doscientos": "2", "trescientos": "3", "cuatrocientos": "4",
    "quinientos": "5", "seiscientos": "6", "setecientos": "7", "ochocientos": "8",
    "novecientos": "9",
}  # fmt: skip
# Words that never start a run: "oh" is an exclamation, "once" an English word.
_CONTINUE_ONLY = frozenset({"oh", "once"})
#: Number words that can start a run of written-out digits (for the cheap gate).
DIGIT_WORDS = frozenset(
    w
    for w in (*DIGIT_OF_WORD, *_TEENS, *_TENS, *_HUNDREDS)
    if w not in _CONTINUE_ONLY and w.isascii()
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONES = _alternation(w for w in DIGIT_OF_WORD if w != "oh")
_TENS_WORD = _alternation(_TENS)
_BELOW_HUNDRED = rf"(?:(?:{_TENS_WORD})(?:[ -](?:y )?(?:{_ONES}))?|{_alternation(_TEENS)}|{_ONES})"
# A number of hundreds said in words: "four hundred twelve", "quinientos cuarenta y dos".
_HUNDRED_UNIT = (
    rf"(?:(?:{_ONES})[ -]hundred(?:[ -](?:and )?{_BELOW_HUNDRED})?"
    rf"|(?:{_alternation(_HUNDREDS)})(?: {_BELOW_HUNDRED})?)"
)
# A number of thousands said in words, as the last four digits of an SSN or a phone are said
# aloud: "ocho mil ciento quince", "eight thousand one hundred fifteen", "mil doscientos".
_THOUSAND_UNIT = (
    rf"(?:(?:{_BELOW_HUNDRED})[ -])?(?:thousand|mil)"
    rf"(?:[ -](?:and )?(?:{_HUNDRED_UNIT}|{_BELOW_HUNDRED}))?"
)
# One unit of a number run: thousands, hundreds, a tens word with its ones ("forty-eight",
# "cuarenta y uno"), a teen, a digit word, or digits.
_UNIT = (
    rf"(?:{_THOUSAND_UNIT}|{_HUNDRED_UNIT}|(?:{_TENS_WORD})(?:[ -](?:y )?(?:{_ONES}))?|"
    rf"{_alternation(_TEENS)}|{_alternation(DIGIT_OF_WORD)}|[0-9]+)"
)
# Between units: spaces and punctuation, a line break, or a separator said as a word.
SEP_CHARS = " \t\n,.\\-/()–—‧·•∙_|*★☆✦~"
# Dashes said as words between groups of digits ("619 guion 55 guion 2381").
_SAID_DASHES = frozenset({"dash", "guion", "guión", "hyphen"})
# Separators nobody writes a number with but to get it past a filter ("530 ★ 277 ★ 9014",
# "650 • 321 • 8874", "650|321|8874").
_SYMBOL_SEPARATORS = frozenset("*★☆✦~•·∙‧|")
# (The word comes first: the parts are read back with finditer, which takes the first
# alternative that matches.)
_SEP = rf"(?:\s(?:dash|guion|guión|hyphen|slash|dot|punto)\s|[{re.escape(SEP_CHARS)}]{{1,4}})"
# A capital letter just before a run is the run's own ("D.6.6.0.2.9.1.4").
_RUN_START = r"(?:(?<![A-Za-z0-9])(?-i:[A-Z])(?:[ .\-]|, ?)?|(?<![A-Za-z0-9]))"
# Inside a run, a capital O among said digits is a zero ("two two O nine"); never a lower-case
# "o", which is Spanish for "or" ("uno o dos").
_NEXT_UNIT = rf"(?:{_UNIT}|(?-i:O)(?![A-Za-z0-9]))"
_NUMBER_RUN = re.compile(
    rf"{_RUN_START}{_UNIT}(?:{_SEP}{_NEXT_UNIT})+(?![A-Za-z0-9])", re.IGNORECASE
)
_LIST_MARKER = re.compile(r"\n[ \t]*[0-9]{1,2}[).]")
_HUNDRED_MATCH = re.compile(
    rf"(?:({_ONES})[ -]hundred|({_alternation(_HUNDREDS)}))(?:[ -](?:and )?({_BELOW_HUNDRED}))?$",
    re.IGNORECASE,
)
_RUN_PART = re.compile(rf"({_NEXT_UNIT})|({_SEP})", re.IGNORECASE)
_THOUSAND_MATCH = re.compile(
    rf"(?:({_BELOW_HUNDRED})[ -])?(?:thousand|mil)(?:[ -](?:and )?(.+))?$", re.IGNORECASE
)
_TENS_UNIT = re.compile(rf"({_TENS_WORD})(?:[ -](?:y )?({_ONES}))?$", re.IGNORECASE)


def _unit_digits(unit: str) -> str:
    """A run's unit as digits: "48", "cuarenta y uno" → "41", "forty" → "40", "five" → "5",
    "quinientos cuarenta y dos" → "542", "four hundred twelve" → "412"."""
    if unit.isdigit():
        return unit
    if unit == "O":
        return "0"
    low = unit.lower()
    thousands = _THOUSAND_MATCH.match(low)
    if thousands is not None:
        head = _unit_digits(thousands.group(1)) if thousands.group(1) else "1"
        rest = thousands.group(2)
        tail = _unit_digits(rest) if rest else "000"
        return head + tail.zfill(3) if head and tail else ""
    hundreds = _HUNDRED_MATCH.match(low)
    if hundreds is not None:
        head = _HUNDREDS.get(hundreds.group(2)) or DIGIT_OF_WORD.get(hundreds.group(1) or "", "")
        rest = hundreds.group(3)
        tail = _unit_digits(rest) if rest else "00"
        return head + tail.zfill(2) if head and tail else ""
    if low in DIGIT_OF_WORD:
        return DIGIT_OF_WORD[low]
    if low in _TEENS:
        return _TEENS[low]
    tens = _TENS_UNIT.match(low)
    if tens is None:
        return ""
    ones = tens.group(2)
    return _TENS[tens.group(1)] + (DIGIT_OF_WORD[ones] if ones else "0")


def number_run_edits(text: str) -> list[tuple[int, int, str]]:
    """Written-out, spaced or broken digits as digits (see the module's step 5)."""
    edits: list[tuple[int, int, str]] = []
    for match in _NUMBER_RUN.finditer(text):
        run = match.group()
        lead = ""
        body = run
        if run[0].isalpha() and run[0].isupper() and not _starts_with_unit(run):
            lead, body = run[0], run[1:].lstrip(" .,-")
        units: list[str] = []
        said: list[bool] = []  # whether each unit was a word
        separators: list[str] = []
        for part in _RUN_PART.finditer(body):
            unit = part.group(1)
            if unit is None:
                separators.append(part.group(2))
                continue
            if not units and unit.lower() in _CONTINUE_ONLY:
                break
            units.append(_unit_digits(unit))
            said.append(not unit.isdigit())
        if not units or len(units) != len(separators) + 1:
            continue
        words = sum(said)
        digits = "".join(units)
        # A number broken over lines, not a numbered list ("born 1/1/2003\n2) Rupinder").
        broken = any("\n" in s for s in separators) and (
            _LIST_MARKER.search(text, match.start(), match.end() + 1) is None
        )
        singles = _longest_single_digit_streak(units)
        # Four groups of at most three digits between dots are an IP address: said or
        # spaced, it keeps its dots; already written plainly, it is left alone.
        groups = _dot_groups(units, separators)
        address = len(groups) == 4 and all(1 <= len(g) <= 3 for g in groups)
        if address and not any(s.strip(".") != "" or " " in s for s in separators):
            continue
        symbols = any(_SYMBOL_SEPARATORS.intersection(s) for s in separators)
        # "619 guion 55 guion 2381": groups of digits joined by a dash said as a word.
        said_dash = any(s.strip().lower() in _SAID_DASHES for s in separators)
        if not (
            (len(units) >= 3 and (words >= 2 or singles >= 3))
            or ((symbols or said_dash) and len(digits) >= 7)
            or (words >= 2 and len(units) == words and len(digits) >= 3)
            or (broken and len(digits) >= 7)
            or address
        ):
            continue  # an ordinary formatted number ("559 201 4567") is left as written
        # An IP address keeps its dots; anything else is its digits, and ten of them the
        # shape of a North American phone number, which is what ten digits said one by one
        # almost always are ("7 6 0 3 5 2 8 8 1 9" → "760-352-8819").
        rewritten = ".".join(groups) if address else _joined(units, said, separators)
        if not address and len(digits) == 10 and digits.isdigit():
            rewritten = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        start = match.start()
        if lead and len(digits) >= 5:
            rewritten = lead + rewritten
        elif lead:
            # A capital before a short number is a word of its own ("A, one two three"):
            # the number is rewritten, the letter left.
            start = match.end() - len(body)
            run = body
        if rewritten != run:
            edits.append((start, match.end(), rewritten))
    return edits


# A house number said as one number ("mil doscientos treinta y cuatro", "four hundred
# twelve"), read as digits only where a street follows: "de la calle Tyler", "Oak Street".
# Elsewhere one said number is an amount ("mil pesos") and stays words.
_STREET_WORD = (
    r"calle|avenida|camino|street|st|avenue|ave|road|rd|drive|dr|lane|ln|way|court|ct|"
    r"boulevard|blvd|circle|cir|place|pl"
)
_SAID_HOUSE_NUMBER = re.compile(
    rf"(?<![\w-])({_THOUSAND_UNIT}|{_HUNDRED_UNIT})"
    rf"(?=,?\s+(?:(?:de\s+la\s+|on\s+)?(?:{_STREET_WORD})(?![\w])"
    rf"|(?-i:[A-Z])[a-z]+\s+(?:{_STREET_WORD})(?![\w])))",
    re.IGNORECASE,
)


def house_number_edits(text: str) -> list[tuple[int, int, str]]:
    """A house number said as one number before its street, as digits."""
    edits = []
    for match in _SAID_HOUSE_NUMBER.finditer(text):
        digits = _unit_digits(match.group(1))
        if len(digits) >= 3:
            edits.append((match.start(1), match.end(1), digits))
    return edits


def _joined(units: list[str], said: list[bool], separators: list[str]) -> str:
    """The run as digits. Punctuation between two said groups ("seis seis uno, cuatro siete
    dos") or two groups of digits keeps the grouping as "-". Between digits typed one by one,
    one separator used throughout ("6-1-2-4-4") was the disguise, and goes; a separator that
    differs from what stands between the other digits ("9 1 6 - 7 2 0", "5-4-7 9-8 0-2-6-1")
    marks the number's own groups, as an SSN's or a phone's are written, and becomes "-"
    ("916-720", "547-98-0261"). Between two digits
    said one by one, a bare hyphen joins ("one-two-one, zero-four-two" is 121-042), and one
    separator used throughout groups nothing ("cuatro, siete, siete, dos" is 4772)."""
    uniform = len(set(separators)) == 1
    usual = max(set(separators), key=separators.count)
    out = [units[0]]
    for index, separator in enumerate(separators):
        low = separator.lower()
        punctuation = (
            any(c not in " \t\n" for c in separator) and "dot" not in low and "punto" not in low
        )
        both_said = said[index] and said[index + 1]
        both_groups = len(units[index]) > 1 and len(units[index + 1]) > 1
        said_singles = both_said and len(units[index]) == 1 and len(units[index + 1]) == 1
        # Digits typed one by one: a separator other than the usual one marks a group
        # ("9 1 6 - 7 2 0", "5-4-7 9-8 0-2-6-1").
        typed_singles = not both_said and len(units[index]) == 1 and len(units[index + 1]) == 1
        typed_group_mark = typed_singles and separator != usual
        if said_singles and (uniform or separator == "-"):
            pass
        elif typed_group_mark or (punctuation and (both_said or both_groups)):
            out.append("-")
        out.append(units[index + 1])
    return "".join(out)


def _dot_groups(units: list[str], separators: list[str]) -> list[str]:
    """The run's digits split where a separator is a dot ("." or said "dot", "punto")."""
    groups = [units[0]]
    for separator, unit in zip(separators, units[1:], strict=True):
        low = separator.lower()
        if "." in low or "dot" in low or "punto" in low:
            groups.append(unit)
        else:
            groups[-1] += unit
    return groups


def _starts_with_unit(run: str) -> bool:
    match = _RUN_PART.match(run)
    return match is not None and match.group(1) is not None


def _longest_single_digit_streak(units: list[str]) -> int:
    best = streak = 0
    for value in units:
        streak = streak + 1 if len(value) == 1 else 0
        best = max(best, streak)
    return best


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)
_ORDINAL_ONES = _alternation(o for o in _ORDINALS if _ORDINALS[o] < 10)
_ORDINAL = rf"(?:(?:twenty|thirty)[ -](?:{_ORDINAL_ONES})|{_alternation(_ORDINALS)})"
_ORDINAL_DATE = re.compile(
    rf"(?<![a-z])({_ORDINAL})(?=\s+of\s+(?:{_MONTH_NAMES})(?![a-z]))"
    rf"|(?<![a-z])(?:{_MONTH_NAMES})\.?\s+(?:the\s+)?({_ORDINAL})(?![a-z])",
    re.IGNORECASE,
)
_ES_NUMBER_WORDS = frozenset(
    [
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "trece",
        "catorce",
        "quince",
        "dieciseis",
        "dieciséis",
        "diecisiete",
        "dieciocho",
        "diecinueve",
        "veintiuno",
        "veintidos",
        "veintidós",
        "veintitres",
        "veintitrés",
        "veinticuatro",
        "veinticinco",
        "veintiseis",
        "veintiséis",
        "veintisiete",
        "veintiocho",
        "veintinueve",
    ]
)
_ES_DAY_WORDS = {
    **{w: d for w, d in (*DIGIT_OF_WORD.items(), *_TEENS.items()) if w in _ES_NUMBER_WORDS},
    "primero": "1", "veinte": "20", "treinta": "30", "treinta y uno": "31",
}  # fmt: skip
_ES_DAY = re.compile(
    rf"(?<![a-z0-9])({_alternation(_ES_DAY_WORDS)})"
    rf"(?=\s+de\s+(?:{_MONTH_NAMES})(?![a-z]))",
    re.IGNORECASE,
)
_ES_TENS = "veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa"
_ES_UNITS = "uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve"
_ES_TEENS = _alternation(w for w in _TEENS if w in _ES_NUMBER_WORDS)
_ES_YEAR = re.compile(
    r"(?<![a-z])(mil novecientos|dos mil)"
    rf"(?:\s+((?:{_ES_TENS})(?:\s+y\s+(?:{_ES_UNITS}))?|{_ES_TEENS}|{_ES_UNITS}))?"
    # "dos mil quinientos" is 2500, no year
    rf"(?![a-z])(?!\s+(?:{_alternation(_HUNDREDS)})(?![a-z]))",
    re.IGNORECASE,
)


# Words that can start a date said in words (for the cheap gate).
DATE_WORDS = frozenset((*_ORDINALS, "primero", "mil"))


def _ordinal_value(word: str) -> int:
    low = word.lower().replace("-", " ")
    if " " in low:
        tens, ones = low.split(None, 1)
        return (20 if tens == "twenty" else 30) + _ORDINALS[ones]
    return _ORDINALS[low]


def date_word_edits(text: str) -> list[tuple[int, int, str]]:
    """Dates said in words, as the birth-date recognizer reads dates (step 6)."""
    edits: list[tuple[int, int, str]] = []
    for match in _ORDINAL_DATE.finditer(text):
        group = 1 if match.group(1) else 2
        day = _ordinal_value(match.group(group))
        if 1 <= day <= 31:
            ordinal = f"{day}{_SUFFIX.get(day, 'th')}"
            edits.append((match.start(group), match.end(group), ordinal))
    for match in _ES_DAY.finditer(text):
        day = int(_ES_DAY_WORDS[match.group(1).lower()])
        edits.append((match.start(1), match.end(1), str(day)))
    for match in _ES_YEAR.finditer(text):
        century = "19" if match.group(1).lower().startswith("mil") else "20"
        value = _unit_digits(match.group(2)) if match.group(2) else "00"
        if value:
            edits.append((match.start(), match.end(), century + value.zfill(2)))
    return edits
