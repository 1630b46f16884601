"""Training the name tagger (a CRF, python-crfsuite) on social-media text and the corpus.

Sources, all of them tokenized as the tagger reads text (``name_tagger.word_tokens``):

- the Broad Twitter Corpus and WNUT 2017 (CoNLL files in ``bench/corpus/ner``, CC BY 4.0):
  their person tags (``B-PER``/``I-PER``, ``B-person``/``I-person``) are names, every other
  tag is not; BTC writes a handle as "@" then the name, which is joined into one token;
- the labelled comments: every PERSON span.

The same files and settings give the same model (L-BFGS, fixed order).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from casewarden.detect.lexicon import NameLists
from casewarden.detect.name_tagger import sentence_features, word_tokens
from casewarden.detect.training.corpus import LabelledComment

Sentence = tuple[list[str], list[str]]  # tokens and their tags

_PERSON_TAGS = {"B-PER": "B-PER", "I-PER": "I-PER", "B-person": "B-PER", "I-person": "I-PER"}


@dataclass(frozen=True, slots=True)
class TaggerOptions:
    """The CRF's training settings (L1 and L2 regularisation, iterations)."""

    c1: float = 0.05
    c2: float = 0.05
    iterations: int = 120


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL file (token TAB tag, blank line between sentences)."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip():
            if tokens:
                yield _joined_handles(tokens, tags)
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(_PERSON_TAGS.get(parts[-1].strip(), "O"))
    if tokens:
        yield _joined_handles(tokens, tags)


def _joined_handles(tokens: list[str], tags: list[str]) -> Sentence:
    """ "@" followed by a word is one handle token, tagged as the word is."""
    out_tokens: list[str] = []
    out_tags: list[str] = []
    index = 0
    while index < len(tokens):
        if tokens[index] == "@" and index + 1 < len(tokens):
            out_tokens.append("@" + tokens[index + 1])
            tag = tags[index + 1]
            out_tags.append("B-PER" if tag != "O" else "O")
            index += 2
            continue
        out_tokens.append(tokens[index])
        out_tags.append(tags[index])
        index += 1
    return out_tokens, out_tags


def comment_sentence(record: LabelledComment) -> Sentence:
    """A labelled comment as tagger tokens and person tags."""
    tokens = word_tokens(record.text)
    spans = [(e.start, e.end) for e in record.entities if e.type == "PERSON"]
    tags: list[str] = []
    previous_inside: tuple[int, int] | None = None
    for token in tokens:
        inside = next(
            (s for s in spans if token.start < s[1] and s[0] < token.end and token.text.strip()),
            None,
        )
        if inside is None or not any(c.isalpha() for c in token.text):
            tags.append("O")
            previous_inside = None
            continue
        tags.append("I-PER" if inside == previous_inside else "B-PER")
        previous_inside = inside
    return [t.text for t in tokens], tags


def train_tagger(
    sentences: Sequence[Sentence], names: NameLists, out: Path, *, options: TaggerOptions
) -> None:
    """Train the CRF on ``sentences`` and write it to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        if not tokens:
            continue
        trainer.append(sentence_features(tokens, names), tags)
    trainer.set_params(
        {
            "c1": options.c1,
            "c2": options.c2,
            "max_iterations": options.iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out))
