"""Profanity: strong words and phrases (English and Spanish), including disguised spellings.

Hidden for the word, not the opinion: "this agency is bullshit" is hidden, "this agency is
useless" stays. Mild words ("damn", "sucks", "carajo") are listed in the lexicon as allowed.
Disguises ("f*ck", "sh1t", "a$$hole", "mierd@") are caught by patterns that require at
least one symbol inside the word, so ordinary text ("put a", "fork") never matches them.
Hashtags run words together ("#DCShit", "#shitshow"): their camel-case parts are checked as
words, and a listed word of four letters or more that starts or ends one, next to at most
four more letters, counts.
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher, terms
from casewarden.detect.model import Category, Finding, Signal
from casewarden.detect.pattern_cache import regex
from casewarden.detect.regexes import led
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText, find_all, fold, fold_term

_S = r"[*._!@#$%^&+~-]{0,3}"  # symbols a writer puts inside a word; never spaces
# Literal-led (regexes.led): the regex engine skips to the first letters of the words.
_DISGUISED = regex(
    led(
        r"(?<![a-z])(?:"
        rf"(?:mother)?f{_S}[u*@#v0x]{_S}c{_S}k|f{_S}[*@#]{_S}[*@#]{_S}k|f[*@#]{{1,3}}c?k"
        # "f***", "f***ing": the masked word, even without its "k"
        r"|f[*#]{2,4}(?![*#])"
        rf"|(?:bull|horse|dip|chicken)?s{_S}h{_S}[i1!*|]{_S}t|s[*@#]{{2,3}}t"
        rf"|b{_S}[i1!*]{_S}t{_S}c{_S}h|b[*@#]{{2,3}}ch"
        rf"|a{_S}[s$5*]{_S}[s$5*]{_S}h{_S}[o0*]{_S}l{_S}e"
        rf"|c{_S}[u*]{_S}n{_S}t"
        rf"|d{_S}[i1!*]{_S}c{_S}k"
        rf"|m{_S}[i1!*]{_S}[e3*]{_S}r{_S}d{_S}[a@4*]"
        rf"|p{_S}[u*]{_S}t{_S}[a@4o0*]"
        rf"|p{_S}[e3*]{_S}n{_S}d{_S}[e3*]{_S}j{_S}[o0a@*]"
        rf"|c{_S}h{_S}[i1!*]{_S}n{_S}g"
        rf"|v{_S}[e3*]{_S}r{_S}g{_S}[a@4*]"
        r"|f\s+u\s+c\s+k|s\s+h\s+i\s+t"
        r")[a-z]{0,5}(?![a-z])"
    )
)
_SYMBOL = regex(r"[*@$!#|]")
# A "1" or "0" next to a letter ("sh1t", "b0las"). Written to start with the digit (the
# regex engine skips to it); used only to ask whether there is one.
_LEET = regex(r"[10](?:(?<=[a-zA-Z][10])|(?=[a-zA-Z]))")
# A symbol or look-alike digit inside a word ("sh!t", "f**k", "a$$") or closing a word
# ("mierd@"); not punctuation after a word ("support!").
# Written to start with the symbol, the letters before it checked behind it, so the regex
# engine skips to symbols; used only to ask whether there is one. The three shapes: a symbol
# run of up to three between letters, "@" or "*" closing a word of three letters or more,
# a symbol right before a letter, and "f" masked by two symbols or more ("f***").
_SYMBOL_IN_WORD = regex(
    r"[*@#$!|10](?:(?<=[a-z][*@#$!|10])[*@#$!|10]{0,2}[a-z]"
    r"|(?<=[a-z]{3}[@*])(?![a-z])|(?<=[*@#$])[a-z]|(?<=f[*#][*#]))"
)
# Either of the two above, in one pass led by one character class: whether a disguise is
# worth looking for.
_SYMBOL_OR_LEET = regex(r"[*@$!#|10](?:(?<=[*@$!#|])|(?<=[a-zA-Z][10])|(?<=[10])(?=[a-zA-Z]))")
# The folded text's bytes as three kinds: a letter (a), a symbol that may start or end a
# disguised word (*: *@#$) and one that counts only between letters (!: !|10). Every match of
# ``_SYMBOL_IN_WORD`` leaves "a*", "*a", or both "a!" and "!a" (see ``_may_hide_symbol``).
_SHAPES = bytes(
    0x61 if 0x61 <= c <= 0x7A else 0x2A if c in b"*@#$" else 0x21 if c in b"!|10" else 0x20
    for c in range(256)
)
_SPACED = regex(r"[fs](?<![a-z][fs])\s+[uh]\s+[ci]\s+[kt](?![a-z])")
# The letters ``_SPACED`` takes at each place, each a word of its own there.
_SPACED_LETTERS = (frozenset("fs"), frozenset("uh"), frozenset("ci"), frozenset("kt"))
_HASHTAG = regex(r"#(?<![\w#]#)([A-Za-zÀ-ÖØ-öø-ÿ][\wÀ-ÖØ-öø-ÿ]{2,60})")
_CAMEL_PARTS = regex(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _may_hide_symbol(folded: str) -> bool:
    """False when ``_SYMBOL_IN_WORD`` certainly finds nothing in ``folded``: one translation
    and a few substring tests, where most comments' "!" or digits would send both regexes
    over the whole text.

    A match is a letter, then a run of symbols whose first is one of the two kinds and whose
    last is one of them, then a letter; or three letters and "@" or "*"; or one of "*@#$"
    and a letter. So it leaves "a*", "*a", or (its run all of the "!" kind at both ends)
    "a!" and "!a" in the shapes.
    """
    # Searched as text: a substring test on bytes costs about ten times one on a str.
    shape = folded.encode("utf-8", "surrogatepass").translate(_SHAPES).decode("ascii")
    return "a*" in shape or "*a" in shape or ("a!" in shape and "!a" in shape)


class ProfanityClassifier(Classifier):
    """Lexicon words and phrases, agency extra terms, and disguised spellings."""

    name = "profanity"
    category = Category.PROFANITY

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._words = PhraseMatcher(terms("profanity", "en", "es", "phrases"))
        self._single = frozenset(fold_term(t) for t in terms("profanity", "en", "es"))
        self._long = tuple(sorted(w for w in self._single if len(w) >= 4 and w.isalpha()))

    def gate(self, st: ScanText) -> bool:
        """A listed word, or a symbol or digit inside a word (checked only if there is one)."""
        if st.any_of(self._words.anchors):
            return True
        text = st.text
        # The characters of a disguise, each looked for in C (memchr), before any regex.
        if (
            (
                "*" in text
                or "@" in text
                or "$" in text
                or "!" in text
                or "#" in text
                or "|" in text
                or "1" in text
                or "0" in text
            )
            and _may_hide_symbol(st.fold)
            and _SYMBOL_OR_LEET.search(text) is not None
            and _SYMBOL_IN_WORD.search(st.fold) is not None
        ):
            return True
        # "f u c k", "s h i t": every letter is a word of its own.
        return all(st.any_of(letters) for letters in _SPACED_LETTERS) and (
            _SPACED.search(st.fold) is not None
        )

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """One signal per occurrence."""
        for term, start, end in self._words.finditer(st):
            out.append(self.signal(0.9, "lexicon", term, start, end))
        for match in find_all(_DISGUISED, st.fold):
            value = match.group()
            if value.isalpha():
                continue  # plain spellings are the lexicon's job ("fork", "puto" handled there)
            out.append(self.signal(0.85, "disguised_spelling", "disguised", *match.span()))
        if "#" in st.text:
            for match in find_all(_HASHTAG, st.text):
                if self._profane_hashtag(match.group(1)):
                    out.append(self.signal(0.85, "hashtag", "hashtag", *match.span()))

    def _profane_hashtag(self, body: str) -> bool:
        parts = [fold(part) for part in _CAMEL_PARTS.findall(body)]
        if len(parts) > 1 and any(part in self._single for part in parts):
            return True
        # Run together with a short word only ("#dcshit", "#shitshow"), so that a longer
        # word that merely starts with one ("#assessment") is not read as two.
        folded = fold(body)
        return any(
            len(folded) - len(word) <= 4 and (folded.startswith(word) or folded.endswith(word))
            for word in self._long
        )
