"""Health conditions attributed to a person ("my son has autism", "ella tiene cáncer").

A condition word alone is not a disclosure ("does medical support cover autism therapy?"),
so a finding needs a person it belongs to: a subject or possessive in the same sentence
shortly before it, or a verb of having right before it. Conditions of a third party (a child,
the other parent, "my little brother") score to hide; the writer's own go to review, as other
self-disclosures do. Insurance, coverage and awareness contexts are general talk and dropped.

The conditions are the lexicon's lists and, because no list holds every condition, words
shaped like one: the suffixes of medical terms (pancreat*itis*, lymph*oma*, scoli*osis*,
leuc*emia*, neuro*pathy*) and "X syndrome", "X's disease", "síndrome/enfermedad de X". A
shaped word needs the same attribution as a listed one, which keeps "diploma" and "the
disease" out.
"""

from __future__ import annotations

from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher, alternation_source, name_lists, terms
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.recognizers.medical_injury import BODY_WORDS, INJURY_WORDS, injuries
from casewarden.detect.regexes import word_start
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, find_all, last_match

_SELF = frozenset(
    {"i", "im", "i'm", "i am", "ive", "i've", "my", "yo", "me", "estoy", "soy", "tengo"}
)
_GENERAL = regex(
    word_start(
        r"insurance|coverage|covered|cover|covers|awareness|research|foundation|"
        r"walk|fundraiser|seguro medico|aseguranza|cobertura|cubre|medical support|"
        r"kids with|children with|people with|ninos con|personas con"
    )
    + r"(?![a-z])"
)
# "autism awareness month", "cancer research": talk about the condition, not a person's.
_GENERAL_AFTER = regex(
    r"\s*(?:awareness|month|pride|walk|research|foundation|fundraiser|insurance|coverage|"
    r"support\s+group|clinic|center|program|seguro|mes|fundacion)(?![a-z])"
)
_BREAK = regex(r"[.!?;:\n]")
# Conditions whose name is also an ordinary word in lower case: only as written in capitals.
_CAPITALS_ONLY = {"aids": "AIDS", "ms": "MS"}
# "on disability", "collects disability", "his disability checks", "counting my disability as
# income": the benefit, which says no more about a body than a pay stub does.
_BENEFIT_TERMS = frozenset({"disability", "discapacidad"})
_BENEFIT_BEFORE = regex(
    r"(?<![a-z])(?:on|collects?|collecting|gets?|getting|receives?|receiving|draws?|drawing|"
    r"ssi|ssdi|state|va|federal|recibe|cobra|cobrando)[ \t]+$"
)
_BENEFIT_AFTER = regex(
    r"[ \t]*(?:checks?|payments?|benefits?|income|money|pay|claim|as\s+income|cheques?|pagos?|"
    r"beneficios?|como\s+ingreso)(?![a-z])"
)
# A possessive and the (up to three) words after it, to look for a kinship word among them.
_POSSESSIVE_RUN = regex(
    r"(?<![a-z'])(?:my|our|his|her|their|your|mi|mis|su|sus|tu|nuestro|nuestra)"
    r"((?:[ \t]+[a-z']+){1,3})"
)
_RUN_WORD = regex(r"[a-z']+")
# A modifier right before a condition, anchored at the condition (searched in a short window
# that ends where the condition starts).
_MODIFIER_BEFORE = regex(r"(?<![a-z])(?:chronic|severe|acute|juvenile|congenital|terminal)[ \t]+$")
# Up to two Spanish adjectives after a condition's noun, by their endings.
_SPANISH_ADJECTIVES = regex(
    r"(?:[ \t]+[a-z]{2,}(?:al|il|ar|ico|ica|iva|ivo|osa|oso|ina|ino|ea|eo|ada|ado|ente|ante)"
    r"(?![a-z])){1,2}"
)
_WINDOW = 45
# Words before a head word ("syndrome", "disease"...) that are not part of the condition's
# name: "has the disease", "a rare syndrome" are too vague to be one person's health.
_NOT_NAME_WORDS = frozenset(
    {
        "the", "a", "an", "this", "that", "any", "no", "some", "of", "his", "her", "my",
        "their", "our", "your", "rare", "same", "other", "has", "have", "had", "with", "from",
        "for", "got", "and", "or", "is", "was", "be", "its", "it's", "new", "real", "serious",
    }
)  # fmt: skip


class MedicalRecognizer(Recognizer):
    """Condition terms from the lexicon, kept only when attributed to someone."""

    name = "medical"
    entity = EntityType.MEDICAL
    needs_digit = False

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._conditions = PhraseMatcher(terms("medical", "conditions_en", "conditions_es"))
        self._spanish = frozenset(terms("medical", "conditions_es")) - frozenset(
            terms("medical", "conditions_en")
        )
        self.triggers = self._conditions.anchors
        # Literal-led alternations (``alternation_source``): the regex engine skips to the
        # terms' first letters.
        self._subjects = regex(alternation_source(terms("medical", "subjects")))
        self._verb_before = regex(
            "(?:"
            + alternation_source(terms("medical", "attribution"))
            + r")\s+(?:[a-z']+\s+){0,2}$"
        )
        # "my little brother", "su hijo mayor": a possessive, up to two words, a kinship
        # word. The words are looked up in a set: an alternation of every kinship term
        # would be compiled again by each process that builds a detector.
        self._kin_words = frozenset(
            word for term in terms("person", "kinship_en", "kinship_es") for word in term.split()
        )
        # Words shaped like a condition (see the module docstring), from the lexicon.
        self._endings = tuple(terms("medical", "shaped_endings"))
        by_last: dict[str, list[str]] = {}
        for ending in self._endings:
            by_last.setdefault(ending[-1], []).append(ending)
        self._endings_by_last = {last: tuple(group) for last, group in by_last.items()}
        self._ending_lasts = "".join(sorted(by_last))
        # ``shaped`` reads three letters or more before an ending: a shorter word (most of a
        # comment's words) is not shaped, which its length says before anything else.
        self._shortest_shaped = 3 + min(len(ending) for ending in self._endings)
        self._heads = frozenset(terms("medical", "shaped_heads"))
        heads_es = terms("medical", "shaped_heads_es")
        self._head_tokens = self._heads | frozenset(heads_es)
        self._not_conditions = frozenset(terms("medical", "not_conditions"))
        self.shaped = regex(
            r"(?<![a-z'])(?:"
            r"[a-z]{3,}(?:" + "|".join(self._endings) + ")"
            r"|(?:[a-z]+(?:-[a-z]+)?(?:'s|s')?[ \t]+)?(?:" + "|".join(sorted(self._heads)) + ")"
            r"|(?:" + "|".join(heads_es) + r")[ \t]+de[ \t]+[a-z]{3,}"
            r")(?![a-z])"
        )
        # The shaped words are checked on every comment, so the gate cannot be a trigger set.
        self.triggers = None
        names = name_lists()
        self._common, self._dictionary = names.common, names.dictionary

    def shaped_possible(self, st: ScanText) -> bool:
        """Whether a word shaped like a condition may be in the comment (False: certainly
        not); the regex runs only then.

        A shaped word is a word that ends like a condition. The common and dictionary words
        that do are each listed as a condition or as a non-condition (a test holds the lists
        to that), so only the comment's other words need the test. A substring search of the
        whole comment for each ending cost more, and more with each ending added.
        """
        if st.any_of(self._head_tokens):
            return True
        lasts, by_last = self._ending_lasts, self._endings_by_last
        common, dictionary = self._common, self._dictionary
        shortest = self._shortest_shaped
        for token in st.tokset:
            if len(token) < shortest:
                continue
            # A word's last letter rules out most words at once and picks the few endings
            # the others can have (an ending test costs with each ending it tries); the word
            # lists are consulted only for a word with a condition's ending.
            last = token[-1]
            if (
                last in lasts
                and token.endswith(by_last[last])
                and token not in common
                and token not in dictionary
            ):
                return True
        return False

    def _kin_subjects(self, before: str) -> list[tuple[int, str]]:
        """(end + 1, words) of each "possessive, up to two words, kinship word" in ``before``;
        the end is nudged by one so that the kinship subject outranks its own possessive."""
        found: list[tuple[int, str]] = []
        for possessive in find_all(_POSSESSIVE_RUN, before):
            for word in find_all(_RUN_WORD, before, possessive.start(1), possessive.end(1)):
                if word.group() in self._kin_words:
                    found.append((word.end() + 1, before[possessive.start() : word.end()]))
                    break
        return found

    def gate(self, st: ScanText) -> bool:
        """A listed condition word, a word shaped like one, or a body part and what befell it
        are present."""
        return self._conditions.present(st) or self.shaped_possible(st) or self._injury_possible(st)

    @staticmethod
    def _injury_possible(st: ScanText) -> bool:
        return st.any_of(BODY_WORDS) and st.any_of(INJURY_WORDS)

    def _candidates(self, st: ScanText) -> list[tuple[str, int, int]]:
        """Listed conditions, then shaped words that no listed one covers."""
        found = list(self._conditions.finditer(st)) if self._conditions.present(st) else []
        if not self.shaped_possible(st):
            return found
        for match in find_all(self.shaped, st.fold):
            start, end = match.span()
            words = match.group().split()
            if len(words) > 1 and words[0] in _NOT_NAME_WORDS:
                # "has disease", "the syndrome": the head word alone, which is too vague.
                continue
            term = " ".join(words)
            if term in self._not_conditions:
                continue
            if len(words) == 1 and words[0] in self._heads:
                continue
            overlapping = [f for f in found if f[1] < end and start < f[2]]
            if overlapping:
                if not all(start <= s and e <= end for _t, s, e in overlapping):
                    continue
                # "Huntington's disease", "schizoaffective disorder": the shaped name holds
                # the listed word and is the condition's whole name.
                found = [f for f in found if f not in overlapping]
            found.append((term, start, end))
        return found

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Each condition with a subject in its sentence, or a having-verb right before;
        each injury told with whose body it is."""
        fold = st.fold
        found_from = len(out)
        for term, start, end in self._candidates(st):
            if term in _CAPITALS_ONLY and st.text[start:end] != _CAPITALS_ONLY[term]:
                # "hearing aids", "Ms. Lee": only the capitalised disease name ("AIDS", "MS")
                continue
            # "chronic migraines", "severe asthma": the modifier is part of the condition.
            modifier = _MODIFIER_BEFORE.search(fold, max(0, start - 16), start)
            if modifier is not None:
                start = modifier.start()
            if term in self._spanish:
                # Spanish adjectives follow the noun: "parálisis facial", "atrofia muscular
                # espinal" are the condition's whole name.
                adjectives = _SPANISH_ADJECTIVES.match(fold, end)
                if adjectives is not None:
                    end = adjectives.end()
            window_start = max(0, start - _WINDOW)
            before = fold[window_start:start]
            cut = last_match(_BREAK, before)
            if cut is not None:
                before = before[cut.end() :]
            if _GENERAL_AFTER.match(fold, end):
                continue
            if term in _BENEFIT_TERMS and (
                _BENEFIT_BEFORE.search(before) or _BENEFIT_AFTER.match(fold, end)
            ):
                continue  # a benefit, not a condition
            subjects = [(m.end(), m.group()) for m in find_all(self._subjects, before)]
            # A kinship subject ending at or after the last plain one names who it is:
            # "my little brother has" is the brother's, not the writer's "my".
            subjects += self._kin_subjects(before)
            subjects.sort()
            general = last_match(_GENERAL, before)
            if general is not None and not any(end_ > general.end() for end_, _ in subjects):
                # "insurance for kids with autism" is talk about the condition; "medical
                # support for my son, he has type 1 diabetes" names whose it is after it.
                continue
            has_verb = self._verb_before.search(before) is not None
            if not subjects and not has_verb:
                continue
            third_party = bool(subjects) and subjects[-1][1] not in _SELF
            pattern = (
                "condition_attributed_third_party" if third_party else "condition_attributed_self"
            )
            out.append(
                Finding(
                    type=self.entity,
                    start=start,
                    end=end,
                    score=0.8 if third_party else 0.5,
                    recognizer=self.name,
                    pattern=pattern,
                    validator=None,
                    context_words=tuple(word for _end, word in subjects[-1:]),  # context words
                )
            )
        conditions = out[found_from:]
        for injury in injuries(fold) if self._injury_possible(st) else ():
            if any(f.start < injury.end and injury.start < f.end for f in conditions):
                continue  # "me operaron de la rodilla por artritis": one finding is enough
            own = injury.own
            out.append(
                Finding(
                    type=self.entity,
                    start=injury.start,
                    end=injury.end,
                    score=0.5 if own else 0.8,
                    recognizer=self.name,
                    pattern="injury_self" if own else "injury_third_party",
                    validator=None,
                    context_words=(),
                )
            )
