"""Hashed word and character n-gram features of a comment, the same for training and scanning.

The trained comment classifier reads a comment as a bag of hashed features: each word, each
pair of neighbouring words, and the character n-grams of each word (three to five letters,
with the word's edges marked), so "pinche", "pinchi" and "p1nche" share most of their
features and a misspelling or a Spanish ending still weighs. Hashing (CRC-32 into a fixed
number of buckets) keeps no vocabulary: a model holds numbers only, never a word of the
comments it learnt from, which is what an agency's own model must be (a model is a record
derived from comments).

Before that, the spans the recognizers found are replaced by their type ("my ex <person>
works at <employer>" is not how it reads — names and identifiers are; the model learns
"<person> works at" rather than every name). Digits become 0 ("$350" and "$420" are the same
feature), so the model learns shapes, not numbers.

Every feature remembers the word it came from, so an explanation can name the words that
weighed most.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
_DIGITS = str.maketrans("0123456789", "0000000000")
# Invisible joiners and variation selectors would be tokens of their own.
_SKIP = frozenset("\ufe0f\ufe0e\u200d\u200b\u20e3")
_MAX_TOKEN = 30


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """How features are made: buckets (2**bits), the hash seed, the character n-gram sizes,
    and how a comment's length scales its features (each counts 1 / n ** length_power, n
    features in all: 0.5 would be L2 normalisation, which let a short comment's few words
    weigh too much on held-out writers; 0.25 did better, docs/detection.md)."""

    bits: int = 18
    seed: int = 0
    char_min: int = 3
    char_max: int = 5
    length_power: float = 0.25

    def scale(self, features: int) -> float:
        """What each of a comment's ``features`` counts."""
        return 1.0 / features**self.length_power if features else 0.0

    @property
    def buckets(self) -> int:
        """How many hash buckets: the model's number of weights per label."""
        return 1 << self.bits


@dataclass(slots=True)
class Token:
    """One word (or emoji, or placeholder) of a comment and where it is in the text."""

    text: str
    start: int
    end: int


def tokenize(folded: str, spans: list[tuple[int, int, str]]) -> list[Token]:
    """The tokens of a folded comment, each found span replaced by ``<type>`` once."""
    ordered = sorted(spans)
    out: list[Token] = []
    index = 0
    for match in _TOKEN.finditer(folded):
        start, end = match.start(), match.end()
        while index < len(ordered) and ordered[index][1] <= start:
            index += 1
        if index < len(ordered) and ordered[index][0] < end:
            span_start, span_end, kind = ordered[index]
            if not out or out[-1].start != span_start:
                out.append(Token(f"<{kind.lower()}>", span_start, span_end))
            continue
        text = match.group()
        if text in _SKIP:
            continue
        out.append(Token(text[:_MAX_TOKEN].translate(_DIGITS), start, end))
    return out


def hashed(tokens: list[Token], spec: FeatureSpec) -> tuple[list[int], list[int]]:
    """Feature indices, and for each the index of the token it came from."""
    mask = spec.buckets - 1
    seed = spec.seed
    low, high = spec.char_min, spec.char_max
    indices: list[int] = []
    owners: list[int] = []
    previous = "^"
    for position, token in enumerate(tokens):
        word = token.text
        indices.append(zlib.crc32(("w" + word).encode(), seed) & mask)
        owners.append(position)
        indices.append(zlib.crc32(("b" + previous + " " + word).encode(), seed) & mask)
        owners.append(position)
        previous = word
        if len(word) >= low and word[0] != "<" and word.isalpha():
            padded = "<" + word + ">"
            length = len(padded)
            for size in range(low, high + 1):
                for begin in range(length - size + 1):
                    gram = padded[begin : begin + size]
                    indices.append(zlib.crc32(("c" + gram).encode(), seed) & mask)
                    owners.append(position)
    return indices, owners
