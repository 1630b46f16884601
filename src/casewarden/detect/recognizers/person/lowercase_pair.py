"""Lower-case pairs: two lower-case words that are a given name and a surname and nothing else
("yo yahir thao where u at"): both on a name list, neither on any word list."""

from __future__ import annotations

from dataclasses import dataclass

from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import (
    APOSTROPHES,
    PersonWords,
    Sightings,
    next_word,
    previous_word,
)
from casewarden.detect.text import ScanText, find_all

_LOWER_WORD = regex(r"[a-z]+(?:['’][a-z]{3,})?")
# Above this many different lower-case pairs, one regex pass beats a search for each.
_MAX_SEARCHED_PAIRS = 4
_ARTICLES = frozenset({"a", "an", "the", "this", "that", "some", "un", "una", "unos", "unas"})


@dataclass(frozen=True, slots=True)
class NamePair:
    """A given name and a plain surname that follow one another in a comment's words."""

    first: str
    last: str


class LowerWord:
    """A lower-case word of the folded text and its span."""

    __slots__ = ("end", "start", "word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self.start = start
        self.end = end
        self.word = word


class Spot:
    """Where a pair of words is in the folded text."""

    __slots__ = ("end", "first", "last", "start")

    def __init__(self, start: int, end: int, *, first: str, last: str) -> None:
        self.start = start
        self.end = end
        self.first = first
        self.last = last


def _text_order(spot: Spot) -> tuple[int, int, str, str]:
    return spot.start, spot.end, spot.first, spot.last


class LowercasePairs:
    """Lower-case given names followed by plain surnames."""

    def __init__(self, words: PersonWords) -> None:
        self.words = words

    def find(self, st: ScanText, sightings: Sightings) -> None:
        """Record each lower-case pair that is a name and nothing else."""
        plain_first = self.words.plain_first
        plain_last = self.words.plain_last
        # Adjacent in the token list first (cheap); offsets only for a comment that has a pair.
        pairs = self._adjacent_pairs(st.tokens, st.tokset & plain_first)
        if not pairs:
            return
        folded = st.fold
        if len(pairs) > _MAX_SEARCHED_PAIRS or "'" in folded or "\t" in folded or "  " in folded:
            # Words joined by an apostrophe, pairs parted by more than one space, or many
            # pairs (each substring search reads the whole text): every word and its
            # offsets, as the regex finds them, in one pass.
            words = [
                LowerWord(m.start(), m.end(), m.group().translate(APOSTROPHES))
                for m in find_all(_LOWER_WORD, folded)
            ]
            for index in range(len(words) - 1):
                first, last = words[index], words[index + 1]
                if first.word not in plain_first or not plain_last(last.word):
                    continue
                if folded[first.end : last.start].strip(" \t"):
                    continue  # a dot or "@" between them means an email or a handle
                spot = Spot(first.start, last.end, first=first.word, last=last.word)
                third = words[index + 2] if index + 2 < len(words) else None
                self._report(st, spot, third, sightings)
            return
        # The common case: every word is a run of letters and a pair is parted by one
        # space, so a substring search finds each pair; the regex reads only the word after.
        spots: list[Spot] = []
        for pair in pairs:
            needle = f"{pair.first} {pair.last}"
            at = folded.find(needle)
            while at != -1:
                end = at + len(needle)
                if not (at and "a" <= folded[at - 1] <= "z") and not (
                    end < len(folded) and "a" <= folded[end] <= "z"
                ):
                    spots.append(Spot(at, end, first=pair.first, last=pair.last))
                at = folded.find(needle, at + 1)
        spots.sort(key=_text_order)
        for spot in spots:
            after = _LOWER_WORD.search(folded, spot.end)
            third = LowerWord(after.start(), after.end(), after.group()) if after else None
            self._report(st, spot, third, sightings)

    def _report(
        self, st: ScanText, spot: Spot, third: LowerWord | None, sightings: Sightings
    ) -> None:
        """Record one lower-case pair (and a second surname, ``third``, after it) unless it
        is a place, follows a title or an article, or is part of an address."""
        folded, text = st.fold, st.text
        start, end = spot.start, spot.end
        if not text[start:end].islower():
            return  # capitals are the other path's
        if sightings.taken.overlaps(start, end):
            return
        words = self.words
        before = previous_word(folded, start)
        if before in words.public_titles or before in words.place_prefixes:
            return
        if before in _ARTICLES:
            return  # "like a ping pong ball": a person's name takes no article
        if next_word(folded, end) in words.place_words:
            return  # "cesar chavez ave"
        if f"{spot.first} {spot.last}" in words.places:
            return  # "baldwin park"
        if folded[end : end + 1] in ("@", ".") and folded[end + 1 : end + 2].isalnum():
            return  # the local part of an email address or a handle
        # A second surname ("hieu luu faleolo"): listed, or on no list at all.
        if (
            third is not None
            and not folded[end : third.start].strip(" \t")
            and text[third.start : third.end].islower()
            and (words.plain_last(third.word) or words.unknown_name(third.word))
        ):
            end = third.end
        sightings.add(start, end, score=0.6, pattern="gazetteer_pair_lower")

    def _adjacent_pairs(self, tokens: list[str], given: frozenset[str]) -> set[NamePair]:
        """Each given name and plain surname that follow one another in ``tokens``. The
        given words are found by the list's own search (C), not by walking every pair of
        words."""
        pairs: set[NamePair] = set()
        last = len(tokens) - 1
        for word in given:
            index = -1
            for _ in range(tokens.count(word)):
                index = tokens.index(word, index + 1)
                if index < last and self.words.plain_last(tokens[index + 1]):
                    pairs.add(NamePair(word, tokens[index + 1]))
        return pairs
