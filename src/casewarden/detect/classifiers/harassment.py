"""Harassment: slurs, and name-calling aimed at a person.

Viewpoint-neutral on purpose: "this agency is useless and corrupt" is criticism and stays;
"you're a stupid idiot" is name-calling and is hidden, whoever it is aimed at (staff,
another commenter, a parent). Rules, in order of strength:

- a slur anywhere; incitement to self-harm ("kys");
- an insulting noun that is always aimed ("idiot", "scumbag", "pendejo" as a noun);
- an ordinary noun used as an insult only with a pointer before it ("you pigs",
  "bola de inútiles", "eres una basura");
- an adjective only after a second- or third-person "you are"/"eres"/"she's", or between
  "your"/"tu" and a family word or "face" ("your ugly kid", "tu fea cara"; the adjective
  after the noun, "tu hija fea", is not matched);
- "deadbeat"-type labels only next to a person's name found in the same comment.
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher, alternation_source, terms
from casewarden.detect.model import Category, EntityType, Finding, Signal
from casewarden.detect.pattern_cache import regex
from casewarden.detect.regexes import led
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText, find_all

# The pointers that aim at a group ("bunch of clowns", "y'all are rats", "bola de payasos").
_GROUP_POINTER = regex(
    r"(?<![a-z])(?:y'?all|you\s+(?:guys|people|all)|these|those|bunch\s+of|son\s+(?:unos|unas)|"
    r"bola\s+de|estos|estas|esos|esas)(?![a-z])"
)
_POINTER = regex(
    led(
        r"(?<![a-z])(?:you|u|ya|y'?all|you\s+(?:guys|people|all)|these|those|such\s+(?:a|an)|"
        r"bunch\s+of|what\s+(?:a|an)|are|is\s+(?:a|an)|r|ur|you'?re|eres(?:\s+(?:un|una))?|son\s+(?:unos|unas)|"
        r"es\s+(?:un|una)|bola\s+de|pinches?|puros?|puras?|estos|estas|esos|esas|"
        r"like\s+(?:a|an))\s+(?:(?:fucking|fking|damn|stupid|lazy|dumb|pinche|bien|total|"
        r"complete|absolute|useless|fat|ugly|old|dirty|filthy|disgusting|worthless|big|little|"
        r"sorry|nasty|sad|vieja|viejo|maldita|maldito|pinche)\s+){0,2}$"
    )
)
_TARGET = (
    r"(?<![a-z])(?:you|u|ur|you'?re|youre|ya|y'?all|he'?s|hes|she'?s|shes|they'?re|theyre|"
    r"imagine\s+being\s+(?:this|that|so)|"
    r"he\s+is|she\s+is|they\s+are|you\s+are|u\s+r|u\s+are|eres|estas|el\s+es|ella\s+es|"
    r"ustedes\s+son|son\s+unos|son\s+unas|es\s+un|es\s+una|eres\s+un|eres\s+una)\s+"
    r"(?:(?:so|such|a|an|really|fucking|fking|just|bien|muy|tan|un|una|unos|unas|pinche|"
    r"re)\s+){0,3}"
    # "you're just loud and stupid", "eres floja y tonta": the insult may close a pair.
    r"(?:[a-z]{2,14}\s+(?:and|y|n)\s+)?"
)


# "Irse / pasar / cruzar de mojado" names a way of crossing the border, told of oneself or
# one's family ("si me voy de mojado a mi pueblo"); the same word aimed at someone ("pinche
# mojado") is a slur and still hides.
_CROSSING_SLURS = frozenset({"mojado", "mojados", "mojada", "mojadas"})
_CROSSING = regex(r"\bde\s+$")


def _with_plurals(slurs: tuple[str, ...]) -> tuple[str, ...]:
    """Each one-word slur and its English plural ("towelhead", "towelheads"): a slur said of
    a group is the same slur, and the list need not spell every plural."""
    plurals = [s + "s" for s in slurs if " " not in s and s.isascii() and not s.endswith("s")]
    return tuple(dict.fromkeys((*slurs, *plurals)))


# A word with symbols for some of its letters ("f*gs", "n!gg@s", "sp1c" is the normalizer's).
# Symbols read as any letter, it is a listed one-word slur of its length, spelt with at least
# two of the slur's own letters, the first among them: a writer masks a slur to be read.
_SYMBOLS = "*@#$!"
_MASK_CANDIDATE = regex(r"(?<![a-z*@#$!])[a-z][a-z*@#$!]{2,19}(?![a-z*@#$!])")


def _masked_slur(word: str, by_length: dict[int, tuple[str, ...]]) -> str | None:
    """The listed slur that ``word``, its symbols read as any letter, spells; or None."""
    letters = sum(1 for char in word if char not in _SYMBOLS)
    if letters == len(word) or letters < 2:
        return None
    for slur in by_length.get(len(word), ()):
        if all(char in _SYMBOLS or char == wanted for char, wanted in zip(word, slur, strict=True)):
            return slur
    return None


class HarassmentClassifier(Classifier):
    """Slurs and aimed insults; see the module docstring for the rules."""

    name = "harassment"
    category = Category.HARASSMENT

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._slurs = PhraseMatcher(
            _with_plurals(terms("harassment", "slurs")) + terms("harassment", "self_harm")
        )
        one_word: dict[int, list[str]] = {}
        for slur in _with_plurals(terms("harassment", "slurs")):
            if slur.isascii() and slur.isalpha():
                one_word.setdefault(len(slur), []).append(slur)
        self._slurs_by_length = {size: tuple(found) for size, found in one_word.items()}
        self._insults = PhraseMatcher(terms("harassment", "insults"))
        self._aimed = PhraseMatcher(terms("harassment", "insults_aimed"))
        self._with_name = PhraseMatcher(terms("harassment", "with_name"))
        adjectives = terms("harassment", "targeted")
        self._adjective_words = frozenset(a.split()[0] for a in adjectives)
        self._targeted = regex(led(_TARGET + "(?:" + alternation_source(adjectives) + ")"))
        # "your ugly kid", "tu fea cara": the insult lands on someone's family member. The
        # word after the adjective is looked up in a set (not an alternation of every kinship
        # term, which each process would compile again).
        self._family_insult = regex(
            r"(?<![a-z'])(?:your|ur|yo|tu|tus)\s+(?:" + alternation_source(adjectives) + r")"
            r"\s+([a-z]+)(?![a-z])"
        )
        # "the ugly face", "esa cara fea" is no family member, but a face is always a
        # person's: any determiner before adjective and face.
        self._face_insult = regex(
            r"(?<![a-z'])(?:the|that|this|her|his|their|su|esa|esta)\s+(?:"
            + alternation_source(adjectives)
            + r")\s+(?:face|cara)(?![a-z])"
        )
        # Person nouns that, standing alone as a sentence or closing one after a comma, call
        # the reader something ("u must work there. loser", "ok, clown.").
        self._vocative = PhraseMatcher(terms("harassment", "vocative"))
        self._family_words = frozenset(
            word for term in terms("person", "kinship_en", "kinship_es") for word in term.split()
        ) | {"face", "cara"}
        self._anchors = self._adjective_words.union(
            self._slurs.anchors,
            self._insults.anchors,
            self._aimed.anchors,
            self._with_name.anchors,
            self._vocative.anchors,
        )
        # No trigger words: a masked slur ("f*gs") is no listed word; the gate looks for one.
        self.triggers = None

    def gate(self, st: ScanText) -> bool:
        """Any listed word, or a word with a symbol inside."""
        return st.any_of(self._anchors) or _has_masked_letter(st.fold)

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """Signals for slurs, insults, aimed nouns, targeted adjectives, named labels."""
        for term, start, end in self._slurs.finditer(st):
            if term in _CROSSING_SLURS and _CROSSING.search(st.fold, max(0, start - 12), start):
                continue  # "me fui de mojado": how someone crossed, said of oneself or kin
            out.append(self.signal(0.95, "slur", term, start, end))
        if _has_masked_letter(st.fold):
            for match in find_all(_MASK_CANDIDATE, st.fold):
                slur = _masked_slur(match.group(), self._slurs_by_length)
                if slur is not None:
                    out.append(self.signal(0.95, "masked_slur", "masked slur", *match.span()))
        for term, start, end in self._insults.finditer(st):
            out.append(self.signal(0.8, "insult", term, start, end))
        for term, start, end in self._aimed.finditer(st):
            if _POINTER.search(st.fold, max(0, start - 40), start) is None:
                continue
            if term.endswith("s") and _GROUP_POINTER.search(st.fold, max(0, start - 40), start):
                # "bunch of clowns", "you guys are pigs", "bola de payasos": the agency or its
                # staff as a group, which may be insulted (DESIGN.md); a slur still hides.
                continue
            out.append(self.signal(0.75, "aimed_insult", term, start, end))
        if st.any_of(self._adjective_words):
            for match in find_all(self._targeted, st.fold):
                out.append(self.signal(0.75, "targeted_adjective", "you are ...", *match.span()))
            for match in find_all(self._family_insult, st.fold):
                if match.group(1) in self._family_words:
                    out.append(self.signal(0.75, "family_insult", "your ... kid", *match.span()))
            if "face" in st.tokset or "cara" in st.tokset:
                for match in find_all(self._face_insult, st.fold):
                    out.append(self.signal(0.75, "face_insult", "the ugly face", *match.span()))
        if self._vocative.present(st):
            for term, start, end in self._vocative.finditer(st):
                if _stands_alone(st.fold, start, end):
                    out.append(self.signal(0.75, "vocative_insult", term, start, end))
        if any(f.type is EntityType.PERSON for f in findings):
            for term, start, end in self._with_name.finditer(st):
                out.append(self.signal(0.7, "label_with_name", term, start, end))


_MASKED_LETTER = regex(r"[a-z][*@#$!]+[a-z*@#$!]")


def _has_masked_letter(fold: str) -> bool:
    """Whether a symbol stands inside a word somewhere (cheap: one search)."""
    return any(symbol in fold for symbol in _SYMBOLS) and _MASKED_LETTER.search(fold) is not None


def _stands_alone(fold: str, start: int, end: int) -> bool:
    """Whether a word is a sentence of its own, or closes one after a comma: what comes
    before it is the comment's start, a sentence end or a comma, and after it the end, a
    sentence end or a comma."""
    before = fold[max(0, start - 8) : start].rstrip(" \t")
    after = fold[end : end + 2].lstrip(" \t")
    opened = (start == 0 or not before) or before[-1] in ".!?,;:\n"
    closed = not after or after[0] in ".!?,;\n"
    return opened and closed
