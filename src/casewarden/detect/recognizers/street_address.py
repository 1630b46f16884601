"""Street addresses and PO boxes, by an address grammar with a CRF for the hard cases.

Three ways in, cheapest first:

1. **US grammar** (regex): a house number, up to four street-name words and a street
   suffix ("St", "Ave", "Blvd"...), then an optional unit, city, state and ZIP. Street-name
   words that are function words or units of time ("2 hours at the court") reject the match.
2. **Spanish grammar**: "calle/avenida/av." + name + number ("Calle Olivo 123").
3. **Context + CRF**: after "lives at", "address is", "vive en"... a house number without
   a known suffix ("lives at 4521 Shaw near the mall") is parsed by ``usaddress`` (a CRF
   trained on US addresses, shipped in its wheel); its AddressNumber/StreetName tokens give
   the span. The CRF costs ~150 µs a call, so it runs only on these rare candidates.

The agency's own office addresses are dropped by the engine from its configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from casewarden.detect.lexicon import name_lists
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText, SpanSet, find_all, words

_SUFFIXES = (
    "st|street|str|ave|av|avenue|blvd|boulevard|rd|road|dr|drive|ln|lane|way|ct|court|pl|place|"
    "cir|circle|hwy|highway|pkwy|parkway|ter|terrace|trl|trail|loop|sq|square|plz|plaza|aly|"
    "alley|fwy|freeway|expy|expressway|cres|crescent|xing|crossing|grv|grove|hts|heights|"
    "cv|cove|mall|pass|spur|vista|walk|gln|glen|real"
)
_SUFFIX_WORDS = frozenset(_SUFFIXES.split("|"))
_UNIT = (
    r"(?:,?\s*(?:apt|apartment|unit|ste|suite|#|spc|space|lot|rm|room|bldg|building|depto|"
    r"dept|departamento|trailer)\.?\s*#?\s*[a-z0-9][a-z0-9-]{0,5}(?![a-z0-9]))"
)
_STATE_OR_ZIP = (
    # "CA." ending a sentence keeps its period out; "Calif." keeps it.
    r"(?:,?\s+(?:ca|california|calif\.?)(?:,?\s+[0-9]{5}(?:-[0-9]{4})?)?(?![a-z0-9])"
    r"|,?\s+(?:[a-z]{2})\.?,?\s+[0-9]{5}(?:-[0-9]{4})?(?![0-9])"
    r"|,?\s+[0-9]{5}(?:-[0-9]{4})?(?![0-9]))"
)
_CITY_STATE = r"(?:,?\s+[a-z][a-z.'-]{1,20}(?:\s[a-z][a-z.'-]{1,20}){0,2}?" + _STATE_OR_ZIP + ")"
_TAIL = regex(_UNIT + "?" + "(?:" + _CITY_STATE + "|" + _STATE_OR_ZIP + ")?")

# A house number after its first digit: the desert towns' hyphenated numbers ("83-451 Avenue
# 48", "45-720 Clinton St"), or up to five more digits and perhaps a letter ("1550", "12B").
_HOUSE_NUMBER_REST = r"(?:[0-9]-[0-9]{3}(?![0-9])|[0-9]{0,5}(?:-?[a-z])?)"
# Each scanning pattern starts with a character class or literal, its look-behind after the
# first character, so the regex engine skips to candidates.
_US = regex(
    r"([0-9](?<![0-9a-z#$.,:/-][0-9])" + _HOUSE_NUMBER_REST + r")\s+"
    r"((?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?\s+)?"
    r"(?:[a-z0-9][a-z0-9'.-]{0,24}\s+){0,3}?[a-z0-9][a-z0-9'.-]{0,24})\s+"
    r"(" + _SUFFIXES + r")\.?(?![a-z0-9])"
)
_NEXT_SUFFIX = regex(r"\s+(?:" + _SUFFIXES + r")\.?(?![a-z0-9])")
_ES = regex(
    word_start(
        r"calle|avenida|av|avda|calzada|camino|privada|cerrada|callejon|carretera|"
        r"boulevard|blvd"
    )
    + r"\.?\s+((?:[a-z][a-z'.-]{0,24}\s+){0,3}?[a-z][a-z'.-]{0,24})\s+"
    r"(?:#\s*|no\.?\s*|num\.?\s*|numero\s*)?([0-9]{1,5})(?![0-9a-z])"
)
# "el 1550 de la Calle Olivo", "318 de la calle Sutter", "712 de la calle 23": the number
# before the street, whose name may be a number too.
_ES_NUMBER_FIRST = regex(
    r"([0-9](?<![0-9a-z#$.,:/-][0-9])[0-9]{0,5})\s+de\s+la\s+"
    r"(?:calle|avenida|av|avda|calzada|privada|cerrada|carretera|calle)\.?\s+"
    r"(?:[a-z][a-z'.-]{0,24}(?:\s+(?!en\b|y\b)[a-z][a-z'.-]{0,24}){0,2}"
    r"|[0-9]{1,3}(?:st|nd|rd|th|a|ra|da|ta|va)?(?![0-9a-z]))"
)
# Mexican and Central American addresses, where families abroad are written to: the number
# marked ("Calle 5 de Mayo #214", "Av. Juárez No. 88"), then colonia, zona and postal code;
# Guatemala's "6a Avenida 3-45 Zona 1"; Honduras's "Colonia Kennedy, Bloque 12 casa 2114".
_LATAM_TAIL = (
    r"(?:,?\s+(?:col\.?|colonia|zona|barrio|fracc\.?|fraccionamiento)\s+[a-z0-9][a-z0-9'.-]{0,24}"
    r"(?:\s+[a-z][a-z'.-]{0,24}){0,2})?(?:,?\s+(?:c\.?p\.?|codigo postal)\s*[0-9]{5})?"
)
_LATAM = regex(
    word_start(r"calle|avenida|av|avda|calzada|privada|cerrada|boulevard|blvd|carretera")
    + r"\.?\s+[a-z0-9][a-z0-9'.-]{0,24}(?:\s+[a-z0-9][a-z0-9'.-]{0,24}){0,3}?\s*"
    r"(?:#|no\.|num\.|numero)\s*[0-9]{1,5}(?:-?[a-z])?(?![0-9])" + _LATAM_TAIL
)
_ZONA = regex(
    r"([0-9](?<![0-9a-z][0-9])[0-9]?)(?:a|ra|da|ta|va)\.?\s+(?:avenida|calle)\s+"
    r"[0-9]{1,3}-[0-9]{1,3}(?:,?\s+zona\s+[0-9]{1,2})?(?![0-9])"
)
# A numbered street, its number marked: "la 4a calle #318", "3ra Avenida Norte No. 12".
_ORDINAL_MARKED = regex(
    r"([0-9](?<![0-9a-z][0-9])[0-9]?)(?:a|ra|da|ta|va|o|ro|do|to|vo|er)\.?\s+(?:avenida|calle)"
    r"(?:\s+(?:norte|sur|oriente|poniente|este|oeste|pte|ote))?\.?\s*(?:#|no\.|num\.|numero)\s*"
    r"[0-9]{1,5}(?:-?[a-z])?(?![0-9])" + _LATAM_TAIL
)
_COLONIA_CASA = regex(
    word_start(r"colonia|col|barrio|residencial")
    + r"\.?\s+[a-z][a-z'.-]{0,24}(?:\s+[a-z][a-z'.-]{0,24}){0,2}?,?\s+"
    r"(?:(?:bloque|manzana|block)\s+[0-9a-z]{1,4},?\s+)?(?:casa|lote)\s*(?:#|no\.?)?\s*"
    r"[0-9]{1,5}(?![0-9])"
)
# A house number before "calle" and a US city, state or ZIP: "815 calle B, Marysville, CA".
_NUMBER_CALLE = regex(
    r"([0-9](?<![0-9a-z#$.,:/-][0-9])"
    + _HOUSE_NUMBER_REST
    + r")\s+(?:calle|avenida)\s+[a-z0-9][a-z0-9'.-]{0,24}"
    r"(?![a-z0-9])"
)
# One more word of a street's name after "calle"/"avenida" and its first word.
_NEXT_NAME_WORD = regex(r"\s[a-z][a-z'.-]{0,24}(?![a-z0-9])")
# Numbered county roads of the valleys: "4311 Rd 128", "2218 Ave 280".
_NUMBERED_ROAD = regex(
    r"([0-9](?<![0-9a-z#$.,:/-][0-9])" + _HOUSE_NUMBER_REST + r")\s+(?:rd|road|ave|avenue|av)\.?\s+"
    r"[0-9]{1,4}"
    r"(?![0-9a-z])"
)
# A military address: "PSC 477 Box 38, FPO AP 96306", "Unit 2050 Box 4190, APO AE 09825".
_MILITARY = regex(
    word_start(r"psc|unit|cmr")
    + r"\s*[0-9]{1,5},?\s*box\s*[0-9]{1,5},?\s*(?:apo|fpo|dpo)\s*(?:ae|ap|aa)\s*[0-9]{5}"
    r"(?![0-9])"
)
_PO_BOX = regex(
    word_start(r"p\.?\s?o\.?\s*box|post\s+office\s+box|apartado\s+postal|apdo\.?")
    + r"\s*#?\s*[0-9]{1,7}(?![0-9])"
)
_CONTEXT_NUMBER = regex(
    word_start(
        r"lives?|living|stays?|staying|resides|moved|address|addy|vive|viven|vivo|"
        r"vivia|direccion|domicilio|mudo|quedando"
    )
    + r"(?:\s+(?:is|at|to|on|en|es|a|in|:|over))*"
    r"\s*:?\s*([0-9]{1,6}\s+[a-z0-9][a-z0-9 .'#-]{2,60})"
)
# Street-name words that mean the "address" is really a sentence: "3 hours at the court",
# "2 kids and no way". Folded.
_NOT_STREET_WORDS = words(
    """
    a an and the or but of to for from with without at in on by is are was were be been my
    your his her their our its me him them us i you he she we they it this that these those
    there here not no yes so if then than as into about after before since kids kid children
    child sons daughters hours hour minutes minute days day weeks week months month years
    year times time dollars dollar bucks cents percent people payments payment checks check
    cases case calls call miles mile am pm near by across behind next close off past y en
    hrs hr mins min secs yrs yr wks wk mos mi km each every either
    con por para que mi mis su sus es un una si down up over through along around toward
    towards via onto
    """
)
# A number after one of these counts or measures ("the same 20 second loop", "a 30 minute
# drive", "about 5 mile road"): a house number follows no article or quantifier.
_COUNTING_WORDS = words(
    """
    the a an same every each this that these those another other per only just about like
    under nearly almost roughly
    """
)
_WORD_BEFORE = regex(r"([a-z]+)[ \t]+$")
# A public building named right before its address ("the Nevada City courthouse, 201 Church
# St", "self-help center at 1100 Union St", "la biblioteca en 200 W Main"): a place anyone
# may visit, not a private person's home (LABELLING.md). "Her office at ..." is someone's.
_PUBLIC_PLACE_BEFORE = regex(
    r"(?<!\bhis )(?<!\bher )(?<!\bmy )(?<!\bsu )(?<!\bmi )(?<!\btheir )"
    r"\b(?:courthouse|court\s+house|self[- ]?help\s+cent(?:er|re)|facilitator(?:'s\s+office)?|"
    r"library|city\s+hall|dmv|post\s+office|corte|juzgado|biblioteca|"
    r"(?:county|dcss|agency|court|family\s+law|resource|community|career|job)\s+"
    r"(?:office|cent(?:er|re)|building))"
    r"\s*(?:,|:|-|\bis\b|\bat\b|\bon\b|\ben\b|\bin\b|\s)*$"
)
_STREET_LABELS = frozenset(
    {
        "AddressNumber",
        "AddressNumberPrefix",
        "AddressNumberSuffix",
        "StreetNamePreDirectional",
        "StreetNamePreModifier",
        "StreetNamePreType",
        "StreetName",
        "StreetNamePostType",
        "StreetNamePostDirectional",
        "StreetNamePostModifier",
        "OccupancyType",
        "OccupancyIdentifier",
        "SubaddressType",
        "SubaddressIdentifier",
        "PlaceName",
        "StateName",
        "ZipCode",
    }
)
_TRIGGERS = frozenset(
    {*_SUFFIX_WORDS, "calle", "avenida", "avda", "calzada", "camino", "privada", "cerrada",
     "callejon", "carretera", "box", "po", "p", "apartado", "apdo", "lives", "live", "living",
     "stays", "staying", "resides", "moved", "address", "addy", "vive", "viven", "vivo",
     "vivia", "direccion", "domicilio", "mudo", "quedando", "colonia", "col", "barrio",
     "residencial"}
)  # fmt: skip


# The CRF costs ~150 µs a call; a real comment has one or two context-led candidates.
_MAX_CRF_CALLS = 8


@cache
def _usaddress_parse() -> Callable[[str], list[tuple[str, str]]]:
    # The CRF model loads on first use (~30 ms); most scans never need it.
    import usaddress

    parse: Callable[[str], list[tuple[str, str]]] = usaddress.parse
    return parse


class StreetAddressRecognizer(Recognizer):
    """US and Spanish-style street addresses and PO boxes."""

    name = "street_address"
    entity = EntityType.STREET_ADDRESS
    vocabulary = _TRIGGERS
    triggers: frozenset[str] | None = _TRIGGERS
    context_before = 45
    context_after = 0

    def gate(self, st: ScanText) -> bool:
        """A digit and a street suffix, street word or address verb."""
        return st.has_digit and st.any_of(_TRIGGERS)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Grammar matches first; the CRF only for context-led numbers none of them covered."""
        fold = st.fold
        found: list[Finding] = []
        common = name_lists().common
        for match in find_all(_US, fold):
            words = match.group(2).split()
            if any(w.strip(".") in _NOT_STREET_WORDS for w in words):
                continue
            if len(match.group(1)) <= 2 and words[0].endswith("s") and words[0] in common:
                continue  # "2 buses ...", "3 girls ...": a count, not a house number
            if self._counted(fold, match.start(), number=match.group(1)):
                continue
            if _PUBLIC_PLACE_BEFORE.search(fold, max(0, match.start() - 50), match.start()):
                continue
            end = match.end()
            # "Sequoia Grove Ln": the shortest street stops at the first suffix word; a
            # second suffix right after it belongs to the street too.
            more = _NEXT_SUFFIX.match(fold, end)
            if more is not None:
                end = more.end()
            found.append(self._finding(st, match.start(), self._extend(fold, end), "us"))
        for match in find_all(_ES, fold):
            # "Blvd office is crazy by 9": English words, not a street's name before its number.
            words = match.group(1).split()
            if any(word in _NOT_STREET_WORDS for word in words):
                continue
            found.append(self._finding(st, match.start(), match.end(), "es_calle"))
        for match in find_all(_ES_NUMBER_FIRST, fold):
            found.append(
                self._finding(st, match.start(), self._extend(fold, match.end()), "es_number_first")
            )
        for pattern, name in (
            (_LATAM, "latam"),
            (_ZONA, "latam"),
            (_ORDINAL_MARKED, "latam"),
            (_COLONIA_CASA, "latam"),
        ):
            for match in find_all(pattern, fold):
                found.append(self._finding(st, match.start(), match.end(), name))
        for match in find_all(_NUMBER_CALLE, fold):
            # The street's name may run to three words ("avenida Crows Landing"): the first
            # end after which a city, state or ZIP follows makes it an address, not a count.
            name_end = match.end()
            for _ in range(3):
                end = self._extend(fold, name_end)
                if end > name_end:
                    found.append(self._finding(st, match.start(), end, "es_number_first"))
                    break
                next_word = _NEXT_NAME_WORD.match(fold, name_end)
                if next_word is None:
                    break
                name_end = next_word.end()
        for match in find_all(_NUMBERED_ROAD, fold):
            found.append(
                self._finding(st, match.start(), self._extend(fold, match.end()), "numbered_road")
            )
        for match in find_all(_MILITARY, fold):
            found.append(self._finding(st, match.start(), match.end(), "military"))
        for match in find_all(_PO_BOX, fold):
            found.append(
                self._finding(st, match.start(), self._extend(fold, match.end()), "po_box")
            )
        taken = SpanSet()
        for finding in sorted(found, key=lambda f: f.start):
            if not taken.overlaps(finding.start, finding.end):
                taken.add(finding.start, finding.end)
        crf_calls = 0
        for match in find_all(_CONTEXT_NUMBER, fold):
            start = match.start(1)
            if taken.overlaps(start, start + 1):
                continue
            crf_calls += 1
            if crf_calls > _MAX_CRF_CALLS:
                break  # hostile input ("lives at 1 lives at 1 ..."): the grammar has run
            crf_end = self._crf_end(st.text, start, match.end(1))
            if crf_end is not None:
                found.append(self._finding(st, start, crf_end, "context_usaddress_crf"))
        out.extend(found)

    @staticmethod
    def _counted(fold: str, start: int, *, number: str) -> bool:
        """Whether the number at ``start`` follows an article or quantifier (a count)."""
        before = _WORD_BEFORE.search(fold, max(0, start - 20), start)
        if before is None or before.group(1) not in _COUNTING_WORDS:
            return False
        # Spanish "a" is "to": "mándenlo a 455 Cottonwood St" sends it to a house; English
        # "a 5 mile road" counts in one or two digits.
        return not (before.group(1) == "a" and len(number) >= 3)

    @staticmethod
    def _extend(fold: str, end: int) -> int:
        """Add the unit, city, state and ZIP that follow the street, when present."""
        tail = _TAIL.match(fold, end)
        return tail.end() if tail else end

    @staticmethod
    def _crf_end(text: str, start: int, stop: int) -> int | None:
        """End of the address the CRF sees at ``start``; None unless number + street name."""
        candidate = text[start:stop]
        parse = _usaddress_parse()
        try:
            tokens = parse(candidate)
        except Exception:
            return None
        labels: list[str] = []
        offset = 0
        end = start
        for token, label in tokens:
            if label not in _STREET_LABELS:
                break
            word = token.rstrip(",;")
            if label == "StreetName" and word.lower().strip(".") in _NOT_STREET_WORDS:
                break
            position = candidate.find(word, offset)
            if position < 0:
                break
            offset = position + len(word)
            end = start + offset
            labels.append(label)
        if "AddressNumber" not in labels or "StreetName" not in labels:
            return None
        return end

    def _finding(self, st: ScanText, start: int, end: int, pattern: str) -> Finding:
        context = self.context_around(st, start, end)
        base = {
            "us": 0.75,
            "es_calle": 0.75,
            "es_number_first": 0.75,
            "numbered_road": 0.7,
            "latam": 0.75,
            "military": 0.8,
            "po_box": 0.7,
            "context_usaddress_crf": 0.7,
        }[pattern]
        detailed = end - start > 25
        score = base + (0.15 if context else 0.0) + (0.05 if detailed else 0.0)
        return Finding(
            type=self.entity,
            start=start,
            end=end,
            score=round(min(score, 0.95), 2),
            recognizer=self.name,
            pattern=f"address_{pattern}",
            validator="usaddress_crf" if pattern == "context_usaddress_crf" else None,
            context_words=context,
        )
