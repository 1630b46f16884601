"""The person recognizer: decides which strategies a comment needs, runs them strongest first,
and sorts public officials out of what they found."""

from __future__ import annotations

from casewarden.detect.config import DetectorConfig
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.recognizers.person.context import NamesAfter
from casewarden.detect.recognizers.person.gazetteer_pair import CAP_RUN, GazetteerPairs
from casewarden.detect.recognizers.person.honorific import Honorifics
from casewarden.detect.recognizers.person.kinship import KinshipNames
from casewarden.detect.recognizers.person.lowercase_pair import LowercasePairs
from casewarden.detect.recognizers.person.mention import Mentions
from casewarden.detect.recognizers.person.name_field import NameFields
from casewarden.detect.recognizers.person.named import ASKING, NamedContext
from casewarden.detect.recognizers.person.officials import Officials
from casewarden.detect.recognizers.person.opening_pair import OpeningPair
from casewarden.detect.recognizers.person.profile_link import find_profile_links
from casewarden.detect.recognizers.person.quote import QuoteAttributions
from casewarden.detect.recognizers.person.shared import PersonWords, Sightings
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText

_CAPITAL_START = regex(r"[A-ZÀ-ÖØ-Þ](?<![A-Za-zÀ-ÖØ-öø-ÿ'’][A-ZÀ-ÖØ-Þ])")
# Every byte but A-Z and 0xC3 (the lead byte of À-Þ, and of à-ÿ): deleted to count capitals.
_NOT_CAPITAL_BYTES = bytes(c for c in range(256) if not (0x41 <= c <= 0x5A or c == 0xC3))


class PersonRecognizer(Recognizer):
    """Kinship/role context, honorifics, mentions and gazetteer pairs."""

    name = "person"
    entity = EntityType.PERSON
    needs_digit = False
    vocabulary = frozenset(w for phrase in ASKING for w in phrase.split())

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self.words = PersonWords(config)
        names_after = NamesAfter(self.words)
        self.kinship = KinshipNames(self.words, names_after)
        self.named = NamedContext(self.rule, names_after)
        self.honorifics = Honorifics(self.words, names_after)
        self.name_fields = NameFields(names_after)
        self.quotes = QuoteAttributions(self.words)
        self.mentions = Mentions(self.words)
        self.gazetteer_pairs = GazetteerPairs(self.words)
        self.lowercase_pairs = LowercasePairs(self.words)
        self.opening_pair = OpeningPair(self.words)
        self.officials = Officials(self.words, config)
        self._context_anchors = self.kinship.matcher.anchors.union(
            self.named.matcher.anchors, self.honorifics.matcher.anchors
        )

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
        lower_pair = st.any_of(self.words.plain_first)
        profile = "com" in tokset and "/" in text
        field = ":" in text and ("name" in tokset or "nombre" in tokset)
        quote = ">" in text and ("wrote" in tokset or "escribio" in tokset)
        opening = self.opening_pair.possible(st)
        if not st.any_of(self._context_anchors):
            # No kinship, naming or honorific word (one set test for the three).
            if not (
                later_capital or "@" in text or lower_pair or profile or field or quote or opening
            ):
                return
            kinship = named = honorific = False
        else:
            kinship = st.any_of(self.kinship.matcher.anchors)
            named = st.any_of(self.named.matcher.anchors)
            honorific = st.any_of(self.honorifics.matcher.anchors)
        # The first run of capitalised words, kept: the gazetteer pairs start from it.
        first_run = CAP_RUN.search(text) if later_capital else None
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
        sightings = Sightings()
        title_case = mostly_capitalised(st, later_capital=later_capital)
        if kinship:
            self.kinship.find(st, sightings, title_case=title_case)
        if named:
            self.named.find(st, sightings, title_case=title_case)
        if honorific:
            self.honorifics.find(st, sightings, title_case=title_case)
        if field:
            self.name_fields.find(st, sightings)
        if quote:
            self.quotes.find(st, sightings)
        if "@" in text:
            self.mentions.find(st, sightings)
        if profile:
            find_profile_links(st, sightings)
        if first_run is not None and not title_case:
            self.gazetteer_pairs.find(st, first_run, sightings)
        if lower_pair:
            self.lowercase_pairs.find(st, sightings)
        if opening:
            self.opening_pair.find(st, sightings)
        if sightings.found:
            out.extend(self.officials.private(st, sightings.found))


def mostly_capitalised(st: ScanText, *, later_capital: bool) -> bool:
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
