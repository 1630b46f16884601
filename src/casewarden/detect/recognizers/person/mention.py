"""Mentions: "@Jessica Lopez", "@elmer thoj dizon" — not an office's page ("@Del Oro County")."""

from __future__ import annotations

from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import (
    AGENCY_HANDLE,
    GAP,
    INFORMAL,
    LETTER,
    UPPER,
    WORD,
    PersonWords,
    Sightings,
    next_word,
)
from casewarden.detect.text import ScanText, find_all, fold

_MENTION = regex(rf"@(?<![\w.@]@)([{LETTER}][\w.'-]{{1,29}})")
# Words that, right after a mention, make it an organisation's page ("@Del Oro County"). Only
# words no one puts after a person's name: "@Maria Lopez school pickup is at 3" and "@Jessica
# Lopez child support is owed" name people.
_ORGANISATION_WORDS = frozenset(
    {"county", "dcss", "department", "dept", "services", "agency", "condado", "departamento",
     "inc", "llc"}
)  # fmt: skip


class Mentions:
    """The name each "@" mention gives, with up to two surnames after the handle."""

    def __init__(self, words: PersonWords) -> None:
        self.words = words

    def find(self, st: ScanText, sightings: Sightings) -> None:
        """Record each mention of a person (not of an agency or organisation page)."""
        text = st.text
        words = self.words
        for match in find_all(_MENTION, text):
            handle = fold(match.group(1))
            if AGENCY_HANDLE.search(handle) or handle in words.not_names:
                continue
            start, end = match.start(1), match.end(1)
            # "@Jessica Lopez Garcia": up to two more words that are surnames.
            for _ in range(2):
                gap = GAP.match(text, end)
                if gap is None:
                    break
                word = WORD.match(text, gap.end())
                if word is None:
                    break
                folded = fold(word.group())
                if folded in words.not_names or folded in INFORMAL:
                    break
                # A listed surname, or a word on no list ("@Phuong Abrahamyan", "@elmer thoj
                # dizon"), each part of a hyphenated one ("@Kaison Cuevas-Ledezma"), looked
                # up without its apostrophe ("@Marites O'Sullivan").
                if not all(
                    part in words.names.last or words.unknown_name(part)
                    for part in folded.replace("'", "").split("-")
                ):
                    break
                if folded in words.names.common and not UPPER.match(word.group()):
                    break  # a listed surname that is also an ordinary word, in lower case
                end = word.end()
            if next_word(st.fold, end) in _ORGANISATION_WORDS or (
                words.agency_opening and st.fold.startswith(words.agency_opening, start)
            ):
                continue  # "@Del Oro County DCSS": a page's name, not a person's
            sightings.add_if_free(start, end, score=0.8, pattern="mention")
