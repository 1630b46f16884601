"""Names of private individuals found by the trained name tagger (``name_tagger``).

The tagger reads every comment and proposes the names lists and context rules miss:
lower-case, misspelt, nicknames, handles ("@kiana.marie_"), unknown surnames. Its finds are
checked as the list-based recognizer's are: the agency's officials, well-known people and
places are not private persons (they become exclusions, which explanations show). The score
follows the tagger's confidence, below the list-based recognizer's: where both find a name,
the engine keeps the span context and lists drew.
"""

from __future__ import annotations

from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import name_lists, not_a_private_person
from casewarden.detect.model import EntityType, Exclusion, Finding
from casewarden.detect.name_tagger import NameTagger, shipped_tagger
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.recognizers.person.mention import business_handle
from casewarden.detect.recognizers.person.shared import PlaceCues, staff_thanked
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, fold

#: Below this marginal probability a tagged name is not reported.
MIN_PROBABILITY = 0.5


class PersonTaggerRecognizer(Recognizer):
    """The CRF's names, minus officials, well-known people and places."""

    name = "person_tagger"
    entity = EntityType.PERSON
    needs_digit = False

    def __init__(
        self, rule: RecognizerRule, config: DetectorConfig, *, tagger: NameTagger | None = None
    ) -> None:
        super().__init__(rule, config)
        self.names = name_lists()
        self._tagger = tagger if tagger is not None else shipped_tagger(self.names)
        self._officials = frozenset(" ".join(fold(o).split()) for o in config.public_officials)
        self._official_words = frozenset(
            w for official in self._officials for w in official.split()
        )
        self._not_names = self.names.not_names | {fold(w) for w in config.not_names}
        # "Cesar Chavez Day", "Carmel High", "the Marina Home Depot", "Mt Whitney": the words
        # around a name say when it names a place or a thing.
        self._place_cues = PlaceCues()

    def gate(self, st: ScanText) -> bool:
        """A comment with a letter (the tagger decides the rest)."""
        return bool(st.tokens)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Each tagged name, scored by the tagger's confidence."""
        for tagged in self._tagger.names(st.text):
            if tagged.probability < MIN_PROBABILITY:
                continue
            start, end = tagged.start, tagged.end
            if st.text.startswith("@", start):
                start += 1  # a handle's name, without its "@" (as the list-based recognizer)
                if business_handle(st.text[start:end]):
                    continue  # "@dmv_fix_ca": a business's or a scammer's account
            folded = " ".join(st.fold[start:end].split())
            if folded in self._officials or (" " not in folded and folded in self._official_words):
                self._exclude(st, start, end, "agency public official")
                continue
            # "Trinity's mom": a possessive one-word name that is also a place is the name.
            possessive = folded.endswith(("'s", "’s")) or st.text.startswith(("'s", "’s"), end)
            reason = not_a_private_person(folded, name_in_context=possessive)
            if reason is not None:
                self._exclude(st, start, end, reason)
                continue
            if not self._not_names.isdisjoint(folded.split()):
                continue  # a word that is never a private person's name here
            if self._ordinary_words(st.text[start:end], folded):
                continue
            if staff_thanked(st, start, end, self.names.first):
                self._exclude(st, start, end, "staff thanked")
                continue
            if self._place_cues.names_a_place(st.fold, start, end):
                self._exclude(st, start, end, "a place or thing named after a person")
                continue
            out.append(
                Finding(
                    type=self.entity,
                    start=start,
                    end=end,
                    # Below the list-based finds (0.8 and up): where both find a name,
                    # its span is the one context and lists drew.
                    score=round(0.45 + 0.3 * tagged.probability, 2),
                    recognizer=self.name,
                    pattern="crf",
                    validator="name_tagger",
                    context_words=(),
                )
            )

    def _ordinary_words(self, written: str, folded: str) -> bool:
        """Whether a lower-case find is ordinary words: one frequent Spanish word in it
        ("pura feria", "gastos adicionales", "ojalá"; that list holds no given name; the
        English words Spanish writers use, "her", "baby", do not count), or English
        dictionary words only, none of them a given name ("crystal" is one)."""
        if written.lower() != written:
            return False
        names = self.names
        words = folded.split()
        if any(word in names.spanish and word not in names.common for word in words):
            return True
        return all(word in names.dictionary and not names.is_first(word) for word in words)

    def _exclude(self, st: ScanText, start: int, end: int, reason: str) -> None:
        """Record the span as a dropped candidate: no private person's name, and why."""
        st.exclude(Exclusion(type=self.entity, start=start, end=end, reason=reason))
