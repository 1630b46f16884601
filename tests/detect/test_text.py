"""The per-comment view: its folded text and words, against a plain reference fold; and the
text helpers that stand in for a regex call, against that call."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect.text import _FOLD_TABLE, ScanText, TypoRepair, _repaired, find_all

_LETTERS = re.compile(r"[a-z]+")


def reference_fold(text: str) -> str:
    """Lower-case one code point at a time, then the fold table: the slow, plain way."""
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD_TABLE)


CASES = [
    "plain ascii, Nothing To Fold",
    "emoji only 😀😀 and words",
    "a heart ❤ is U+2764, whose UTF-8 starts like a quote's",
    "it\u2019s my son\u2019s case",  # typographic apostrophe
    "¿dónde está mi número de caso?",  # ¿ shares é's lead byte family
    "¿por qué? ¡ya!",  # ¿ and ¡ (C2 lead byte) with accents
    "¿y ahora?",  # a C2 lead byte, nothing to fold
    "ÉL DEBE $500 Y NO PAGA",  # upper-case accents fold after lower-casing
    "naïve café façade",
    "the\u00a0non\u2011breaking\u202fspaces",
    "he said \u201cnever\u201d \u2014 then left \u2013 again",
    "modifier\u02bcapostrophe and acute\u00b4accent",
    "İstanbul has a dotted capital",  # lower() would lengthen it: left as it is
    "日本語のコメント with english",
    "mixed 😀 señor 😀 niño",
    "\ud800 a lone surrogate",
]


@pytest.mark.parametrize("text", CASES)
def test_fold_and_words_match_the_reference(text: str) -> None:
    view = ScanText(text)
    expected = reference_fold(text)
    assert view.fold == expected
    assert len(view.fold) == len(text)  # offsets stay valid
    assert view.tokens == _LETTERS.findall(expected)
    assert view.tokset == frozenset(view.tokens)


_ALPHABET = st.sampled_from(
    [*"aZ ñÑéÉ¿¡.'", *(chr(c) for c in _FOLD_TABLE), "😀", "❤", "日", "İ", "\u2764", "\u00bf"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_mix_of_characters_folds_as_the_reference(text: str) -> None:
    view = ScanText(text)
    assert view.fold == reference_fold(text)
    assert view.tokens == _LETTERS.findall(view.fold)


# Patterns of the shapes the engine uses, and some that match empty (finditer's own rules).
FIND_PATTERNS = [
    r"[a-z]+",
    r"a(?<![a-z]a)n(?![a-z])",  # literal-led with look-arounds
    r"[0-9](?<![0-9][0-9])[0-9]*",
    r"(?<![a-z])ab|b",  # overlapping alternatives
    r"x*",  # matches empty everywhere
    r"(?=a)|b",  # empty at some places, not at others
    r"\b",
    r"^a|a$",
]
FIND_TEXTS = ["", "a", "an ban an", "aab b ab", "12 345a6 7", "xxaxx", "a b\nab"]


@pytest.mark.parametrize("source", FIND_PATTERNS)
@pytest.mark.parametrize("text", FIND_TEXTS)
def test_find_all_is_finditer(source: str, text: str) -> None:
    pattern = re.compile(source)
    spans = [m.span() for m in find_all(pattern, text)]
    assert spans == [m.span() for m in pattern.finditer(text)]
    for pos, endpos in [(1, len(text)), (2, 5), (3, 2), (0, 1)]:
        spans = [m.span() for m in find_all(pattern, text, pos, endpos)]
        assert spans == [m.span() for m in pattern.finditer(text, pos, endpos)]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(FIND_PATTERNS),
    st.text(alphabet="abnx0129 \n", max_size=30),
    st.integers(0, 31),
    st.integers(0, 31),
)
def test_find_all_is_finditer_anywhere(source: str, text: str, pos: int, endpos: int) -> None:
    pattern = re.compile(source)
    assert [m.span() for m in find_all(pattern, text, pos, endpos)] == [
        m.span() for m in pattern.finditer(text, pos, endpos)
    ]


def reference_repair(folded: str, fixes: dict[str, str]) -> str:
    """Every run of a-z that is a misspelling, replaced: one regex callback per word."""
    return _LETTERS.sub(lambda m: fixes.get(m.group(), m.group()), folded)


REPAIR_FIXES = {"wokrs": "works", "dauhgter": "daughter", "abc": "bac"}
REPAIR_CASES = [
    "my ex wokrs at a shop",
    "wokrs",  # the whole text
    "wokrswokrs wokrs",  # inside a longer word: left alone
    "xwokrs wokrs. (wokrs)",
    "my dauhgter and his dauhgter, dauhgters",
    "abc abcabc bac abc",
    "no fix here at all",
    "wokrs1 1wokrs é wokrs_",  # digits, accents and underscores are not letters
]


@pytest.mark.parametrize("folded", REPAIR_CASES)
def test_repair_replaces_whole_words_as_the_reference(folded: str) -> None:
    repaired = _repaired(folded, REPAIR_FIXES)
    assert repaired == reference_repair(folded, REPAIR_FIXES)
    assert len(repaired) == len(folded)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["wokrs", "abc", "bac", "ab", "x", " ", ".", "1", "é"])))
def test_any_mix_of_words_is_repaired_as_the_reference(parts: list[str]) -> None:
    folded = "".join(parts)
    assert _repaired(folded, REPAIR_FIXES) == reference_repair(folded, REPAIR_FIXES)


def test_a_comment_with_misspellings_gets_the_repaired_fold() -> None:
    repair = TypoRepair(frozenset({"works", "daughter"}), ())
    view = ScanText("My ex WOKRS for cash; my dauhgter knows", repair)
    assert view.fold == "my ex works for cash; my daughter knows"
    assert {"works", "daughter"} <= view.tokset
    assert "wokrs" not in view.tokens
