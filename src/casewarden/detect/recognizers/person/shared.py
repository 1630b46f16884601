"""What every strategy of the person recognizer shares: the word lists, the lookups built on
them, the names one comment holds so far, and the small text helpers."""

from __future__ import annotations

from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import name_lists, place_names, terms
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.text import ScanText, SpanSet, fold, words

LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
WORD = regex(rf"[{LETTER}][{LETTER}'’-]*")
UPPER = regex(r"[A-ZÀ-ÖØ-Þ]")
GAP = regex(r"[ \t]+")
APOSTROPHES = str.maketrans("", "", "'’")
# Informal spellings people type that no dictionary lists, so they are not read as names.
INFORMAL = words(
    """
    dont doesnt didnt cant wont isnt wasnt werent hasnt havent hadnt aint shouldnt wouldnt
    couldnt im ive id ill hes shes theyre youre thats whats gonna wanna gotta ya u ur lol
    omg pls plz tho bc cuz idk tbh smh btw rn jk ok okay yall gotcha yeah yep nope bday dob
    ssn dcss cs ex exes bd bm ncp cp lmao fr ty thx asap fyi imo lmk ikr nvm wyd hbu tmrw tmr
    bro sis fam yea yo yup nah aye ugh wow dang dam hella lil gon finna tryna bout cus coz
    istg ngl frfr deadass bruh sus wtf smfh af rip ppl anymore anyways alot everytime
    """
)
# Handles of offices and of the pages that pose as them ("@ArrearsRelief-CA").
AGENCY_HANDLE = regex(
    r"support|dcss|county|gov|official|services|childsupport|lcsa|cssd|arrears|relief|refund|"
    r"helpdesk"
)
_TRAILING_WORD = regex(r"[a-z]+(?=[.,]*$)")
_NEXT_WORD = regex(r"[ \t,]*([a-z]+)")
# The two words after a name: "Malcolm X Library" (an initial, then the place word).
_NEXT_TWO = regex(r"[ \t,]*([a-z]+)(?:[ \t]+([a-z]+))?")
# Endings of English verb and adverb forms: a lower-case word with one is no rare name.
_INFLECTED = ("ed", "ing", "ly")


# Thanks or asking for someone, then perhaps a title of a first name, right before a name
# ("thank you to Miss Gloria", "ask for Tomás", "gracias a la señorita Linda"); anchored at
# the name. Not "Mr. Vang": a surname with its title is the person named (LABELLING.md).
_THANKS_OR_ASK = regex(
    r"(?:thank\s+you(?:\s+so\s+much)?(?:\s+to)?|thanks(?:\s+to)?|shout\s*out\s+to|ask\s+for|"
    r"asking\s+for|gracias\s+a|agradezco\s+a|pregunt(?:en|e|ar)\s+por)"
    r"(?:\s+(?:miss|ma'?am|senorita|srta|la|el|don|dona)\.?)?\s+$"
)
# Where staff are: a lone first name thanked or asked for beside one of these is staff in
# their public role (LABELLING.md), not a private person.
_STAFF_PLACE = words(
    """
    office desk window counter lobby intake caseworker staff dcss oficina ventanilla recepcion
    location branch sucursal
    """
)


# A name followed by where it works: "Ernesto de la oficina de Lompoc", "Cora of the Santa
# Maria office", "Linda at the front desk".
_AT_STAFF_PLACE = regex(
    r"[ \t,]+(?:at|from|of|in|de|en|del)[ \t]+(?:(?:the|la|el|los)[ \t]+)?(?:[a-z]+[ \t]+){0,2}"
    r"(?:office|desk|window|counter|lobby|location|branch|oficina|ventanilla|recepcion|"
    r"sucursal)(?![a-z])"
)
# Words of praise: only a staff member praised by first name stays unnamed; one singled out
# to be abused is a person (LABELLING.md).
_PRAISE = words(
    """
    thank thanks helped help helpful patient kind nice great best awesome amazing sweet
    gracias ayudo ayudaron amable paciencia paciente bendiga bless excelente buena bueno
    """
)


_SURNAME_TITLES = frozenset(
    {"mr", "mrs", "ms", "mister", "sr", "sra", "senor", "senora", "dr", "lic", "officer", "agent"}
)
_SENTENCE_REST = regex(r"[^.!?\n]*")
# Calling someone something: "is a miserable old hag", "she a stuck up cow", "es una floja".
_CALLED = regex(r"(?<![a-z])(?:is|was|she|he|es|era)[ \t]+(?:a|an|such[ \t]+a|una?)[ \t]")


def staff_thanked(st: ScanText, start: int, end: int, given_names: frozenset[str]) -> bool:
    """A staff member's lone first name, thanked, praised or asked for ("ask for Tomás at
    the Sonora office", "Ernesto de la oficina de Lompoc me ayudó muchísimo"): staff in their
    public role, not a private person."""
    name = st.fold[start:end]
    if " " in name or name not in given_names or not st.any_of(_STAFF_PLACE):
        return False
    if _THANKS_OR_ASK.search(st.fold, max(0, start - 40), start) is not None:
        return True
    if previous_word(st.fold, start) in _SURNAME_TITLES:
        return False  # "Ms. Reyes at the Long Beach office": a title and surname, named
    if _AT_STAFF_PLACE.match(st.fold, end, end + 48) is None or not st.any_of(_PRAISE):
        return False
    # "Renee at the front desk used to be nice, now she a stuck up cow": praise, then abuse.
    sentence = _SENTENCE_REST.match(st.fold, end)
    return sentence is None or _CALLED.search(sentence.group()) is None


class PlaceCues:
    """The words around a name that say it names a place or a thing, not a person."""

    def __init__(self) -> None:
        self.place_words = frozenset(terms("person", "place_words"))
        self.place_prefixes = frozenset(terms("person", "place_prefixes"))
        # Spanish articles open place names ("Los Banos") and, in speech, people's names too
        # ("la Lupe me dijo"): before a name on its own they say nothing.
        self._prefixes_before_name = self.place_prefixes - {"el", "la", "los", "las", "del"}
        self.place_ends = frozenset(terms("person", "place_ends"))
        self.locating_words = frozenset(terms("person", "locating_words"))

    def names_a_place(self, fold_text: str, start: int, end: int) -> bool:
        """Whether the capitalised words at ``start:end`` name a place or a thing, by the
        words around them: a place word last or next ("Carson Pass", "the Sierra Pacific
        mill", "Malcolm X Library"), a place prefix first or before ("Barrio Logan", "Mt
        Whitney"),
        "the" before (a person is rarely "the Maria Lopez"), or a place ending after a word
        that locates ("in Mira Mesa"; "Carlos Mesa" alone stays a name)."""
        span = fold_text[start:end]
        last = span.rpartition(" ")[2]
        if last in self.place_words or span.partition(" ")[0] in self._prefixes_before_name:
            return True
        after = _NEXT_TWO.match(fold_text, end, end + 40)
        if after is not None and (
            after.group(1) in self.place_words
            or (len(after.group(1)) == 1 and after.group(2) in self.place_words)
        ):
            return True
        before = previous_word(fold_text, start)
        if before == "the" or before in self._prefixes_before_name:
            return True
        return last in self.place_ends and before in self.locating_words


class PersonWords:
    """The name and word lists the strategies read, and the lookups made of them."""

    def __init__(self, config: DetectorConfig) -> None:
        self.names = name_lists()
        self.not_names = self.names.not_names | {fold(w) for w in config.not_names}
        kinship = terms("person", "kinship_en", "kinship_es")
        self.kinship = kinship
        self.kin_words = frozenset(w for k in kinship for w in k.split())
        self.possessives = frozenset(terms("person", "possessives"))
        self.honorific_words = frozenset(terms("person", "honorifics"))
        # The honorifics that are never a name themselves ("Don" and "Doña" are names too).
        self.titles = self.honorific_words - {"don", "dona"}
        self.public_titles = frozenset(
            w for t in terms("person", "public_titles") for w in t.split()
        )
        self.place_cues = PlaceCues()
        self.place_words = self.place_cues.place_words
        self.place_prefixes = self.place_cues.place_prefixes
        self.places = place_names()
        # Words that, in lower case and with no context, are a name and nothing else: on a
        # name list and on no word list ("citlaly barajas u know what u did").
        # The given names are filtered once (chained differences walk the shrinking left
        # set); the 84,000 surnames are checked one candidate at a time instead, which keeps
        # the detector's start-up, paid by every `casewarden scan`, short.
        self.word_lists = (
            self.names.common,
            self.names.dictionary,
            self.names.spanish,
            INFORMAL,
            self.not_names,
            self.kin_words,
            self.public_titles,
            self.place_prefixes,
            self.place_words,
        )
        plain_first = self.names.first
        for word_list in self.word_lists:
            plain_first = plain_first - word_list
        self.plain_first = frozenset(w for w in plain_first if len(w) >= 3)
        # The agency's name as a page's mention starts ("@del oro county"), its first words.
        self.agency_opening = " ".join(fold(config.agency_name).split()[:2])

    def plain_last(self, word: str) -> bool:
        """A surname on a list and on no word list (the surname half of a lower-case pair)."""
        if len(word) < 3 or word not in self.names.last:
            return False
        return all(word not in word_list for word_list in self.word_lists)

    def unknown_name(self, folded: str) -> bool:
        """A lower-case word on no list that could be a rare name: alphabetic, not a common
        or informal word, not a kinship word, and not one letter swap away from a common
        word (typos such as "wokrs", "teine" are ordinary words)."""
        if len(folded) < 3 or not folded.isalpha() or folded in INFORMAL:
            return False
        if len(folded) > 5 and folded.endswith(_INFLECTED):
            return False  # "my husband is deployed": a verb or adverb form, not a name
        common, dictionary = self.names.common, self.names.dictionary
        if folded in common or folded in dictionary or folded in self.kin_words:
            return False
        if folded in self.not_names:
            return False
        for i in range(len(folded) - 1):
            swapped = folded[:i] + folded[i + 1] + folded[i] + folded[i + 2 :]
            if swapped in common or swapped in dictionary or swapped in self.kin_words:
                return False
        return True

    def surname_like(self, word: str) -> bool:
        """A lower-case word that can continue a name: a plain surname or a word on no list,
        each part of it when it has an apostrophe or a hyphen ("o'callaghan" is looked up as
        "ocallaghan", "der-garabedian" part by part)."""
        parts = word.replace("'", "").split("-")
        return all(part and (self.plain_last(part) or self.unknown_name(part)) for part in parts)


class Sightings:
    """The names found in one comment so far, and the spans they take (no two overlap)."""

    __slots__ = ("found", "taken")

    def __init__(self) -> None:
        self.found: list[Finding] = []
        self.taken = SpanSet()

    def add(self, start: int, end: int, *, score: float, pattern: str) -> None:
        """Record a name whose span the caller found free."""
        self.taken.add(start, end)
        self.found.append(
            Finding(
                type=EntityType.PERSON,
                start=start,
                end=end,
                score=score,
                recognizer="person",
                pattern=pattern,
                validator="name_gazetteer" if pattern.startswith("gazetteer_pair") else None,
            )
        )

    def add_if_free(self, start: int, end: int, *, score: float, pattern: str) -> None:
        """Record a name unless its span overlaps one already found."""
        if not self.taken.overlaps(start, end):
            self.add(start, end, score=score, pattern=pattern)


def previous_word(fold_text: str, start: int) -> str:
    """The word before ``start`` (within 30 characters), without trailing punctuation."""
    words = fold_text[max(0, start - 30) : start].split()
    if not words:
        return ""
    last = words[-1].rstrip(".,")
    if last.isascii() and last.isalpha():
        return last  # the common case, without a regex: a plain word, perhaps with a comma
    match = _TRAILING_WORD.search(words[-1])
    return match.group() if match else ""


def next_word(fold_text: str, end: int) -> str:
    """The word after ``end`` (within 30 characters, past blanks and commas), or ""."""
    match = _NEXT_WORD.match(fold_text, end, end + 30)
    return match.group(1) if match else ""


def skip_blanks(fold_text: str, position: int) -> int:
    """The first position at or after ``position`` that is not a space or a tab."""
    while position < len(fold_text) and fold_text[position] in " \t":
        position += 1
    return position
