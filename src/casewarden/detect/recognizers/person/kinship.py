"""Kinship and role context: the name after a possessive and a kinship word ("my son Jayden",
"the father, John Smith", "mi hija se llama Sofía", "his girlfriend Ashley"), and the names
of a list after a plural ("my kids Jayden, Mia and Noah")."""

from __future__ import annotations

from casewarden.detect.lexicon import PhraseMatcher, terms
from casewarden.detect.recognizers.person.context import NamesAfter
from casewarden.detect.recognizers.person.shared import INFORMAL, PersonWords, Sightings
from casewarden.detect.text import ScanText

_PLURAL_KIN = frozenset(
    {"kids", "children", "sons", "daughters", "twins", "grandkids", "babies", "boys", "girls",
     "hijos", "hijas", "ninos", "ninas", "stepkids"}
)  # fmt: skip
_ENGLISH_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "the", "your"})
# Kinship words that name a relation without a possessive before them.
_BARE_KINSHIP = frozenset(
    {"baby daddy", "baby mama", "baby momma", "babydaddy", "coparent", "co-parent"}
)


class KinshipNames:
    """Names after a possessive and a kinship word."""

    def __init__(self, words: PersonWords, names_after: NamesAfter) -> None:
        self.words = words
        self.names_after = names_after
        self.matcher = PhraseMatcher(words.kinship)
        self._child_kinship = frozenset(terms("person", "child_kinship"))

    def find(self, st: ScanText, sightings: Sightings, *, title_case: bool) -> None:
        """Record the name after each kinship word that has a possessive before it."""
        for term, start, end in self.matcher.finditer(st):
            possessive = self._possessive_before(st.fold, start)
            if term not in _BARE_KINSHIP and possessive is None:
                continue
            if not self._may_name_follow(st, end):
                continue  # "my kids are hungry": nothing name-like in the next words
            relation = term.split()[-1]
            # A child's name is the one a child-support page protects on its own.
            pattern = "kinship_child" if relation in self._child_kinship else "kinship_context"
            self.names_after.read(
                st,
                end,
                sightings,
                pattern=pattern,
                title_case=title_case,
                plural=relation in _PLURAL_KIN,
                # After English "my son", a lower-case word no list knows may still be a
                # name ("my son jazlynn") unless it is a typo of a common word.
                loose=possessive in _ENGLISH_POSSESSIVES,
            )

    def _may_name_follow(self, st: ScanText, end: int) -> bool:
        """Cheap check before the full parse: is any of the next few words capitalised, on a
        name list, or an unknown word that could be a rare name?"""
        names = self.words.names
        raw_words = st.text[end : end + 48].split()[:5]
        folded_words = st.fold[end : end + 48].split()[:5]
        # An index loop, not zip(): the compiled engine calls zip as a Python function.
        for index in range(min(len(raw_words), len(folded_words))):
            raw, word = raw_words[index], folded_words[index]
            if raw[:1].isupper() or raw[:1] == "@":
                return True
            word = word.strip(".,!?;:()\"'’-")
            if word.endswith("'s"):
                word = word[:-2]
            if word in names.first or word in names.last:
                return True
            if (
                len(word) >= 3
                and word.isalpha()
                and word not in names.common
                and word not in names.dictionary
                and word not in INFORMAL
            ):
                return True
        return False

    def _possessive_before(self, folded: str, start: int) -> str | None:
        """The possessive up to two words before a kinship word ("my", "my oldest", "his
        new"), or None."""
        words = folded[max(0, start - 32) : start].split()
        for word in reversed(words[-3:]):
            word = word.strip("(\"'")
            if word in self.words.possessives:
                return word
        return None
