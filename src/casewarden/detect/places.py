"""Places named in a comment (California's towns and counties, the world's countries), read by
the comment classifier as ``<place>``.

Towns are often named like a word that weighs: "Indio" and "Chino" are also insults in
Spanish, "Coachella" is a festival, "Orange" a colour. A classifier that reads the town as the
word hid "La oficina de Indio es un desmadre" (criticism of an office) as harassment. Read as
one token, ``<place>``, every town weighs the same, and what the model learns from "lives in
Fresno" also holds for "lives in Niland", a town it never saw.

The same holds for countries: "se regresó a Guatemala" and "he went back to Iraq" say the same
thing. A place is a name from the lists (``california_places.txt``, ``countries.txt``)
written as a place is:
each of its words capitalised, a single word not opening a sentence (where any word is
capitalised), or any place after a word that locates ("in", "near", "en", "desde"...). "cara
de indio" and a sentence opening with "Indio" stay words. This is not a recognizer: a place is
no personal information and is never reported; it only changes what the model reads.
"""

from __future__ import annotations

import re
from itertools import pairwise

from casewarden.detect.lexicon import known_places

_WORD = re.compile(r"[^\W\d_]+")
# Only whitespace may join the words of a place ("San Jose", not "San-Jose." across a stop).
_GAP = re.compile(r"\s{1,3}")
# Words after which a lower-case place name still reads as the place. Not "de"/"of": "cara
# de indio" is the insult, "la oficina de indio" is not, and the two cannot be told apart.
_LOCATING = frozenset(
    {"in", "at", "near", "from", "to", "around", "outside"}
    | {"en", "desde", "cerca", "hasta", "para", "por", "rumbo"}
)
_SENTENCE_END = frozenset(".!?¡¿\n")
_LONGEST = 3  # words in the longest place name read ("rancho santa margarita")


def place_spans(text: str, fold: str) -> list[tuple[int, int, str]]:
    """The places in a comment, as ``(start, end, "PLACE")`` spans of ``text``.

    ``fold`` is the comment folded (same length as ``text``), as ``ScanText.fold``.
    """
    places = known_places()
    words = [(m.start(), m.end()) for m in _WORD.finditer(fold)]
    spans: list[tuple[int, int, str]] = []
    index = 0
    while index < len(words):
        found = 0
        for size in range(min(_LONGEST, len(words) - index), 0, -1):
            chunk = words[index : index + size]
            if not _joined(fold, chunk):
                continue
            name = " ".join(fold[start:end] for start, end in chunk)
            if name in places and _reads_as_place(text, fold, words, index, size):
                found = size
                break
        if found:
            spans.append((words[index][0], words[index + found - 1][1], "PLACE"))
            index += found
        else:
            index += 1
    return spans


def _joined(fold: str, chunk: list[tuple[int, int]]) -> bool:
    """Whether the words follow one another with only a space or two between them."""
    return all(
        _GAP.fullmatch(fold, first[1], second[0]) is not None for first, second in pairwise(chunk)
    )


def _reads_as_place(
    text: str, fold: str, words: list[tuple[int, int]], index: int, size: int
) -> bool:
    """Whether the name at ``words[index:index+size]`` is written as a place is."""
    if index > 0:
        before = words[index - 1]
        if fold[before[0] : before[1]] in _LOCATING:
            return True
    if not all(text[start].isupper() for start, _ in words[index : index + size]):
        return False
    if size > 1:
        return True
    # A lone capitalised word opening a sentence is capitalised for the sentence.
    return not _opens_sentence(fold, words[index][0])


def _opens_sentence(fold: str, start: int) -> bool:
    """Whether nothing but spaces stands between ``start`` and a sentence's end (or the start)."""
    position = start - 1
    while position >= 0 and fold[position] in " \t\"'“(":
        position -= 1
    return position < 0 or fold[position] in _SENTENCE_END
