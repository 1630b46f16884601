"""Release redaction: everything rule 1 protects goes, case details included; criticism stays."""

from __future__ import annotations

import pytest

from casewarden.detect import default_detector
from casewarden.detect.release import CASE_DETAILS, redact_for_release

ZW = "\u200b"


@pytest.mark.parametrize(
    ("text", "gone", "kinds"),
    [
        (
            "My ex works at the Costco on Fremont Blvd and makes $25 an hour. Thanks for nothing.",
            ["Costco", "$25", "Fremont"],
            {CASE_DETAILS},
        ),
        (
            "El papá de mis hijos trabaja en la construcción en Fresno y gana 4000 al mes.",
            ["construcción", "4000"],
            {CASE_DETAILS},
        ),
        (f"my ssn is 5{ZW}3{ZW}6-2{ZW}2-4187 please help", ["4187"], {"US_SSN"}),
        ("my social is five three six two two four one eight seven", ["eight seven"], {"US_SSN"}),
        ("ＳＳＮ ５３６-２２-４１８７", ["４１８７"], {"US_SSN"}),
    ],
)
def test_a_release_removes_what_rule_1_protects(
    text: str, gone: list[str], kinds: set[str]
) -> None:
    report = redact_for_release(text, default_detector())
    for words in gone:
        assert words not in report.text
    assert {r.kind for r in report.redactions} == kinds
    for removal in report.redactions:
        assert f"[{removal.kind}]" in report.text
        assert 0 <= removal.start < removal.end <= len(text)


def test_only_the_sentences_with_case_details_go() -> None:
    text = (
        "This office never answers the phone. My ex works at the Amazon warehouse in Tracy "
        "and owes me two years of support."
    )
    report = redact_for_release(text, default_detector())
    assert report.text.startswith("This office never answers the phone.")
    assert "Amazon" not in report.text


@pytest.mark.parametrize(
    "text",
    [
        "This department is slow and unfair, whoever runs it should be fired",
        "What are your office hours on Friday?",
    ],
)
def test_criticism_and_questions_are_released_as_written(text: str) -> None:
    report = redact_for_release(text, default_detector())
    assert (report.text, report.redactions) == (text, [])
