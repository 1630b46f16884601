"""The trained name tagger: a CRF over word features that marks people's names.

Lists and context rules find the names people write as lists know them ("my son Jayden",
"Ms. Johnson", "@Jessica Lopez"). The tagger finds the ones lists miss: lower-case, misspelt,
nicknames, handles, a surname no list has after a given name. It is a linear-chain CRF
(python-crfsuite, which ``usaddress`` already brings) over a few features of each word and
its neighbours: its shape, its ends, whether a name list or a word list holds it. It was
trained on real social-media text (Broad Twitter Corpus, WNUT 2017; CC BY 4.0) and on the
corpus written for casewarden (``casewarden detect train``).

A model is two files in ``data/model/``: ``name_tagger.crfsuite`` and its card
``name_tagger.toml``, which names the weights' SHA-256; loading refuses a file that does not
match (:class:`ModelError`).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from casewarden.detect.errors import ModelError
from casewarden.detect.lexicon import NameLists

WEIGHTS = "name_tagger.crfsuite"
CARD = "name_tagger.toml"

# A word (letters, inner apostrophes and hyphens), a handle, a number, or one other character.
_TOKEN = re.compile(r"@?[^\W\d_]+(?:['’.-][^\W\d_]+)*|\d+|[^\w\s]")
_VOWELS = frozenset("aeiouyáéíóú")


@dataclass(frozen=True, slots=True)
class WordToken:
    """A token of the text the tagger reads, with its offsets."""

    text: str
    start: int
    end: int


def word_tokens(text: str) -> list[WordToken]:
    """The tokens the tagger reads (the same split in training and scanning)."""
    return [WordToken(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    """ "Xx", "x", "X", "Xx-Xx", "d", "@Xx": the word's letter classes, runs collapsed."""
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out[:6])


def word_features(word: str, names: NameLists) -> list[str]:
    """The features of one word on its own (its neighbours' are added by position)."""
    handle = word.startswith("@")
    bare = word.lstrip("@")
    low = bare.lower().replace("’", "'")
    key = low.replace("'", "").replace("-", "")
    features = [
        "w=" + low,
        "shape=" + _shape(bare),
        "p2=" + low[:2],
        "s2=" + low[-2:],
        "s3=" + low[-3:],
    ]
    if handle:
        features.append("handle")
    if key in names.first:
        features.append("first")
    if key in names.last:
        features.append("last")
    if key in names.common:
        features.append("common")
    elif key in names.dictionary:
        features.append("dictionary")
    if key in names.not_names:
        features.append("not_name")
    if len(bare) > 1 and not any(c in _VOWELS for c in low):
        features.append("no_vowel")
    return features


def sentence_features(words: Sequence[str], names: NameLists) -> list[list[str]]:
    """Each word's features with its neighbours' (prefixed ``-1:``, ``+1:``)."""
    own = [word_features(word, names) for word in words]
    out: list[list[str]] = []
    last = len(words) - 1
    for index, features in enumerate(own):
        row = list(features)
        row.extend(["BOS"] if index == 0 else _neighbour("-1:", own[index - 1]))
        row.extend(["EOS"] if index == last else _neighbour("+1:", own[index + 1]))
        out.append(row)
    return out


@dataclass(frozen=True, slots=True)
class TaggedName:
    """A name the tagger found: its span and how sure it is (the CRF's marginal)."""

    start: int
    end: int
    probability: float


#: Words whose features are kept (a page's vocabulary repeats; the cache is emptied when full).
_CACHE_WORDS = 50_000


class NameTagger:
    """A CRF name tagger loaded from its file, checked against its card."""

    __slots__ = ("_cache", "_names", "_tagger", "card")

    def __init__(self, path: Path, card: dict[str, Any], names: NameLists) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise ModelError(f"the name tagger cannot be read: {exc}") from None
        self._names = names
        self.card = card
        # word -> (its features, as the left neighbour's, as the right neighbour's)
        self._cache: dict[str, tuple[list[str], list[str], list[str]]] = {}

    @classmethod
    def load(cls, names: NameLists, directory: Path | None = None) -> NameTagger:
        """The tagger in ``directory`` (default: the one shipped with the engine)."""
        base = (
            Path(str(resources.files("casewarden.detect").joinpath("data", "model")))
            if directory is None
            else directory
        )
        try:
            card = tomllib.loads((base / CARD).read_text("utf-8"))
            weights = (base / WEIGHTS).read_bytes()
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ModelError(
                f"the name tagger is missing or unreadable ({exc.__class__.__name__}: {exc}); "
                "reinstall casewarden or run `make model`"
            ) from None
        digest = hashlib.sha256(weights).hexdigest()
        if digest != card.get("weights_sha256"):
            raise ModelError(
                f"the name tagger's weights do not match its card (SHA-256 {digest[:12]}…): "
                "the file is truncated or altered; reinstall casewarden or run `make model`"
            )
        return cls(base / WEIGHTS, card, names)

    def names(self, text: str) -> list[TaggedName]:
        """The names in ``text``: runs of B-PER/I-PER tags, with the lowest marginal in each."""
        tokens = word_tokens(text)
        if not tokens:
            return []
        tagger = self._tagger
        labels = tagger.tag(self._features([t.text for t in tokens]))
        found: list[TaggedName] = []
        index = 0
        while index < len(labels):
            if labels[index] == "O":
                index += 1
                continue
            begin = index
            index += 1
            while index < len(labels) and labels[index] == "I-PER":
                index += 1
            probability = min(tagger.marginal(labels[i], i) for i in range(begin, index))
            found.append(TaggedName(tokens[begin].start, tokens[index - 1].end, probability))
        return found

    def _features(self, words: list[str]) -> list[list[str]]:
        """``sentence_features(words)``, each word's parts computed once per process."""
        cache = self._cache
        parts = []
        for word in words:
            entry = cache.get(word)
            if entry is None:
                own = word_features(word, self._names)
                entry = (own, _neighbour("-1:", own), _neighbour("+1:", own))
                if len(cache) >= _CACHE_WORDS:
                    cache.clear()
                cache[word] = entry
            parts.append(entry)
        out: list[list[str]] = []
        last = len(parts) - 1
        for index, (own, _, _) in enumerate(parts):
            row = own + (["BOS"] if index == 0 else parts[index - 1][1])
            row = row + (["EOS"] if index == last else parts[index + 1][2])
            out.append(row)
        return out


def _neighbour(prefix: str, features: list[str]) -> list[str]:
    """A word's features as its neighbour sees them: its word and shape, and its list flags."""
    return [prefix + f for f in (*features[:2], *features[5:])]


@cache
def shipped_tagger(names: NameLists) -> NameTagger:
    """The name tagger shipped with the engine, loaded and checked once per process."""
    return NameTagger.load(names)
