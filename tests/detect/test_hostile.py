"""Hostile input: long adversarial strings and huge lines finish and stay consistent.

Every regex in the engine is linear-time or bounded; these tests feed the shapes that make a
backtracking engine blow up (long runs of the characters a pattern loops on, almost-matches
repeated) and check that scanning returns and its offsets make sense. They assert no
timings: a catastrophic pattern would make them hang, which the run would report.
"""

from __future__ import annotations

import itertools
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casewarden.detect import Detector
from casewarden.detect.redact import apply_redaction
from casewarden.detect.text import digit_runs, letter_runs

ALPHABET = string.ascii_letters + string.digits + " .-_@#$*/(),:;'\n\tñáéíóú😡"
ADVERSARIAL_UNITS = [
    "1",
    "1-",
    "1 ",
    "a",
    "a ",
    "a@",
    "@",
    "x.",
    "my son ",
    "case ",
    "born ",
    "123 ",
    "St ",
    "f*",
    "ss# ",
    "::",
    "1.",
    "A",
    "Aa ",
    "de la ",
    "$1,",
    "calle ",
    "lives at ",
    "five ",
    "nine two, ",
    "9 - ",
    "facebook.com/",
    "facebook [dot] com/a",
    "Name: ",
    "atty. ",
    "yahir thao ",
    "> ab wrote: ",
    "loser. ",
    "a at b dot ",
    "559 / ",
    "his dad quynh o'",
    "@ab cd-ef ",
]


def _check(detector: Detector, text: str) -> None:
    result = detector.scan(text)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert 0 < finding.score <= 1
    spans = sorted((f.start, f.end) for f in result.findings)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlaps
    # The redaction of this very scan (``redact_with_report`` would scan the text again: the
    # huge lines would cost twice the time for the same check).
    report = apply_redaction(text, result.findings)
    assert len(report.redactions) == len(result.findings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text_scans_consistently(detector: Detector, text: str) -> None:
    _check(detector, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ADVERSARIAL_UNITS), min_size=1, max_size=40), st.integers(1, 300))
def test_repeated_adversarial_units(detector: Detector, units: list[str], times: int) -> None:
    _check(detector, "".join(units) * times)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_scans(detector: Detector, text: str) -> None:
    _check(detector, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        "1",  # digit runs: every numeric recognizer
        "1-",  # separators between digits: SSN, phone, card, case numbers
        "1 2 ",
        "a",  # one endless word
        "a ",  # endless words
        "A ",  # endless capitals: the person recognizer's runs
        "Aa Bb ",
        "a@",  # almost-emails
        "x." * 3 + "@",
        "my son ",  # kinship words followed by more kinship words
        "case # ",
        "born 1/",
        "123 Main ",  # almost-addresses without a suffix
        "123 a b c d e ",
        "f*c",
        "::1",
        "1.1.1.",
        "de la ",
        "calle x ",
        "lives at 1 ",
        "I'm going to ",
        "five nine two ",  # a number one digit at a time, never ending
        "9 - ",
        "facebook.com/",  # profile addresses
        "facebook  dot  com/a ",
        "Name: a ",  # name fields
        "yahir thao ",  # lower-case name pairs: each pair searched for
        "> a b c d ",  # a quoted reply's attribution that never ends
        "\n> ab cd ef wrote: ",
        "loser. ",  # a name-calling word standing alone, again and again
        "lo vi saliendo ",  # seen at work, with no uniform
        "a at b dot ",  # an address spelled out that never ends
        "a.b at c ",
        "559 / 302 / ",  # a number with slashes that never ends
        "his dad quynh o'callaghan-",  # a surname continued by apostrophes and hyphens
        "@elmer thoj-dizon ",  # mentions with hyphenated surnames on no list
        "chronic ",  # modifiers before no condition
        "n*g",  # symbols inside one endless word (masked slurs)
        "i know where the staff ",  # whereabouts that never reach a verb
        "4a calle ",  # numbered streets that never reach a number
        "in Fresno call 559-201-4567 ",  # places among findings, both by the thousand
        "yahir thao citlaly barajas yahir sotelo citlaly thao ",  # four pairs, searched for
        "yahir thao, citlaly barajas, yahir sotelo, citlaly thao, yahir barajas, ",  # more
    ],
)
def test_huge_lines(detector: Detector, unit: str) -> None:
    text = unit * (400_000 // len(unit))
    _check(detector, text)


@pytest.mark.slow
def test_huge_realistic_line(detector: Detector) -> None:
    sentence = (
        "My son Jayden was born 3/14/2015 and his dad John Smith lives at 4521 W Shaw Ave "
        "Apt 12, Fresno CA 93711, call 559-201-4567, case 100012345678, this is bullshit. "
    )
    text = sentence * 2000
    result = detector.scan(text)
    assert len(result.findings) >= 2000 * 5


_REGEX_WORDS = re.compile(r"[a-z]+")
_REGEX_DIGITS = re.compile(r"[0-9]+")


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300)
    | st.text(alphabet=string.ascii_lowercase + "0189 é\ud800😀٣-'", max_size=80)
)
def test_letter_runs_are_the_regex_words(text: str) -> None:
    """The byte-level tokenizer finds exactly the runs of a-z, whatever else the text holds
    (accents, emoji, lone surrogates)."""
    assert letter_runs(text) == _REGEX_WORDS.findall(text)
    assert digit_runs(text) == _REGEX_DIGITS.findall(text)
