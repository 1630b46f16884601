"""Text normalized against disguise, with every offset mapped back to the original.

A disclosure does not change by being disguised (DESIGN.md, "Obfuscation"): an SSN with a
zero-width space, in full-width digits, with letters for digits, spaced or spelled out, and
an email with "[at]" are the same disclosure. Every reader of a comment — the recognizers, the
trained classifier, the outbound guard — reads :func:`normalize`'s result, and every span
found in it is mapped back (:meth:`Normalized.original_span`) so that explanations, redaction
and the console mark the characters the writer typed.

What changes, in order:

1. Unicode NFKC, one character (with its combining marks) at a time so each output
   character knows where it came from, where it yields ASCII: full-width digits and
   letters, ligatures, styled and circled forms ("１２３" → "123", "＠" → "@", "𝖲" → "S").
   Other scripts keep their own compatibility characters; combining marks are composed.
   Digits of other scripts become ASCII digits ("٥٤٨" → "548", "੫" → "5").
   A dash of any width between digits (a non-breaking hyphen, an en dash, a minus sign)
   becomes "-": "909‑555‑0148" is the number typed with ordinary hyphens.
2. Invisible characters are removed: zero-width spaces and joiners, the soft hyphen,
   bidirectional controls, variation selectors and the keycap mark ("2️⃣" → "2").
3. Look-alike letters are folded to the Latin letters they imitate (Unicode's own
   ``confusables.txt``, UTS #39), only inside a word that mixes scripts ("раypal" with a
   Cyrillic "р" and "а"), or in a word wholly made of look-alikes inside a Latin-script
   comment ("ЅЅΝ"). A comment written in Russian or Armenian stays as written.
4. Letters standing for digits, only inside a run that is mostly digits: O/o → 0, l/I → 1,
   S → 5, B → 8, Z → 2 ("5O8-2l-7736" → "508-21-7736", "2OO OOO 84S" → "200 000 845"). Every
   such letter must touch a digit (an O may stand among O's: "OOO"), so "BOSS 2024" keeps its
   letters, and so does a court number like ``19FL001234``, whose letters are not look-alikes;
   a run needs three digits in four characters ("33O5 Orcutt Rd"). One letter before seven
   digits is a licence number's own letter (``B4829301``), a letter and a hyphen a road's
   ("I-405").
5. Digits written out or spaced, in English and Spanish, when three or more come together
   (two when both are words: "twelve forty-eight"): "five four eight", "cinco tres uno,
   veintidós", "5 4 8 - 2 1", a number broken over lines. The run becomes its digits, joined
   ("548217736"), except four groups joined by dots, which stay an address ("201 . 141 . 88 .
   19" → "201.141.88.19"). A capital letter just before keeps its place ("D.6.6.0.2.9.1.4" →
   "D6602914"). "one kid", "once" and "twenty-one" stay as written.
6. Dates said in words, where a birth date hides in them: an ordinal next to a month
   ("the ninth of June", "June third" → "9th of June", "June 3rd"), a Spanish day before
   "de <mes>" ("ocho de marzo" → "8 de marzo") and a Spanish year ("mil novecientos noventa
   y uno" → "1991"); English years said in words are step 5's ("nineteen fifty-two").
7. Digits standing for letters inside a word, between letters: "ching4da", "p3nd3jo",
   "sh1t" → "chingada", "pendejo", "shit" (0→o, 1→i, 3→e, 4→a, 5→s, 7→t). A digit beside
   another digit or at a word's edge is a digit ("B4829301", "covid19", "mp3").
8. Email addresses written around filters: "[at]", "(at)", "{at}" → "@", "[dot]", "(dot)",
   "[.]" → "."; "arroba" and "punto" in a Spanish address ("lupe punto castaneda arroba gmail
   punto com"), "at" and "dot" in an English one that ends in a known domain; an at-word
   of another language too ("jinwoo.kim88 골뱅이 daum.net"); spaces around
   "@" and "." inside an address; an address spelled one letter at a time.

Steps 5 and 6 are :mod:`casewarden.detect.spoken_numbers`'s.

Most comments need none of this: :func:`needs_normalizing` answers from what the scan
already knows (ASCII or not, a few word and digit shapes), and :func:`normalize` returns
the text itself, unmapped, when nothing changed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from casewarden.detect.rules import read_data_file
from casewarden.detect.spoken_numbers import (
    DATE_WORDS,
    DIGIT_OF_WORD,
    DIGIT_WORDS,
    SEP_CHARS,
    date_word_edits,
    house_number_edits,
    number_run_edits,
)

# Removed outright: they are invisible, so a writer puts them inside a number to break it.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
    "\ufe0e\ufe0f\u20e3"
)
# An invisible character beside a letter or digit: inside an emoji sequence ("❤️", a ZWJ
# family) it disguises nothing, beside "5" or "a" it may.
_INVISIBLE_BY_WORD = re.compile(
    "(?<=\\w)[" + "".join(sorted(_INVISIBLE)) + "]|[" + "".join(sorted(_INVISIBLE)) + "](?=\\w)"
)
# A letter of another script than Latin: the only place a look-alike can hide.
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "l": "1", "I": "1", "S": "5", "B": "8", "Z": "2"}
_LIKE = "0-9OolISBZ"
# Groups of digits and look-alike letters, joined by short separators; each group holds a
# digit or is all O's ("2OO OOO 84S"), or is one look-alike typed alone before a digit
# ("5 O 9 - 4 4 - l 2 7 8"); a letter may lead the first ("D5O1l839").
_LIKE_GROUP = rf"(?:[{_LIKE}]*[0-9][{_LIKE}]*|[Oo]+|[OolISBZ](?=[ .\-/–]{{1,3}}[0-9]))"
_LOOKALIKE_RUN = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z]?{_LIKE_GROUP}(?:[ .\-/–]{{1,3}}{_LIKE_GROUP})*(?![A-Za-z0-9])"
)
# Two or more letters, one of them no digit's look-alike, then a separator: a word.
_WORD_HEAD = re.compile(r"(?=[A-Za-z]*[^0-9OolISBZ\W_])[A-Za-z]{2,}[ .\-/–]{1,3}")

# A California court number: two year digits, two or three case-type letters, the serial.
_COURT_SHAPE = re.compile(
    rf"(?<![A-Za-z0-9])([0-9OolI]{{2}})([A-Z]{{2,3}}?)([{_LIKE}]{{4,8}})(?![A-Za-z0-9])"
)

# Dashes of every width between digits (or look-alike letters beside digits): a phone or an
# SSN typed with a non-breaking hyphen, an en dash or a minus sign is the same number.
_DIGIT_DASH = re.compile(r"(?<=[0-9OolISBZ])[\u2010-\u2015\u2212\u2043\ufe58](?=[0-9OolISBZ])")

# Separators said as words between digit groups (spoken_numbers reads them in a run).
_SAID_SEPARATORS = frozenset({"dash", "guion", "hyphen"})
# A decimal digit of a script other than ASCII (full-width digits are NFKC's already).
_OTHER_SCRIPT_DIGIT = re.compile(r"(?![0-9])\d")

_BRACKETED = re.compile(r"\s?[\[\(\{<]\s?(at|arroba|@|dot|punto|\.)\s?[\]\)\}>]\s?", re.IGNORECASE)
_BRACKETED_OUT = {"at": "@", "arroba": "@", "@": "@", "dot": ".", "punto": ".", ".": "."}
_TLD = r"(?:com|net|org|edu|gov|mil|mx|us|io|co|info|biz)"
_PROVIDERS = r"(?:gmail|yahoo|hotmail|outlook|icloud|aol|live|msn|protonmail)"
# "lupe punto castaneda arroba gmail punto com", "mike at gmail dot com", "x at gmail".
# Every quantifier is bounded and every pattern starts at a word's start: these run on
# whatever a comment holds, 400,000 characters of digits included.
_SAID_EMAIL = re.compile(
    r"(?<![\w@+\-])([\w+\-]{1,64}(?:\s(?:punto|dot)\s[\w+\-]{1,64}){0,4})"
    r"\s(?:arroba|at)\s"
    rf"((?:[\w\-]{{1,63}}\s(?:punto|dot)\s){{1,4}}{_TLD}|{_PROVIDERS})\b",
    re.IGNORECASE,
)
# Words one of which a said address holds: the gate's first, cheap test.
_SAID_EMAIL_WORDS = frozenset(
    {"arroba", "punto", "dot", "gmail", "yahoo", "hotmail", "outlook", "icloud", "aol"}
)
# "rosy_lara arroba prodigy.net.mx", "jinwoo.kim88 골뱅이 daum.net" (Korean's word for "@"),
# "vika.s собака mail.ru": an at-word between an address and a dotted domain. The English
# "at" counts only when the left side looks like an address ("lupe.v88 at yahoo.com"), not
# a place of work ("he works at amazon.com").
_AT_WORD_EMAIL = re.compile(
    r"(?<![\w@+\-.])([\w+\-.]{1,64})\s(arroba|at|골뱅이|собака)\s"
    r"([\w\-]{1,63}(?:\.[\w\-]{1,63}){1,3})(?![\w\-])",
    re.IGNORECASE,
)
_ADDRESS_LIKE_LOCAL = re.compile(r"[0-9._]")
_AT_WORDS = frozenset({"arroba", "at"})
_SAID_DOT = re.compile(r"\s(?:punto|dot)\s", re.IGNORECASE)
# "deb . purcell @ yahoo . com": spaces around the address's own punctuation.
_SPACED_EMAIL = re.compile(
    r"(?<![\w+\-.])[\w+\-]{1,64}(?:\s?\.\s?[\w+\-]{1,64}){0,4}\s?@\s?[\w\-]{1,63}"
    rf"(?:\s?\.\s?[\w\-]{{1,63}}){{0,3}}\s?\.\s?{_TLD}\b",
    re.IGNORECASE,
)
# An address typed one character at a time: "d e v o n . h a r p e r @ o u t l o o k . c o m".
_LETTER_SPACED = re.compile(r"(?<!\S)(?:\S ){5,80}\S(?=[\s,;:!?)]|$)")

#: Cheap shapes that say a comment may need normalizing (a superset; ``normalize`` decides).
_DIGIT_DISGUISE = re.compile(
    rf"[0-9][OolISBZ]|[OolISBZ][0-9]|[0-9][{re.escape(SEP_CHARS)}]{{1,4}}[0-9]"
    rf"[{re.escape(SEP_CHARS)}]{{1,4}}[0-9]|[0-9][ .]?\n|[0-9] [.\-–·‧] [0-9]"
    r"|[0-9] ?[*★☆✦~•·∙‧|] ?[0-9]"
)


def needs_normalizing(
    text: str, tokens: list[str], words: frozenset[str], *, has_digit: bool
) -> bool:
    """Whether ``normalize(text)`` may change ``text``; ``tokens`` are its folded words in
    order and ``words`` the same as a set.

    A superset of what ``normalize`` changes, answered cheaply, in C where it can be: most
    comments (an emoji, an accent, a question) need none of it.
    """
    if not text.isascii() and (
        not unicodedata.is_normalized("NFKC", text)
        or _INVISIBLE_BY_WORD.search(text) is not None
        or _NON_LATIN_LETTER.search(text) is not None
        or (has_digit and _DIGIT_DASH.search(text) is not None)
        or _OTHER_SCRIPT_DIGIT.search(text) is not None
    ):
        return True
    if not words.isdisjoint(DIGIT_WORDS) and (
        has_digit or sum(1 for token in tokens if token in DIGIT_WORDS) >= 2
    ):
        return True  # one number word alone ("one kid") is a word
    if not words.isdisjoint(DATE_WORDS):
        return True
    if has_digit and not words.isdisjoint(_SAID_SEPARATORS):
        return True  # "619 guion 55 guion 2381": digit groups joined by a said separator
    if has_digit and (
        _DIGIT_DISGUISE.search(text) is not None
        or _LEET_DIGIT.search(text) is not None
        or _GLUED_DIGIT_WORD.search(text) is not None
    ):
        return True
    if _SPELLED_LETTERS.search(text) is not None:
        return True
    if "@" in text and (
        _SPACED_EMAIL.search(text) is not None or _LETTER_SPACED.search(text) is not None
    ):
        return True
    if ("[" in text or "(" in text or "{" in text or "<" in text) and (
        _BRACKETED.search(text) is not None
    ):
        return True
    if not words.isdisjoint(_SAID_EMAIL_WORDS) and _SAID_EMAIL.search(text) is not None:
        return True
    return not words.isdisjoint(_AT_WORDS) and _AT_WORD_EMAIL.search(text) is not None


class Normalized:
    """A comment's normalized text and, when it differs, where each character came from."""

    __slots__ = ("_ends", "_starts", "original", "text")

    def __init__(
        self,
        original: str,
        text: str | None = None,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self.original = original
        self.text = original if text is None else text
        # starts[i], ends[i]: the original span normalized character i came from.
        self._starts = starts
        self._ends = ends

    @property
    def changed(self) -> bool:
        """Whether the normalized text differs from the original."""
        return self._starts is not None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalized span ``[start, end)``."""
        if self._starts is None or self._ends is None:
            return start, end
        if end <= start:  # an empty span sits before character ``start``
            position = self._starts[start] if start < len(self._starts) else len(self.original)
            return position, position
        return self._starts[start], self._ends[end - 1]


class _Rewrite:
    """Text under rewriting, each character knowing its original span."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends

    def replace(self, edits: list[tuple[int, int, str]]) -> None:
        """Apply non-overlapping ``(start, end, new)`` edits given in current offsets."""
        if not edits:
            return
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for start, end, new in sorted(edits):
            if start < cursor:
                continue  # overlapping edits: the first one stands
            pieces.append(self.text[cursor:start])
            starts.extend(self.starts[cursor:start])
            ends.extend(self.ends[cursor:start])
            if new:
                # Every new character stands for the whole replaced span.
                origin_start = self.starts[start] if start < end else self._point(start)
                origin_end = self.ends[end - 1] if start < end else origin_start
                pieces.append(new)
                starts.extend([origin_start] * len(new))
                ends.extend([origin_end] * len(new))
            cursor = end
        pieces.append(self.text[cursor:])
        starts.extend(self.starts[cursor:])
        ends.extend(self.ends[cursor:])
        self.text = "".join(pieces)
        self.starts = starts
        self.ends = ends

    def _point(self, index: int) -> int:
        if index < len(self.starts):
            return self.starts[index]
        return self.ends[-1] if self.ends else 0


def _unicode_stage(text: str) -> _Rewrite:
    """NFKC per character cluster and invisible characters removed, with the map."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        end = index + 1
        while end < length and unicodedata.combining(text[end]) and text[end] not in _INVISIBLE:
            end += 1
        if end == index + 1 and char.isascii():
            pieces.append(char)
            starts.append(index)
            ends.append(end)
            index = end
            continue
        if char in _INVISIBLE:
            index += 1
            continue
        cluster = text[index:end]
        out = unicodedata.normalize("NFKC", cluster)
        if len(cluster) == 1 and char.isdecimal() and not out.isascii():
            # A digit of another script (Arabic-Indic "٥", Persian "۵", Gurmukhi "੫", Khmer
            # "៥"): an SSN typed on an Arabic or Punjabi keyboard is the same number.
            out = str(unicodedata.decimal(char))
        if not out.isascii():
            # Only compatibility forms of ASCII (full-width, ligatures, circled and styled
            # letters and digits) are folded; other scripts stay as written ("և" is not "եւ"),
            # with their combining marks composed.
            out = unicodedata.normalize("NFC", cluster)
        out = "".join(c for c in out if c not in _INVISIBLE)
        if len(out) == len(cluster):
            starts.extend(range(index, end))
            ends.extend(range(index + 1, end + 1))
        else:
            starts.extend([index] * len(out))
            ends.extend([end] * len(out))
        pieces.append(out)
        index = end
    return _Rewrite("".join(pieces), starts, ends)


@cache
def confusable_letters() -> dict[str, str]:
    """Single characters Unicode lists as confusable with one ASCII letter or digit."""
    table: dict[str, str] = {}
    for line in read_data_file("unicode", "confusables.txt").splitlines():
        line = line.lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        fields = line.split(";")
        if len(fields) < 2:
            continue
        try:
            source = "".join(chr(int(cp, 16)) for cp in fields[0].split())
            target = "".join(chr(int(cp, 16)) for cp in fields[1].split())
        except ValueError:
            continue
        if (
            len(source) == 1
            and not source.isascii()
            and len(target) == 1
            and target.isascii()
            and target.isalnum()
        ):
            table[source] = target
    return table


def _script(char: str) -> str:
    """The script of a letter, read off its Unicode name ("CYRILLIC SMALL LETTER A")."""
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


_WORD = re.compile(r"\w+")


def _lookalike_edits(text: str) -> list[tuple[int, int, str]]:
    """Fold look-alike letters in words that mix scripts, or that only imitate Latin ones."""
    table = confusable_letters()
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if _script(c) == "LATIN")
    mostly_latin = bool(letters) and latin * 2 > len(letters)
    edits: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if c.isalpha()}
        imitation = mostly_latin and all(c.isascii() or c in table for c in word)
        if not (len(scripts) > 1 and "LATIN" in scripts) and not imitation:
            continue
        base = match.start()
        for offset, char in enumerate(word):
            if not char.isascii() and char in table and _script(char) != "LATIN":
                edits.append((base + offset, base + offset + 1, table[char]))
    return edits


def _court_number_edits(text: str) -> list[tuple[int, int, str]]:
    """Letters standing for digits in a court number's year and serial ("2lFLOO3l57" is
    21FL003157); its case-type letters stay."""
    edits: list[tuple[int, int, str]] = []
    for match in _COURT_SHAPE.finditer(text):
        year, serial = match.group(1), match.group(3)
        if sum(c.isdigit() for c in year + serial) < 4 or (year + serial).isdigit():
            continue
        for group in (1, 3):
            start = match.start(group)
            for index, char in enumerate(match.group(group)):
                if not char.isdigit():
                    edits.append((start + index, start + index + 1, _LOOKALIKE_DIGITS[char]))
    return edits


def _lookalike_digit_edits(text: str) -> list[tuple[int, int, str]]:
    """Letters standing for digits inside a run that is mostly digits."""
    edits: list[tuple[int, int, str]] = _court_number_edits(text)
    for match in _LOOKALIKE_RUN.finditer(text):
        run = match.group()
        start = match.start()
        head = _WORD_HEAD.match(run)
        if head is not None:
            # A word of letters before the digits is a word ("el 200041887612", "ID 2O19"),
            # not part of the number: only what follows it is read.
            start += head.end()
            run = run[head.end() :]
        flat = [(i, c) for i, c in enumerate(run) if c.isalnum()]
        chars = "".join(c for _, c in flat)
        digits = sum(1 for c in chars if c.isdigit())
        zeros = sum(1 for c in chars if c in "Oo")
        letters = len(chars) - digits
        # Three digits in four characters or more ("33O5 Orcutt Rd") are a number already.
        if letters == 0 or digits < 3 or len(chars) < 4 or digits < letters - zeros:
            continue
        # One letter before seven digits is a licence number's own ("B4829301"); a letter and
        # a hyphen name a road or a form ("I-405", "B-12").
        keep_first = chars[0].isalpha() and (
            chars[0] not in _LOOKALIKE_DIGITS
            or (len(chars) == 8 and all(c.isdigit() or c in _LOOKALIKE_DIGITS for c in chars[1:]))
            or (chars[0] not in "Oo" and run[flat[0][0] + 1 : flat[0][0] + 2] == "-")
        )
        convertible = True
        for position, char in enumerate(chars):
            if char.isdigit() or (position == 0 and keep_first):
                continue
            if char not in _LOOKALIKE_DIGITS:
                convertible = False
                break
            before = chars[position - 1] if position else ""
            after = chars[position + 1] if position + 1 < len(chars) else ""
            if not (char in "Oo" or before.isdigit() or after.isdigit() or "O" in before + after):
                convertible = False  # "BOSS 2024": a letter for a digit sits by digits
                break
        if not convertible:
            continue
        for position, (index, char) in enumerate(flat):
            if char.isalpha() and not (position == 0 and keep_first):
                edits.append((start + index, start + index + 1, _LOOKALIKE_DIGITS[char]))
    return edits


_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET_DIGIT = re.compile(r"(?<=[A-Za-z])[013457](?=[A-Za-z])")
# A word's last letter as a digit ("p3nd3j4d4"), taken only in a word with a digit for a
# letter inside it too: "Kayla4" and "mp3" stay as written.
_LEET_LAST = re.compile(r"(?<=[A-Za-z])[013457](?![A-Za-z0-9])")
# A code with two digits side by side ("WDLK7Q2390XB") is an identifier, not a word in
# disguise: its digits stay digits.
_DIGIT_PAIR = re.compile(r"[0-9][0-9]")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
# A digit word glued between digits ("916-4four4-2190").
_GLUED_DIGIT_WORD = re.compile(
    r"(?<=[0-9])(" + "|".join(sorted(DIGIT_OF_WORD, key=len, reverse=True)) + r")(?=[0-9])",
    re.IGNORECASE,
)
# Three or more letters typed one at a time with one separator ("s s n", "F-U-C-K",
# "s.h.i.t"): the word they spell.
_SPELLED_LETTERS = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]([ .\-*_])[A-Za-z](?:\1[A-Za-z])+(?![A-Za-z0-9])"
)


def _leet_edits(text: str) -> list[tuple[int, int, str]]:
    """Digits standing for letters between letters (step 7), outside codes."""
    edits = []
    for match in _LEET_DIGIT.finditer(text):
        token = _TOKEN.search(text, max(0, match.start() - 40))
        while token is not None and token.end() <= match.start():
            token = _TOKEN.search(text, token.end())
        if token is not None and _DIGIT_PAIR.search(token.group()) is not None:
            continue
        edits.append((match.start(), match.end(), _LEET[match.group()]))
        if token is not None:
            last = _LEET_LAST.match(token.group(), len(token.group()) - 1)
            if last is not None and token.end() - 1 > match.start():
                edits.append((token.end() - 1, token.end(), _LEET[last.group()]))
    return sorted(set(edits))


def _digit_dash_edits(text: str) -> list[tuple[int, int, str]]:
    """A dash of any width between digits, as the ASCII hyphen."""
    return [(m.start(), m.end(), "-") for m in _DIGIT_DASH.finditer(text)]


def _glued_word_edits(text: str) -> list[tuple[int, int, str]]:
    """A digit word typed between digits, as its digit."""
    return [
        (m.start(), m.end(), DIGIT_OF_WORD[m.group().lower()])
        for m in _GLUED_DIGIT_WORD.finditer(text)
    ]


def _spelled_letter_edits(text: str) -> list[tuple[int, int, str]]:
    """Letters typed one at a time, as the word they spell."""
    if "@" in text:
        return []  # an address spelled out is step 8's, whole ("d e v o n 8 8 @ ...")
    return [
        (m.start(), m.end(), m.group().replace(m.group(1), ""))
        for m in _SPELLED_LETTERS.finditer(text)
    ]


def _email_edits(text: str) -> list[tuple[int, int, str]]:
    """Email addresses written around filters, as addresses."""
    edits = [
        (m.start(), m.end(), _BRACKETED_OUT[m.group(1).lower()]) for m in _BRACKETED.finditer(text)
    ]
    if edits:
        return edits  # one kind of disguise at a time: the next pass reads the result
    for match in _SAID_EMAIL.finditer(text):
        local = _SAID_DOT.sub(".", match.group(1))
        domain = _SAID_DOT.sub(".", match.group(2))
        edits.append((match.start(), match.end(), f"{local}@{domain}"))
    if edits:
        return edits
    for match in _AT_WORD_EMAIL.finditer(text):
        local, word, domain = match.groups()
        top = domain.rsplit(".", 1)[-1]
        if not (top.isascii() and top.isalpha() and 2 <= len(top) <= 6):
            continue
        if word.lower() == "at" and _ADDRESS_LIKE_LOCAL.search(local) is None:
            continue
        edits.append((match.start(), match.end(), f"{local}@{domain}"))
    if edits:
        return edits
    for match in _SPACED_EMAIL.finditer(text):
        if " " in match.group():
            edits.append((match.start(), match.end(), match.group().replace(" ", "")))
    if edits:
        return edits
    for match in _LETTER_SPACED.finditer(text):
        if "@" in match.group():
            edits.append((match.start(), match.end(), match.group().replace(" ", "")))
    return edits


def normalize(text: str) -> Normalized:
    """``text`` normalized against disguise, with the map back to ``text``."""
    rewrite = _unicode_stage(text)
    rewrite.replace(_digit_dash_edits(rewrite.text))
    rewrite.replace(_lookalike_edits(rewrite.text))
    rewrite.replace(_spelled_letter_edits(rewrite.text))
    rewrite.replace(_glued_word_edits(rewrite.text))
    rewrite.replace(_lookalike_digit_edits(rewrite.text))
    rewrite.replace(date_word_edits(rewrite.text))
    rewrite.replace(number_run_edits(rewrite.text))
    rewrite.replace(house_number_edits(rewrite.text))
    rewrite.replace(_leet_edits(rewrite.text))
    # Two email passes: a bracketed "(dot)" may sit in an address that also says "arroba".
    rewrite.replace(_email_edits(rewrite.text))
    rewrite.replace(_email_edits(rewrite.text))
    if rewrite.text == text:
        return Normalized(text)
    return Normalized(text, rewrite.text, rewrite.starts, rewrite.ends)
