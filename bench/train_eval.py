"""How the comment classifier generalizes to writers it has never seen: leave one writer out.

    python bench/train_eval.py                        # the shipped settings
    python bench/train_eval.py --c 16 --power 0.5     # another regularisation, L2 scaling
    python bench/train_eval.py --balanced

Each source of the corpus manifest (a writer's file, a templated split) is held out in turn;
the classifier is trained on the others and gives the held-out comments their probabilities,
which are then combined with the rules exactly as the detector combines them (the stacking
weights learnt on those held-out probabilities, the thresholds of rules.toml). Prints per
label the ranking quality over every held-out prediction (ROC AUC, average precision) and
the post-level figures on the independent writers' comments. Aggregate figures only: no
comment is printed. (About eight minutes on two cores: one fit per source and label.)

docs/detection.md records what the settings it compares scored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent

from casewarden.detect import Detector, DetectorConfig  # noqa: E402
from casewarden.detect.comment_model import ModelScores, StackingWeights  # noqa: E402
from casewarden.detect.features import FeatureSpec, Token  # noqa: E402
from casewarden.detect.training.build import MODEL_CATEGORIES  # noqa: E402
from casewarden.detect.training.comment_trainer import (  # noqa: E402
    TrainingOptions,
    design_matrix,
    fit_stacking,
    held_out,
    targets,
)
from casewarden.detect.training.corpus import LABELS, TEMPLATED, load_corpus  # noqa: E402

CORPUS = HERE / "corpus"
AGENCY = CORPUS / "agency.toml"


class Precomputed:
    """A comment scorer answering with probabilities computed beforehand (held out)."""

    labels = LABELS
    name = "held-out"

    def __init__(self, stacking: dict[str, StackingWeights]) -> None:
        self.stacking = stacking
        self.table: dict[tuple[str, ...], list[float]] = {}

    def score(self, tokens: list[Token]) -> ModelScores:
        """The probabilities recorded for these tokens."""
        return ModelScores(self.table[tuple(t.text for t in tokens)], tokens)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)  # fmt: skip
    parser.add_argument("--c", type=float, default=TrainingOptions().c)
    parser.add_argument("--balanced", action="store_true")
    parser.add_argument("--power", type=float, default=FeatureSpec().length_power)
    args = parser.parse_args()
    from sklearn.metrics import average_precision_score, roc_auc_score

    config = DetectorConfig.from_toml(AGENCY)
    reader = Detector(config, rules_only=True)
    records = load_corpus(CORPUS)
    spec = FeatureSpec(length_power=args.power)
    options = TrainingOptions(c=args.c, balanced=args.balanced)
    tokens = [reader.model_tokens(r.text) for r in records]
    labels = targets(records)
    held = held_out(design_matrix(tokens, spec), labels, [r.source for r in records],
                    spec=spec, options=options)  # fmt: skip
    print(f"## C = {options.c}, balanced = {options.balanced}, length power = {spec.length_power}")
    print(f"\n{len(records)} comments; each source held out in turn\n")
    print("| label | positives | ROC AUC | average precision |")
    print("|---|---:|---:|---:|")
    for column, label in enumerate(LABELS):
        y, p = labels[:, column], held[:, column]
        print(f"| {label} | {int(y.sum())} | {roc_auc_score(y, p):.3f} | "
              f"{average_precision_score(y, p):.3f} |")  # fmt: skip
    rules = [{str(c): s for c, s in reader.scan(r.text).category_scores.items()} for r in records]
    writers = np.asarray([not r.source.startswith(TEMPLATED) for r in records])
    stacking = fit_stacking(
        rules, held, labels, writers, MODEL_CATEGORIES, hide_threshold=reader.hide_threshold
    )
    scorer = Precomputed(stacking)
    for token_list, row in zip(tokens, held, strict=True):
        scorer.table[tuple(t.text for t in token_list)] = [float(v) for v in row]
    detector = Detector(config, model=scorer)
    chosen = [r for r, w in zip(records, writers, strict=True) if w]
    hidden = [detector.scan(r.text).action.value == "hide" for r in chosen]
    hide = [r.action == "hide" for r in chosen]
    caught = sum(h and s for h, s in zip(hidden, hide, strict=True))
    false = sum(h and not s for h, s in zip(hidden, hide, strict=True))
    recall = caught / sum(hide)
    false_hide = false / (len(chosen) - sum(hide))
    print(f"\nindependent writers' comments ({len(chosen)}), each writer held out: "
          f"hide recall {recall:.3f}, false-hide rate {false_hide:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
