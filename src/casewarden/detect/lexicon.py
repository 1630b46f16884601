"""Term lists and name gazetteers, loaded once, and the matcher that finds them fast.

A :class:`PhraseMatcher` indexes its phrases by their first word. Finding phrases in a
comment starts with one C-level set intersection between the comment's words and those
first words; only phrases whose first word is present get their (small, compiled) regex
run. Most comments therefore cost nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from casewarden.detect.errors import RulesError
from casewarden.detect.pattern_cache import parsed_toml, regex
from casewarden.detect.rules import read_data_file
from casewarden.detect.text import ScanText, find_all, fold, fold_term, words

_FIRST_WORD = regex(r"[a-z]+")
_START = itemgetter(1)


def phrase_source(term: str) -> str:
    """A regex source for a folded term: its words with any spacing, bounded by non-letters.

    Each word is escaped, so a term can never be a pattern: lexicon data cannot make the
    engine backtrack.
    """
    words = term.split()
    body = r"\s+".join(re.escape(w) for w in words)
    left = r"(?<![a-z0-9])" if term[:1].isalnum() else ""
    right = r"(?![a-z0-9])" if term[-1:].isalnum() else ""
    return left + body + right


def _group_source(key: str, terms: list[str]) -> str:
    """One regex for all terms starting with the word ``key``.

    The pattern begins with the literal word and checks the boundary before it with a
    fixed-width lookbehind, so the regex engine can skip straight to occurrences of the word
    instead of trying every alternative at every position.
    """
    rests = []
    # Longest first; ties in text order, so the source is the same in every process (the
    # terms may come from a set) and its compiled form can be kept (pattern_cache).
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        rest = term[len(key) :]
        body = "".join(r"\s+" if c == " " else re.escape(c) for c in rest)
        right = r"(?![a-z0-9])" if term[-1:].isalnum() else ""
        rests.append(body + right)
    head = re.escape(key) + rf"(?<![a-z0-9]{re.escape(key)})"
    if all(rest.startswith(r"\s+") for rest in rests):
        # "my case", "my payment"...: match the space once, then branch on the next word.
        return head + r"\s+(?:" + "|".join(rest[3:] for rest in rests) + ")"
    return head + "(?:" + "|".join(rests) + ")"


# Words too frequent to tell whether a phrase could be present; a phrase is gated on its
# least common word instead ("i can get your" on "get", "a la verga" on "verga").
_WEAK_ANCHORS = words(
    """
    i you your my me can get the a an to for and of on in it is be we he she they this that
    with at or not no do so if are was will just me us our its el la de en y que te tu mi se
    lo le un una por para con los las es no al del su
    office oficina case caso child children kids support pay paid payment payments money
    help call phone where donde place coming time work worker make does did have has had got
    need needs know go going come take back what when how why who there here then now today
    one all some any more very really still also only even much many ll re ve
    """
)


def _anchor(term: str) -> str:
    words: list[str] = _FIRST_WORD.findall(term)
    strong = [w for w in words if w not in _WEAK_ANCHORS] or words
    return max(strong, key=len)


def alternation_source(terms: Iterable[str]) -> str:
    """One regex source matching any of ``terms`` (folded words or phrases), built so that
    every alternative starts with a literal: the regex engine can skip to the first letters
    of the terms instead of testing a look-behind at every position."""
    groups: dict[str, list[str]] = {}
    for term in dict.fromkeys(fold_term(t) for t in terms if t.strip()):
        first = _FIRST_WORD.match(term)
        if first is None:
            raise RulesError(f"lexicon term {term!r} must start with a letter")
        groups.setdefault(first.group(), []).append(term)
    return "|".join(
        _group_source(key, group)
        for key, group in sorted(groups.items(), key=lambda kv: -len(kv[0]))
    )


class PhraseMatcher:
    """Finds any of a set of terms (words or phrases) in a comment's folded text.

    Terms are grouped by first word (one regex per group, compiled the first time a comment
    needs it) and gated by their least common word: a group's regex runs only when the
    comment contains both its first word and the anchor word of one of its terms. Building a
    matcher is cheap, and ``present`` is a single C-level set test.
    """

    __slots__ = ("_anchors", "_compiled", "_group_anchors", "_groups", "keys")

    def __init__(self, terms: Iterable[str]) -> None:
        groups: dict[str, list[str]] = {}
        group_anchors: dict[str, set[str]] = {}
        for term in dict.fromkeys(fold_term(t) for t in terms if t.strip()):
            first = _FIRST_WORD.match(term)
            if first is None:
                raise RulesError(f"lexicon term {term!r} must start with a letter")
            groups.setdefault(first.group(), []).append(term)
            group_anchors.setdefault(first.group(), set()).add(_anchor(term))
        self._groups = groups
        self._group_anchors = {k: frozenset(v) for k, v in group_anchors.items()}
        self._anchors = frozenset().union(*self._group_anchors.values())
        self._compiled: dict[str, re.Pattern[str]] = {}
        self.keys = frozenset(groups)

    def present(self, st: ScanText) -> bool:
        """Cheap pre-check: could any term occur? (False means certainly not.)"""
        return st.any_of(self._anchors)

    @property
    def anchors(self) -> frozenset[str]:
        """The words one of which a comment must contain for any term to occur."""
        return self._anchors

    def _pattern(self, key: str) -> re.Pattern[str]:
        pattern = self._compiled.get(key)
        if pattern is None:
            pattern = self._compiled[key] = regex(_group_source(key, self._groups[key]))
        return pattern

    def _keys(self, st: ScanText) -> list[str]:
        if not st.any_of(self._anchors):
            return []
        tokset = st.tokset
        return [
            key for key in self.keys & tokset if not tokset.isdisjoint(self._group_anchors[key])
        ]

    def finditer(self, st: ScanText) -> list[tuple[str, int, int]]:
        """Every (term, start, end) occurrence, the longest term at each position, in the
        order they occur in the comment."""
        keys = self._keys(st)
        if not keys:
            return []
        folded = st.fold
        compiled = self._compiled
        found = []
        for key in keys:
            pattern = compiled.get(key) or self._pattern(key)
            for match in find_all(pattern, folded):
                term = match.group()
                if not term.isalpha():
                    term = " ".join(term.split())  # "my  son" is the term "my son"
                found.append((term, match.start(), match.end()))
        if len(keys) > 1:
            # Groups are found in set order, which varies between processes; the comment's
            # order is the same in every process.
            found.sort(key=_START)
        return found

    def first(self, st: ScanText) -> tuple[str, int, int] | None:
        """The first occurrence found (not necessarily the leftmost), or None."""
        for key in self._keys(st):
            match = self._pattern(key).search(st.fold)
            if match is not None:
                return " ".join(match.group().split()), match.start(), match.end()
        return None


@cache
def lexicon_data() -> dict[str, dict[str, tuple[str, ...]]]:
    """``lexicon.toml`` as folded term tuples, section by section."""
    raw: dict[str, Any] = parsed_toml(read_data_file("lexicon.toml"))
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise RulesError(f"lexicon: [{section}] must be a table")
        out[section] = {}
        for key, values in table.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise RulesError(f"lexicon: {section}.{key} must be a list of strings")
            out[section][key] = tuple(dict.fromkeys(fold_term(v) for v in values))
    return out


def terms(section: str, *keys: str) -> tuple[str, ...]:
    """The folded terms of ``section`` under ``keys`` (concatenated, de-duplicated)."""
    data = lexicon_data()
    try:
        return tuple(dict.fromkeys(t for key in keys for t in data[section][key]))
    except KeyError as exc:
        raise RulesError(f"lexicon: missing {section}.{exc.args[0]}") from None


def _words_of(name: str) -> list[str]:
    # The big lists are stored folded already (ASCII, lower case, one word a line), so they
    # load with one split; only the curated Spanish lists need folding.
    body = read_data_file("names", name)
    while body.startswith("#"):  # header comment lines
        body = body.partition("\n")[2]
    return body.split() if body.isascii() else fold(body).split()


def _word_list(*names: str) -> frozenset[str]:
    """The words of one or more lists, as one set.

    Built from the lists' words at once: a set per list and then their union hashes and
    inserts every word twice, and loading the name lists is a fifth of a ``casewarden scan``
    start-up."""
    words: list[str] = []
    for name in names:
        words += _words_of(name)
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class NameLists:
    """The gazetteers the person recognizer consults (all folded, lower case)."""

    first: frozenset[str]
    last: frozenset[str]
    common: frozenset[str]
    not_names: frozenset[str]
    #: Rarer ordinary words (SCOWL 35): what a lower-case unknown word must not be.
    dictionary: frozenset[str]
    #: Frequent Spanish words that are no given name or Hispanic surname (wordfreq).
    spanish: frozenset[str]

    def is_first(self, word: str) -> bool:
        """A given name in the Census, modern or Spanish lists."""
        return word in self.first

    def is_name(self, word: str) -> bool:
        """A given name or a surname."""
        return word in self.first or word in self.last


def _entries(name: str) -> frozenset[str]:
    """The entries of a folded list in ``data/names`` (one a line; "#" lines are comments)."""
    lines = read_data_file("names", name).splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def place_names() -> frozenset[str]:
    """US places of two words or more, folded ("baldwin park"): pairs that are no person."""
    return _entries("us_places.txt")


@cache
def public_figures() -> frozenset[str]:
    """Well-known people (folded full names and stage names): not private persons."""
    return _entries("public_figures.txt")


@cache
def california_places() -> frozenset[str]:
    """California places and counties, one word or more, folded ("fresno", "san jose")."""
    return _entries("california_places.txt")


@cache
def countries() -> frozenset[str]:
    """Countries and territories in English and Spanish and the US states, folded."""
    return _entries("countries.txt")


@cache
def known_places() -> frozenset[str]:
    """California's places and counties, the world's countries and the US states, folded."""
    return california_places() | countries()


def not_a_private_person(
    folded_name: str, *, name_in_context: bool = False, named_as_kin: bool = False
) -> str | None:
    """Why a name found in a comment is no private person's ("public figure", "place"), or
    None. ``folded_name`` is the span folded; a leading "@" and trailing "'s" are ignored.
    ``name_in_context``: the name was read after a cue ("my daughter Sierra"), so a one-word
    public figure or place that is also a given name is the name. ``named_as_kin``: the cue
    says whose the name is ("my ex is literally named Chris Pratt", "my son Tony Gwynn"), so
    a famous name is a private person's too."""
    name = " ".join(folded_name.lstrip("@").replace("’", "'").split())
    if name.endswith("'s"):
        name = name[:-2]
    # After a cue, a one-word figure or place that is also a given name ("Selena", "Sierra",
    # "Jordan") is the name: "my daughter Sierra" is a child, not a county.
    given_name = name_in_context and " " not in name and name in name_lists().first
    if name in public_figures():
        return None if given_name or named_as_kin else "public figure"
    if name in california_places() or name in place_names() or name in countries():
        return None if given_name else "place"
    return None


@cache
def name_lists() -> NameLists:
    """Load the gazetteers (about 130,000 words: a fifth of a ``casewarden scan`` start-up,
    once per process)."""
    first = _word_list(
        "census_first_names.txt",
        "given_names_ssa.txt",
        "given_names_modern.txt",
        "given_names_es.txt",
    )
    last = _word_list("census_surnames.txt", "surnames_es.txt")
    common = _word_list("common_words_en.txt", "common_words_es.txt")
    return NameLists(
        first=first,
        last=last,
        common=common,
        not_names=_word_list("not_names.txt"),
        dictionary=_word_list("dictionary_words_en.txt"),
        spanish=_word_list("spanish_words.txt"),
    )
