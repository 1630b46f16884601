"""Labelled comments for training and measuring: the corpus manifest and its records.

``bench/corpus/manifest.toml`` names every source of labelled comments, who wrote it (a brief,
not a name), when, under which labelling rules, and whether it is a blind split. A blind
split joins training only once its first scoring is in the ledger (``ledger.toml``): the
manifest says so with ``train = true``, and :func:`load_corpus` refuses a blind split marked
for training without a recorded first scoring.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casewarden.detect.model import Action

#: What the comment classifier learns, in the model's column order.
LABELS = ("threat", "harassment", "profanity", "scam", "case_details", "case_specific")


#: The actions a labelled comment may carry (a corpus file's strings, compared as members).
_ACTIONS = frozenset(Action)

#: How the templated corpus's splits are named as sources ("templates/heldout3").
TEMPLATED = "templates/"


class CorpusError(ValueError):
    """A manifest or corpus file that cannot be read as labelled comments."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A labelled span of protected information."""

    type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LabelledComment:
    """One comment with its labels, and the source (writer or split) it came from."""

    id: str
    source: str
    text: str
    action: str
    categories: tuple[str, ...]
    case_specific: bool
    lang: str = "en"
    kind: str = "other"
    entities: tuple[Entity, ...] = field(default_factory=tuple)

    def labels(self) -> tuple[bool, ...]:
        """The classifier's targets, in :data:`LABELS` order."""
        hidden = self.action == Action.HIDE
        cats = set(self.categories)
        return (
            hidden and "threat" in cats,
            hidden and "harassment" in cats,
            hidden and "profanity" in cats,
            hidden and "scam" in cats,
            hidden and "case_details" in cats,
            self.case_specific,
        )

    def to_json(self) -> dict[str, Any]:
        """The record as a corpus line."""
        return {
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "action": self.action,
            "categories": list(self.categories),
            "case_specific": self.case_specific,
            "lang": self.lang,
            "kind": self.kind,
            "entities": [{"type": e.type, "start": e.start, "end": e.end} for e in self.entities],
        }


def from_json(data: dict[str, Any], *, source: str, keep_source: bool = False) -> LabelledComment:
    """A corpus line as a :class:`LabelledComment`, from ``source`` (or, with
    ``keep_source``, the source the line names); raises :class:`CorpusError`."""
    try:
        text = data["text"]
        action = data["action"]
        if not isinstance(text, str) or not isinstance(action, str) or action not in _ACTIONS:
            raise CorpusError(f"{data.get('id')}: text or action malformed")
        entities = tuple(
            Entity(str(e["type"]), int(e["start"]), int(e["end"])) for e in data.get("entities", [])
        )
        for entity in entities:
            if not 0 <= entity.start < entity.end <= len(text):
                raise CorpusError(f"{data.get('id')}: entity span outside the text")
        return LabelledComment(
            id=str(data["id"]),
            source=str(data.get("source") or source) if keep_source else source,
            text=text,
            action=action,
            categories=tuple(str(c) for c in data.get("categories", [])),
            case_specific=bool(data.get("case_specific", False)),
            lang=str(data.get("lang", "en")),
            kind=str(data.get("kind", "other")),
            entities=entities,
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, CorpusError):
            raise
        raise CorpusError(f"a corpus line is malformed: {exc}") from None


def read_lines(path: Path, *, source: str, keep_source: bool = False) -> list[LabelledComment]:
    """A JSON Lines corpus file (gzip when it ends in ``.gz``), every line from ``source``
    unless ``keep_source`` keeps the source each line names (a written training set)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [
            from_json(json.loads(line), source=source, keep_source=keep_source)
            for line in handle
            if line.strip()
        ]


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the manifest."""

    name: str
    path: Path
    brief: str
    blind: bool
    train: bool
    split_field: bool  # the file holds several splits, each a source of its own


def manifest(directory: Path) -> list[Source]:
    """The sources ``manifest.toml`` in ``directory`` lists, in order."""
    path = directory / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{path}: {exc}") from None
    out = []
    for entry in data.get("source", []):
        try:
            out.append(
                Source(
                    name=str(entry["name"]),
                    path=directory / str(entry["file"]),
                    brief=str(entry.get("brief", "")),
                    blind=bool(entry.get("blind", False)),
                    train=bool(entry.get("train", True)),
                    split_field=bool(entry.get("split_field", False)),
                )
            )
        except KeyError as exc:
            raise CorpusError(f"{path}: a source lacks {exc}") from None
    return out


def scored_splits(directory: Path) -> set[str]:
    """The splits whose first scoring is recorded in ``ledger.toml``."""
    path = directory / "ledger.toml"
    if not path.exists():
        return set()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(entry["split"]) for entry in data.get("scoring", [])}


def load_corpus(directory: Path, *, for_training: bool = True) -> list[LabelledComment]:
    """Every labelled comment the manifest lists (only those marked for training, when asked).

    A blind split marked for training without a first scoring in the ledger is refused:
    nothing trains on a split before its first scoring is recorded.
    """
    scored = scored_splits(directory)
    records: list[LabelledComment] = []
    for source in manifest(directory):
        if for_training and not source.train:
            continue
        if for_training and source.blind and source.name not in scored:
            raise CorpusError(
                f"{source.name} is a blind split without a recorded first scoring: "
                "it cannot be trained on"
            )
        for record in read_lines(source.path, source=source.name):
            if source.split_field:
                # The templated corpus keeps its splits in one file: each is its own source.
                split = record.id.rsplit("-", 1)[0]
                record = dataclasses.replace(record, source=f"{TEMPLATED}{split}")
            records.append(record)
    return records


def corpus_hash(records: Iterable[LabelledComment]) -> str:
    """SHA-256 of the records as training reads them: what a model card records."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()
