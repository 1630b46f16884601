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


# The parts of a handle: "cs.fixers.ca" -> cs, fixers, ca; "CaseFixPros" -> case, fix, pros.
_HANDLE_PARTS = regex(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# Words of trade in a handle: a business's or a scammer's account ("@dmv_fix_ca", "Venmo
# @CaseFixPros", "Telegram @ayuda_familiar_ca"), not a person's.
_BUSINESS_PARTS = frozenset(
    {"fix", "fixer", "fixers", "fixes", "fixing", "pro", "pros", "help", "helper", "helpers",
     "ayuda", "apoyo", "alivio", "consult", "consulting", "consultants", "legal", "law", "credit",
     "grant", "grants", "cash", "money", "loan", "loans", "tax", "taxes", "case", "cases",
     "license", "licence", "dmv", "eppi", "eppicard", "familiar", "assist", "assistance",
     "solutions", "group", "team", "center", "care", "funds", "fund", "benefit", "benefits",
     "programa", "program", "invest", "crypto", "forex", "trading", "agency", "llc", "inc"}
)  # fmt: skip


def business_handle(handle: str) -> bool:
    """A handle made with a word of trade (see ``_BUSINESS_PARTS``)."""
    return any(part.lower() in _BUSINESS_PARTS for part in _HANDLE_PARTS.findall(handle))


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
            if business_handle(match.group(1)):
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
                ordinary = folded in words.names.common or folded in words.names.spanish
                if ordinary and not UPPER.match(word.group()):
                    break  # a listed surname that is also an ordinary word, in lower case
                end = word.end()
            if next_word(st.fold, end) in _ORGANISATION_WORDS or (
                words.agency_opening and st.fold.startswith(words.agency_opening, start)
            ):
                continue  # "@Del Oro County DCSS": a page's name, not a person's
            sightings.add_if_free(start, end, score=0.8, pattern="mention")
