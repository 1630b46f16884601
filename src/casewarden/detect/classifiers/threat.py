"""Threats of violence or harm, against anyone (staff, offices, other commenters).

A violent verb alone is not a threat ("this law is killing families", "my ex threatened to
kill me" reports one). The rules look for the shapes threats take:

- an intent ("I'm gonna", "I'll", "someone should", "te voy a") before a violent verb,
  with a target after it other than the writer ("you", "him", "the office", "everyone");
- a wish or verdict of death or injury ("hope you die", "should be shot", "ojalá se mueran");
- fixed phrases ("watch your back", "I know where you live", "se van a arrepentir");
- a weapon brought to a place or person ("bring a gun to the office");
- knowing where someone working the case eats, parks or lives ("I know where the agency
  lawyer eats lunch").
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher, alternation_source, terms
from casewarden.detect.model import Category, Finding, Signal
from casewarden.detect.pattern_cache import regex
from casewarden.detect.regexes import led
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText, find_all, words

_INTENT_EN = (
    r"(?<![a-z])(?:i|i'?m|im|i'?ll|ill|i\s+am|i\s+will|i\s+would|i'?d|we|we'?ll|we\s+will|"
    r"we'?re|someone|somebody|some\s+one|imma|ima|i'?ma|gonna|finna)\s+"
    r"(?:(?:am|are|is|gonna|going\s+to|gunna|bout\s+to|about\s+to|finna|will|would|wanna|"
    r"want\s+to|should|need\s+to|needs\s+to|have\s+to|got\s+to|gotta|ought\s+to|really|"
    r"just|seriously|literally|fucking|fkn|definitely|swear|to|go|come|over\s+there\s+and|"
    r"down\s+there\s+and|there\s+and|personally|and)\s+){0,4}"
)
_TARGET_AFTER = regex(
    r"\s+(?:you|u|ya|y'?all|him|her|them|everyone|everybody|all\s+of\s+you|that|those|"
    r"the\s+(?:office|building|place|staff|workers?|caseworkers?|lady|guy|judge|bitch|"
    r"people|ppl|whole|clerk|receptionist|director|supervisor|agency|court|dcss)|"
    r"this\s+(?:office|building|place|bitch|lady|guy|worker|agency)|your|his|her|their|"
    r"whoever|somebody|someone|a\s+(?:worker|caseworker|bitch|cop)|my\s+(?:ex|caseworker|"
    r"worker|baby\s*daddy|baby\s*mama|bm|bd)|[a-z]+'s\s+(?:ass|face|head))(?![a-z])"
)
# "shoot you a message", "blow up y'all's phone lines", "blow up the office phones": the
# object is a way of reaching someone, not a person or a place.
_NOT_VIOLENT_OBJECT = regex(
    r"\s+(?:(?:you|u|ya|y'?all)\s+(?:a|an)\s+(?:message|email|text|dm|pm|call|line|note)|"
    r"(?:(?:you|u|ya|y'?all|your|ur|his|her|their|the|this|that|y'?all'?s)\s+)?"
    r"(?:(?:office|agency|dcss|department|county|court)(?:'?s)?\s+)?"
    r"(?:phones?|phone\s+lines?|lines?|inbox(?:es)?|voicemails?|dms?|emails?|mentions|"
    r"notifications|comments|page|messages|mailbox|fax|switchboard|cell|cellphones?)(?![a-z]))"
)
_INTENT_ES = (
    r"(?<![a-z])(?:(?:te|los|las|lo|la|les|le)\s+(?:voy|vamos|va|van)\s+a|voy\s+a|vamos\s+a|"
    r"(?:te|los|las|lo|la|les)\s+(?:quiero|queremos)|alguien\s+(?:deberia|tiene\s+que|va\s+a))"
    r"\s+(?:(?:ir\s+a|ir\s+y|venir\s+a|llegar\s+a)\s+)?"
)
_WISH = regex(
    led(
        r"(?<![a-z])(?:(?:hope|hoping|wish|pray)\s+(?:you|u|ya|they|he|she|y'?all|them|all\s+of\s+you|"
        r"your\s+[a-z]+|that\s+[a-z]+)\s+(?:all\s+)?(?:die|dies|get\s+shot|gets\s+shot|get\s+killed|"
        r"burn|burns|rot|drop\s+dead|get\s+hit\s+by)|(?:deserves?|should|needs?\s+to)\s+(?:to\s+)?"
        r"(?:be\s+)?(?:die|dead|shot|killed|hanged|hung|lynched|executed|beaten|burned|stabbed)|"
        r"ojala\s+(?:que\s+)?(?:(?:[a-z]+\s+){0,4}?se\s+pudra|se\s+pudran|te\s+pudras|se\s+mueran|"
        r"te\s+mueras|se\s+muera|les\s+pase\s+algo|lo\s+maten|"
        r"la\s+maten|los\s+maten|te\s+maten|se\s+quemen|"
        # "ojalá que al licenciado lo atropelle un tráiler": who, then the harm
        r"(?:(?:al?|a\s+la|a\s+los|a\s+las|a\s+ese|a\s+esa)\s+(?:[a-z]+\s+){1,6}?)?"
        r"(?:se\s+)?(?:les?|te|lo|la|los)\s+"
        r"(?:caiga|caigan|explote|exploten|queme|quemen|atropelle|choque)\s+(?:el|la|los|las|un|"
        r"una|su|sus)\s+(?:edificio|oficina|techo|casa|carro|troca|camioneta|camion|tren|pared|"
        r"puente|trailer|trailero|autobus))|que\s+se\s+mueran|merecen?\s+(?:morir|que\s+los\s+maten)|"
        # "que lo cuelguen", "should get a bullet": hanging and shooting wished on someone
        r"que\s+(?:lo|la|los|las|le|les)\s+cuelguen|"
        r"(?:should|deserves?|needs?\s+to|ought\s+to)\s+(?:(?:get|catch|take)\s+)?a\s+bullet)"
        r"(?![a-z])"
    )
)
_WEAPON = regex(
    led(
        r"(?<![a-z])(?:bring|brought|bringing|have|got|grab|carry|take|traer|llevar|llevo|"
        r"traigo)\s+(?:a|my|the|an|our|some|mi|una|un|el|la|unos|unas|mis)?\s*"
        r"(?:gun|guns|pistol|rifle|shotgun|ar-?15|knife|knives|bomb|bat|bats|baseball\s+bats?|"
        r"machete|machetes|pistola|cuerno|cuchillo|bomba|arma|fierro|bate|bates|navaja)(?![a-z])"
    )
)
_WEAPON_PLACE = regex(
    led(
        r"(?<![a-z])(?:office|building|court|there|you|your|staff|oficina|corte|alla|ustedes)"
        r"(?![a-z])"
    )
)

# Knowing where someone who works the case spends their day ("I know where the agency lawyer
# eats lunch every day", "ya sé dónde se estaciona la licenciada"): the menace is in saying so.
# Not "he"/"she" ("sé dónde vive"): "I know where she lives" is most often the other parent, a
# case fact, not a threat.
_WATCHED_EN = regex(
    led(
        r"(?<![a-z])(?:i|we)\s+(?:already\s+|still\s+|now\s+)?know\s+(?:exactly\s+)?where\s+"
        r"(?:(?:the|that|your|this|ur|y'?all'?s?|their)\s+)?(?:[a-z]+\s+){0,2}?"
        r"(?:staff|workers?|caseworkers?|lawyers?|attorneys?|judge|clerks?|director|supervisors?|"
        r"lady|guy|commissioner|receptionist|managers?|officers?|employees?|people|you|u|y'?all)"
        r"\s+(?:eats?|parks?|lives?|sleeps?|hangs?\s+out|has\s+lunch|have\s+lunch|gets?\s+lunch|"
        r"drops?\s+off|picks?\s+up|works?\s+out|goes\s+(?:to\s+lunch|after|home)|"
        r"go\s+(?:to\s+lunch|after|home)|walks?\s+(?:his|her|their|your)|takes?\s+(?:his|her|their|"
        r"your)\s+kids?)(?![a-z])"
    )
)
_WATCHED_ES = regex(
    led(
        r"(?<![a-z])(?:se|sabemos)\s+(?:bien\s+|muy\s+bien\s+)?donde\s+(?:se\s+)?(?:come|almuerza|"
        r"estaciona|vive|viven|trabaja|trabajan|duerme|deja|recoge|camina|comen|almuerzan|estacionan)\s+"
        r"(?:el|la|los|las|esa|ese|esos|esas|su|tu)\s+(?:[a-z]+\s+)?(?:licenciad[oa]s?|abogad[oa]s?|"
        r"trabajador(?:a|es|as)?|juez|jueza|secretarias?|director(?:a)?|supervisor(?:a)?|senora|senor|"
        r"emplead[oa]s?|caseworkers?|gente|licen?|lic)(?![a-z])"
    )
)
_WATCH_WORDS = words("know donde")

# Every veiled-threat phrase ends in one of these: the phrases run only when one is present
# ("gonna" and "people" alone are everyday words).
_VEILED_HARM = words("hurt lastimado herido golpeado")
_SENTENCE_END = regex(r"[.!?;]")
_LETTERS = regex(r"[a-z]+")
_WISH_WORDS = words(
    """
    hope hoping wish pray deserve deserves should need needs ought ojala que merecen merece
    """
)
_HARM_WORDS = words(
    """
    die dies dead shot killed hanged hung lynched executed beaten burned stabbed burn burns
    rot hit mueran muera mueras maten quemen pase morir caiga caigan explote exploten queme
    atropelle choque pudra pudran pudras cuelguen bullet
    """
)
_WEAPON_WORDS = words(
    """
    gun guns pistol rifle shotgun ar knife knives bomb bat bats machete machetes pistola cuerno
    cuchillo bomba arma fierro bate bates navaja
    """
)


class ThreatClassifier(Classifier):
    """Intent + violent verb + target, wishes of harm, fixed phrases, weapons."""

    name = "threat"
    category = Category.THREAT
    vocabulary = _WISH_WORDS | _HARM_WORDS | _WEAPON_WORDS

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        verbs_en = terms("threat", "verbs_en")
        verbs_es = terms("threat", "verbs_es")
        self._verb_words = frozenset(v.split()[0] for v in (*verbs_en, *verbs_es))
        # Literal-led (regexes.led, lexicon.alternation_source): the regex engine skips to
        # the intent words' first letters.
        self._intent_en = regex(led(_INTENT_EN + "(?:" + alternation_source(verbs_en) + ")"))
        self._intent_es = regex(led(_INTENT_ES + "(?:" + alternation_source(verbs_es) + ")"))
        self._verbs_en = frozenset(v.split()[0] for v in verbs_en)
        self._verbs_es = frozenset(v.split()[0] for v in verbs_es)
        self._phrases = PhraseMatcher(terms("threat", "phrases"))
        self._veiled = PhraseMatcher(terms("threat", "veiled"))
        self._concern = frozenset(terms("threat", "concern"))
        self._any_word = self._verb_words.union(
            _WEAPON_WORDS, _WISH_WORDS, self._phrases.anchors, _VEILED_HARM, _WATCH_WORDS
        )
        self.triggers = self._any_word

    def gate(self, st: ScanText) -> bool:
        """A violent verb, a wish with a word of death, a weapon or a threat phrase."""
        if not st.any_of(self._any_word):
            return False  # one test for the common case
        return (
            st.any_of(self._verb_words)
            or st.any_of(_WEAPON_WORDS)
            or self._wish_possible(st)
            or self._phrases.present(st)
            or (st.any_of(_VEILED_HARM) and self._veiled.present(st))
            or st.any_of(_WATCH_WORDS)
        )

    @staticmethod
    def _wish_possible(st: ScanText) -> bool:
        return st.any_of(_WISH_WORDS) and st.any_of(_HARM_WORDS)

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """Signals for each threat shape found (each shape gated on its own words)."""
        fold = st.fold
        if st.any_of(self._verbs_en):
            for match in find_all(self._intent_en, fold):
                end = match.end()
                if _NOT_VIOLENT_OBJECT.match(fold, end):
                    continue
                if _TARGET_AFTER.match(fold, end):
                    out.append(
                        self.signal(
                            0.9, "intent_violence", "intent+verb+target", match.start(), end
                        )
                    )
        if st.any_of(self._verbs_es):
            for match in find_all(self._intent_es, fold):
                out.append(self.signal(0.9, "intent_violence_es", "intent+verb", *match.span()))
        if self._wish_possible(st):
            for match in find_all(_WISH, fold):
                out.append(self.signal(0.85, "wish_of_harm", "wish", *match.span()))
        for term, start, end in self._phrases.finditer(st):
            if _NOT_VIOLENT_OBJECT.match(fold, end):
                continue  # "blow up the phone lines": calling, not a bomb
            out.append(self.signal(0.85, "threat_phrase", term, start, end))
        for term, start, end in self._veiled.finditer(st) if st.any_of(_VEILED_HARM) else ():
            # The clause before: "I'm worried", "before" make it a concern, not a threat.
            before = fold[max(0, start - 40) : start]
            clause = _SENTENCE_END.split(before)[-1]
            if self._concern.isdisjoint(_LETTERS.findall(clause)):
                out.append(self.signal(0.85, "veiled_threat", term, start, end))
        if st.any_of(_WATCH_WORDS):
            for pattern in (_WATCHED_EN, _WATCHED_ES):
                for match in find_all(pattern, fold):
                    out.append(self.signal(0.85, "known_routine", "routine", *match.span()))
        if not st.any_of(_WEAPON_WORDS):
            return
        for match in find_all(_WEAPON, fold):
            window = fold[max(0, match.start() - 40) : match.end() + 40]
            if _WEAPON_PLACE.search(window):
                out.append(self.signal(0.85, "weapon", "weapon", *match.span()))
