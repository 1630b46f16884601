"""Scams and impersonation: "message me on WhatsApp and I'll fix your case", fees to speed a
case, people posing as agency staff.

Scam comments combine pieces; one piece alone is ordinary ("I paid with Zelle", "text me
back"). A signal needs two of: a contact request ("DM me", "escríbeme"), an off-platform
channel or payment method (WhatsApp, Cash App, gift cards), an offer to fix, speed up or
erase a case or a fee for it, a claim to work for the agency, or a look-alike link (a web
address that borrows the agency's words, "dcss-case-review.help", but is not a government
site). A warning or question about a scam ("is this a scam?", "someone messaged me
saying...", "cuidado con") is not one.
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher, terms
from casewarden.detect.model import Category, Finding, Signal
from casewarden.detect.pattern_cache import regex
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText, find_all

# A web address (folded text): host labels, a top-level domain, an optional path.
_LINK = regex(
    r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?![\w-])"
)
# Words of the agency's trade that a look-alike address borrows.
_AGENCY_WORDS = regex(
    r"dcss|cssd|lcsa|childsupport|child-support|support-?ca|case-?review|arrears|manutencion"
)
_OFFICIAL_SUFFIXES = (".gov", ".ca.us")


# A dot right before a top-level domain's letters: literal-led, so the regex engine skips to
# dots; most comments have none outside sentence ends.
_DOT_TLD = regex(r"\.[a-z]{2,24}(?![a-z])")


def lookalike_link(text: str) -> tuple[int, int] | None:
    """The span of the first web address that borrows agency words off a government site."""
    if _DOT_TLD.search(text) is None or _AGENCY_WORDS.search(text) is None:
        return None  # no address, or none of the words a look-alike borrows
    for match in find_all(_LINK, text):
        host = match.group(1)
        if host.endswith(_OFFICIAL_SUFFIXES):
            continue
        if _AGENCY_WORDS.search(host):
            return match.span()
    return None


class ScamClassifier(Classifier):
    """Two or more scam pieces, and no warning framing."""

    name = "scam"
    category = Category.SCAM

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._pieces = {
            "contact": PhraseMatcher(terms("scam", "contact")),
            "channel": PhraseMatcher(terms("scam", "channels")),
            "offer": PhraseMatcher(terms("scam", "offer")),
            "impersonation": PhraseMatcher(terms("scam", "impersonation")),
        }
        self._suppress = PhraseMatcher(terms("scam", "suppress"))
        self._anchors = frozenset().union(*(m.anchors for m in self._pieces.values()))
        self.triggers = self._anchors

    def gate(self, st: ScanText) -> bool:
        """Pieces of at least two kinds could be present (one piece is never a scam)."""
        if not st.any_of(self._anchors):
            return False
        kinds = 0
        for matcher in self._pieces.values():
            if st.any_of(matcher.anchors):
                kinds += 1
                if kinds == 2:
                    return True
        # One kind: a look-alike link would be the second (looked for only now: it is dearer).
        return kinds == 1 and lookalike_link(st.fold) is not None

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """A signal spanning the pieces when two kinds are present without a warning."""
        hits: dict[str, tuple[str, int, int]] = {}
        for kind, matcher in self._pieces.items():
            if matcher.present(st):
                hit = min(matcher.finditer(st), key=lambda h: h[1], default=None)
                if hit is not None:
                    hits[kind] = hit
        link = lookalike_link(st.fold)
        if link is not None:
            hits["lookalike_link"] = ("look-alike link", *link)
        if len(hits) < 2:
            return
        if self._suppress.present(st) and self._suppress.first(st) is not None:
            return
        start = min(h[1] for h in hits.values())
        end = max(h[2] for h in hits.values())
        rule = "+".join(sorted(hits))
        score = 0.9 if hits.keys() & {"impersonation", "offer", "lookalike_link"} else 0.75
        out.append(self.signal(score, rule, ", ".join(h[0] for h in hits.values()), start, end))
