"""Blind splits: convert a writer's file, score it once as written, record the first scoring.

    python bench/blind.py convert WRITER.jsonl --split blind-a -o bench/corpus/blind/blind-a.jsonl
    python bench/blind.py score bench/corpus/blind/blind-a.jsonl            # figures only
    python bench/blind.py score bench/corpus/blind/blind-a.jsonl --record \\
        --brief "urban Southern California, month of a county page" --engine 49daf82

A writer labels entities by their text (``{"type", "text", "occurrence"}``, LABELLING.md);
``convert`` turns those into character offsets, numbers the comments and refuses a file whose
labels do not resolve. ``score`` prints aggregate figures only — never a comment, so that a
first scoring can be taken and recorded before anyone reads the split's errors. ``--record``
appends that first scoring to ``bench/corpus/ledger.toml`` and refuses a split already there:
a split has one first scoring.

Figures, each with its 95% Wilson interval where it is a proportion:

- hide recall: comments labelled hide that the engine hides;
- false-hide rate: comments labelled review or allow that the engine hides;
- per category (threat, scam, case_details, ...): labelled-hide comments of that category hidden;
- criticism hidden: comments of kind criticism* labelled allow that the engine hides (must be 0);
- entity precision, recall, F1 over all 13 types: a finding matches a labelled span of the same
  type that overlaps it (one-to-one, greedy by overlap).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AGENCY = HERE / "corpus" / "agency.toml"
LEDGER = HERE / "corpus" / "ledger.toml"

TYPES = (
    "US_SSN", "CASE_NUMBER", "DATE_OF_BIRTH", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS",
    "PERSON", "BANK_ACCOUNT", "ROUTING_NUMBER", "CREDIT_CARD", "DRIVER_LICENSE", "IP_ADDRESS",
    "MEDICAL",
)  # fmt: skip
CATEGORIES = ("pii", "case_details", "profanity", "threat", "harassment", "scam")
CRITICISM_KINDS = ("criticism", "criticism_official", "criticism_profanity")


class LabelError(ValueError):
    """A writer's label that does not resolve to a span of its comment."""


def convert_record(raw: dict[str, Any], *, record_id: str, split: str) -> dict[str, Any]:
    """One writer line -> one corpus record with character offsets."""
    text = raw["text"]
    entities = []
    for entity in raw.get("entities", []):
        needle = entity["text"]
        occurrence = int(entity.get("occurrence", 1))
        start = -1
        for _ in range(occurrence):
            start = text.find(needle, start + 1)
            if start < 0:
                raise LabelError(f"{record_id}: {entity['type']} span not found")
        entities.append({"type": entity["type"], "start": start, "end": start + len(needle)})
    entities.sort(key=lambda e: (e["start"], e["end"]))
    return {
        "id": record_id,
        "split": split,
        "kind": raw.get("kind", "other"),
        "lang": raw.get("lang", "en"),
        "text": text,
        "entities": entities,
        "action": raw["action"],
        "categories": list(raw.get("categories", [])),
        "case_specific": bool(raw.get("case_specific", False)),
    }


def convert(source: Path, *, split: str) -> list[dict[str, Any]]:
    """Every line of a writer's file, numbered ``split-0001``...; blank lines skipped."""
    records = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record_id = f"{split}-{len(records) + 1:04d}"
            records.append(convert_record(json.loads(line), record_id=record_id, split=split))
    return records


def load(path: Path) -> list[dict[str, Any]]:
    """A corpus file (JSON Lines of records with offsets)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def wilson(successes: int, total: int, z: float = 1.959964) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if total == 0:
        return (0.0, 1.0)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Proportion:
    """k of n, with its Wilson interval."""

    k: int
    n: int

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else float("nan")

    def as_dict(self) -> dict[str, float | int]:
        low, high = wilson(self.k, self.n)
        return {"k": self.k, "n": self.n, "value": round(self.value, 4),
                "low": round(low, 4), "high": round(high, 4)}  # fmt: skip

    def __str__(self) -> str:
        low, high = wilson(self.k, self.n)
        return f"{self.value:.3f} ({self.k}/{self.n}; 95% CI {low:.3f}–{high:.3f})"


@dataclass
class EntityScores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def prf(self, kinds: tuple[str, ...] = TYPES) -> tuple[float, float, float]:
        tp = sum(self.tp[k] for k in kinds)
        fp = sum(self.fp[k] for k in kinds)
        fn = sum(self.fn[k] for k in kinds)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_entities(
    gold: list[tuple[str, int, int]], predicted: list[tuple[str, int, int]], scores: EntityScores
) -> None:
    """One-to-one: each gold span takes the unused prediction of its type overlapping it most."""
    used: set[int] = set()
    for kind, start, end in gold:
        best, best_overlap = -1, 0
        for index, (p_kind, p_start, p_end) in enumerate(predicted):
            if index in used or p_kind != kind:
                continue
            overlap = min(end, p_end) - max(start, p_start)
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best < 0:
            scores.fn[kind] += 1
        else:
            used.add(best)
            scores.tp[kind] += 1
    for index, (p_kind, _, _) in enumerate(predicted):
        if index not in used and p_kind in TYPES:
            scores.fp[p_kind] += 1


@dataclass
class Scoring:
    comments: int
    hide_recall: Proportion
    false_hide: Proportion
    by_category: dict[str, Proportion]
    criticism_hidden: Proportion
    entities: EntityScores

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.entities.prf()
        per_type = {}
        for kind in TYPES:
            support = self.entities.tp[kind] + self.entities.fn[kind]
            if support or self.entities.fp[kind]:
                per_type[kind] = {"support": support, "f1": round(self.entities.prf((kind,))[2], 4)}
        return {
            "comments": self.comments,
            "hide_recall": self.hide_recall.as_dict(),
            "false_hide": self.false_hide.as_dict(),
            "criticism_hidden": self.criticism_hidden.as_dict(),
            "categories": {name: prop.as_dict() for name, prop in self.by_category.items()},
            "entity": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
            "entity_types": per_type,
        }


def score(records: list[dict[str, Any]], actions: list[str],
          findings: list[list[tuple[str, int, int]]]) -> Scoring:  # fmt: skip
    """Aggregate figures of one engine's decisions on labelled records."""
    hide_caught = hide_total = false_hides = keep_total = 0
    crit_hidden = crit_total = 0
    cat_caught: Counter[str] = Counter()
    cat_total: Counter[str] = Counter()
    entities = EntityScores()
    for record, action, found in zip(records, actions, findings, strict=True):
        hidden = action == "hide"
        if record["action"] == "hide":
            hide_total += 1
            hide_caught += hidden
            for category in record["categories"]:
                cat_total[category] += 1
                cat_caught[category] += hidden
        else:
            keep_total += 1
            false_hides += hidden
            if record["kind"] in CRITICISM_KINDS:
                crit_total += 1
                crit_hidden += hidden
        gold = [(e["type"], e["start"], e["end"]) for e in record["entities"]]
        match_entities(gold, found, entities)
    return Scoring(
        comments=len(records),
        hide_recall=Proportion(hide_caught, hide_total),
        false_hide=Proportion(false_hides, keep_total),
        by_category={c: Proportion(cat_caught[c], cat_total[c]) for c in CATEGORIES},
        criticism_hidden=Proportion(crit_hidden, crit_total),
        entities=entities,
    )


def run_engine(records: list[dict[str, Any]]) -> tuple[list[str], list[list[tuple[str, int, int]]]]:
    """The installed engine's decision and findings for each record, with the bench agency."""
    from casewarden.detect import Detector, DetectorConfig

    detector = Detector(DetectorConfig.from_toml(AGENCY))
    actions, findings = [], []
    for record in records:
        result = detector.scan(record["text"])
        actions.append(result.action.value)
        findings.append([(f.type.value, f.start, f.end) for f in result.findings])
    return actions, findings


def print_scoring(name: str, scoring: Scoring) -> None:
    """The figures, as a reader wants them; never a comment's text."""
    p, r, f = scoring.entities.prf()
    print(f"## {name}: {scoring.comments} comments\n")
    print(f"- hide recall: {scoring.hide_recall}")
    print(f"- false-hide rate: {scoring.false_hide}")
    print(f"- criticism hidden: {scoring.criticism_hidden.k} of {scoring.criticism_hidden.n}")
    for category, prop in scoring.by_category.items():
        print(f"- {category} hidden: {prop}")
    print(f"- entities: P {p:.3f}, R {r:.3f}, F1 {f:.3f}")
    for kind in TYPES:
        support = scoring.entities.tp[kind] + scoring.entities.fn[kind]
        if support or scoring.entities.fp[kind]:
            kp, kr, kf = scoring.entities.prf((kind,))
            print(f"  - {kind}: support {support}, P {kp:.3f}, R {kr:.3f}, F1 {kf:.3f}")


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def record_first_scoring(*, split: str, path: Path, brief: str, engine: str,
                         scoring: Scoring, writer: str) -> None:  # fmt: skip
    """Append the split's first scoring to the ledger; a split is recorded once."""
    existing = tomllib.loads(LEDGER.read_text(encoding="utf-8")) if LEDGER.exists() else {}
    if any(entry["split"] == split for entry in existing.get("scoring", [])):
        raise SystemExit(f"{split} already has a first scoring in {LEDGER.name}")
    data = scoring.as_dict()
    lines = [
        "",
        "[[scoring]]",
        f"split = {_toml_value(split)}",
        f"writer = {_toml_value(writer)}",
        f"brief = {_toml_value(brief)}",
        f"scored_on = {datetime.now(tz=UTC).date().isoformat()}",
        f"engine_commit = {_toml_value(engine)}",
        f"data_sha256 = {_toml_value(hashlib.sha256(path.read_bytes()).hexdigest())}",
    ]
    lines += [f"{key} = {_toml_value(value)}" for key, value in data.items()]
    with LEDGER.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _engine_commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True, check=False, cwd=HERE)  # fmt: skip
    return out.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="a writer's file -> a corpus file with offsets")
    conv.add_argument("source", type=Path)
    conv.add_argument("--split", required=True)
    conv.add_argument("-o", "--output", type=Path, required=True)
    sc = sub.add_parser("score", help="aggregate figures of the installed engine on a split")
    sc.add_argument("corpus", type=Path)
    sc.add_argument("--record", action="store_true", help="record as the split's first scoring")
    sc.add_argument("--brief", default="")
    sc.add_argument("--writer", default="")
    sc.add_argument("--engine", default="", help="engine commit (default: this checkout's)")
    args = parser.parse_args(argv)
    if args.command == "convert":
        try:
            records = convert(args.source, split=args.split)
        except (LabelError, KeyError, json.JSONDecodeError) as exc:
            print(f"not converted: {exc}", file=sys.stderr)
            return 1
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{len(records)} comments -> {args.output}")
        return 0
    records = load(args.corpus)
    split = records[0]["split"] if records else args.corpus.stem
    actions, findings = run_engine(records)
    scoring = score(records, actions, findings)
    print_scoring(split, scoring)
    if args.record:
        record_first_scoring(split=split, path=args.corpus, brief=args.brief,
                             engine=args.engine or _engine_commit(), scoring=scoring,
                             writer=args.writer)  # fmt: skip
        print(f"\nrecorded as {split}'s first scoring in {LEDGER.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
