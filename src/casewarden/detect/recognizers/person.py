"""Names of private individuals, from gazetteers and context — no model, no download.

Four ways a name is found, strongest first:

1. **Kinship or role context**: "my son Jayden", "the father, John Smith", "mi hija se llama
   Sofía", "his girlfriend Ashley", "does anyone know brenda king" — the words after a
   possessive + kinship word (or after "named", "se llama", "anyone know") are read as a
   name while they look like one: capitalised and not a common word, or on a name list.
   Lists continue: "my kids Jayden, Mia and Noah".
2. **Honorifics**: "Ms. Johnson", "Sra. López".
3. **Mentions**: "@Jessica Lopez".
4. **Gazetteer pairs** without context: a capitalised given name from the Census, modern or
   Spanish lists followed by a capitalised surname ("Marcus Hill"), unless both words are
   also common English words, either is on the not-a-name list (days, agencies, places,
   employers), a public title precedes ("Judge", "Director", "Gobernador") or a place word
   follows ("County", "Street").

Lower-case words count as names only when a name list has them and they are not common
words ("my son jayden" yes, "my son needs" no). In Title Case or ALL CAPS text capitals say
nothing, so only listed names count there.

Names of the agency's public officials (configuration) and names right after a public title
are not personal information: they are recorded as exclusions, not findings.
"""

from __future__ import annotations

import re

from casewarden.detect.config import DetectorConfig
from casewarden.detect.language import comment_language
from casewarden.detect.lexicon import (
    PhraseMatcher,
    alternation_source,
    name_lists,
    not_a_private_person,
    place_names,
    terms,
)
from casewarden.detect.model import EntityType, Exclusion, Finding, Language
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, SpanSet, find_all, fold, words

_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
_WORD = regex(rf"[{_LETTER}][{_LETTER}'’-]*")
_UPPER = regex(r"[A-ZÀ-ÖØ-Þ]")
_GAP = regex(r"[ \t]+")
_LIST_JOIN = regex(
    r"[ \t]*(?:,[ \t]*(?:and[ \t]+|y[ \t]+|&[ \t]*|n[ \t]+)?|[ \t]+(?:and|y|&|n)[ \t]+)"
)
_LEAD = regex(r"(?:'s|s'|’s)?[ \t]*(?:[,:(\-][ \t]*)?")
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "van", "von", "da", "di", "le"})
_PLURAL_KIN = frozenset(
    {"kids", "children", "sons", "daughters", "twins", "grandkids", "babies", "boys", "girls",
     "hijos", "hijas", "ninos", "ninas", "stepkids"}
)  # fmt: skip
# Informal spellings people type that no dictionary lists, so they are not read as names.
_INFORMAL = words(
    """
    dont doesnt didnt cant wont isnt wasnt werent hasnt havent hadnt aint shouldnt wouldnt
    couldnt im ive id ill hes shes theyre youre thats whats gonna wanna gotta ya u ur lol
    omg pls plz tho bc cuz idk tbh smh btw rn jk ok okay yall gotcha yeah yep nope bday dob
    ssn dcss cs ex exes bd bm ncp cp lmao fr ty thx asap fyi imo lmk ikr nvm wyd hbu tmrw tmr
    bro sis fam yea yo yup nah aye ugh wow dang dam hella lil gon finna tryna bout cus coz
    istg ngl frfr deadass bruh sus wtf smfh af rip ppl anymore anyways alot everytime
    """
)
# A capitalised name word: "Marcus", "Garcia-Lopez", with a capital inside ("DeAndre",
# "McDonald", "LaToya"), and with an apostrophe inside: "Ka'Niyah", "D'Angelo", "O'Brien",
# "Salave'a" (one or two letters after it only when they are not a contraction, so
# "Marcus's", "Tom'll" and "Ana'd" stop before the apostrophe). The list lookups drop the
# apostrophe.
_CAP_NAME = (
    r"(?:[a-zß-öø-ÿ]+(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})?"
    r"(?:['’](?:[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]{3,}|(?!(?:s|ll|re|ve|d|m|t)(?![a-z]))[a-z]{1,2}(?![a-z])))?"
    r"|['’][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})"
    r"(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
)
# The capital comes first and the look-behind after it: the engine skips to capitals.
_CAP_RUN = regex(
    r"[A-ZÀ-ÖØ-Þ](?<![A-Za-zÀ-ÖØ-öø-ÿ'@][A-ZÀ-ÖØ-Þ])" + _CAP_NAME
    + r"(?:[ \t]+[A-ZÀ-ÖØ-Þ]" + _CAP_NAME + ")+"
)  # fmt: skip
_CAPITAL_START = regex(r"[A-ZÀ-ÖØ-Þ](?<![A-Za-zÀ-ÖØ-öø-ÿ'’][A-ZÀ-ÖØ-Þ])")
# Every byte but A-Z and 0xC3 (the lead byte of À-Þ, and of à-ÿ): deleted to count capitals.
_NOT_CAPITAL_BYTES = bytes(c for c in range(256) if not (0x41 <= c <= 0x5A or c == 0xC3))
_CAP_TOKEN = regex(r"[A-ZÀ-ÖØ-Þ]" + _CAP_NAME)
_APOSTROPHES = str.maketrans("", "", "'’")
_MENTION = regex(rf"@(?<![\w.@]@)([{_LETTER}][\w.'-]{{1,29}})")
# A profile address names its owner ("facebook.com/shoua.fang.90", "instagram[dot]com/x"),
# on the folded text; the owner is the path's first part.
_PROFILE_LINK = regex(
    r"(?<![a-z0-9])(?:facebook|fb|instagram|tiktok|twitter|threads)[ \t]*"
    r"(?:\.|\[dot\]|\(dot\)|[ \t]dot[ \t])[ \t]*(?:com|net)/@?([a-z0-9][a-z0-9._-]{2,49})"
)
# A form's or notice's name field, pasted into a comment: "Name: Kennedi Mac Lochlainn",
# "nombre: crisanto alemu".
_NAME_FIELD = regex(
    r"(?:n(?<![a-z]n)ame|n(?<![a-z]n)ombre|f(?<![a-z]f)ull[ \t]+name|c(?<![a-z]c)hild'?s[ \t]+name)"
    r"(?:[ \t]+completo)?[ \t]*:"
)
# A quoted reply's attribution: "> Sokha Lo wrote:", "> kourosh bermudez escribió:" (folded
# text, at a line's start). The name is the words between the quote mark and the verb.
_QUOTE_ATTRIBUTION = regex(
    r"(?m)^[ \t]*>[ \t]*((?:[a-z][a-z'-]*[ \t]+){0,3}[a-z][a-z'-]*)[ \t]+(?:wrote|escribio)[ \t]*:"
)
# A comment that opens with two words, read for a lower-case name ("marivic ocampo you know
# you owe...").
_OPENING_PAIR = regex(r"[ \t]*([a-z]+)[ \t]+([a-z]+)(?![a-z'@.])")
_NOT_PROFILES = frozenset(
    {"groups", "pages", "events", "watch", "share", "reel", "reels", "photo", "photos", "p",
     "profile.php", "story.php", "marketplace", "help", "login", "explore", "stories"}
)  # fmt: skip
# Words that, right after a mention, make it an organisation's page ("@Del Oro County"). Only
# words no one puts after a person's name: "@Maria Lopez school pickup is at 3" and "@Jessica
# Lopez child support is owed" name people.
_ORGANISATION_WORDS = frozenset(
    {"county", "dcss", "department", "dept", "services", "agency", "condado", "departamento",
     "inc", "llc"}
)  # fmt: skip
# After a comment's opening name, the words that show it is addressed or accused: "marivic
# ocampo you know you owe", "sevak tello owes my daughter".
_AFTER_OPENING_NAME = frozenset(
    {"you", "u", "ur", "your", "youre", "yall", "owes", "owe", "pays", "paid", "still", "never",
     "needs", "stop", "better", "is", "has", "hasnt", "isnt", "doesnt", "didnt", "wont", "cant",
     "thinks", "knows", "lives", "works", "said", "says", "told"}
)  # fmt: skip
# Handles of offices and of the pages that pose as them ("@ArrearsRelief-CA").
_AGENCY_HANDLE = regex(
    r"support|dcss|county|gov|official|services|childsupport|lcsa|cssd|arrears|relief|refund|"
    r"helpdesk"
)
_TRAILING_WORD = regex(r"[a-z]+(?=[.,]*$)")
_NEXT_WORD = regex(r"[ \t,]*([a-z]+)")
# "Does anyone know X", "looking for X": phrases after which a name is expected.
_ASKING = (
    "anyone know", "does anybody know", "anybody know", "looking for", "have you seen",
    "has anyone seen", "ask for", "asking for", "alguien conoce", "conocen a", "busco a",
    "buscando a", "pregunten por", "preguntar por",
)  # fmt: skip
# "working at Blue Diamond", "my salary at Jiffy Lube": a pair right after this is an
# employer. The regex runs on the few characters before a pair, anchored at their end.
_EMPLOYED_AT = regex(
    r"(?<![a-z])(?:work|works|working|worked|salary|job|jobs|employed|hired|shift|shifts|"
    r"paycheck|wages|manager|cashier)[ \t]+(?:[a-z]+[ \t]+)?(?:at|for)[ \t]+$"
)
_LOWER_WORD = regex(r"[a-z]+(?:['’][a-z]{3,})?")
_MAX_TOKENS = 4
# Endings of English verb and adverb forms: a lower-case word with one is no rare name.
_INFLECTED = ("ed", "ing", "ly")
# Above this many different lower-case pairs, one regex pass beats a search for each.
_MAX_SEARCHED_PAIRS = 4
# Honorifics used with a first name ("Miss Linda"); the others go with a surname.
_FIRST_NAME_HONORIFICS = frozenset({"miss", "senorita", "srta"})
_ARTICLES = frozenset({"a", "an", "the", "this", "that", "some", "un", "una", "unos", "unas"})
_ENGLISH_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "the", "your"})


class PersonRecognizer(Recognizer):
    """Kinship/role context, honorifics, mentions and gazetteer pairs."""

    name = "person"
    entity = EntityType.PERSON
    needs_digit = False
    vocabulary = frozenset(w for phrase in _ASKING for w in phrase.split())

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self.names = name_lists()
        self.not_names = self.names.not_names | {fold(w) for w in config.not_names}
        kinship = terms("person", "kinship_en", "kinship_es")
        self._kin_words = frozenset(w for k in kinship for w in k.split())
        self._kinship = PhraseMatcher(kinship)
        self._child_kinship = frozenset(terms("person", "child_kinship"))
        possessives = terms("person", "possessives")
        self._poss_words = frozenset(possessives)

        self._bare_kinship = frozenset(
            {"baby daddy", "baby mama", "baby momma", "babydaddy", "coparent", "co-parent"}
        )
        # Literal-led (lexicon.alternation_source): at a position the regex engine skips
        # every filler whose first letter is not there.
        self._filler = regex(
            "(?:" + alternation_source(terms("person", "fillers")) + r")[ \t]*:?[ \t]*"
        )
        self._named = PhraseMatcher((*self.rule.context, *_ASKING))
        self._honorific = PhraseMatcher(terms("person", "honorifics"))
        self._honorific_words = frozenset(terms("person", "honorifics"))
        self._context_anchors = self._kinship.anchors.union(
            self._named.anchors, self._honorific.anchors
        )
        self._public_titles = frozenset(
            w for t in terms("person", "public_titles") for w in t.split()
        )
        self._place_words = frozenset(terms("person", "place_words"))
        self._place_prefixes = frozenset(terms("person", "place_prefixes"))
        self._places = place_names()
        # Words that, in lower case and with no context, are a name and nothing else: on a
        # name list and on no word list ("citlaly barajas u know what u did").
        # The given names are filtered once (chained differences walk the shrinking left
        # set); the 84,000 surnames are checked one candidate at a time instead, which keeps
        # the detector's start-up, paid by every `casewarden scan`, short.
        self._word_lists = (
            self.names.common,
            self.names.dictionary,
            _INFORMAL,
            self.not_names,
            self._kin_words,
            self._public_titles,
            self._place_prefixes,
            self._place_words,
        )
        plain_first = self.names.first
        for word_list in self._word_lists:
            plain_first = plain_first - word_list
        self._plain_first = frozenset(w for w in plain_first if len(w) >= 3)
        # The agency's name as a page's mention starts ("@del oro county"), its first words.
        self._agency_opening = " ".join(fold(config.agency_name).split()[:2])
        officials = [fold(o).split() for o in config.public_officials]
        self._officials = [frozenset(o) for o in officials if o]
        self._official_tokens = frozenset(t for o in self._officials for t in o)
        # A lone word is an official only as a surname ("Ms. Delgado"), never a first name:
        # "my daughter Maria" is not the director Maria Delgado.
        self._official_surnames = frozenset(o[-1] for o in officials if o)

    def gate(self, st: ScanText) -> bool:
        """Always: the cheap checks live in ``analyze`` so the text is not scanned twice."""
        return True

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Context-led names first; gazetteer pairs only where no context-led name is."""
        text = st.text
        tokset = st.tokset
        # A run of two capitalised words needs a capital after the first character: most
        # comments have none, and one C-level test says so (a rest with no cased letter at
        # all counts as having one: the regex below decides).
        later_capital = not text[1:].islower()
        # One set test: a lower-case word that can only be a given name.
        lower_pair = st.any_of(self._plain_first)
        profile = "com" in tokset and "/" in text
        field = ":" in text and ("name" in tokset or "nombre" in tokset)
        quote = ">" in text and ("wrote" in tokset or "escribio" in tokset)
        opening = self._opening_possible(st)
        if not st.any_of(self._context_anchors):
            # No kinship, naming or honorific word (one set test for the three).
            if not (
                later_capital or "@" in text or lower_pair or profile or field or quote or opening
            ):
                return
            kinship = named = honorific = False
        else:
            kinship = st.any_of(self._kinship.anchors)
            named = st.any_of(self._named.anchors)
            honorific = st.any_of(self._honorific.anchors)
        # The first run of capitalised words, kept: the gazetteer pairs start from it.
        first_run = _CAP_RUN.search(text) if later_capital else None
        capitals = first_run is not None
        if not (
            kinship
            or named
            or honorific
            or capitals
            or "@" in text
            or lower_pair
            or profile
            or field
            or quote
            or opening
        ):
            return
        found: list[Finding] = []
        taken = SpanSet()
        title_case = _mostly_capitalised(st, later_capital)
        if kinship:
            for term, start, end in self._kinship.finditer(st):
                possessive = self._possessive_before(st.fold, start)
                if term not in self._bare_kinship and possessive is None:
                    continue
                if not self._may_name_follow(st, end):
                    continue  # "my kids are hungry": nothing name-like in the next words
                plural = term.split()[-1] in _PLURAL_KIN
                # After English "my son", a lower-case word no list knows may still be a
                # name ("my son jazlynn") unless it is a typo of a common word.
                loose = possessive in _ENGLISH_POSSESSIVES
                # A child's name is the one a child-support page protects on its own.
                pattern = (
                    "kinship_child"
                    if term.split()[-1] in self._child_kinship
                    else "kinship_context"
                )
                self._names_after(st, end, pattern, plural, title_case, found, taken, loose=loose)
        if named:
            for _term, _start, end in self._named.finditer(st):
                # "has anyone seen rodel manalo": a lower-case word on no list may be a name.
                self._names_after(
                    st, end, "named_context", False, title_case, found, taken, loose=True
                )
        if honorific:
            for term, _start, end in self._honorific.finditer(st):
                if st.text[end : end + 1] == ".":
                    end += 1
                first = len(found)
                self._names_after(st, end, "honorific", False, title_case, found, taken, True)
                if term in _FIRST_NAME_HONORIFICS:
                    # "Miss Linda at the front desk", "la señorita Sandra que me atendió": how
                    # people name staff by first name, which is not a person's full name.
                    found[first:] = [f for f in found[first:] if not self._lone_given(st, f)]
        if field:
            for match in find_all(_NAME_FIELD, st.fold):
                # A pasted form is in Title Case, but its field says a name follows.
                self._names_after(
                    st, match.end(), "name_field", False, False, found, taken, loose=True
                )
        if quote:
            self._quote_attributions(st, found, taken)
        if "@" in st.text:
            self._mentions(st, found, taken)
        if profile:
            self._profile_links(st, found, taken)
        if first_run is not None and not title_case:
            self._gazetteer_pairs(st, first_run, found, taken)
        if lower_pair:
            self._lowercase_pairs(st, found, taken)
        if opening:
            self._opening_pair(st, found, taken)
        if found:
            out.extend(self._without_officials(st, found))

    # -- context-led -----------------------------------------------------------------------

    def _lone_given(self, st: ScanText, finding: Finding) -> bool:
        """One word on the given-name list."""
        word = st.fold[finding.start : finding.end].translate(_APOSTROPHES)
        return " " not in word and word in self.names.first

    def _may_name_follow(self, st: ScanText, end: int) -> bool:
        """Cheap check before the full parse: is any of the next few words capitalised, on a
        name list, or an unknown word that could be a rare name?"""
        names = self.names
        raw_words = st.text[end : end + 48].split()[:5]
        folded_words = st.fold[end : end + 48].split()[:5]
        # An index loop, not zip(): the compiled engine calls zip as a Python function.
        for index in range(min(len(raw_words), len(folded_words))):
            raw, word = raw_words[index], folded_words[index]
            if raw[:1].isupper() or raw[:1] == "@":
                return True
            word = word.strip(".,!?;:()\"'’-")
            if word.endswith("'s"):
                word = word[:-2]
            if word in names.first or word in names.last:
                return True
            if (
                len(word) >= 3
                and word.isalpha()
                and word not in names.common
                and word not in names.dictionary
                and word not in _INFORMAL
            ):
                return True
        return False

    def _possessive_before(self, folded: str, start: int) -> str | None:
        """The possessive up to two words before a kinship word ("my", "my oldest", "his
        new"), or None."""
        words = folded[max(0, start - 32) : start].split()
        for word in reversed(words[-3:]):
            word = word.strip("(\"'")
            if word in self._poss_words:
                return word
        return None

    def _names_after(
        self,
        st: ScanText,
        position: int,
        pattern: str,
        plural: bool,
        title_case: bool,
        found: list[Finding],
        taken: SpanSet,
        surname_only: bool = False,
        loose: bool = False,
    ) -> None:
        text, folded = st.text, st.fold
        position = self._skip_lead(st, position)
        capitalised_only = False
        while True:
            span = self._name_at(
                text,
                folded,
                position,
                title_case,
                capitalised_only,
                surname_only,
                loose and not capitalised_only,
            )
            if span is None:
                return
            start, end, score = span
            if not taken.overlaps(start, end):
                taken.add(start, end)
                found.append(self._finding(start, end, score, pattern, ()))
            join = _LIST_JOIN.match(folded, end)
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
            word = _WORD.match(folded, position)
            if word is not None and word.group().strip("'’-") in self._kin_words:
                gap = _GAP.match(folded, word.end())
                position = gap.end() if gap else word.end()
                continue
            break
        return position

    def _name_at(
        self,
        text: str,
        st_fold: str,
        position: int,
        title_case: bool,
        capitalised_only: bool,
        surname_only: bool,
        loose: bool = False,
    ) -> tuple[int, int, float] | None:
        """The name starting at ``position`` (1-4 tokens) and its score, or None."""
        tokens: list[tuple[int, int, str, bool]] = []
        cursor = position
        while len(tokens) < _MAX_TOKENS:
            match = _WORD.match(text, cursor)
            if match is None:
                break
            word = match.group()
            # The folded text has the same offsets: no need to fold the word again.
            folded = st_fold[match.start() : match.end()].strip("'-")
            if folded.endswith("'s"):
                folded = folded[:-2]
            capital = word[0].isupper()
            if tokens and folded in _PARTICLES and not capital:
                # "María de la Luz": particles only when a capitalised word follows.
                after = _WORD.match(text, match.end() + 1)
                if after is not None and _UPPER.match(after.group()):
                    cursor = after.start()
                    continue
                break
            first = not tokens
            if not self._acceptable(
                folded, capital, title_case, capitalised_only, first, surname_only
            ):
                if first and loose and not capital and self._unknown_name(folded):
                    # "his mother is seoyeon khang": a second lower-case word on no word
                    # list, or a plain surname, belongs to the name.
                    end = match.end()
                    gap = _GAP.match(text, end)
                    after = _WORD.match(text, gap.end()) if gap is not None else None
                    if after is not None and not after.group()[0].isupper():
                        second = st_fold[after.start() : after.end()].strip("'-")
                        if self._surname_like(second):
                            end = after.end()
                    return match.start(), end, 0.6
                if (
                    loose
                    and len(tokens) == 1
                    and not tokens[0][3]
                    and not capital
                    and self._surname_like(folded)
                ):
                    # "his dad dayvon dumalagan": a listed given name in lower case, then a
                    # surname no list has.
                    tokens.append((match.start(), match.end(), folded, capital))
                break
            tokens.append((match.start(), match.end(), folded, capital))
            gap = _GAP.match(text, match.end())
            if gap is None:
                break
            cursor = gap.end()
        if not tokens:
            return None
        start, end = tokens[0][0], tokens[-1][1]
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        capitalised = all(t[3] for t in tokens)
        return start, end, 0.85 if capitalised else 0.75

    def _acceptable(
        self,
        folded: str,
        capital: bool,
        title_case: bool,
        capitalised_only: bool,
        first: bool,
        surname_only: bool,
    ) -> bool:
        if len(folded) < 2 or folded in self.not_names or folded in _INFORMAL:
            return False
        if "'" in folded and folded.replace("'", "") in _INFORMAL:
            return False  # "I'm", "I'll", "don't": contractions are no names
        if folded in self._kin_words or folded in self._poss_words:
            return False
        if capitalised_only and not capital:
            return False
        names = self.names
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

    def _unknown_name(self, folded: str) -> bool:
        """A lower-case word on no list that could be a rare name: alphabetic, not a common
        or informal word, not a kinship word, and not one letter swap away from a common
        word (typos such as "wokrs", "teine" are ordinary words)."""
        if len(folded) < 3 or not folded.isalpha() or folded in _INFORMAL:
            return False
        if len(folded) > 5 and folded.endswith(_INFLECTED):
            return False  # "my husband is deployed": a verb or adverb form, not a name
        common, dictionary = self.names.common, self.names.dictionary
        if folded in common or folded in dictionary or folded in self._kin_words:
            return False
        if folded in self.not_names:
            return False
        for i in range(len(folded) - 1):
            swapped = folded[:i] + folded[i + 1] + folded[i] + folded[i + 2 :]
            if swapped in common or swapped in dictionary or swapped in self._kin_words:
                return False
        return True

    # -- mentions and pairs ------------------------------------------------------------------

    def _mentions(self, st: ScanText, found: list[Finding], taken: SpanSet) -> None:
        text = st.text
        for match in find_all(_MENTION, text):
            handle = fold(match.group(1))
            if _AGENCY_HANDLE.search(handle) or handle in self.not_names:
                continue
            start, end = match.start(1), match.end(1)
            # "@Jessica Lopez Garcia": up to two more words that are surnames.
            for _ in range(2):
                gap = _GAP.match(text, end)
                if gap is None:
                    break
                word = _WORD.match(text, gap.end())
                if word is None:
                    break
                folded = fold(word.group())
                if folded in self.not_names or folded in _INFORMAL:
                    break
                # A listed surname, or a word on no list ("@Phuong Abrahamyan", "@elmer thoj
                # dizon"), each part of a hyphenated one ("@Kaison Cuevas-Ledezma"), looked
                # up without its apostrophe ("@Marites O'Sullivan").
                if not all(
                    part in self.names.last or self._unknown_name(part)
                    for part in folded.replace("'", "").split("-")
                ):
                    break
                if folded in self.names.common and not _UPPER.match(word.group()):
                    break  # a listed surname that is also an ordinary word, in lower case
                end = word.end()
            if _next_word(st.fold, end) in _ORGANISATION_WORDS or (
                self._agency_opening and st.fold.startswith(self._agency_opening, start)
            ):
                continue  # "@Del Oro County DCSS": a page's name, not a person's
            if not taken.overlaps(start, end):
                taken.add(start, end)
                found.append(self._finding(start, end, 0.8, "mention", ()))

    def _quote_attributions(self, st: ScanText, found: list[Finding], taken: SpanSet) -> None:
        """The name in a quoted reply's "> NAME wrote:" line: a commenter's display name."""
        for match in find_all(_QUOTE_ATTRIBUTION, st.fold):
            words = match.group(1).split()
            if any(w in self.not_names or w in _INFORMAL or w in self._kin_words for w in words):
                continue  # "> my ex wrote:", "> dcss wrote:"
            if len(words) == 1 and words[0] in self.names.common:
                continue  # "> someone wrote:"
            start, end = match.span(1)
            if not taken.overlaps(start, end):
                taken.add(start, end)
                found.append(self._finding(start, end, 0.8, "quote_attribution", ()))

    def _opening_possible(self, st: ScanText) -> bool:
        """Cheap test for ``_opening_pair``: a lower-case comment whose first word is no
        common word and either a plain given name or followed by a surname."""
        tokens = st.tokens
        return (
            len(tokens) > 2
            and st.text[:1].islower()
            and tokens[0] not in self.names.common
            and (tokens[1] in self.names.last or tokens[0] in self._plain_first)
        )

    def _opening_pair(self, st: ScanText, found: list[Finding], taken: SpanSet) -> None:
        """A comment that opens by naming someone in lower case: a word no list has (a
        rare given name) and a plain surname, "marivic ocampo you know you owe". Mid-comment,
        an unknown word is as often a typo or slang; as a comment's first words, followed by
        more, the pair is how people call someone out."""
        match = _OPENING_PAIR.match(st.fold)
        if match is None:
            return
        first, last = match.group(1), match.group(2)
        if first in self._public_titles or first in self._honorific_words:
            return  # "juez ochoa", "gobernador newsom": a public official's title
        # A rare given name and a listed surname, or a listed given name and a surname no
        # list has ("deion salonga").
        if not (
            (self._unknown_name(first) and self._plain_last(last))
            or (first in self._plain_first and (self._plain_last(last) or self._unknown_name(last)))
        ):
            return
        if comment_language(st) is not Language.EN:
            # Spanish words beyond the common lists read as unknown ("cuántos días",
            # "buenas vos"): only an English comment's opening is trusted to be a name.
            return
        start, end = match.start(1), match.end(2)
        if not st.text[start:end].islower() or taken.overlaps(start, end):
            return
        if f"{first} {last}" in self._places:
            return
        following = _WORD.match(st.fold, _skip_blanks(st.fold, end))
        if following is not None and following.start() > end:
            third = following.group().strip("'-")
            if self._plain_last(third) or self._unknown_name(third):
                # A second surname ("deion salonga gatchalian").
                end = following.end()
        if _next_word(st.fold, end).replace("'", "") not in _AFTER_OPENING_NAME:
            return  # "xin chào i help my mother": a greeting, not someone called out
        taken.add(start, end)
        found.append(self._finding(start, end, 0.6, "opening_pair_lower", ()))

    def _profile_links(self, st: ScanText, found: list[Finding], taken: SpanSet) -> None:
        """The owner's part of a social-media profile address (not the agency's own)."""
        for match in find_all(_PROFILE_LINK, st.fold):
            handle = match.group(1).rstrip("._-")
            if handle in _NOT_PROFILES or _AGENCY_HANDLE.search(handle):
                continue
            if not any(c.isalpha() for c in handle):
                continue  # a page's number ("facebook.com/104723") names nobody
            start = match.start(1)
            end = start + len(handle)
            if not taken.overlaps(start, end):
                taken.add(start, end)
                found.append(self._finding(start, end, 0.8, "profile_link", ()))

    def _gazetteer_pairs(
        self, st: ScanText, first_run: re.Match[str], found: list[Finding], taken: SpanSet
    ) -> None:
        """Listed name pairs in each run of capitalised words, from ``first_run`` on."""
        text = st.text
        # The later runs are searched from the first one's end (look-behinds still see the
        # text before it), so the text before the first run is not scanned a second time.
        folded = st.fold
        apostrophe = "'" in folded  # the folded text's only apostrophe (see text.fold)
        for run in (first_run, *find_all(_CAP_RUN, text, first_run.end())):
            # The folded text has the same offsets: its slice is the folded word.
            words: list[tuple[int, int, str]] = []
            low, high = run.span()
            for token in find_all(_CAP_TOKEN, text, low, high):
                start, end = token.span()
                word = folded[start:end]
                words.append((start, end, word.replace("'", "") if apostrophe else word))
            index = 0
            while index < len(words) - 1:
                span = self._pair_at(st, words, index)
                if span is None:
                    index += 1
                    continue
                start, end, used, score = span
                if not taken.overlaps(start, end):
                    taken.add(start, end)
                    found.append(self._finding(start, end, score, "gazetteer_pair", ()))
                index += used

    def _lowercase_pairs(self, st: ScanText, found: list[Finding], taken: SpanSet) -> None:
        """Two lower-case words that are a given name and a surname and nothing else
        ("yo yahir thao where u at"): both on a name list, neither on any word list."""
        plain_first = self._plain_first
        # Adjacent in the token list first (cheap); offsets only for a comment that has a pair.
        pairs = self._adjacent_pairs(st.tokens, st.tokset & plain_first)
        if not pairs:
            return
        folded = st.fold
        if len(pairs) > _MAX_SEARCHED_PAIRS or "'" in folded or "\t" in folded or "  " in folded:
            # Words joined by an apostrophe, pairs parted by more than one space, or many
            # pairs (each substring search reads the whole text): every word and its
            # offsets, as the regex finds them, in one pass.
            words = [
                (m.start(), m.end(), m.group().translate(_APOSTROPHES))
                for m in find_all(_LOWER_WORD, folded)
            ]
            for index in range(len(words) - 1):
                start, first_end, first = words[index]
                last_start, end, last = words[index + 1]
                if first not in plain_first or not self._plain_last(last):
                    continue
                if folded[first_end:last_start].strip(" \t"):
                    continue  # a dot or "@" between them means an email or a handle
                third = words[index + 2] if index + 2 < len(words) else None
                self._lower_pair(st, start, end, first, last, third, found, taken)
            return
        # The common case: every word is a run of letters and a pair is parted by one
        # space, so a substring search finds each pair; the regex reads only the word after.
        spots: list[tuple[int, int, str, str]] = []
        for first, last in pairs:
            needle = f"{first} {last}"
            at = folded.find(needle)
            while at != -1:
                end = at + len(needle)
                if not (at and "a" <= folded[at - 1] <= "z") and not (
                    end < len(folded) and "a" <= folded[end] <= "z"
                ):
                    spots.append((at, end, first, last))
                at = folded.find(needle, at + 1)
        spots.sort()
        for start, end, first, last in spots:
            after = _LOWER_WORD.search(folded, end)
            third = (after.start(), after.end(), after.group()) if after is not None else None
            self._lower_pair(st, start, end, first, last, third, found, taken)

    def _lower_pair(
        self,
        st: ScanText,
        start: int,
        end: int,
        first: str,
        last: str,
        third: tuple[int, int, str] | None,
        found: list[Finding],
        taken: SpanSet,
    ) -> None:
        """Report one lower-case pair (and a second surname after it) unless it is a place,
        follows a title or an article, or is part of an address."""
        folded, text = st.fold, st.text
        if not text[start:end].islower():
            return  # capitals are the other path's
        if taken.overlaps(start, end):
            return
        before = _previous_word(folded, start)
        if before in self._public_titles or before in self._place_prefixes:
            return
        if before in _ARTICLES:
            return  # "like a ping pong ball": a person's name takes no article
        if _next_word(folded, end) in self._place_words:
            return  # "cesar chavez ave"
        if f"{first} {last}" in self._places:
            return  # "baldwin park"
        if folded[end : end + 1] in ("@", ".") and folded[end + 1 : end + 2].isalnum():
            return  # the local part of an email address or a handle
        if third is not None:
            # A second surname ("hieu luu faleolo"): listed, or on no list at all.
            third_start, third_end, word = third
            if (
                not folded[end:third_start].strip(" \t")
                and text[third_start:third_end].islower()
                and (self._plain_last(word) or self._unknown_name(word))
            ):
                end = third_end
        taken.add(start, end)
        found.append(self._finding(start, end, 0.6, "gazetteer_pair_lower", ()))

    def _adjacent_pairs(self, tokens: list[str], given: frozenset[str]) -> set[tuple[str, str]]:
        """Each (given name, plain surname) that follow one another in ``tokens``. The given
        words are found by the list's own search (C), not by walking every pair of words."""
        pairs: set[tuple[str, str]] = set()
        last = len(tokens) - 1
        for word in given:
            index = -1
            for _ in range(tokens.count(word)):
                index = tokens.index(word, index + 1)
                if index < last and self._plain_last(tokens[index + 1]):
                    pairs.add((word, tokens[index + 1]))
        return pairs

    def _surname_like(self, word: str) -> bool:
        """A lower-case word that can continue a name: a plain surname or a word on no list,
        each part of it when it has an apostrophe or a hyphen ("o'callaghan" is looked up as
        "ocallaghan", "der-garabedian" part by part)."""
        parts = word.replace("'", "").split("-")
        return all(part and (self._plain_last(part) or self._unknown_name(part)) for part in parts)

    def _plain_last(self, word: str) -> bool:
        """A surname on a list and on no word list (the surname half of a lower-case pair)."""
        if len(word) < 3 or word not in self.names.last:
            return False
        return all(word not in word_list for word_list in self._word_lists)

    def _pair_at(
        self, st: ScanText, words: list[tuple[int, int, str]], index: int
    ) -> tuple[int, int, int, float] | None:
        first, last = words[index][2], words[index + 1][2]
        names = self.names
        rare_last = False
        if last not in names.last:
            # A listed given name before a surname no list has ("Kimberlyn Grigoryan"): only
            # when the given name is no ordinary word and the surname is no word at all.
            if first not in names.first or first in names.common or not self._unknown_name(last):
                return None
            rare_last = True
        if first not in names.first:
            # A given name no list has ("Khalani Hollins"): only when neither word is an
            # ordinary word and the surname is listed.
            if first in names.common or last in names.common or first in _INFORMAL:
                return None
            if first in self.not_names or last in self.not_names or first in self._place_prefixes:
                return None
            rare_first = True
        else:
            rare_first = False
        if first in self.not_names or last in self.not_names or first in self._place_prefixes:
            return None
        if first in self._kin_words or last in self._kin_words or first in self._public_titles:
            return None
        ambiguous = (first in names.common) + (last in names.common)
        if ambiguous == 2:
            return None
        start = words[index][0]
        before = _previous_word(st.fold, start)
        if before in self._public_titles or before in self._place_prefixes:
            return None
        if (before == "at" or before == "for") and _EMPLOYED_AT.search(
            st.fold, max(0, start - 40), start
        ):
            return None
        used = 2
        if index + 2 < len(words):
            third = words[index + 2][2]
            if third in self._place_words:
                return None
            if third in names.last and third not in names.common and third not in self.not_names:
                used = 3
        if _next_word(st.fold, words[index + used - 1][1]) in self._place_words:
            return None
        if f"{first} {last}" in self._places:
            return None  # "Baldwin Park", "Virginia Beach"
        score = 0.6 if rare_first or rare_last else 0.7 if ambiguous == 0 else 0.6
        return words[index][0], words[index + used - 1][1], used, score

    # -- officials -------------------------------------------------------------------------

    def _without_officials(self, st: ScanText, found: list[Finding]) -> list[Finding]:
        kept = []
        for finding in found:
            before = _previous_word(st.fold, finding.start)
            if before in self._public_titles:
                st.exclude(
                    Exclusion(self.entity, finding.start, finding.end, "public official (title)")
                )
                continue
            words = st.fold[finding.start : finding.end].split()
            tokens = frozenset(words)
            if len(words) == 1:
                official = words[0] in self._official_surnames
            else:
                official = tokens <= self._official_tokens and any(
                    tokens <= names for names in self._officials
                )
            if official:
                st.exclude(
                    Exclusion(self.entity, finding.start, finding.end, "agency public official")
                )
                continue
            reason = not_a_private_person(st.fold[finding.start : finding.end])
            if reason is not None:
                st.exclude(Exclusion(self.entity, finding.start, finding.end, reason))
                continue
            kept.append(finding)
        return kept

    def _finding(
        self, start: int, end: int, score: float, pattern: str, context: tuple[str, ...]
    ) -> Finding:
        return Finding(
            self.entity,  # type
            start,
            end,
            score,
            self.name,  # recognizer
            pattern,
            "name_gazetteer" if pattern.startswith("gazetteer_pair") else None,  # validator
            context,  # context_words
        )


def _previous_word(fold_text: str, start: int) -> str:
    words = fold_text[max(0, start - 30) : start].split()
    if not words:
        return ""
    last = words[-1].rstrip(".,")
    if last.isascii() and last.isalpha():
        return last  # the common case, without a regex: a plain word, perhaps with a comma
    match = _TRAILING_WORD.search(words[-1])
    return match.group() if match else ""


def _skip_blanks(fold_text: str, position: int) -> int:
    """The first position at or after ``position`` that is not a space or a tab."""
    while position < len(fold_text) and fold_text[position] in " \t":
        position += 1
    return position


def _next_word(fold_text: str, end: int) -> str:
    match = _NEXT_WORD.match(fold_text, end, end + 30)
    return match.group(1) if match else ""


def _mostly_capitalised(st: ScanText, later_capital: bool = True) -> bool:
    """Title Case or ALL CAPS text, where capitals say nothing about names.

    ``later_capital``: whether any character after the first is a capital; with none, a
    comment of five words or more has at most one capitalised word, never most.
    """
    words = len(st.tokens)
    if words < 5:
        return st.text.isupper()
    if not later_capital:
        return False
    # Each capitalised word starts with a byte this keeps (A-Z, or the lead byte 0xC3 of
    # the Latin-1 letters À-ÿ in UTF-8): too few of them, and the regex need not count.
    capitals = len(st.text.encode("utf-8", "surrogatepass").translate(None, _NOT_CAPITAL_BYTES))
    if capitals <= 0.6 * words:
        return False
    return len(_CAPITAL_START.findall(st.text)) > 0.6 * words
