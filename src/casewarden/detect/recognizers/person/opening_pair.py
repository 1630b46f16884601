"""A comment that opens by naming someone in lower case: a word no list has (a rare given
name) and a plain surname, "marivic ocampo you know you owe". Mid-comment, an unknown word is
as often a typo or slang; as a comment's first words, followed by more, the pair is how people
call someone out."""

from __future__ import annotations

from casewarden.detect.language import comment_language
from casewarden.detect.model import Language
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import (
    WORD,
    PersonWords,
    Sightings,
    next_word,
    skip_blanks,
)
from casewarden.detect.text import ScanText

# A comment that opens with two words, read for a lower-case name.
_OPENING_PAIR = regex(r"[ \t]*([a-z]+)[ \t]+([a-z]+)(?![a-z'@.])")
# After a comment's opening name, the words that show it is addressed or accused: "marivic
# ocampo you know you owe", "sevak tello owes my daughter".
_AFTER_OPENING_NAME = frozenset(
    {"you", "u", "ur", "your", "youre", "yall", "owes", "owe", "pays", "paid", "still", "never",
     "needs", "stop", "better", "is", "has", "hasnt", "isnt", "doesnt", "didnt", "wont", "cant",
     "thinks", "knows", "lives", "works", "said", "says", "told"}
)  # fmt: skip


class OpeningPair:
    """The lower-case name a comment opens with."""

    def __init__(self, words: PersonWords) -> None:
        self.words = words

    def possible(self, st: ScanText) -> bool:
        """Cheap test before ``find``: a lower-case comment whose first word is no common
        word and either a plain given name or followed by a surname."""
        tokens = st.tokens
        names = self.words.names
        return (
            len(tokens) > 2
            and st.text[:1].islower()
            and tokens[0] not in names.common
            and (tokens[1] in names.last or tokens[0] in self.words.plain_first)
        )

    def find(self, st: ScanText, sightings: Sightings) -> None:
        """Record the comment's opening pair when it names someone who is addressed or
        accused."""
        match = _OPENING_PAIR.match(st.fold)
        if match is None:
            return
        words = self.words
        first, last = match.group(1), match.group(2)
        if first in words.public_titles or first in words.honorific_words:
            return  # "juez ochoa", "gobernador newsom": a public official's title
        # A rare given name and a listed surname, or a listed given name and a surname no
        # list has ("deion salonga").
        if not (
            (words.unknown_name(first) and words.plain_last(last))
            or (first in words.plain_first and (words.plain_last(last) or words.unknown_name(last)))
        ):
            return
        if comment_language(st) is not Language.EN:
            # Spanish words beyond the common lists read as unknown ("cuántos días",
            # "buenas vos"): only an English comment's opening is trusted to be a name.
            return
        start, end = match.start(1), match.end(2)
        if not st.text[start:end].islower() or sightings.taken.overlaps(start, end):
            return
        if f"{first} {last}" in words.places:
            return
        following = WORD.match(st.fold, skip_blanks(st.fold, end))
        if following is not None and following.start() > end:
            third = following.group().strip("'-")
            if words.plain_last(third) or words.unknown_name(third):
                # A second surname ("deion salonga gatchalian").
                end = following.end()
        if next_word(st.fold, end).replace("'", "") not in _AFTER_OPENING_NAME:
            return  # "xin chào i help my mother": a greeting, not someone called out
        sightings.add(start, end, score=0.6, pattern="opening_pair_lower")
