"""The per-comment view every recognizer shares, built once per scan.

Recognizers match case-insensitive patterns against ``fold``: the text lower-cased and with
Spanish accents and typographic quotes folded, character for character, so that offsets in
``fold`` are offsets in the original text. Folding lets "numero", "número" and "NÚMERO" meet
one lexicon entry without a per-pattern IGNORECASE or accent alternatives.

``tokset`` (the set of folded words) is the cheap prefilter: a recognizer or classifier runs
its regexes only when one of its trigger words is present, so an ordinary comment costs a
handful of set operations.
"""

from __future__ import annotations

import bisect
import re
import threading
from functools import cache

from casewarden.detect.model import Exclusion
from casewarden.detect.pattern_cache import regex

# One code point in, one code point out: the invariant that keeps offsets valid.
_FOLD_TABLE = str.maketrans(
    {
        "á": "a",
        "à": "a",
        "â": "a",
        "ä": "a",
        "ã": "a",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "í": "i",
        "ì": "i",
        "î": "i",
        "ï": "i",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "ö": "o",
        "õ": "o",
        "ú": "u",
        "ù": "u",
        "û": "u",
        "ü": "u",
        "ñ": "n",
        "ç": "c",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)

# Every byte but an ASCII lower-case letter becomes a space. UTF-8 writes every character
# other than ASCII as bytes of 0x80 and above, so a run of a-z in the encoded text is exactly
# a run of a-z in the text: split on the spaces, the words are ``re.findall("[a-z]+")``'s,
# for about a fifth of the regex engine's instructions (the tokenizer runs on every comment).
_LETTERS_ONLY = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))
_DIGITS_ONLY = bytes(c if 0x30 <= c <= 0x39 else 0x20 for c in range(256))  # the same, 0-9
_NO_RUNS: frozenset[int] = frozenset()


def _runs(text: str, keep: bytes) -> list[str]:
    """The runs of the ASCII bytes ``keep`` leaves as they are, in order."""
    return text.encode("utf-8", "surrogatepass").translate(keep).decode("ascii").split()


def letter_runs(folded: str) -> list[str]:
    """The runs of ASCII letters a-z in ``folded``, in order (``re.findall("[a-z]+")``, faster)."""
    return _runs(folded, _LETTERS_ONLY)


def digit_runs(text: str) -> list[str]:
    """The runs of ASCII digits 0-9 in ``text``, in order (as ``letter_runs``, for digits)."""
    return _runs(text, _DIGITS_ONLY)


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: how word lists are written in code."""
    return frozenset(text.split())


class SpanSet:
    """Non-overlapping spans, kept sorted: overlap tests in O(log n), so a huge line with
    thousands of findings costs n log n, not n squared."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span already added."""
        index = bisect.bisect_right(self._starts, start)
        if index and self._ends[index - 1] > start:
            return True
        return index < len(self._starts) and self._starts[index] < end

    def add(self, start: int, end: int) -> None:
        """Add a span (callers add only spans that do not overlap)."""
        index = bisect.bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def find_all(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[re.Match[str]]:
    """Every match of ``pattern`` in ``text[pos:endpos]``, as ``list(pattern.finditer(...))``.

    A loop of ``search`` calls: ``finditer`` builds a scanner object, looks its ``search``
    method up by name and wraps it in a call iterator on every call, which costs more than the
    search itself on a short comment that has no match (the usual case). Searching from a
    match's end is what ``finditer`` does after a non-empty match; after an empty one it must
    not match empty at the same place again, so a pattern that matched empty is left to
    ``finditer`` itself. (``endpos`` is passed only when given: a large default would be a
    new integer object on every call of the compiled engine.)
    """
    match = pattern.search(text, pos) if endpos is None else pattern.search(text, pos, endpos)
    if match is None:
        return []
    found = [match]
    while True:
        end = match.end()
        if end == match.start():
            return list(pattern.finditer(text, pos, len(text) if endpos is None else endpos))
        match = pattern.search(text, end) if endpos is None else pattern.search(text, end, endpos)
        if match is None:
            return found
        found.append(match)


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text`` (the nearest one before a position)."""
    matches = find_all(pattern, text)
    return matches[-1] if matches else None


# The characters ``_FOLD_TABLE`` changes, as one character class: a comment with an emoji but
# no accent (most non-ASCII comments) is folded by one C-level search, and one with accents by
# replacing just those characters (``str.translate`` with a dict looks up every character).
_FOLDABLE = regex("[" + re.escape("".join(chr(c) for c in _FOLD_TABLE)) + "]")
_FOLDED = {chr(c): str(v) for c, v in _FOLD_TABLE.items()}


def _fold_char(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def _lower_same_length(text: str) -> str:
    """Lower-case ``text`` keeping one code point per code point.

    ``str.lower`` expands a few characters (``İ`` becomes two); those are left as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold(text: str) -> str:
    """Lower-case and fold accents and quotes; ``len(fold(t)) == len(t)`` always."""
    low = text.lower()
    if len(low) != len(text):
        low = _lower_same_length(text)
    if low.isascii() or _FOLDABLE.search(low) is None:
        return low
    return _FOLDABLE.sub(_fold_char, low)


@cache
def fold_term(term: str) -> str:
    """Fold a lexicon entry the way comments are folded, collapsing inner whitespace."""
    return " ".join(fold(term).split())


class TypoRepair:
    """Undoes one adjacent-letter swap in words the engine looks for ("wokrs" -> "works").

    Swapping two letters keeps the text's length, so offsets stay valid. Every swap of
    every vocabulary word of five letters or more is computed once, at build time, so
    finding the misspelt words of a comment is one set intersection; swaps that are
    themselves known words ("form"/"from") are never repaired.
    """

    __slots__ = ("_fixes", "misspellings")

    def __init__(self, vocabulary: frozenset[str], known: tuple[frozenset[str], ...]) -> None:
        fixes: dict[str, str] = {}
        # In sorted order: a swap that two words share ("seugro": "seguro", "suegro") is
        # repaired the same way in every process, whatever the string hash seed.
        for word in sorted(vocabulary):
            if len(word) < 5:
                continue
            for i in range(len(word) - 1):
                if word[i] == word[i + 1]:
                    continue
                swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                if swapped not in vocabulary and not any(swapped in words for words in known):
                    fixes.setdefault(swapped, word)
        self._fixes = fixes
        #: Every word this repair would change.
        self.misspellings = frozenset(fixes)

    def repairs(self, tokset: frozenset[str]) -> dict[str, str]:
        """Misspelt word -> repaired word, for the words of one comment."""
        found = tokset & self.misspellings
        return {token: self._fixes[token] for token in found} if found else {}


def _is_letter(text: str, index: int) -> bool:
    """Whether ``text[index]`` is an ASCII lower-case letter (False past either end)."""
    return 0 <= index < len(text) and "a" <= text[index] <= "z"


def _repaired(folded: str, fixes: dict[str, str]) -> str:
    """``folded`` with every whole word (a run of a-z) that is a key of ``fixes`` replaced.

    Not ``re.sub("[a-z]+", ...)`` with a callback: that calls back into Python for every word of the
    comment, to change one or two. A fix has its word's length, so offsets stay valid, and a
    fix is a vocabulary word, never another misspelling, so the order of the fixes is free.
    """
    for word, fix in fixes.items():
        start = folded.find(word)
        while start >= 0:
            end = start + len(word)
            if not _is_letter(folded, start - 1) and not _is_letter(folded, end):
                folded = folded[:start] + fix + folded[end:]
            start = folded.find(word, end)
    return folded


# At most this many word sets get a bit: with the bits below 2**62 a mask stays one machine
# word in the compiled engine (larger integers are objects, and every AND allocates).
_MAX_CLASSES = 60


class WordClasses:
    """Which of the engine's word sets each word is in, as bits: "does this comment hold a
    word of that set?" becomes one AND of two integers.

    The gates ask that question about two dozen sets for every comment; as set tests
    (``tokset.isdisjoint``) it cost about a tenth of a scan, each test looking up every word
    of the comment again. Here each known word's bits are looked up once per comment, and
    learnt once per process.

    A set is numbered the first time a comment asks about it, up to ``_MAX_CLASSES`` (the
    sets asked about are the detector's own and its modules', so few); a set without a
    number, or numbered after a comment's mask was made, is answered by the set test, so the
    answer never depends on the order comments came in. Only words of the numbered sets are
    remembered, never the other words of a comment.
    """

    __slots__ = ("_known", "_lock", "_memo", "_sets", "bits", "count")

    def __init__(self) -> None:
        # Keyed by the set itself: a frozenset keeps its hash, and the lookup's equality
        # test is an identity test (asking ``id()`` costs a call into the interpreter).
        #: Word set -> its bit.
        self.bits: dict[frozenset[str], int] = {}
        self._sets: list[frozenset[str]] = []  # in bit order
        self._known: set[str] = set()  # every word of a numbered set
        self._memo: dict[str, int] = {}  # known word -> its bits
        # Numbering and learning change shared state; a lock keeps a word's bits consistent
        # with the numbered sets when threads share the detector (the mask reads need none).
        self._lock = threading.Lock()
        #: How many sets are numbered; a mask made with ``count`` sets knows bits below it.
        self.count = 0

    def mask(self, tokset: frozenset[str]) -> int:
        """The bits of every numbered set that holds one of ``tokset``."""
        memo = self._memo
        known = self._known
        mask = 0
        for token in tokset:
            bits = memo.get(token)
            if bits is not None:
                mask |= bits
            elif token in known:
                mask |= self._learn(token)
        return mask

    def _learn(self, token: str) -> int:
        with self._lock:
            bits = 0
            for index, words in enumerate(self._sets):
                if token in words:
                    bits |= 1 << index
            self._memo[token] = bits
            return bits

    def number(self, words: frozenset[str]) -> None:
        """Give ``words`` a bit, if it has none and one is left (for the comments to come)."""
        with self._lock:
            if words in self.bits or self.count >= _MAX_CLASSES:
                return
            self.bits[words] = 1 << self.count
            self._sets.append(words)
            self._known.update(words)
            self._memo.clear()  # words learnt so far lack the new bit
            self.count += 1


class ScanText:
    """A comment prepared for the recognizers: original, folded, words and cheap flags."""

    __slots__ = (
        "_classes",
        "_digits",
        "_mask",
        "_mask_limit",
        "_run_lengths",
        "exclusions",
        "fold",
        "has_digit",
        "text",
        "tokens",
        "tokset",
    )

    def __init__(
        self, text: str, repair: TypoRepair | None = None, classes: WordClasses | None = None
    ) -> None:
        self.text = text
        folded = text.lower()  # fold(), inlined: this runs once per comment
        if len(folded) != len(text):
            folded = _lower_same_length(text)
        if not folded.isascii() and _FOLDABLE.search(folded) is not None:
            folded = _FOLDABLE.sub(_fold_char, folded)
        tokens = letter_runs(folded)
        tokset = frozenset(tokens)
        self.tokset = tokset
        self._classes = classes
        # The count is read before the mask is made: any bit below it is in the mask.
        self._mask_limit = 1 << classes.count if classes is not None else 0
        self._mask = classes.mask(tokset) if classes is not None else 0
        if repair is not None and self.any_of(repair.misspellings):
            fixes = repair.repairs(tokset)
            folded = _repaired(folded, fixes)
            # A swap inside a word keeps the word's boundaries: the words are repaired alone.
            tokens = [fixes.get(token, token) for token in tokens]
            tokset = frozenset(tokens)
            self.tokset = tokset
            if classes is not None:
                self._mask_limit = 1 << classes.count
                self._mask = classes.mask(tokset)
        self.fold = folded
        self.tokens = tokens
        # Ten substring tests (memchr in C) cost a third of one regex search for [0-9].
        self.has_digit = (
            "0" in text
            or "1" in text
            or "2" in text
            or "3" in text
            or "4" in text
            or "5" in text
            or "6" in text
            or "7" in text
            or "8" in text
            or "9" in text
        )
        self._digits: tuple[int, int] | None = None
        self._run_lengths = _NO_RUNS
        #: Candidates a recognizer dropped on purpose (public official...), for the explanation.
        self.exclusions: list[Exclusion] | None = None

    def exclude(self, exclusion: Exclusion) -> None:
        """Record a deliberately dropped candidate."""
        if self.exclusions is None:
            self.exclusions = []
        self.exclusions.append(exclusion)

    def digit_count(self) -> tuple[int, int]:
        """(total ASCII digits, longest run of digits): numeric recognizers' finer gate."""
        if self._digits is None:
            self._count_digits()
            assert self._digits is not None
        return self._digits

    def run_lengths(self) -> frozenset[int]:
        """The lengths of the runs of ASCII digits ("call 559-201-4567": 3 and 4): a pattern
        that needs a run of exactly nine digits cannot match without a 9 here."""
        if self._digits is None:
            self._count_digits()
        return self._run_lengths

    def _count_digits(self) -> None:
        if not self.has_digit:
            self._digits = (0, 0)
            return
        lengths = [len(run) for run in digit_runs(self.text)]  # compiled: no map() call
        self._digits = (sum(lengths), max(lengths))
        self._run_lengths = frozenset(lengths)

    def any_of(self, words: frozenset[str]) -> bool:
        """Whether any of ``words`` occurs as a whole folded word."""
        classes = self._classes
        if classes is not None:
            bit = classes.bits.get(words, 0)
            if bit == 0:
                if classes.count < _MAX_CLASSES:  # past the cap, no lock taken on each ask
                    classes.number(words)
            elif bit < self._mask_limit:
                return (self._mask & bit) != 0
        return not self.tokset.isdisjoint(words)
