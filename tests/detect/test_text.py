"""The per-comment view: its folded text and words, against a plain reference fold."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect.text import _FOLD_TABLE, ScanText

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
