"""A quoted reply's attribution: "> Sokha Lo wrote:", "> kourosh bermudez escribió:" — a
commenter's display name."""

from __future__ import annotations

from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import INFORMAL, PersonWords, Sightings
from casewarden.detect.text import ScanText, find_all

# On the folded text, at a line's start: the name is the words between the quote mark and
# the verb.
_QUOTE_ATTRIBUTION = regex(
    r"(?m)^[ \t]*>[ \t]*((?:[a-z][a-z'-]*[ \t]+){0,3}[a-z][a-z'-]*)[ \t]+(?:wrote|escribio)[ \t]*:"
)


class QuoteAttributions:
    """The name in each "> NAME wrote:" line."""

    def __init__(self, words: PersonWords) -> None:
        self.words = words

    def find(self, st: ScanText, sightings: Sightings) -> None:
        """Record each attribution's name unless it is a kinship or common word."""
        words = self.words
        for match in find_all(_QUOTE_ATTRIBUTION, st.fold):
            parts = match.group(1).split()
            if any(w in words.not_names or w in INFORMAL or w in words.kin_words for w in parts):
                continue  # "> my ex wrote:", "> dcss wrote:"
            if len(parts) == 1 and parts[0] in words.names.common:
                continue  # "> someone wrote:"
            start, end = match.span(1)
            sightings.add_if_free(start, end, score=0.8, pattern="quote_attribution")
