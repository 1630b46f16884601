"""The trained comment classifier, as the scanner runs it: hashed features, weights, sigmoid.

A model is two files in ``data/model/``: the weights (``comment_model.npy``: one float16
column per label over the hash buckets, written by ``numpy.save``, which writes the same
bytes for the same weights) and its card (``comment_model.toml``: what it decides, the
biases, the data it learnt from with the data's hash, the command and seed that made it, its
figures on named blind splits, the weights' SHA-256). Loading checks the
weights against the card's hash and refuses a missing, truncated or altered file
(:class:`ModelError`): the engine never falls back to rules alone without saying so.

Scanning reads the weights with NumPy: a comment's score for each label is the sum of its
features' weights (scaled by the comment's length, as in training) plus the bias, through a
sigmoid.
"""

from __future__ import annotations

import hashlib
import io
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np

from casewarden.detect.errors import ModelError
from casewarden.detect.features import FeatureSpec, Token, hashed

MODEL_DIR = ("data", "model")
#: The classifier reads a comment's first tokens only: a platform comment holds at most
#: about 1,500 words, and a pasted 400,000-character line must not cost seconds.
MAX_TOKENS = 2000
WEIGHTS = "comment_model.npy"
CARD = "comment_model.toml"


class ModelScores:
    """One comment's probability per label, and what each word contributed to it."""

    __slots__ = ("_contributions", "_owners", "probabilities", "tokens")

    def __init__(
        self,
        probabilities: Sequence[float],
        tokens: list[Token],
        contributions: np.ndarray | None = None,
        owners: np.ndarray | None = None,
    ) -> None:
        self.probabilities = probabilities
        self.tokens = tokens
        self._contributions = contributions  # (features, labels), each scaled as scored
        self._owners = owners  # (features,): the token each feature came from

    @property
    def contributions(self) -> np.ndarray | None:
        """Each feature's share of each label's score (features, labels), or None."""
        return self._contributions

    @property
    def owners(self) -> np.ndarray | None:
        """The token each feature came from, or None."""
        return self._owners

    def weighed_words(self, label: int, *, top: int = 3) -> list[tuple[int, int, float]]:
        """The words that raised ``label``'s score most: (start, end, weight), strongest first."""
        if self._contributions is None or self._owners is None or not self.tokens:
            return []
        per_token = np.bincount(
            self._owners, weights=self._contributions[:, label], minlength=len(self.tokens)
        )
        order = np.argsort(-per_token, kind="stable")[:top]
        return [
            (self.tokens[i].start, self.tokens[i].end, round(float(per_token[i]), 3))
            for i in order
            if per_token[i] > 0
        ]


class StackingWeights(NamedTuple):
    """How one label's probability meets the rules' score: a logistic regression over the
    rules' score and the probability's log-odds, learnt on writers the model had not seen.

    The rules' score has two weights because it means two things: where the rules alone
    would hide (a fact about someone else) it is evidence for hiding; where they would only
    report it is, for case details, the writer's own fact ("my son just moved in with me"),
    evidence that the comment is not someone else's disclosure.
    """

    rules: float  # the rules' score where it reaches the hide threshold
    reported: float  # the rules' score where it stays below it
    model: float  # the probability's log-odds
    bias: float

    @classmethod
    def parse(cls, values: Sequence[Any]) -> StackingWeights:
        """Four numbers, or the three of a card made before the rules' score had two
        weights (the one weight then stands for both); raises ``ValueError``."""
        try:
            numbers = [float(v) for v in values]
        except (TypeError, ValueError):
            raise ValueError(f"stacking weights must be numbers: {values!r}") from None
        if len(numbers) == 3:
            rules, model, bias = numbers
            return cls(rules=rules, reported=rules, model=model, bias=bias)
        if len(numbers) == 4:
            return cls(*numbers)
        raise ValueError(f"stacking weights are 3 or 4 numbers, not {len(numbers)}")


class CommentScorer(Protocol):
    """What the detector needs of a comment classifier (the shipped one or an agency's)."""

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in the order of ``ModelScores.probabilities``."""

    @property
    def name(self) -> str:
        """Which model this is (shown in explanations)."""

    @property
    def stacking(self) -> dict[str, StackingWeights]:
        """Per label, how its probability meets the rules' score (learnt on held-out writers)."""

    def score(self, tokens: list[Token]) -> ModelScores:
        """The probabilities of each label for a comment read as ``tokens``."""


@dataclass(frozen=True, slots=True)
class ModelCard:
    """The card beside the weights: what the model is, and the weights' hash."""

    name: str
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    stacking: dict[str, StackingWeights]
    spec: FeatureSpec
    weights_sha256: str
    data: dict[str, Any]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ModelCard:
        """Validate a parsed card; raises :class:`ModelError`."""
        try:
            features = data["features"]
            return cls(
                name=str(data["name"]),
                labels=tuple(str(label) for label in data["labels"]),
                bias=tuple(float(b) for b in data["bias"]),
                stacking={
                    str(label): StackingWeights.parse(w)
                    for label, w in data.get("stacking", {}).items()
                },
                spec=FeatureSpec(
                    bits=int(features["bits"]),
                    seed=int(features["hash_seed"]),
                    char_min=int(features["char_ngrams"][0]),
                    char_max=int(features["char_ngrams"][1]),
                    length_power=float(features["length_power"]),
                ),
                weights_sha256=str(data["weights_sha256"]),
                data=data,
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ModelError(f"the model card is malformed: {exc}") from None


class CommentModel:
    """Hashed n-gram logistic regressions, one per label (see ``training.comment_trainer``)."""

    __slots__ = ("_bias", "_weights", "labels", "name", "spec", "stacking")

    def __init__(
        self,
        *,
        name: str,
        labels: tuple[str, ...],
        spec: FeatureSpec,
        weights: np.ndarray,
        bias: np.ndarray,
        stacking: dict[str, StackingWeights] | None = None,
    ) -> None:
        if weights.shape != (spec.buckets, len(labels)) or bias.shape != (len(labels),):
            raise ModelError(
                f"the model's weights have shape {weights.shape}, expected "
                f"{(spec.buckets, len(labels))}"
            )
        self.name = name
        self.labels = labels
        self.spec = spec
        self.stacking = stacking or {}
        self._weights = np.ascontiguousarray(weights, dtype=np.float32)
        self._bias = np.asarray(bias, dtype=np.float64)

    @classmethod
    def from_bytes(cls, weights: bytes, card: ModelCard) -> CommentModel:
        """A model from its weights file's bytes, checked against its card's hash."""
        digest = hashlib.sha256(weights).hexdigest()
        if digest != card.weights_sha256:
            raise ModelError(
                f"the comment model's weights do not match its card (SHA-256 {digest[:12]}…, "
                f"card says {card.weights_sha256[:12]}…): the file is truncated or altered; "
                "reinstall casewarden or run `make model`"
            )
        try:
            matrix = np.load(io.BytesIO(weights), allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ModelError(f"the comment model's weights cannot be read: {exc}") from None
        bias = np.asarray(card.bias, dtype=np.float64)
        return cls(
            name=card.name,
            labels=card.labels,
            spec=card.spec,
            weights=matrix,
            bias=bias,
            stacking=card.stacking,
        )

    @classmethod
    def load(cls, directory: Path | None = None) -> CommentModel:
        """The model in ``directory`` (default: the one shipped with the engine)."""
        try:
            if directory is None:
                base = resources.files("casewarden.detect").joinpath(*MODEL_DIR)
                card_text = base.joinpath(CARD).read_text("utf-8")
                weights = base.joinpath(WEIGHTS).read_bytes()
            else:
                card_text = (directory / CARD).read_text("utf-8")
                weights = (directory / WEIGHTS).read_bytes()
        except (OSError, FileNotFoundError) as exc:
            raise ModelError(
                f"the comment model is missing ({exc.__class__.__name__}: {exc}); "
                "reinstall casewarden or run `make model`"
            ) from None
        try:
            card = ModelCard.parse(tomllib.loads(card_text))
        except tomllib.TOMLDecodeError as exc:
            raise ModelError(f"the comment model's card cannot be read: {exc}") from None
        return cls.from_bytes(weights, card)

    def score(self, tokens: list[Token]) -> ModelScores:
        """Each label's probability for a comment read as ``tokens``."""
        if len(tokens) > MAX_TOKENS:
            tokens = tokens[:MAX_TOKENS]
        indices, owners = hashed(tokens, self.spec)
        if not indices:
            probabilities = 1.0 / (1.0 + np.exp(-self._bias))
            return ModelScores(probabilities.tolist(), tokens)
        rows = self._weights[np.asarray(indices, dtype=np.intp)]
        rows = rows * np.float32(self.spec.scale(len(indices)))
        logits = np.clip(rows.sum(axis=0, dtype=np.float64) + self._bias, -40.0, 40.0)
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return ModelScores(probabilities.tolist(), tokens, rows, np.asarray(owners, dtype=np.intp))

    def dump(self) -> bytes:
        """The whole model as bytes (a JSON header, then the weights as ``numpy.save`` writes
        them): what an agency's model is sealed as."""
        header = json.dumps(
            {
                "name": self.name,
                "labels": list(self.labels),
                "bias": [float(b) for b in self._bias],
                "stacking": {label: list(w) for label, w in self.stacking.items()},
                "features": {
                    "bits": self.spec.bits,
                    "hash_seed": self.spec.seed,
                    "char_ngrams": [self.spec.char_min, self.spec.char_max],
                    "length_power": self.spec.length_power,
                },
            },
            sort_keys=True,
        ).encode("utf-8")
        buffer = io.BytesIO()
        np.save(buffer, self._weights.astype(np.float16), allow_pickle=False)
        return len(header).to_bytes(4, "big") + header + buffer.getvalue()

    @classmethod
    def undump(cls, data: bytes) -> CommentModel:
        """A model from :meth:`dump`'s bytes; raises :class:`ModelError`."""
        try:
            size = int.from_bytes(data[:4], "big")
            header = json.loads(data[4 : 4 + size].decode("utf-8"))
            card = ModelCard.parse({**header, "weights_sha256": ""})
            matrix = np.load(io.BytesIO(data[4 + size :]), allow_pickle=False)
        except (ValueError, UnicodeDecodeError, OSError) as exc:
            raise ModelError(f"an agency's comment model cannot be read: {exc}") from None
        return cls(
            name=card.name,
            labels=card.labels,
            spec=card.spec,
            weights=matrix,
            bias=np.asarray(card.bias, dtype=np.float64),
            stacking=card.stacking,
        )


class CombinedScorer:
    """The shipped classifier and an agency's own, the agency's only adding evidence: each
    label's probability is the higher of the two, so an agency's habits can raise a
    published category's score, never lower one, and never add a category."""

    __slots__ = ("_agency", "_base", "labels", "name", "stacking")

    def __init__(self, base: CommentScorer, agency: CommentScorer) -> None:
        if tuple(agency.labels) != tuple(base.labels):
            raise ModelError("an agency's model must decide the shipped model's labels only")
        self._base = base
        self._agency = agency
        self.labels = base.labels
        self.name = f"{base.name}+{agency.name}"
        self.stacking = base.stacking

    def score(self, tokens: list[Token]) -> ModelScores:
        """Each label's higher probability, explained by the model that gave it."""
        base = self._base.score(tokens)
        agency = self._agency.score(tokens)
        chosen = [
            1 if a > b else 0 for a, b in zip(agency.probabilities, base.probabilities, strict=True)
        ]
        probabilities = [
            max(a, b) for a, b in zip(agency.probabilities, base.probabilities, strict=True)
        ]
        contributions = base.contributions
        if agency.contributions is not None and contributions is not None and any(chosen):
            contributions = contributions.copy()
            for column, from_agency in enumerate(chosen):
                if from_agency:
                    contributions[:, column] = agency.contributions[:, column]
        return ModelScores(probabilities, base.tokens, contributions, base.owners)


@cache
def shipped_model() -> CommentModel:
    """The comment classifier shipped with the engine, loaded and checked once per process."""
    return CommentModel.load()
