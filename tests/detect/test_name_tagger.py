"""The name tagger, and the name policy of a public forum (DESIGN.md, "Names")."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect import Action, Category, Detector, EntityType
from casewarden.detect.errors import ModelError
from casewarden.detect.lexicon import name_lists, not_a_private_person
from casewarden.detect.name_tagger import (
    CARD,
    WEIGHTS,
    NameTagger,
    sentence_features,
    shipped_tagger,
    word_tokens,
)

SHIPPED = Path(str(resources.files("casewarden.detect").joinpath("data", "model")))


def test_the_shipped_card_names_the_hash_of_the_tagger() -> None:
    card = tomllib.loads((SHIPPED / CARD).read_text("utf-8"))
    assert card["weights_sha256"] == hashlib.sha256((SHIPPED / WEIGHTS).read_bytes()).hexdigest()
    sources = {s["name"]: s for s in card["training"]["external"]}
    assert sources["Broad Twitter Corpus"]["licence"] == "CC BY 4.0"
    assert "COLING 2016" in sources["Broad Twitter Corpus"]["attribution"]


@pytest.mark.parametrize("damage", ["truncated", "altered", "missing"])
def test_a_damaged_tagger_is_refused(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED, folder)
    weights = folder / WEIGHTS
    if damage == "truncated":
        weights.write_bytes(weights.read_bytes()[:500])
    elif damage == "altered":
        data = bytearray(weights.read_bytes())
        data[len(data) // 2] ^= 0xFF
        weights.write_bytes(bytes(data))
    else:
        weights.unlink()
    with pytest.raises(ModelError, match="name tagger"):
        NameTagger.load(name_lists(), folder)


WORDS = st.lists(
    st.sampled_from(["@kiana", "my", "son", "Jayden", "O'Brien", "rodel", "McDonald", "5", "!"]),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(WORDS)
def test_the_cached_features_are_the_training_features(words: list[str]) -> None:
    tagger = shipped_tagger(name_lists())
    assert tagger._features(words) == sentence_features(words, name_lists())


def test_tokens_keep_handles_and_offsets() -> None:
    text = "@kiana.marie_ ignore him, Mr. O'Brien"
    tokens = word_tokens(text)
    assert tokens[0].text == "@kiana.marie"
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("gavin newsom", "public figure"),
        ("bad bunny", "public figure"),
        ("@kim kardashian", "public figure"),
        ("fresno", "place"),
        ("san jose", "place"),
        ("maria gonzalez", None),
    ],
)
def test_well_known_people_and_places_are_not_private_persons(
    name: str, reason: str | None
) -> None:
    assert not_a_private_person(name) == reason


def _persons(result_text: str, detector: Detector) -> list[str]:
    result = detector.scan(result_text)
    return [result_text[f.start : f.end] for f in result.findings if f.type is EntityType.PERSON]


# A private person's name alone is conversation: found (for redaction), never hidden.
NAME_ALONE = [
    "@Lena Okafor same thing happened to me",
    "gracias Xiomara! me ayudaste mucho",
    "my friend Tasha told me to ask here about the workshop",
    "@brisa godinez girl same, mine's been pending since dec 14 too",
    # a private person's first name, possessive (LABELLING.md: a PERSON span), and no reason
    "Marcus's mom says the office was closed",
]


@pytest.mark.parametrize("text", NAME_ALONE)
def test_a_name_alone_stays_up(detector: Detector, text: str) -> None:
    result = detector.scan(text)
    assert result.action is Action.ALLOW
    assert any(f.type is EntityType.PERSON for f in result.findings)


# A name with a fact of someone's case hides, and so does a famous name used for a neighbour
# with case facts: the facts decide, not the list.
NAME_WITH_FACTS = [
    "my ex Jayden Parker works at the Costco in Fresno and hasn't paid in 3 years",
    "Jennifer Lopez from my street works at Walmart and owes three years of support",
    "does anyone know brenda king? she owes my kids years of support",
]


@pytest.mark.parametrize("text", NAME_WITH_FACTS)
def test_a_name_with_case_facts_hides(detector: Detector, text: str) -> None:
    result = detector.scan(text)
    assert result.action is Action.HIDE
    assert Category.CASE_DETAILS in result.categories


def test_officials_and_famous_people_are_not_findings(detector: Detector) -> None:
    text = "Gavin Newsom and Bad Bunny should both come to Fresno and see this office"
    assert _persons(text, detector) == []
    assert detector.scan(text).action is not Action.HIDE
