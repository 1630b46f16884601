"""Training is code like any other: one command, deterministic for a seed, tested small."""

from __future__ import annotations

import json
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from casewarden.detect import Detector, DetectorConfig
from casewarden.detect.comment_model import CARD, WEIGHTS, CommentModel
from casewarden.detect.lexicon import name_lists
from casewarden.detect.name_tagger import CARD as TAGGER_CARD
from casewarden.detect.name_tagger import WEIGHTS as TAGGER_WEIGHTS
from casewarden.detect.name_tagger import NameTagger
from casewarden.detect.training.build import TRAINING_SET, build
from casewarden.detect.training.corpus import CorpusError, load_corpus, read_lines

SHIPPED = Path(str(resources.files("casewarden.detect").joinpath("data", "model")))
AGENCY = SHIPPED / "training_agency.toml"


def _small_corpus(folder: Path, *, blind_trained: bool = False) -> Path:
    """A corpus of two writers' sources and a blind split, from the shipped training set."""
    records = read_lines(SHIPPED / TRAINING_SET, source="shipped")
    writers = [r for r in records if not r.source.startswith("templates/")]
    folder.mkdir()
    (folder / "ner").mkdir()
    shutil.copyfile(AGENCY, folder / "agency.toml")
    sentence = "Obama\tB-PER\nsaid\tO\nhi\tO\n\n@\tO\nkiana\tB-PER\nlol\tO\n"
    for name in ("btc.train.conll", "btc.dev.conll", "wnut17train.conll", "emerging.dev.conll"):
        (folder / "ner" / name).write_text(sentence, encoding="utf-8")
    sources = []
    for index, name in enumerate(("w1", "w2", "blind-x")):
        chosen = writers[index * 150 : (index + 1) * 150]
        lines = [json.dumps({**r.to_json(), "id": f"{name}-{i}"}) for i, r in enumerate(chosen)]
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        blind = name.startswith("blind")
        train = "true" if not blind or blind_trained else "false"
        sources.append(
            f'[[source]]\nname = "{name}"\nfile = "{name}.jsonl"\nbrief = "test writer {index}"\n'
            f"blind = {'true' if blind else 'false'}\ntrain = {train}\n"
        )
    (folder / "manifest.toml").write_text("\n".join(sources), encoding="utf-8")
    return folder


def test_training_writes_models_that_load_and_scan(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "corpus")
    out = tmp_path / "model"
    card = build(corpus, out, command="test")
    for name in (WEIGHTS, CARD, TAGGER_WEIGHTS, TAGGER_CARD, TRAINING_SET):
        assert (out / name).is_file()
    assert card["training"]["comments"] == 300
    assert "blind-x" in card["blind_figures"]  # scored, not trained on
    model = CommentModel.load(out)
    tagger = NameTagger.load(name_lists(), out)
    detector = Detector(DetectorConfig.from_toml(AGENCY), model=model, name_tagger=tagger)
    assert detector.scan("my ssn is 536-22-4187").action.value == "hide"
    written = tomllib.loads((out / CARD).read_text("utf-8"))
    assert written["command"] == "test"
    assert set(written["stacking"]) <= {"threat", "harassment", "profanity", "scam", "case_details"}


def test_the_same_corpus_and_seed_give_the_same_files(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "corpus")
    build(corpus, tmp_path / "one", command="test")
    build(corpus, tmp_path / "two", command="test")
    for name in (WEIGHTS, TAGGER_WEIGHTS, TRAINING_SET):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_blind_split_without_a_first_scoring_is_never_trained_on(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path / "corpus", blind_trained=True)
    with pytest.raises(CorpusError, match="first scoring"):
        load_corpus(corpus)


def test_stacking_learns_apart_what_the_rules_hide_and_what_they_only_report() -> None:
    """Where the rules' reported facts go with comments that stay up (the writer's own) and
    their hide-level facts with hidden ones, the two weights take opposite signs."""
    import numpy as np

    from casewarden.detect.training.comment_trainer import fit_stacking
    from casewarden.detect.training.corpus import LABELS

    rng = np.random.default_rng(7)
    column = LABELS.index("case_details")
    # Each row: the rules' case-details score and whether the comment was hidden for it.
    rows = [(0.75, 1)] * 60 + [(0.45, 0)] * 60 + [(0.0, 0)] * 40 + [(0.0, 1)] * 10
    rules = [{"case_details": score} if score else {} for score, _ in rows]
    labels = np.zeros((len(rows), len(LABELS)), dtype=np.int8)
    labels[:, column] = [hidden for _, hidden in rows]
    # The model is as unsure of every comment, so the rules' score alone tells them apart.
    held = np.full((len(rows), len(LABELS)), 0.5) + rng.normal(0, 0.01, (len(rows), len(LABELS)))
    mask = np.ones(len(rows), dtype=bool)
    weights = fit_stacking(rules, held, labels, mask, ["case_details"], hide_threshold=0.6)
    assert weights["case_details"].rules > 0 > weights["case_details"].reported
