"""Honorifics: the surname after "Ms.", "Sr.", "Sra." ("Ms. Johnson", "Sra. López")."""

from __future__ import annotations

from casewarden.detect.lexicon import PhraseMatcher, terms
from casewarden.detect.model import Finding
from casewarden.detect.recognizers.person.context import NamesAfter
from casewarden.detect.recognizers.person.shared import APOSTROPHES, PersonWords, Sightings
from casewarden.detect.text import ScanText

# Honorifics used with a first name ("Miss Linda"); the others go with a surname.
_FIRST_NAME_HONORIFICS = frozenset({"miss", "senorita", "srta"})


class Honorifics:
    """Names after an honorific."""

    def __init__(self, words: PersonWords, names_after: NamesAfter) -> None:
        self.words = words
        self.names_after = names_after
        self.matcher = PhraseMatcher(terms("person", "honorifics"))

    def find(self, st: ScanText, sightings: Sightings, *, title_case: bool) -> None:
        """Record the name after each honorific, but not a lone given name after "Miss"."""
        found = sightings.found
        for term, _start, end in self.matcher.finditer(st):
            if st.text[end : end + 1] == ".":
                end += 1
            first = len(found)
            self.names_after.read(
                st, end, sightings, pattern="honorific", title_case=title_case, surname_only=True
            )
            if term in _FIRST_NAME_HONORIFICS:
                # "Miss Linda at the front desk", "la señorita Sandra que me atendió": how
                # people name staff by first name, which is not a person's full name. (The
                # span stays taken.)
                found[first:] = [f for f in found[first:] if not self._lone_given(st, f)]

    def _lone_given(self, st: ScanText, finding: Finding) -> bool:
        """One word on the given-name list."""
        word = st.fold[finding.start : finding.end].translate(APOSTROPHES)
        return " " not in word and word in self.words.names.first
