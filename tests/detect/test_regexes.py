"""The fast-shape rewrite of word alternations matches exactly what the plain form matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect.classifiers.case_details import _EN_FACTS
from casewarden.detect.regexes import led, word_start

SOURCES = [
    r"(?<![a-z])(?:works?|working|worked|is\s+employed|employed)(?:\s+at)?",
    r"(?<![a-z])(?:case|caso|docket)(?![a-z])",
    r"(?<![a-z0-9])(?:ab|abc|abd|a|b)",  # a branch that is all common letters
    r"(?<![a-z])(?:(?:my|mi)\s+ex|mine)",  # a leading group, distributed
    r"(?<![a-z])(?:o'neil|o'brien|ok)",  # apostrophes are letters here
    r"(?<![a-z])(?:aab?|aac)",  # a quantified letter ends the shared part
    r"(?<![a-z])(?:abc?|abcd)",  # ... also when the other branch has that letter
    r"(?<![a-z])work",  # one branch
    *(r"(?<![a-z])" + source for _name, source in _EN_FACTS),
]
TEXTS = [
    "my ex works at walmart and he worked for cash",
    "homework networking is employed? no, employed at",
    "aab aac aabc ab abc abd abcd a b xa 1a",
    "mi ex, my  ex, mine, examine",
    "o'neil o'brien ok token",
    "the case, caso y docket; showcase",
    "he has a new job and gets paid in cash, owes $500",
]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", SOURCES)
def test_led_matches_what_the_plain_form_matches(source: str) -> None:
    plain, fast = re.compile(source), re.compile(led(source))
    for text in TEXTS:
        assert spans(fast, text) == spans(plain, text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SOURCES), st.text(alphabet="aborkwinsdemply' 1.\\", max_size=40))
def test_led_matches_what_the_plain_form_matches_anywhere(source: str, text: str) -> None:
    assert spans(re.compile(led(source)), text) == spans(re.compile(source), text)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The look-behind follows the letters all of a group's branches share.
        ("works?|working|worked", "(?:work(?<![a-z]work)(?:s?|ing|ed))"),
        ("employed", "(?:employed(?<![a-z]employed))"),
        ("aab?|aac", "(?:aa(?<![a-z]aa)(?:b?|c))"),
        ("abc?|abcd", "(?:ab(?<![a-z]ab)(?:c?|cd))"),
        ("case|caso|docket", "(?:cas(?<![a-z]cas)(?:e|o)|docket(?<![a-z]docket))"),
    ],
)
def test_word_start_puts_the_look_behind_after_the_shared_letters(
    source: str, expected: str
) -> None:
    assert word_start(source) == expected


def test_a_branch_that_does_not_start_with_a_letter_is_refused() -> None:
    with pytest.raises(ValueError, match="plain literal"):
        word_start(r"works|\s+at")
