"""The name after a context word: how the kinship, naming, honorific and form-field strategies
read the words that follow their cue ("my son Jayden", "se llama Sofía", "Ms. Johnson",
"Name: Kennedi Mac Lochlainn")."""

from __future__ import annotations

from casewarden.detect.lexicon import alternation_source, terms
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import (
    GAP,
    INFORMAL,
    UPPER,
    WORD,
    PersonWords,
    Sightings,
)
from casewarden.detect.text import ScanText

_LIST_JOIN = regex(
    r"[ \t]*(?:,[ \t]*(?:and[ \t]+|y[ \t]+|&[ \t]*|n[ \t]+)?|[ \t]+(?:and|y|&|n)[ \t]+)"
)
_LEAD = regex(r"(?:'s|s'|’s)?[ \t]*(?:[,:(\-][ \t]*)?")
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "van", "von", "da", "di", "le"})
_MAX_TOKENS = 4


class NameSpan:
    """A name read after a context word: where it is and how sure the reading is."""

    __slots__ = ("end", "score", "start")

    def __init__(self, start: int, end: int, score: float) -> None:
        self.start = start
        self.end = end
        self.score = score


class NamesAfter:
    """Reads the name (or, after a plural, the list of names) that follows a context word."""

    def __init__(self, words: PersonWords) -> None:
        self.words = words
        self.names = words.names
        # Literal-led (lexicon.alternation_source): at a position the regex engine skips
        # every filler whose first letter is not there.
        self._filler = regex(
            "(?:" + alternation_source(terms("person", "fillers")) + r")[ \t]*:?[ \t]*"
        )

    def read(
        self,
        st: ScanText,
        position: int,
        sightings: Sightings,
        *,
        pattern: str,
        title_case: bool,
        plural: bool = False,
        surname_only: bool = False,
        loose: bool = False,
    ) -> None:
        """Record the names from ``position`` on as ``pattern``.

        ``title_case``: capitals say nothing (see ``mostly_capitalised``); ``plural``: the
        cue was a plural ("my kids"), so a list goes on in lower case too; ``surname_only``:
        a single word must be a surname (after an honorific); ``loose``: a first word on no
        list at all may be a rare name.
        """
        text, folded = st.text, st.fold
        position = self._skip_lead(st, position)
        capitalised_only = False
        while True:
            span = self._name_at(
                text,
                folded,
                position,
                title_case=title_case,
                capitalised_only=capitalised_only,
                surname_only=surname_only,
                loose=loose and not capitalised_only,
                list_opens=plural and not capitalised_only,
            )
            if span is None:
                return
            sightings.add_if_free(span.start, span.end, score=span.score, pattern=pattern)
            join = _LIST_JOIN.match(folded, span.end)
            if join is None:
                return
            # "my kids Jayden, Mia and Noah": a list goes on after a plural kinship word;
            # after a singular one only a capitalised name continues it ("and Mia's dad").
            capitalised_only = not plural
            position = join.end()

    def _skip_lead(self, st: ScanText, position: int) -> int:
        """Past "'s", punctuation, more kinship words ("ex husband") and fillers ("named")."""
        folded = st.fold
        for _ in range(4):
            lead = _LEAD.match(folded, position)
            if lead is not None:
                position = lead.end()
            filler = self._filler.match(folded, position)
            if filler is not None and filler.end() > position:
                position = filler.end()
                continue
            word = WORD.match(folded, position)
            if word is not None and word.group().strip("'’-") in self.words.kin_words:
                gap = GAP.match(folded, word.end())
                position = gap.end() if gap else word.end()
                continue
            break
        return position

    def _name_at(
        self,
        text: str,
        st_fold: str,
        position: int,
        *,
        title_case: bool,
        capitalised_only: bool,
        surname_only: bool,
        loose: bool,
        list_opens: bool = False,
    ) -> NameSpan | None:
        """The name starting at ``position`` (1-4 tokens) and its score, or None.
        ``list_opens``: right after a plural kinship word ("mis hijos eran chicos"), where a
        lower-case frequent Spanish word is the sentence going on, not a list of names."""
        count = 0  # the name's words so far
        start = end = position
        first_capital = all_capital = True
        cursor = position
        while count < _MAX_TOKENS:
            match = WORD.match(text, cursor)
            if match is None:
                break
            word = match.group()
            # The folded text has the same offsets: no need to fold the word again.
            folded = st_fold[match.start() : match.end()].strip("'-")
            if folded.endswith("'s"):
                folded = folded[:-2]
            capital = word[0].isupper()
            if count and folded in _PARTICLES and not capital:
                # "María de la Luz": particles only when a capitalised word follows.
                after = WORD.match(text, match.end() + 1)
                if after is not None and UPPER.match(after.group()):
                    cursor = after.start()
                    continue
                break
            first = not count
            if first and list_opens and not capital and folded in self.names.spanish:
                break
            if (
                not title_case
                and len(word) >= 2
                and word.isupper()
                and folded not in self.names.first
                and (first or folded not in self.names.last)
            ):
                break  # an acronym ("my brother's AR", "he is OFW", "DL Y3380412"), no name
            if not self._acceptable(
                folded,
                capital=capital,
                title_case=title_case,
                capitalised_only=capitalised_only,
                first=first,
                surname_only=surname_only,
            ):
                if (
                    first
                    and loose
                    and not capital
                    and self.words.unknown_name(folded)
                    and folded not in self.names.spanish  # "se llama gastos adicionales"
                ):
                    # "his mother is seoyeon khang": a second lower-case word on no word
                    # list, or a plain surname, belongs to the name.
                    end = match.end()
                    gap = GAP.match(text, end)
                    after = WORD.match(text, gap.end()) if gap is not None else None
                    if after is not None and not after.group()[0].isupper():
                        second = st_fold[after.start() : after.end()].strip("'-")
                        if self.words.surname_like(second):
                            end = after.end()
                    return NameSpan(match.start(), end, 0.6)
                if (
                    loose
                    and count == 1
                    and not first_capital
                    and not capital
                    and self.words.surname_like(folded)
                ):
                    # "his dad dayvon dumalagan": a listed given name in lower case, then a
                    # surname no list has.
                    end = match.end()
                    all_capital = False
                    count += 1
                break
            if first:
                start = match.start()
                first_capital = capital
            end = match.end()
            all_capital = all_capital and capital
            count += 1
            gap = GAP.match(text, match.end())
            if gap is None:
                break
            cursor = gap.end()
        if not count:
            return None
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        return NameSpan(start, end, 0.85 if all_capital else 0.75)

    def _acceptable(
        self,
        folded: str,
        *,
        capital: bool,
        title_case: bool,
        capitalised_only: bool,
        first: bool,
        surname_only: bool,
    ) -> bool:
        """Whether a word can be part of the name, as the ``first`` word or a later one."""
        if len(folded) < 2 or folded in self.words.not_names or folded in INFORMAL:
            return False
        if folded.rstrip(".") in self.words.titles:
            return False  # "Ms. Lor and Mr. Thao": the second title is no name
        if "'" in folded and folded.replace("'", "") in INFORMAL:
            return False  # "I'm", "I'll", "don't": contractions are no names
        if folded in self.words.kin_words or folded in self.words.possessives:
            return False
        if capitalised_only and not capital:
            return False
        names = self.names
        if (
            first
            and not capital
            and not surname_only
            and folded in names.dictionary
            and folded not in names.first
        ):
            # "my husband is seaman", "her dad is welder": a word of the dictionary in lower
            # case that is a surname only is the trade or thing it says, not a name.
            return False
        if not capital and folded in names.spanish and folded not in names.first:
            # "su madre ojalá se muera", "se llama gastos adicionales": an ordinary Spanish
            # word in lower case, though a surname list holds it, names no one.
            return False
        common = folded in names.common
        if surname_only or not first:
            known = folded in names.last or (not surname_only and folded in names.first)
        else:
            known = names.is_name(folded)
        if common:
            # An ordinary word is a name only when capitalised in ordinary text and listed:
            # "my ex Will", not "my son needs" or "My Son Is".
            return capital and known and not title_case
        if capital and not title_case:
            return True
        return known
