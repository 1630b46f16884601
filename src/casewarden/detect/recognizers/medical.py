"""Health conditions attributed to a person ("my son has autism", "ella tiene cáncer").

A condition word alone is not a disclosure ("does medical support cover autism therapy?"),
so a finding needs a person it belongs to: a subject or possessive in the same sentence
shortly before it, or a verb of having right before it. Conditions of a third party (a child,
the other parent) score to hide; the writer's own go to review, as other self-disclosures do.
Insurance, coverage and awareness contexts are general talk and dropped.
"""

from __future__ import annotations

import re

from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher, alternation_source, terms
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.regexes import word_start
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, last_match

_SELF = frozenset(
    {"i", "im", "i'm", "i am", "ive", "i've", "my", "yo", "me", "estoy", "soy", "tengo"}
)
_GENERAL = re.compile(
    word_start(
        r"insurance|coverage|covered|cover|covers|awareness|research|foundation|"
        r"walk|fundraiser|seguro medico|aseguranza|cobertura|cubre|medical support|"
        r"kids with|children with|people with|ninos con|personas con"
    )
    + r"(?![a-z])"
)
# "autism awareness month", "cancer research": talk about the condition, not a person's.
_GENERAL_AFTER = re.compile(
    r"\s*(?:awareness|month|walk|research|foundation|fundraiser|insurance|coverage|"
    r"support\s+group|clinic|center|program|seguro|mes|fundacion)(?![a-z])"
)
_BREAK = re.compile(r"[.!?;\n]")
_WINDOW = 45


class MedicalRecognizer(Recognizer):
    """Condition terms from the lexicon, kept only when attributed to someone."""

    name = "medical"
    entity = EntityType.MEDICAL
    needs_digit = False

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._conditions = PhraseMatcher(terms("medical", "conditions_en", "conditions_es"))
        self.triggers = self._conditions.anchors
        # Literal-led alternations (``alternation_source``): the regex engine skips to the
        # terms' first letters.
        self._subjects = re.compile(alternation_source(terms("medical", "subjects")))
        self._verb_before = re.compile(
            "(?:"
            + alternation_source(terms("medical", "attribution"))
            + r")\s+(?:[a-z']+\s+){0,2}$"
        )

    def gate(self, st: ScanText) -> bool:
        """A condition word is present."""
        return self._conditions.present(st)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Each condition with a subject in its sentence, or a having-verb right before."""
        fold = st.fold
        for term, start, end in self._conditions.finditer(st):
            if term == "aids" and st.text[start:end] != "AIDS":
                continue  # "hearing aids", "it aids": only the capitalised disease name
            window_start = max(0, start - _WINDOW)
            before = fold[window_start:start]
            cut = last_match(_BREAK, before)
            if cut is not None:
                before = before[cut.end() :]
            if _GENERAL.search(before) or _GENERAL_AFTER.match(fold, end):
                continue
            subjects = [m.group() for m in self._subjects.finditer(before)]
            has_verb = self._verb_before.search(before) is not None
            if not subjects and not has_verb:
                continue
            third_party = bool(subjects) and subjects[-1] not in _SELF
            pattern = (
                "condition_attributed_third_party" if third_party else "condition_attributed_self"
            )
            out.append(
                Finding(
                    self.entity,  # type
                    start,
                    end,
                    0.8 if third_party else 0.5,  # score
                    self.name,  # recognizer
                    pattern,
                    None,  # validator
                    tuple(subjects[-1:]),  # context words
                )
            )
