"""The comment classifier: checked against its card, explained by words, weighed with rules."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from casewarden.detect import Action, Category, Detector, DetectorConfig
from casewarden.detect.comment_model import (
    CARD,
    WEIGHTS,
    CommentModel,
    ModelScores,
    StackingWeights,
)
from casewarden.detect.errors import ModelError
from casewarden.detect.features import Token
from casewarden.detect.training.build import TRAINING_SET
from casewarden.detect.training.corpus import LABELS, corpus_hash, read_lines

SHIPPED = Path(str(resources.files("casewarden.detect").joinpath("data", "model")))


def test_the_shipped_card_names_the_hash_of_its_weights() -> None:
    card = tomllib.loads((SHIPPED / CARD).read_text("utf-8"))
    assert card["weights_sha256"] == hashlib.sha256((SHIPPED / WEIGHTS).read_bytes()).hexdigest()
    assert card["labels"] == list(LABELS)


def test_the_shipped_card_names_the_hash_of_its_training_data() -> None:
    card = tomllib.loads((SHIPPED / CARD).read_text("utf-8"))
    records = read_lines(SHIPPED / TRAINING_SET, source="shipped", keep_source=True)
    assert card["training"]["data_sha256"] == corpus_hash(records)
    assert card["training"]["comments"] == len(records)
    assert sum(s["comments"] for s in card["training"]["sources"]) == len(records)


def _damaged(tmp_path: Path, damage: str) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(SHIPPED, folder)
    weights = folder / WEIGHTS
    if damage == "missing weights":
        weights.unlink()
    elif damage == "missing card":
        (folder / CARD).unlink()
    elif damage == "truncated":
        weights.write_bytes(weights.read_bytes()[:1000])
    elif damage == "one byte altered":
        data = bytearray(weights.read_bytes())
        data[-1] ^= 0x01
        weights.write_bytes(bytes(data))
    elif damage == "card altered":
        card = folder / CARD
        card.write_text(card.read_text("utf-8").replace("weights_sha256", "weights_sha"))
    return folder


DAMAGE = ["missing weights", "missing card", "truncated", "one byte altered", "card altered"]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_model_is_refused_with_its_reason(tmp_path: Path, damage: str) -> None:
    folder = _damaged(tmp_path, damage)
    with pytest.raises(ModelError) as raised:
        CommentModel.load(folder)
    message = str(raised.value)
    assert "comment model" in message or "model card" in message
    assert len(message) < 400  # a sentence, not a dump


@pytest.mark.parametrize("damage", ["truncated", "missing weights"])
def test_scan_refuses_to_start_on_a_damaged_model(tmp_path: Path, damage: str) -> None:
    folder = _damaged(tmp_path, damage)
    done = subprocess.run(
        [sys.executable, "-m", "casewarden", "scan", "--model", str(folder)],
        input=b'{"id": 1, "text": "my ssn is 536-22-4187"}\n',
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 3
    assert b"comment model" in done.stderr
    assert done.stdout == b""  # nothing was scanned on rules alone


def test_the_words_that_weighed_most_are_offsets_into_the_comment(detector: Detector) -> None:
    text = "I know where that caseworker parks, she better watch her back 🔪"
    result = detector.scan(text)
    assert result.action is Action.HIDE
    trained = [s for s in result.signals if s.classifier == "comment_model"]
    assert trained
    words = [text[a:b] for signal in trained for a, b in signal.words]
    assert words
    assert all(w.strip() and w in text for w in words)
    # The explanation (safe to log) gives offsets, never the words themselves.
    explanation = " ".join(result.explain())
    assert all(word not in explanation for word in words if len(word) > 3)


class FixedScorer:
    """A comment classifier that always answers the same probabilities (for the combination)."""

    labels = LABELS
    name = "fixed"

    def __init__(self, probabilities: dict[str, float], stacking: StackingWeights):
        self._row = [probabilities.get(label, 0.0) for label in LABELS]
        self.stacking = dict.fromkeys(
            ("threat", "harassment", "profanity", "scam", "case_details"), stacking
        )

    def score(self, tokens: list[Token]) -> ModelScores:
        return ModelScores(self._row, tokens)


# (text, model probabilities, expected action): the combination as rules.toml says.
STACKING = StackingWeights(rules=2.0, reported=2.0, model=1.0, bias=0.0)
COMBINED = [
    # the model alone, sure enough, hides what no rule saw
    ("see you soon", {"threat": 0.99}, Action.HIDE),
    # a model only somewhat sure, below the category's hide_at (rules.toml), sends the
    # comment to a person rather than hiding it
    ("see you soon", {"threat": 0.58}, Action.REVIEW),
    ("see you soon", {"harassment": 0.53}, Action.REVIEW),
    ("see you soon", {"case_details": 0.58}, Action.REVIEW),
    ("see you soon", {"case_details": 0.62}, Action.HIDE),
    # a weak model score alone goes nowhere
    ("see you soon", {"threat": 0.02}, Action.ALLOW),
    # the model weighs against the rules' case details, but what the rules report a person
    # still reads: never allowed outright
    ("he works at the Costco on 5th street now", {"case_details": 0.0001}, Action.REVIEW),
    # a rules score at or above rules_stand_at decides on its own
    ("this is bullshit", {"profanity": 0.0001}, Action.HIDE),
    # names alone (a tag, a list of tags) are never read by the model, however sure it is
    ("@Dara Sok", {"harassment": 0.99, "case_details": 0.99}, Action.ALLOW),
    ("@Yesenia Duarte y @Keoni Mahoe", {"harassment": 0.99}, Action.ALLOW),
    # a name with words is
    ("@Dara Sok stay off this page", {"harassment": 0.99}, Action.HIDE),
]


@pytest.mark.parametrize(("text", "probabilities", "action"), COMBINED)
def test_rules_and_model_combine_as_the_rules_data_says(
    text: str, probabilities: dict[str, float], action: Action
) -> None:
    detector = Detector(model=FixedScorer(probabilities, STACKING))
    assert detector.scan(text).action is action


# (text, the weight of what the rules only report, expected action). The model is fairly
# sure of case details (0.7) in each; the rules' score is the writer's own fact (0.45,
# review) or someone else's (0.75, hide).
REPORTED_WEIGHT = [
    # the writer's own fact, weighed as evidence for hiding, tips the model over
    ("I work at the Costco on 5th street now", 2.0, Action.HIDE),
    ("tengo diabetes y ya no puedo trabajar", 2.0, Action.HIDE),
    # weighed against hiding, as learnt from writers: a person reads it, nothing is hidden
    ("tengo diabetes y ya no puedo trabajar", -2.0, Action.REVIEW),
    ("I work at the Costco on 5th street now", -2.0, Action.REVIEW),
    # someone else's fact takes the rules' weight, whatever the reported weight
    ("he works at the Costco on 5th street now", -2.0, Action.HIDE),
]


@pytest.mark.parametrize(("text", "reported", "action"), REPORTED_WEIGHT)
def test_what_the_rules_only_report_has_its_own_weight(
    text: str, reported: float, action: Action
) -> None:
    weights = StackingWeights(rules=2.0, reported=reported, model=1.0, bias=0.0)
    detector = Detector(model=FixedScorer({"case_details": 0.7}, weights))
    assert detector.scan(text).action is action


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.5, 0.7, -0.2], StackingWeights(rules=1.5, reported=1.5, model=0.7, bias=-0.2)),
        ([1.5, -0.9, 0.7, -0.2], StackingWeights(rules=1.5, reported=-0.9, model=0.7, bias=-0.2)),
    ],
)
def test_stacking_weights_read_old_and_new_cards(
    values: list[float], expected: StackingWeights
) -> None:
    assert StackingWeights.parse(values) == expected


@pytest.mark.parametrize("values", [[], [1.0, 2.0], [1.0, 2.0, 3.0, 4.0, 5.0], ["a", 1, 2]])
def test_stacking_weights_of_another_length_are_refused(values: list[object]) -> None:
    with pytest.raises(ValueError, match="stacking weights"):
        StackingWeights.parse(values)


def test_rules_only_runs_without_a_model() -> None:
    detector = Detector(rules_only=True)
    assert detector.model is None
    assert detector.scan("my ssn is 536-22-4187").categories == [Category.PII]


# (the agency's officials, comment, what the classifier reads in the officials' place)
OFFICIALS_READ_AS_TYPE = [
    (("Robert Hayes",), "Commissioner Hayes hands out continuances like candy", "hayes"),
    (("Maria Delgado",), "Maria Delgado ought to resign", "delgado"),
    (("Maria Delgado",), "la directora delgado no contesta", "delgado"),
    # another agency's commissioner is read the same way, so neither model learns a surname
    (("Ana Whitfield",), "Commissioner Whitfield hands out continuances like candy", "whitfield"),
]


@pytest.mark.parametrize(("officials", "text", "name"), OFFICIALS_READ_AS_TYPE)
def test_the_classifier_reads_an_official_as_its_type(
    officials: tuple[str, ...], text: str, name: str
) -> None:
    detector = Detector(DetectorConfig(public_officials=officials))
    tokens = [token.text for token in detector.model_tokens(text)]
    assert "<official>" in tokens
    assert name not in tokens


def test_a_handle_holding_an_officials_name_is_not_the_official() -> None:
    detector = Detector(DetectorConfig(public_officials=("Robert Hayes",)))
    tokens = [token.text for token in detector.model_tokens("@hayes_fan99 said the same")]
    assert "<official>" not in tokens
