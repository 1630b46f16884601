"""Places (California's and countries), read as ``<place>`` by the comment classifier."""

from __future__ import annotations

import pytest

from casewarden.detect import Detector
from casewarden.detect.places import place_spans
from casewarden.detect.text import fold

READ_AS_PLACES = [
    ("a town named like an insult", "La oficina de Indio es un desmadre", ["Indio"]),
    ("a lower-case town after 'in'", "I live in indio now", ["indio"]),
    ("a lower-case town after 'en'", "trabajo en coachella", ["coachella"]),
    (
        "two-word places, longest first",
        "San Jose and Chino Hills. Orange too",
        ["San Jose", "Chino Hills"],
    ),
    ("a capitalised town mid-sentence", "the Fresno office never answers", ["Fresno"]),
    ("a country", "he went back to Guatemala and stopped paying", ["Guatemala"]),
    ("a country in Spanish", "se regresó a Arabia Saudita", ["Arabia Saudita"]),
    ("a county", "the Amador office never answers", ["Amador"]),
    ("a state", "he moved to Oklahoma and stopped paying", ["Oklahoma"]),
    ("a state in Spanish", "se fue a Nuevo México", ["Nuevo México"]),
]

WORDS_NOT_PLACES = [
    ("the insult, lower case", "pinche cara de indio"),
    ("a capital for the sentence", "Indio es caro. Orange is my color"),
    ("a lower-case town without a word that locates", "el centro de la ciudad"),
    ("words across a full stop", "I went to San. Jose said hi"),
]


@pytest.mark.parametrize(
    ("label", "text", "places"), READ_AS_PLACES, ids=[c[0] for c in READ_AS_PLACES]
)
def test_places_are_found(label: str, text: str, places: list[str]) -> None:
    assert [text[start:end] for start, end, _ in place_spans(text, fold(text))] == places


@pytest.mark.parametrize(("label", "text"), WORDS_NOT_PLACES, ids=[c[0] for c in WORDS_NOT_PLACES])
def test_words_stay_words(label: str, text: str) -> None:
    assert place_spans(text, fold(text)) == []


def test_the_classifier_reads_a_place_as_its_type(detector: Detector) -> None:
    tokens = [token.text for token in detector.model_tokens("La oficina de Indio es un desmadre")]
    assert "<place>" in tokens
    assert "indio" not in tokens


def test_a_finding_wins_over_a_place(detector: Detector) -> None:
    text = "my address is 4410 Maple St, Fresno, CA 93722"
    tokens = [token.text for token in detector.model_tokens(text)]
    assert "<street_address>" in tokens
    assert "<place>" not in tokens
