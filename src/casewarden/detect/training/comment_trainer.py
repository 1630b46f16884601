"""Training the comment classifier: one logistic regression per label over hashed features.

Why this model (docs/detection.md has the figures): on short, noisy, bilingual comments a
linear model over hashed word and character n-grams generalizes to writers it has never seen
about as well as anything that runs in a few microseconds on a CPU, trains in seconds, is
deterministic, and explains itself (each word's share of a score is a sum of its features'
weights). Hashing keeps no vocabulary, which an agency's own model needs (``features``).

scikit-learn fits the regressions (``LogisticRegression``, liblinear, L2); scanning needs only
the weights, read with NumPy (``comment_model``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casewarden.detect.comment_model import StackingWeights
from casewarden.detect.features import FeatureSpec, Token, hashed
from casewarden.detect.training.corpus import LABELS, LabelledComment

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix


@dataclass(frozen=True, slots=True)
class TrainingOptions:
    """How the regressions are fitted (the defaults are what ``make model`` uses)."""

    c: float = 4.0  # inverse regularisation strength
    # Not class-balanced: balancing raised recall on held-out writers less than it raised
    # false hides (bench/train_eval.py, docs/detection.md).
    balanced: bool = False
    seed: int = 20261206


@dataclass
class TrainedWeights:
    """What training produces: per-label weights over the hash buckets, and biases."""

    spec: FeatureSpec
    labels: tuple[str, ...]
    weights: np.ndarray  # (buckets, labels), float32
    bias: np.ndarray  # (labels,), float32


def design_matrix(token_lists: Sequence[list[Token]], spec: FeatureSpec) -> csr_matrix:
    """One row per comment: its hashed features, scaled by length as the scanner does."""
    import numpy as np
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, tokens in enumerate(token_lists):
        indices, _ = hashed(tokens, spec)
        if not indices:
            continue
        scale = spec.scale(len(indices))
        rows.extend([row] * len(indices))
        cols.extend(indices)
        values.extend([scale] * len(indices))
    matrix = csr_matrix(
        (np.asarray(values, dtype=np.float64), (rows, cols)),
        shape=(len(token_lists), spec.buckets),
    )
    matrix.sum_duplicates()
    return matrix


def targets(records: Sequence[LabelledComment]) -> np.ndarray:
    """The label matrix (comments, labels) of 0/1."""
    import numpy as np

    return np.asarray([record.labels() for record in records], dtype=np.int8)


def fit(
    matrix: csr_matrix, labels: np.ndarray, *, spec: FeatureSpec, options: TrainingOptions
) -> TrainedWeights:
    """One regression per label; a label with no positive example gets a flat weight."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros((spec.buckets, len(LABELS)), dtype=np.float32)
    bias = np.full(len(LABELS), -8.0, dtype=np.float32)
    for column in range(len(LABELS)):
        y = labels[:, column]
        if y.min() == y.max():
            continue
        model = LogisticRegression(
            C=options.c,
            solver="liblinear",
            class_weight="balanced" if options.balanced else None,
            random_state=options.seed,
            max_iter=1000,
        )
        model.fit(matrix, y)
        weights[:, column] = model.coef_[0].astype(np.float32)
        bias[column] = np.float32(model.intercept_[0])
    return TrainedWeights(spec=spec, labels=LABELS, weights=weights, bias=bias)


def probabilities(weights: TrainedWeights, matrix: csr_matrix) -> np.ndarray:
    """Each comment's probability for each label (comments, labels)."""
    import numpy as np

    logits = np.asarray(matrix @ weights.weights.astype(np.float64) + weights.bias)
    result: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
    return result


def train(
    records: Sequence[LabelledComment],
    tokens_of: Callable[[str], list[Token]],
    *,
    spec: FeatureSpec,
    options: TrainingOptions,
) -> TrainedWeights:
    """Train on ``records``, reading each comment as ``tokens_of`` (the detector's) does."""
    token_lists = [tokens_of(record.text) for record in records]
    return fit(design_matrix(token_lists, spec), targets(records), spec=spec, options=options)


def describe(options: TrainingOptions, spec: FeatureSpec) -> dict[str, Any]:
    """The settings a model card records."""
    return {
        "c": options.c,
        "balanced": options.balanced,
        "seed": options.seed,
        "bits": spec.bits,
        "hash_seed": spec.seed,
        "char_ngrams": [spec.char_min, spec.char_max],
        "length_power": spec.length_power,
    }


def held_out(
    matrix: csr_matrix,
    labels: np.ndarray,
    groups: Sequence[str],
    *,
    spec: FeatureSpec,
    options: TrainingOptions,
) -> np.ndarray:
    """Each comment's probabilities from a model trained without its group (its writer)."""
    import numpy as np

    names = np.asarray(groups)
    if len(set(groups)) < 2:
        raise ValueError("held-out probabilities need comments from two writers at least")
    out = np.zeros(labels.shape, dtype=np.float64)
    for group in sorted(set(groups)):
        test = names == group
        weights = fit(matrix[~test], labels[~test], spec=spec, options=options)
        out[test] = probabilities(weights, matrix[test])
    return out


def fit_stacking(
    rule_scores: Sequence[dict[str, float]],
    held: np.ndarray,
    labels: np.ndarray,
    mask: np.ndarray,
    categories: Sequence[str],
    *,
    hide_threshold: float,
) -> dict[str, StackingWeights]:
    """How each category's rules score and held-out model probability combine, learnt as a
    logistic regression on the comments ``mask`` selects (the independent writers'). The
    rules' score enters as two inputs, where it reaches ``hide_threshold`` and where it stays
    below it (see :class:`StackingWeights`)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    stacking: dict[str, StackingWeights] = {}
    for category in categories:
        column = LABELS.index(category)
        p = np.clip(held[:, column], 1e-6, 1 - 1e-6)
        rules = np.asarray([scores.get(category, 0.0) for scores in rule_scores])
        hides = rules >= hide_threshold
        features = np.column_stack(
            [np.where(hides, rules, 0.0), np.where(hides, 0.0, rules), np.log(p / (1 - p))]
        )
        y = labels[:, column]
        if y[mask].min() == y[mask].max():
            continue
        model = LogisticRegression(C=10.0, solver="lbfgs").fit(features[mask], y[mask])
        rules_weight, reported_weight, model_weight = (round(float(w), 4) for w in model.coef_[0])
        stacking[category] = StackingWeights(
            rules=rules_weight,
            reported=reported_weight,
            model=model_weight,
            bias=round(float(model.intercept_[0]), 4),
        )
    return stacking
