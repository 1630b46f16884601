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
2. Zero-width characters, the soft hyphen and bidirectional controls are removed.
3. Look-alike letters are folded to the Latin letters they imitate (Unicode's own
   ``confusables.txt``, UTS #39), only inside a word that mixes scripts ("раypal" with a
   Cyrillic "р" and "а"), or in a word wholly made of look-alikes inside a Latin-script
   comment ("ЅЅΝ"). A comment written in Russian or Armenian stays as written.
4. Digits written out or spaced, in English and Spanish, when three or more come together:
   "five four eight", "cinco cuatro ocho", "5 4 8 - 2 1" → "548", "548-21". "one kid" and
   "once" stay words.
5. Letters standing for digits, only inside a run that is mostly digits: O/o → 0, l/I → 1,
   S → 5, B → 8 ("5O8-2l-7736" → "508-21-7736"). A run whose letters are not all look-alikes
   keeps them (a court number like ``19FL001234``), and so does one letter leading digits,
   the shape of a licence or ID number (``B4829301``).
6. "[at]", "(at)", "{at}" → "@"; "[dot]", "(dot)", "[.]" → "."; "arroba" and "punto" in
   brackets too.

Most comments need none of this: :func:`needs_normalizing` answers from what the scan
already knows (ASCII or not, a few word and digit shapes), and :func:`normalize` returns
the text itself, unmapped, when nothing changed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from casewarden.detect.rules import read_data_file

# Removed outright: they are invisible, so a writer puts them inside a number to break it.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5",
    "seis": "6", "siete": "7", "ocho": "8", "nueve": "9",
}  # fmt: skip
#: The words that may start a run of written-out digits ("oh" only continues one).
DIGIT_WORDS = frozenset(w for w in _DIGIT_WORDS if w != "oh")

_WORD_ALTERNATION = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
_UNIT = rf"(?:{_WORD_ALTERNATION}|[0-9]+)"
_SEP = r"[ \t,.\-/]{1,4}"
# Three or more digit units (words or digit runs) with short separators between them.
_DIGIT_RUN = re.compile(rf"(?<![a-z0-9]){_UNIT}(?:{_SEP}{_UNIT}){{2,}}(?![a-z0-9])", re.IGNORECASE)
_UNIT_OR_SEP = re.compile(rf"({_UNIT})|({_SEP})", re.IGNORECASE)

_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "l": "1", "I": "1", "S": "5", "B": "8"}
# A run of letters and digits, with single - . / inside (a formatted number is one run).
_ALNUM_RUN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9](?:[-./]?[A-Za-z0-9])*(?![A-Za-z0-9])")

_BRACKETED = re.compile(r"\s?[\[\(\{<]\s?(at|arroba|@|dot|punto|\.)\s?[\]\)\}>]\s?", re.IGNORECASE)
_BRACKETED_OUT = {"at": "@", "arroba": "@", "@": "@", "dot": ".", "punto": ".", ".": "."}

#: Cheap shapes that say a comment may need normalizing (a superset; ``normalize`` decides).
_DIGIT_DISGUISE = re.compile(
    r"[0-9][OolISB]|[OolISB][0-9]|(?<![0-9])[0-9][ \t,.\-/]{1,4}[0-9][ \t,.\-/]{1,4}[0-9](?![0-9])"
)


def needs_normalizing(text: str, words: frozenset[str], *, has_digit: bool) -> bool:
    """Whether ``normalize(text)`` may change ``text``; ``words`` are its folded words."""
    if not text.isascii():
        return True
    if not words.isdisjoint(DIGIT_WORDS):
        return True
    if has_digit and _DIGIT_DISGUISE.search(text) is not None:
        return True
    return ("[" in text or "(" in text or "{" in text or "<" in text) and (
        _BRACKETED.search(text) is not None
    )


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
        return (
            self.starts[index] if index < len(self.starts) else (self.ends[-1] if self.ends else 0)
        )


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
        if not out.isascii():
            # Only compatibility forms of ASCII (full-width, ligatures, circled and styled
            # letters and digits) are folded; other scripts stay as written ("և" is not "եւ"),
            # with their combining marks composed.
            out = unicodedata.normalize("NFC", cluster)
        if len(out) == len(cluster) and out == cluster:
            starts.extend(range(index, end))
            ends.extend(range(index + 1, end + 1))
        else:
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


def _digit_run_edits(text: str) -> list[tuple[int, int, str]]:
    """Written-out or spaced digits, three or more together, as digits."""
    edits: list[tuple[int, int, str]] = []
    for match in _DIGIT_RUN.finditer(text):
        run = match.group()
        units: list[str] = []  # each unit as digits
        separators: list[str] = []  # separators[i] comes after units[i]
        said = False  # a digit written as a word
        for part in _UNIT_OR_SEP.finditer(run):
            unit = part.group(1)
            if unit is None:
                separators.append(part.group(2))
                continue
            if not unit.isdigit():
                if not units and unit.lower() == "oh":
                    break  # "oh" stands for zero only inside a run ("oh, one more thing")
                said = True
            units.append(_DIGIT_WORDS.get(unit.lower(), unit))
        if len(units) < 3 or (not said and _longest_single_digit_streak(units) < 3):
            continue  # an ordinary formatted number ("559 201 4567") is left as written
        out = [units[0]]
        for index, separator in enumerate(separators[: len(units) - 1]):
            before, after = units[index], units[index + 1]
            if separator.strip():
                out.append("-")  # "five four eight, two one" keeps its groups
            elif not (said or (len(before) == 1 and len(after) == 1)):
                out.append(" ")
            out.append(after)
        rewritten = "".join(out)
        if len(units) == len(separators) + 1 and rewritten != run:
            edits.append((match.start(), match.end(), rewritten))
    return edits


def _longest_single_digit_streak(units: list[str]) -> int:
    best = streak = 0
    for value in units:
        streak = streak + 1 if len(value) == 1 else 0
        best = max(best, streak)
    return best


def _lookalike_digit_edits(text: str) -> list[tuple[int, int, str]]:
    """Letters standing for digits inside a run that is mostly digits."""
    edits: list[tuple[int, int, str]] = []
    for match in _ALNUM_RUN.finditer(text):
        run = match.group()
        letters = [c for c in run if c.isalpha()]
        if not letters or any(c not in _LOOKALIKE_DIGITS for c in letters):
            continue
        digits = sum(1 for c in run if c.isdigit())
        if digits < 3 or digits <= len(letters):
            continue
        if len(letters) == 1 and run[0].isalpha() and run[1:].isdigit():
            continue  # one letter leading digits: a licence or ID number's own shape
        if any(c.isalpha() and not _touches_digit(run, i) for i, c in enumerate(run)):
            continue  # "I-405" is a freeway: a letter for a digit sits next to digits
        edits.append(
            (match.start(), match.end(), "".join(_LOOKALIKE_DIGITS.get(c, c) for c in run))
        )
    return edits


def _touches_digit(run: str, index: int) -> bool:
    return (index > 0 and run[index - 1].isdigit()) or (
        index + 1 < len(run) and run[index + 1].isdigit()
    )


def _bracket_edits(text: str) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), _BRACKETED_OUT[m.group(1).lower()]) for m in _BRACKETED.finditer(text)
    ]


def normalize(text: str) -> Normalized:
    """``text`` normalized against disguise, with the map back to ``text``."""
    rewrite = _unicode_stage(text)
    rewrite.replace(_lookalike_edits(rewrite.text))
    rewrite.replace(_digit_run_edits(rewrite.text))
    rewrite.replace(_lookalike_digit_edits(rewrite.text))
    rewrite.replace(_bracket_edits(rewrite.text))
    if rewrite.text == text:
        return Normalized(text)
    return Normalized(text, rewrite.text, rewrite.starts, rewrite.ends)
