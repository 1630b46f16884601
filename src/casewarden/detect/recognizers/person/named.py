"""Naming and asking context: the name after "named", "se llama" (the rule's context words) or
a question that expects one ("does anyone know brenda king", "looking for", "busco a")."""

from __future__ import annotations

from casewarden.detect.lexicon import PhraseMatcher
from casewarden.detect.recognizers.person.context import NamesAfter
from casewarden.detect.recognizers.person.shared import Sightings, previous_word
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText

# "Does anyone know X", "looking for X": phrases after which a name is expected.
ASKING = (
    "anyone know", "does anybody know", "anybody know", "looking for", "have you seen",
    "has anyone seen", "ask for", "asking for", "alguien conoce", "conocen a", "busco a",
    "buscando a", "pregunten por", "preguntar por",
)  # fmt: skip


# "llamada"/"llamado" after a determiner is the noun "a call" ("ni una llamada regresan").
_CALL_NOUNS = frozenset({"llamada", "llamado"})
_DETERMINERS = frozenset(
    {"una", "un", "la", "el", "mi", "su", "tu", "esa", "ese", "esta", "este", "otra", "otro",
     "ninguna", "ningun", "cada", "sola", "solo", "primera", "ultima", "mas"}
)  # fmt: skip


class NamedContext:
    """Names after a naming word or an asking phrase."""

    def __init__(self, rule: RecognizerRule, names_after: NamesAfter) -> None:
        self.names_after = names_after
        self.matcher = PhraseMatcher((*rule.context, *ASKING))

    def find(self, st: ScanText, sightings: Sightings, *, title_case: bool) -> None:
        """Record the name after each naming word or asking phrase."""
        for term, start, end in self.matcher.finditer(st):
            if term in _CALL_NOUNS and previous_word(st.fold, start) in _DETERMINERS:
                continue  # "ni una llamada regresan": a phone call, not "called"
            # "has anyone seen rodel manalo": a lower-case word on no list may be a name.
            self.names_after.read(
                st, end, sightings, pattern="named_context", title_case=title_case, loose=True
            )
