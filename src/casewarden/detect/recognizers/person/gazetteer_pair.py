"""Gazetteer pairs without context: a capitalised given name from the Census, modern or Spanish
lists followed by a capitalised surname ("Marcus Hill"), unless both words are also common
English words, either is on the not-a-name list (days, agencies, places, employers), a public
title precedes ("Judge", "Director", "Gobernador"), a place word follows ("County", "Street")
or an employer is meant ("working at Blue Diamond")."""

from __future__ import annotations

import re

from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import (
    INFORMAL,
    PersonWords,
    Sightings,
    next_word,
    previous_word,
)
from casewarden.detect.text import ScanText, find_all

# A capitalised name word: "Marcus", "Garcia-Lopez", with a capital inside ("DeAndre",
# "McDonald", "LaToya"), and with an apostrophe inside: "Ka'Niyah", "D'Angelo", "O'Brien",
# "Salave'a" (one or two letters after it only when they are not a contraction, so
# "Marcus's", "Tom'll" and "Ana'd" stop before the apostrophe). The list lookups drop the
# apostrophe.
_CAP_NAME = (
    r"(?:[a-zß-öø-ÿ]+(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})?"
    r"(?:['’](?:[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]{3,}|(?!(?:s|ll|re|ve|d|m|t)(?![a-z]))[a-z]{1,2}(?![a-z])))?"
    r"|['’][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})"
    r"(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
)
# A run of two or more capitalised words. The capital comes first and the look-behind after
# it: the engine skips to capitals.
CAP_RUN = regex(
    r"[A-ZÀ-ÖØ-Þ](?<![A-Za-zÀ-ÖØ-öø-ÿ'@][A-ZÀ-ÖØ-Þ])" + _CAP_NAME
    + r"(?:[ \t]+[A-ZÀ-ÖØ-Þ]" + _CAP_NAME + ")+"
)  # fmt: skip
_CAP_TOKEN = regex(r"[A-ZÀ-ÖØ-Þ]" + _CAP_NAME)
# "working at Blue Diamond", "my salary at Jiffy Lube": a pair right after this is an
# employer. The regex runs on the few characters before a pair, anchored at their end.
_EMPLOYED_AT = regex(
    r"(?<![a-z])(?:work|works|working|worked|salary|job|jobs|employed|hired|shift|shifts|"
    r"paycheck|wages|manager|cashier)[ \t]+(?:[a-z]+[ \t]+)?(?:at|for)[ \t]+$"
)


class CapitalWord:
    """A capitalised word of a run: its span and its folded form (without apostrophes)."""

    __slots__ = ("end", "start", "word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self.start = start
        self.end = end
        self.word = word


class Pair:
    """A name found in a run: its span, how many of the run's words it takes, its score."""

    __slots__ = ("end", "score", "start", "used")

    def __init__(self, start: int, end: int, *, used: int, score: float) -> None:
        self.start = start
        self.end = end
        self.used = used
        self.score = score


class GazetteerPairs:
    """Listed name pairs in runs of capitalised words."""

    def __init__(self, words: PersonWords) -> None:
        self.words = words

    def find(self, st: ScanText, first_run: re.Match[str], sightings: Sightings) -> None:
        """Record the listed name pairs in each run of capitalised words, from ``first_run``
        on."""
        text = st.text
        # The later runs are searched from the first one's end (look-behinds still see the
        # text before it), so the text before the first run is not scanned a second time.
        folded = st.fold
        apostrophe = "'" in folded  # the folded text's only apostrophe (see text.fold)
        for run in (first_run, *find_all(CAP_RUN, text, first_run.end())):
            # The folded text has the same offsets: its slice is the folded word.
            words: list[CapitalWord] = []
            low, high = run.span()
            for token in find_all(_CAP_TOKEN, text, low, high):
                start, end = token.span()
                word = folded[start:end]
                words.append(CapitalWord(start, end, word.replace("'", "") if apostrophe else word))
            index = 0
            while index < len(words) - 1:
                pair = self._pair_at(st, words, index)
                if pair is None:
                    index += 1
                    continue
                sightings.add_if_free(
                    pair.start, pair.end, score=pair.score, pattern="gazetteer_pair"
                )
                index += pair.used

    def _pair_at(self, st: ScanText, words: list[CapitalWord], index: int) -> Pair | None:
        """The name pair (or a given name and two surnames) starting at ``words[index]``."""
        first, last = words[index].word, words[index + 1].word
        lists = self.words
        names = lists.names
        rare_last = False
        if last not in names.last:
            # A listed given name before a surname no list has ("Kimberlyn Grigoryan"): only
            # when the given name is no ordinary word and the surname is no word at all.
            if first not in names.first or first in names.common or not lists.unknown_name(last):
                return None
            rare_last = True
        not_names = lists.not_names
        if first not in names.first:
            # A given name no list has ("Khalani Hollins"): only when neither word is an
            # ordinary word and the surname is listed.
            if first in names.common or last in names.common or first in INFORMAL:
                return None
            if first in not_names or last in not_names or first in lists.place_prefixes:
                return None
            rare_first = True
        else:
            rare_first = False
        if first in not_names or last in not_names or first in lists.place_prefixes:
            return None
        if first in lists.kin_words or last in lists.kin_words or first in lists.public_titles:
            return None
        if last in lists.place_words:
            return None  # "Chavez Day", "Walnut Ave": the second word names what the place is
        ambiguous = (first in names.common) + (last in names.common)
        if ambiguous == 2:
            return None
        start = words[index].start
        before = previous_word(st.fold, start)
        if before in lists.public_titles or before in lists.place_prefixes:
            return None
        if (before == "at" or before == "for") and _EMPLOYED_AT.search(
            st.fold, max(0, start - 40), start
        ):
            return None
        used = 2
        if index + 2 < len(words):
            third = words[index + 2].word
            if third in lists.place_words:
                return None
            if third in names.last and third not in names.common and third not in not_names:
                used = 3
        end = words[index + used - 1].end
        if next_word(st.fold, end) in lists.place_words:
            return None
        if f"{first} {last}" in lists.places:
            return None  # "Baldwin Park", "Virginia Beach"
        if lists.place_cues.names_a_place(st.fold, start, end):
            return None  # "in Mira Mesa", "the Hilton Bayfront", "Carson Pass"
        score = 0.6 if rare_first or rare_last else 0.7 if ambiguous == 0 else 0.6
        return Pair(start, end, used=used, score=score)
