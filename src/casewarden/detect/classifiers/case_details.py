"""Facts of someone's case without an identifier: where a parent works or lives, what they
owe or are paid, custody, jail, benefits.

The same fact is a disclosure about someone else's case when a third party is its subject
("he works at the Amazon warehouse on Cedar", "mi ex debe $12,000", "trabaja en una
construcción") and hides the post; when the writer states their own ("I owe $3k", "trabajo
en el campo") it goes to review, where a moderator invites them to call. Hypotheticals and
general questions ("if I make $3,000 how much...", "si el papá vive en México") are not
facts, whoever they are about.

Spanish third-person verbs carry their subject ("trabaja", "debe", "vive"), so no pronoun
is needed; English facts need a subject in the same clause.
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import alternation_source, terms
from casewarden.detect.model import Category, Finding, Signal
from casewarden.detect.pattern_cache import regex
from casewarden.detect.regexes import led
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText, find_all, last_match, words

_MONEY = (
    r"(?:\$\s?[0-9][0-9,]*(?:\.[0-9]{2})?\s?k?"
    r"|[0-9][0-9,]*(?:\.[0-9]{2})?\s?(?:dollars|dolares|bucks|k|mil|grand))(?![a-z0-9])"
)
# Trades named after "is a": what someone does is where they can be found and paid.
_OCCUPATION_WORDS = words(
    """
    nurse teacher cop officer deputy manager supervisor driver trucker mechanic engineer doctor
    radiologist dentist lawyer attorney contractor electrician plumber welder carpenter
    firefighter cook chef cashier janitor guard foreman realtor pharmacist accountant
    programmer developer technician barber stylist bartender server caregiver paramedic
    sergeant professor principal pastor agent clerk roofer painter landscaper mason machinist
    operator cna lvn rn emt therapist assistant aide salesman
    """
)
_OCCUPATIONS = "|".join(sorted(_OCCUPATION_WORDS, key=lambda w: (-len(w), w)))
# Where nobody lives: "vive en otro mundo", "lives in a bubble" are opinions, not addresses.
_NOWHERE_EN = (
    r"(?:another\s+world|a\s+bubble|la\s+la\s+land|fantasy\s+land|(?:his|her|their)\s+own\s+"
    r"world|denial)(?![a-z])"
)
_NOWHERE_ES = (
    r"(?:otro\s+mundo|otro\s+planeta|su\s+mundo|su\s+burbuja|una\s+burbuja|las\s+nubes|"
    r"la\s+luna)(?![a-z])"
)
_EN_FACTS: tuple[tuple[str, str], ...] = (
    (
        "employment",
        r"(?:(?:works?|working|worked|is\s+employed|employed|got\s+(?:a\s+)?(?:new\s+)?job|"
        r"has\s+(?:a\s+)?(?:new\s+)?job|started\s+working|"
        r"gets?\s+paid|getting\s+paid|paid\s+(?:in\s+)?cash|drives\s+for|does\s+(?:uber|lyft|"
        r"doordash|construction|roofing)|is\s+self[- ]employed|owns\s+(?:a|his|her|the)"
        # "have nail salon business", "has his own business": owning one
        r"|(?:has|have|owns|own)\s+(?:(?:a|an|his|her|their|own)\s+){0,2}(?:[a-z]+\s+){0,2}"
        r"business)"
        r"(?:\s+(?:at|for|in|as|under|on|out\s+of|nights|cash|construction|two|2|full|part|"
        r"off|the|a|an|with)(?![a-z])|\s+[0-9])"
        # "is a radiologist at Marin General", "is a sheriff's deputy in Marin"
        r"|(?:is|works\s+as)\s+(?:a|an)\s+(?:[a-z']+\s+){0,2}(?:" + _OCCUPATIONS + r")\s+"
        r"(?:at|for|in|with|on)\s+[a-z]"
        # "just started at amazon": the employer follows "at" directly, in any case.
        r"|(?:just|literally|recently|finally|already|has|had)\s+started\s+(?:at|with)\s+"
        r"(?!(?:the\s+)?(?:bottom|top|beginning|end|same|first|zero)(?![a-z]))[a-z]"
        # "saw him leaving the plant in his work uniform": seen at work.
        r"|(?:saw|seen)\s+(?:him|her)\s+(?:leaving|coming\s+out\s+of|going\s+into|walking\s+into|"
        r"clocking\s+(?:in|out)|at\s+work)[^.!?\n]{0,60}?(?:in|wearing)\s+(?:his|her|a)\s+"
        r"(?:work\s+)?uniform(?![a-z]))",
    ),
    (
        "owes",
        r"(?:owes?|owed|is\s+behind|in\s+arrears|behind)\b[^.!?\n]{0,25}?"
        + _MONEY
        + r"|(?:\$\s?[0-9][0-9,]*\s?k?|[0-9][0-9,]*\s?(?:k|grand|dollars))\s+(?:in\s+arrears|"
        r"behind|in\s+back\s+(?:child\s+)?support)(?![a-z])",
    ),
    (
        "order",
        r"(?:order|support|payments?)\s+(?:is|was|were|are|got|went\s+up\s+to)\s+"
        r"(?:set\s+at\s+|like\s+|only\s+|at\s+)?" + _MONEY,
    ),
    (
        "assets",
        r"(?:sold|sells|selling|bought|buys|buying|buy)\s+(?:(?:his|her|their|a|an|the|another|"
        r"two|2)\s+)?(?:new\s+|brand\s+new\s+|used\s+)?(?:truck|car|house|home|boat|property|"
        r"land|business|motorcycle|rv|lexus|bmw|mercedes|tesla|escalade|jeep)(?![a-z])",
    ),
    (
        "earnings",
        r"(?:makes|earns|make|earn|is\s+making|is\s+earning|making|earning)\s+(?:good|great|"
        r"decent|big|"
        r"real|really\s+good|a\s+lot\s+of|lots\s+of)\s+money(?![a-z])",
    ),
    (
        "income",
        r"(?:makes|earns|is\s+making|made|gets|receives|collects|brings\s+home|pays|paid|"
        r"gives|sends|get|receive|pay|make|earn|bring\s+home)\s+(?:me\s+|us\s+)?(?:like\s+|only\s+|"
        r"about\s+|around\s+|over\s+)?"
        + _MONEY
        # "working turnarounds for $933 a month": paid for the work
        + r"|(?:working|works|worked)\s+(?:[a-z]+\s+){0,2}for\s+(?:like\s+|about\s+|around\s+)?"
        + _MONEY,
    ),
    (
        "custody",
        r"(?:has|have|got|won|gets|get|lost|share|shares)\s+(?:full\s+|sole\s+|primary\s+|"
        r"joint\s+|50/50\s+|physical\s+|legal\s+)?custody",
    ),
    (
        "jail",
        r"(?:is|s|was|got|been|went|just\s+got|is\s+currently)\s+(?:in\s+(?:county\s+|the\s+county\s+|"
        r"state\s+|federal\s+)?(?:jail|prison)|to\s+jail|"
        r"to\s+prison|locked\s+up|arrested|incarcerated|deported|on\s+probation|on\s+parole|"
        r"out\s+of\s+jail|out\s+of\s+prison)",
    ),
    (
        "whereabouts",
        r"(?:(?:lives|living|moved|is\s+living|is\s+staying|stays|staying|relocated|is\s+hiding|"
        r"hides|went\s+back|deployed|stationed|is\s+stationed|got\s+deployed|"
        # "the mother she move to Seattle", "my son father live in Houston": English as a
        # second language drops the ending (a third party's only: see classify)
        r"live|move)\s+"
        r"(?:in|to|with|at|near|out\s+of|over\s+in)\s+(?!" + _NOWHERE_EN + r")[a-z]"
        # "my ex's new place is in Tracy"
        r"|(?:new\s+)?(?:place|house|apartment|apt|address)\s+is\s+(?:in|on|at|by|near)\s+[a-z])",
    ),
    (
        # What enforcement did to someone: "got his license suspended", "helped her get her
        # license back", "took his tax refund". Whose it is, the possessive says.
        "enforcement",
        r"(?:(?:his|her|their)\s+(?:driver'?s\s+|drivers\s+)?licen[cs]e\s+(?:back|suspended|"
        r"suspendida|taken|revoked|pulled|reinstated)(?![a-z])"
        r"|(?:garnish(?:ed|ing|es)?|intercepted|took|taking|takes)\s+(?:half\s+(?:of\s+)?)?"
        r"(?:his|her|their)\s+"
        r"(?:wages|paychecks?|checks?|taxes|tax\s+refund|refund|stimulus|unemployment)(?![a-z])"
        r"|(?:his|her|their)\s+passport\s+(?:got\s+|was\s+|is\s+)?(?:denied|blocked|"
        r"flagged|revoked)(?![a-z]))",
    ),
    (
        "benefits",
        r"(?:gets|receives|collects|is\s+on|on|get|receive|collect)\s+(?:ssi|ssdi|disability|"
        r"unemployment|edd|workers\s+comp|social\s+security|welfare|calworks|cash\s+aid|"
        r"food\s+stamps|calfresh)(?![a-z])",
    ),
)
_ES_THIRD: tuple[tuple[str, str], ...] = (
    (
        "employment",
        r"(?<![a-z])(?:trabaja|chambea|(?:esta|estaba|anda|andaba|sigue)\s+(?:trabajando|"
        r"chambeando)|le\s+pagan|consiguio\s+(?:un\s+)?"
        r"trabajo|tiene\s+(?:un\s+)?(?:nuevo\s+)?trabajo|es\s+dueno|maneja\s+para|"
        r"maneja\s+(?:trailer|traila|troca|camion|uber|lyft))"
        r"\s+(?:en|para|de|con|como|cash|en\s+efectivo|por\s+fuera)(?![a-z])"
        # "lo vi saliendo de un hotel con su uniforme": seen at work in a work uniform.
        r"|(?:lo|la)\s+(?:vi|vimos|vieron|han\s+visto|he\s+visto)\s+"
        r"(?:saliendo|entrando|llegando|trabajando)\s+[^.!?\n]{0,60}?"
        r"con\s+(?:su|el|la)\s+uniforme(?![a-z])",
    ),
    ("owes", r"(?<![a-z])(?:debe|adeuda|le\s+deben)\b[^.!?\n]{0,25}?" + _MONEY),
    (
        "earnings",
        r"(?<![a-z])(?:gana|esta\s+ganando)\s+(?:bien|muy\s+bien|buen\s+dinero|mucho\s+dinero|"
        r"buena\s+lana|buen\s+billete)(?![a-z])",
    ),
    (
        "income",
        r"(?<![a-z])(?:gana|cobra|recibe|le\s+pagan|paga|manda|da)\s+(?:como\s+|solo\s+|unos\s+)?"
        + _MONEY,
    ),
    (
        "custody",
        r"(?<![a-z])(?:tiene|gano|le\s+dieron|se\s+quedo\s+con|se\s+llevo)\s+(?:la\s+)?custodia",
    ),
    (
        "jail",
        r"(?<![a-z])(?:(?:esta|anda|sigue)\s+(?:en\s+la\s+carcel|preso|presa|en\s+prision|"
        r"encerrado|encerrada|encarcelado|encarcelada|detenid[oa]\s+(?:por|en))|"
        r"lo\s+(?:arrestaron|deportaron|detuvieron|metieron)|"
        r"la\s+(?:arrestaron|deportaron|detuvieron|metieron))(?![a-z])",
    ),
    (
        "whereabouts",
        r"(?<![a-z])(?:vive|se\s+mudo|se\s+fue|esta\s+viviendo|anda\s+viviendo|se\s+esconde)"
        r"\s+(?:en|con|a|para|por)\s+(?!" + _NOWHERE_ES + r")[a-z]",
    ),
    (
        # "le quitaron la licencia a mi hermano", "le embargaron el sueldo"
        "enforcement",
        r"(?<![a-z])(?:le|les)\s+(?:suspendieron|quitaron|regresaron|devolvieron|embargaron|"
        r"retuvieron)\s+(?:la\s+|el\s+|los\s+|su\s+|sus\s+)?(?:licencia|sueldo|cheques?|"
        r"reembolso|taxes|income\s+tax|pasaporte)(?![a-z])(?![^.!\n]*\?)"
        r"|(?<![a-z])su\s+licencia\s+(?:suspendida|suspended)(?![a-z])",
    ),
    (
        "benefits",
        r"(?<![a-z])(?:cobra|recibe|le\s+dan)\s+(?:el\s+)?(?:ssi|desempleo|incapacidad|"
        r"discapacidad|seguro\s+social|welfare|estampillas)(?![a-z])",
    ),
)
_ES_SELF: tuple[tuple[str, str], ...] = (
    (
        "employment",
        r"(?<![a-z])(?:(?:trabajo|estoy\s+trabajando)\s+(?:en|para|de|como)|me\s+despidieron|"
        r"me\s+corrieron|perdi\s+mi\s+(?:trabajo|chamba)|me\s+quede\s+sin\s+(?:trabajo|chamba))"
        r"(?![a-z])",
    ),
    ("owes", r"(?<![a-z])(?:debo|yo\s+debo)\b[^.!?\n]{0,25}?" + _MONEY),
    (
        "income",
        r"(?<![a-z])(?:gano|cobro|recibo|pago|mando|yo\s+pago)\s+(?:como\s+|solo\s+|unos\s+)?"
        + _MONEY,
    ),
    ("custody", r"(?<![a-z])tengo\s+(?:la\s+)?custodia"),
    (
        "whereabouts",
        # "vivo en otro estado" names no place: not a fact about where the writer is.
        r"(?<![a-z])(?:vivo|me\s+mude)\s+(?:en|con|a)\s+"
        r"(?!(?:otro|otra|otros|otras|un|una|el\s+mismo|la\s+misma)\s)[a-z]",
    ),
)
# Words one of which must be present for each fact's regex to run (cheap per-fact gate).
_FACT_TRIGGERS = {
    "employment": words(
        """
        works work working worked employed job paid cash drives does owns started uniform
        business
        """
    )
    | _OCCUPATION_WORDS,
    "owes": frozenset(["owe", "owes", "owed", "behind", "arrears", "back"]),
    "order": frozenset(["order", "support", "payment", "payments"]),
    "earnings": words("makes earns make earn making earning"),
    "assets": words("sold sells selling bought buys buying buy"),
    "income": words(
        """
        makes earns making made gets receives collects brings pays paid gives sends get
        receive pay make earn working works worked
        """
    ),
    "custody": frozenset({"custody"}),
    "enforcement": words(
        "license licence garnished garnishing garnishes garnish took taking takes passport"
    ),
    "jail": frozenset(
        ["jail", "prison", "locked", "arrested", "incarcerated", "deported", "probation", "parole"]
    ),
    "whereabouts": words(
        """
        lives living moved staying stays relocated hiding hides went deployed stationed live
        move place house apartment apt address
        """
    ),
    "benefits": words(
        """
        ssi ssdi disability unemployment edd comp welfare calworks aid stamps calfresh
        """
    ),
}
_FACT_TRIGGERS_ES = {
    "employment": words(
        "trabaja trabajando chambea chambeando pagan consiguio trabajo dueno maneja uniforme"
    ),
    "owes": frozenset(["debe", "adeuda", "deben"]),
    "earnings": words("gana ganando"),
    "income": frozenset(["gana", "cobra", "recibe", "pagan", "paga", "manda", "da"]),
    "custody": frozenset({"custodia"}),
    "enforcement": frozenset(["licencia"]),
    "jail": words(
        """
        carcel preso presa prision encerrado encerrada arrestaron deportaron detuvieron
        metieron detenido detenida encarcelado encarcelada
        """
    ),
    "whereabouts": frozenset(["vive", "mudo", "fue", "viviendo", "esconde"]),
    "benefits": frozenset(
        ["ssi", "desempleo", "incapacidad", "discapacidad", "social", "welfare", "estampillas"]
    ),
}
_FACT_TRIGGERS_ES_SELF = {
    "employment": words("trabajo trabajando despidieron corrieron perdi quede"),
    "owes": frozenset(["debo"]),
    "income": frozenset(["gano", "cobro", "recibo", "pago", "mando"]),
    "custody": frozenset({"custodia"}),
    "whereabouts": frozenset(["vivo", "mude"]),
}
_OWNER_COMPLEMENT = regex(
    r"(?<![a-z])(?:of|de)\s+(?:my|our|mis?|nuestr[oa]s?)\s+(?:[a-z]+\s+)?[a-z]+(?=\s|,|$)"
)
# The writer's household as one subject: it ends the search for whose a fact is, and
# tells no one's case (neither the writer's own nor anyone else's).
_HOUSEHOLD = ("we",)
# Read from the last letter of a "lives with" fact: "... with me", "... with us".
_WITH_WRITER = regex(r"(?<=with\s)(?:me|us)(?![a-z])|(?<=with\s\s)(?:me|us)(?![a-z])")
_BARE_VERB = regex(r"(?:live|move)\s")
_SEEN = regex(r"(?:saw|seen)\s+(?:him|her)(?![a-z])")
_NEEDS_MONEY = frozenset({"owes", "income", "order"})
_MONEY_WORDS = frozenset({"dollars", "dolares", "bucks", "k", "mil", "grand"})
_TRIGGERS = frozenset().union(
    *_FACT_TRIGGERS.values(), *_FACT_TRIGGERS_ES.values(), *_FACT_TRIGGERS_ES_SELF.values()
)
# Every branch starts with a literal, so the regex engine skips to candidates (see regexes).
_BREAK = regex(
    r"\.|!|\?|;|\n|b(?<![a-z]b)ut(?![a-z])|a(?<![a-z]a)nd\s+then(?![a-z])|p(?<![a-z]p)ero(?![a-z])"
)
_CHILD_SUBJECT = regex(
    led(
        r"(?<![a-z])(?:mi|mis|el|la|los|las|nuestro|nuestra)\s+(?:hijo|hija|hijos|hijas|nino|"
        r"nina|ninos|ninas|bebe|nene|nena)(?![a-z])"
    )
)
# "al que trabaja en la huerta le cobran igual", "quien vive en otro estado": anyone at all who
# does it, no one's case.
_GENERIC_SUBJECT = regex(
    r"(?<![a-z])(?:(?:al|el|la|los|las|a\s+los|a\s+las|uno|una|alguien|cualquiera|todo\s+el)"
    r"\s+que|quien|quienes)\s*$"
)
_SUBJECT_GAP = 22
# "someone messaged me saying he works for child support": a claim about the agency, not a
# parent's employer.
_AGENCY_EMPLOYER = regex(
    r"\s*(?:for|at|with|in|para|en|con)?\s*(?:the\s+|la\s+|el\s+)?(?:child\s+support|cs|dcss|"
    r"css|county|state|agency|you\s+guys|y'?all|this\s+office|manutencion|condado|oficina)"
    r"(?![a-z])"
)


class CaseDetailsClassifier(Classifier):
    """Employment, money owed or paid, custody, enforcement, jail, whereabouts and benefits
    facts."""

    name = "case_details"
    category = Category.CASE_DETAILS
    vocabulary = _TRIGGERS
    triggers: frozenset[str] | None = _TRIGGERS

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        third = terms("case_details", "third_party_en", "third_party_es")
        self_terms = terms("case_details", "self_en", "self_es")
        # "if the father works at...", "casi le manda $50": a situation, not a fact.
        self._hypothetical = regex(
            led(
                r"(?<![a-z])(?:"
                + alternation_source(terms("case_details", "hypothetical"))
                + r")(?![a-z])"
            )
        )
        # One literal-led alternation of both lists, longest term first at each position;
        # whose subject it is follows from the term matched. Where a third party's term and
        # the writer's overlap, the third party's is the longer ("my ex", "my"), so it wins
        # as it would if the third-party terms were tried first.
        self._subject = regex(alternation_source((*third, *self_terms, *_HOUSEHOLD)))
        self._third_terms = frozenset(third)
        self._en = [(n, regex(led(r"(?<![a-z])" + p)), _FACT_TRIGGERS[n]) for n, p in _EN_FACTS]
        self._es_third = [(n, regex(led(p)), _FACT_TRIGGERS_ES[n]) for n, p in _ES_THIRD]
        self._es_self = [(n, regex(led(p)), _FACT_TRIGGERS_ES_SELF[n]) for n, p in _ES_SELF]
        # One bit per fact pattern; a comment's trigger words (one set intersection) say
        # which patterns can match.
        self._fact_masks: dict[str, int] = {}
        facts = [*self._en, *self._es_third, *self._es_self]
        for index, (_name, _pattern, words_of_fact) in enumerate(facts):
            for word in words_of_fact:
                self._fact_masks[word] = self._fact_masks.get(word, 0) | 1 << index
        self._fact_words = frozenset(self._fact_masks)

    def gate(self, st: ScanText) -> bool:
        """A fact verb or noun is present."""
        return st.any_of(_TRIGGERS)

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """One signal per fact, scored by whose fact it is."""
        fold = st.fold
        # Every amount ``_MONEY`` reads has a digit and a "$" or a word for the unit.
        money = st.has_digit and ("$" in fold or st.any_of(_MONEY_WORDS))
        masks = self._fact_masks
        run = 0
        for word in st.tokset & self._fact_words:
            run |= masks[word]
        bit = 1
        for name, pattern, _triggers in self._en:
            runs, bit = run & bit, bit << 1
            if not runs or (name in _NEEDS_MONEY and not money):
                continue
            for match in find_all(pattern, fold):
                clause = self._clause_before(fold, match.start())
                # "I saw him ... in his work uniform": the fact is about the one seen.
                seen = name == "employment" and _SEEN.match(fold, match.start()) is not None
                # Enforcement: the possessive in the fact says whose it is ("his license"),
                # and the writer's own licence back is good news, no disclosure.
                subject: bool | None = (
                    True if seen or name == "enforcement" else self._subject_of(clause)
                )
                if subject is None or (
                    subject is False and name == "whereabouts" and _BARE_VERB.match(match.group())
                ):
                    continue  # "I live in Fresno, which office do I go to?": no news
                if name == "whereabouts" and _WITH_WRITER.match(fold, match.end() - 1):
                    subject = False  # "my daughter lives with me now": the writer's household
                if name == "employment" and _AGENCY_EMPLOYER.match(fold, match.end()):
                    continue
                self._emit(
                    out, name, clause, match.start(), match.end(), third_party=subject, lang="en"
                )
        for name, pattern, _triggers in self._es_third:
            runs, bit = run & bit, bit << 1
            if not runs or (name in _NEEDS_MONEY and not money):
                continue
            for match in find_all(pattern, fold):
                clause = self._clause_before(fold, match.start())
                if _GENERIC_SUBJECT.search(clause):
                    continue
                subject = self._subject_of(clause)
                if subject is None:
                    # The verb carries a third-person subject, unless the writer's child is
                    # it ("mi hijo vive conmigo", as English "my son lives with me").
                    subject = _CHILD_SUBJECT.search(clause) is None
                self._emit(
                    out, name, clause, match.start(), match.end(), third_party=subject, lang="es"
                )
        for name, pattern, _triggers in self._es_self:
            runs, bit = run & bit, bit << 1
            if not runs or (name in _NEEDS_MONEY and not money):
                continue
            for match in find_all(pattern, fold):
                clause = self._clause_before(fold, match.start())
                self._emit(
                    out, name, clause, match.start(), match.end(), third_party=False, lang="es"
                )

    def _subject_of(self, clause: str) -> bool | None:
        """True for a third-party subject, False for the writer, None when there is none
        close enough: the subject must end within a few words of the fact ("he still
        works", "my ex has been working"), not anywhere earlier in the sentence."""
        # "the father of my kids works", "el papá de mi niña trabaja": "my" there owns a
        # noun, it is not the subject.
        if " of " in clause or "de " in clause:
            clause = _OWNER_COMPLEMENT.sub(" ", clause)
        last = last_match(self._subject, clause)
        if last is None or len(clause) - last.end() > _SUBJECT_GAP:
            return None
        subject = " ".join(last.group().split())
        if subject in _HOUSEHOLD:
            return None  # "we live in Monterey now", "we work with": the family's own, no news
        return subject in self._third_terms

    @staticmethod
    def _clause_before(fold: str, start: int) -> str:
        before = fold[max(0, start - 40) : start]
        cut = last_match(_BREAK, before)
        return before[cut.end() :] if cut is not None else before

    def _emit(
        self,
        out: list[Signal],
        name: str,
        clause: str,
        start: int,
        end: int,
        *,
        third_party: bool,
        lang: str,
    ) -> None:
        # "if the father works at...", "si el papá vive en México": a question about a
        # situation, not a fact about anyone.
        if self._hypothetical.search(clause) is not None:
            return
        score = 0.75 if third_party else 0.45
        who = "third_party" if third_party else "self"
        out.append(self.signal(score, f"{name}_{who}_{lang}", name, start, end))
