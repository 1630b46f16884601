"""Names that are not personal information: a name right after a public title ("Judge
Ochoa"), the agency's public officials (configuration) and public figures. They become
exclusions, which explanations show, not findings."""

from __future__ import annotations

from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import not_a_private_person
from casewarden.detect.model import EntityType, Exclusion, Finding
from casewarden.detect.recognizers.person.shared import (
    PersonWords,
    previous_word,
    staff_thanked,
)
from casewarden.detect.text import ScanText, fold

# Cues that say whose a name is ("my ex", "named"): a famous name after them is a private
# person's ("my ex is literally named Chris Pratt").
_KIN_PATTERNS = frozenset({"kinship_child", "kinship_context", "named_context"})


class Officials:
    """Sorts public officials and public figures out of a comment's names."""

    def __init__(self, words: PersonWords, config: DetectorConfig) -> None:
        self.words = words
        officials = [fold(o).split() for o in config.public_officials]
        self._officials = [frozenset(o) for o in officials if o]
        self._official_tokens = frozenset(t for o in self._officials for t in o)
        # A lone word is an official only as a surname ("Ms. Delgado"), never a first name:
        # "my daughter Maria" is not the director Maria Delgado.
        self._official_surnames = frozenset(o[-1] for o in officials if o)

    def private(self, st: ScanText, found: list[Finding]) -> list[Finding]:
        """The findings that name private persons; the others are excluded on ``st``."""
        kept = []
        for finding in found:
            start, end = finding.start, finding.end
            before = previous_word(st.fold, start)
            if before in self.words.public_titles:
                st.exclude(
                    Exclusion(
                        type=EntityType.PERSON,
                        start=start,
                        end=end,
                        reason="public official (title)",
                    )
                )
                continue
            words = st.fold[start:end].split()
            tokens = frozenset(words)
            if len(words) == 1:
                official = words[0] in self._official_surnames
            else:
                official = tokens <= self._official_tokens and any(
                    tokens <= names for names in self._officials
                )
            if official:
                st.exclude(
                    Exclusion(
                        type=EntityType.PERSON,
                        start=start,
                        end=end,
                        reason="agency public official",
                    )
                )
                continue
            if staff_thanked(st, start, end, self.words.names.first):
                st.exclude(
                    Exclusion(type=EntityType.PERSON, start=start, end=end, reason="staff thanked")
                )
                continue
            reason = not_a_private_person(
                st.fold[start:end],
                name_in_context=finding.pattern != "gazetteer_pair",
                named_as_kin=finding.pattern in _KIN_PATTERNS,
            )
            if reason is not None:
                st.exclude(Exclusion(type=EntityType.PERSON, start=start, end=end, reason=reason))
                continue
            kept.append(finding)
        return kept
