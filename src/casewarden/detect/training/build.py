"""``casewarden detect train``: train the shipped comment classifier from the corpus.

    casewarden detect train --corpus bench/corpus --out src/casewarden/detect/data/model

writes, into ``--out``:

- ``comment_model.npy`` and ``comment_model.toml``: the weights and their card (what the
  model decides, its biases, the data's hash and sources, the command and seed, its figures
  on every blind split it was not trained on, the weights' hash);
- ``training.jsonl.gz`` and ``training_agency.toml``: the exact training set and the agency
  configuration it was written for, which an agency's own retraining starts from
  (``casewarden detect train --from-decisions``).

The same corpus and seed give byte-identical files.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casewarden.detect.comment_model import CARD, WEIGHTS, CommentModel
from casewarden.detect.config import DetectorConfig
from casewarden.detect.engine import Detector
from casewarden.detect.features import FeatureSpec
from casewarden.detect.lexicon import name_lists
from casewarden.detect.model import Action
from casewarden.detect.name_tagger import CARD as TAGGER_CARD
from casewarden.detect.name_tagger import WEIGHTS as TAGGER_WEIGHTS
from casewarden.detect.name_tagger import NameTagger
from casewarden.detect.training.comment_trainer import (
    TrainedWeights,
    TrainingOptions,
    describe,
    design_matrix,
    fit,
    fit_stacking,
    held_out,
    targets,
)
from casewarden.detect.training.corpus import (
    LABELS,
    TEMPLATED,
    LabelledComment,
    corpus_hash,
    load_corpus,
    manifest,
    read_lines,
)
from casewarden.detect.training.name_trainer import (
    Sentence,
    TaggerOptions,
    comment_sentence,
    read_conll,
    train_tagger,
)

#: The labels whose probability decides a category together with the rules.
MODEL_CATEGORIES = ("threat", "harassment", "profanity", "scam", "case_details")
TRAINING_SET = "training.jsonl.gz"
#: The social-media NER sets the name tagger learns from (bench/corpus/ner), with the
#: attribution their licence asks for.
NER_SOURCES = (
    (
        "Broad Twitter Corpus",
        ("btc.train.conll", "btc.dev.conll"),
        "Derczynski, Bontcheva and Roberts, Broad Twitter Corpus: A Diverse Named Entity "
        "Recognition Resource, COLING 2016",
    ),
    (
        "WNUT 2017 Emerging and Rare Entities",
        ("wnut17train.conll", "emerging.dev.conll"),
        "Derczynski, Nichols, van Erp and Limsopatham, Results of the WNUT2017 Shared Task "
        "on Novel and Emerging Entity Recognition, W-NUT 2017",
    ),
)
TRAINING_AGENCY = "training_agency.toml"
SHIPPED_NAME = "casewarden-comments"
ATTRIBUTION = (
    "Comments written for casewarden by independent writers from briefs (bench/corpus/"
    "manifest.toml); no third-party text."
)


@dataclass(frozen=True, slots=True)
class Figures:
    """Post-level figures of a detector on labelled comments."""

    comments: int
    hide_recall: float
    false_hide: float
    threats_caught: float
    criticism_hidden: int

    def as_dict(self) -> dict[str, Any]:
        """The figures as a card writes them."""
        return {
            "comments": self.comments,
            "hide_recall": round(self.hide_recall, 4),
            "false_hide": round(self.false_hide, 4),
            "threats_caught": round(self.threats_caught, 4),
            "criticism_hidden": self.criticism_hidden,
        }


def shipped_training_set() -> list[LabelledComment]:
    """The training set the shipped comment classifier learnt from (in the package)."""
    from importlib import resources

    path = Path(str(resources.files("casewarden.detect").joinpath("data", "model", TRAINING_SET)))
    return read_lines(path, source="shipped", keep_source=True)


def figures(detector: Detector, records: Sequence[LabelledComment]) -> Figures:
    """Hide recall, false-hide rate, threats caught and criticism hidden on ``records``."""
    hide = caught = keep = false = threats = threats_caught = crit = 0
    for record in records:
        hidden = detector.scan(record.text).action is Action.HIDE
        if record.action == Action.HIDE:
            hide += 1
            caught += hidden
            if "threat" in record.categories:
                threats += 1
                threats_caught += hidden
        else:
            keep += 1
            false += hidden
            crit += hidden and record.kind.startswith("criticism")
    return Figures(
        comments=len(records),
        hide_recall=caught / hide if hide else 1.0,
        false_hide=false / keep if keep else 0.0,
        threats_caught=threats_caught / threats if threats else 1.0,
        criticism_hidden=crit,
    )


def toml_value(value: Any) -> str:
    """A value as TOML (strings, numbers, booleans, lists and inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


CLASSIFIER_ABOUT = "The comment classifier's card"
TAGGER_ABOUT = "The name tagger's card"


def write_card(path: Path, card: dict[str, Any], *, about: str = CLASSIFIER_ABOUT) -> None:
    """A model card as TOML: top-level keys, then one table per nested mapping."""
    lines = [
        f"# {about}: what it decides, what it learnt from, how it was made and how it",
        "# scores on blind splits. Written by `casewarden detect train`; loading checks the",
        "# weights against weights_sha256.",
    ]
    inline = ("features", "stacking")
    tables = {k: v for k, v in card.items() if isinstance(v, dict) and k not in inline}
    for key, value in card.items():
        if key not in tables:
            lines.append(f"{key} = {toml_value(value)}")
    for name, table in tables.items():
        lines.append(f"\n[{name}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in table.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def weights_bytes(weights: TrainedWeights) -> bytes:
    """The weights file: float16, as ``numpy.save`` writes it (the same bytes every time)."""
    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, weights.weights.astype(np.float16), allow_pickle=False)
    return buffer.getvalue()


def training_set_bytes(records: Sequence[LabelledComment]) -> bytes:
    """The training set as gzip JSON Lines with a fixed timestamp (reproducible bytes)."""
    raw = "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(raw.encode("utf-8"))
    return buffer.getvalue()


def build(
    corpus: Path,
    out: Path,
    *,
    options: TrainingOptions | None = None,
    spec: FeatureSpec | None = None,
    tagger_options: TaggerOptions | None = None,
    command: str = "casewarden detect train",
) -> dict[str, Any]:
    """Train on ``corpus`` and write the models, their cards and the training set to ``out``."""
    options = options or TrainingOptions()
    spec = spec or FeatureSpec()
    tagger_options = tagger_options or TaggerOptions()
    import numpy as np

    records = load_corpus(corpus)
    agency = corpus / "agency.toml"
    config = DetectorConfig.from_toml(agency)
    out.mkdir(parents=True, exist_ok=True)
    # The name tagger first: the classifier reads comments with its names replaced.
    tagger_card = build_tagger(corpus, records, out, options=tagger_options, command=command)
    tagger = NameTagger.load(name_lists(), out)
    reader = Detector(config, rules_only=True, name_tagger=tagger)
    matrix = design_matrix([reader.model_tokens(r.text) for r in records], spec)
    labels = targets(records)
    weights = fit(matrix, labels, spec=spec, options=options)
    # How the model's probabilities meet the rules' scores is learnt from probabilities the
    # model gave writers it had not seen (each writer held out in turn), on the independent
    # writers' comments: the templated ones are too easy to teach how far to trust it.
    groups = [r.source for r in records]
    held = held_out(matrix, labels, groups, spec=spec, options=options)
    rules = [{str(c): s for c, s in reader.scan(r.text).category_scores.items()} for r in records]
    writers = np.asarray([not r.source.startswith(TEMPLATED) for r in records])
    stacking = fit_stacking(
        rules, held, labels, writers, MODEL_CATEGORIES, hide_threshold=reader.hide_threshold
    )
    blob = weights_bytes(weights)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for record in records:
        # The templated corpus's splits ("templates/dev") count towards its one entry.
        name = record.source.split("/", 1)[0]
        counts[name] = counts.get(name, 0) + 1
    sources = [
        {"name": s.name, "comments": counts.get(s.name, 0), "brief": s.brief}
        for s in manifest(corpus)
        if s.train
    ]
    card: dict[str, Any] = {
        "name": SHIPPED_NAME,
        "made": datetime.now(tz=UTC).date().isoformat(),
        "decides": (
            "the probability that a public comment on a child support agency's page belongs "
            "to each label: threat, harassment, profanity, scam, case_details (facts of "
            "someone else's case), case_specific (the writer's own case); combined with the "
            "rules as rules.toml [model] says"
        ),
        "labels": list(LABELS),
        "bias": [round(float(b), 6) for b in weights.bias],
        "stacking": {label: list(w) for label, w in stacking.items()},
        "weights_sha256": hashlib.sha256(blob).hexdigest(),
        "command": command,
        "limits": (
            "learnt from comments written for casewarden, not from real pages; English and "
            "Spanish mostly, a little English as a second language; it reads words, not "
            "intent, so a new kind of threat or scam may need new examples"
        ),
        "features": {
            "bits": spec.bits,
            "hash_seed": spec.seed,
            "char_ngrams": [spec.char_min, spec.char_max],
            "length_power": spec.length_power,
        },
        "training": {
            **describe(options, spec),
            "comments": len(records),
            "data_sha256": corpus_hash(records),
            "data": ATTRIBUTION,
            "sources": sources,
        },
    }
    (out / WEIGHTS).write_bytes(blob)
    write_card(out / CARD, card)
    (out / TRAINING_SET).write_bytes(training_set_bytes(records))
    shutil.copyfile(agency, out / TRAINING_AGENCY)
    # Figures on every blind split not trained on, with the model just written.
    model = CommentModel.load(out)
    detector = Detector(config, model=model, name_tagger=tagger)
    blind: dict[str, Any] = {}
    for source in manifest(corpus):
        if source.blind and not source.train:
            blind[source.name] = figures(
                detector, read_lines(source.path, source=source.name)
            ).as_dict()
    if blind:
        card["blind_figures"] = blind
        write_card(out / CARD, card)
    card["name_tagger"] = tagger_card
    return card


def build_tagger(
    corpus: Path,
    records: Sequence[LabelledComment],
    out: Path,
    *,
    options: TaggerOptions,
    command: str,
) -> dict[str, Any]:
    """Train the name tagger on the social-media NER sets and the corpus; write it and its
    card to ``out``."""
    ner = corpus / "ner"
    sentences: list[Sentence] = []
    external: list[dict[str, Any]] = []
    for name, files, attribution in NER_SOURCES:
        count = 0
        digest = hashlib.sha256()
        for file in files:
            path = ner / file
            digest.update(path.read_bytes())
            for sentence in read_conll(path):
                sentences.append(sentence)
                count += 1
        external.append(
            {
                "name": name,
                "sentences": count,
                "licence": "CC BY 4.0",
                "attribution": attribution,
                "sha256": digest.hexdigest(),
            }
        )
    sentences.extend(comment_sentence(record) for record in records)
    weights = out / TAGGER_WEIGHTS
    train_tagger(sentences, name_lists(), weights, options=options)
    card: dict[str, Any] = {
        "name": "casewarden-names",
        "made": datetime.now(tz=UTC).date().isoformat(),
        "decides": (
            "which words of a comment are a person's name (B-PER/I-PER): one signal among "
            "the person recognizers; well-known people, places and the agency's officials "
            "are set aside after tagging"
        ),
        "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest(),
        "command": command,
        "limits": (
            "tagged on tweets and written comments, so it knows social-media names; it marks "
            "famous names too (lists set them aside) and a name in a language with little "
            "training text (Hmong, Armenian) less surely"
        ),
        "training": {
            "c1": options.c1,
            "c2": options.c2,
            "iterations": options.iterations,
            "sentences": len(sentences),
            "comments": len(records),
            "comments_sha256": corpus_hash(records),
            "external": external,
        },
    }
    write_card(out / TAGGER_CARD, card, about=TAGGER_ABOUT)
    tagger = NameTagger.load(name_lists(), out)
    blind = {
        source.name: tagger_figures(tagger, read_lines(source.path, source=source.name))
        for source in manifest(corpus)
        if source.blind and not source.train
    }
    if blind:
        card["blind_figures"] = blind
        write_card(out / TAGGER_CARD, card, about=TAGGER_ABOUT)
    return card


def tagger_figures(tagger: NameTagger, records: Sequence[LabelledComment]) -> dict[str, Any]:
    """The tagger alone on PERSON spans: precision, recall, F1 (a name overlapping a labelled
    name counts, one to one)."""
    tp = fp = fn = 0
    for record in records:
        gold = [(e.start, e.end) for e in record.entities if e.type == "PERSON"]
        found = [(n.start, n.end) for n in tagger.names(record.text) if n.probability >= 0.5]
        used: set[int] = set()
        for start, end in gold:
            match = next(
                (i for i, (a, b) in enumerate(found) if i not in used and a < end and start < b),
                None,
            )
            if match is None:
                fn += 1
            else:
                used.add(match)
                tp += 1
        fp += len(found) - len(used)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
