"""A form's or notice's name field, pasted into a comment: "Name: Kennedi Mac Lochlainn",
"nombre: crisanto alemu"."""

from __future__ import annotations

from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.context import NamesAfter
from casewarden.detect.recognizers.person.shared import Sightings
from casewarden.detect.text import ScanText, find_all

_NAME_FIELD = regex(
    r"(?:n(?<![a-z]n)ame|n(?<![a-z]n)ombre|f(?<![a-z]f)ull[ \t]+name|c(?<![a-z]c)hild'?s[ \t]+name)"
    r"(?:[ \t]+completo)?[ \t]*:"
)


class NameFields:
    """Names after a name field's label."""

    def __init__(self, names_after: NamesAfter) -> None:
        self.names_after = names_after

    def find(self, st: ScanText, sightings: Sightings) -> None:
        """Record the name after each name field."""
        for match in find_all(_NAME_FIELD, st.fold):
            # A pasted form is in Title Case, but its field says a name follows.
            self.names_after.read(
                st, match.end(), sightings, pattern="name_field", title_case=False, loose=True
            )
