"""Scams and impersonation: "message me on WhatsApp and I'll fix your case", fees to speed a
case, people posing as agency staff.

Scam comments combine pieces; one piece alone is ordinary ("I paid with Zelle", "text me
back"). A signal needs two of: a contact request ("DM me", "escríbeme"), an off-platform
channel or payment method (WhatsApp, Cash App, gift cards), an offer to fix, speed up or
erase a case or a fee for it, a claim to work for the agency, or a look-alike link (a web
address that borrows the agency's words, "dcss-case-review.help", but is not a government
site). A warning or question about a scam ("is this a scam?", "someone messaged me
saying...", "cuidado con") is not one.

The word lists read English and Spanish. A comment written mostly in another script
(Chinese, Korean, Russian, Armenian, Punjabi...) or in Vietnamese, whose offer the lists cannot
read, is a scam when it sends readers to a messaging app at a handle, number or link
("儿童抚养费欠款可以减免！Telegram 联系 @LiuAssist"): on an agency's page that is what such a
comment is, unless it warns in its own language ("骗局", "lừa đảo", "사기").
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

# Messaging apps as the caseload's other languages write them, and the Latin names.
_FOREIGN_CHANNEL = regex(
    r"whats ?app|telegram|wechat|weixin|zalo|kakao|viber|line id|signal|微信|電報|电报|飞机|"
    r"카톡|카카오톡|텔레그램|왓츠앱|телеграм|ватсап|вотсап|вайбер|ટેલિગ્રામ|ਵਟਸਐਪ|ਟੈਲੀਗ੍ਰਾਮ"
)
# Where it sends them: an @handle, a run of seven digits or more, or a web address.
_CONTACT_POINT = regex(
    r"@[^\W_][\w.]{2,}|(?:\d[\s.-]?){7,}|(?:https?://|www\.)\S+|\.(?:com|net|me|io)\b"
)
# A warning or question in those languages ("scam", "fraud", "careful", "don't").
_FOREIGN_WARNING = regex(
    r"骗|詐|诈|小心|不要|假的|사기|조심|주의|lừa|cẩn thận|đừng|мошен|обман|осторож|"
    r"խաբ|ਧੋਖ|ਸਾਵਧਾਨ|ระวัง|หลอก"
)
_BEYOND_LATIN_1 = regex(r"[^\x00-\xff]")
# Vietnamese letters English and Spanish never use: a comment with several is Vietnamese.
_VIETNAMESE = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def written_in_other_script(text: str) -> bool:
    """Whether most of a comment's letters are in a script other than Latin, or it is
    Vietnamese: a language the scam word lists do not read."""
    if _BEYOND_LATIN_1.search(text) is None:
        return False  # English and Spanish, accents and all
    latin = other = vietnamese = 0
    for char in text:
        if not char.isalpha():
            continue
        if char <= "\u024f":
            latin += 1
            if char.lower() in _VIETNAMESE:
                vietnamese += 1
        elif "\u1e00" <= char <= "\u1eff":  # Latin with marks: Vietnamese's own block
            latin += 1
            vietnamese += 1
        else:
            other += 1
    return other > latin or vietnamese >= 3


def foreign_channel_offer(text: str) -> tuple[int, int] | None:
    """The span from a messaging app to where it sends readers, in a comment in a language
    the word lists do not read, without a warning in it; or None."""
    low = text.lower()
    channel = _FOREIGN_CHANNEL.search(low)
    if channel is None or not written_in_other_script(text):
        return None
    if _FOREIGN_WARNING.search(low) is not None:
        return None
    contact = _CONTACT_POINT.search(text)
    if contact is None:
        return None
    return min(channel.start(), contact.start()), max(channel.end(), contact.end())


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
        # No trigger words: a comment in a script the lists do not read has none of them.
        self.triggers = None

    def gate(self, st: ScanText) -> bool:
        """Pieces of at least two kinds could be present (one piece is never a scam), or the
        comment is in a language the word lists do not read."""
        if _BEYOND_LATIN_1.search(st.text) is not None and _FOREIGN_CHANNEL.search(st.fold):
            return True  # a messaging app named in a comment beyond Latin-1: classify looks
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
        foreign = foreign_channel_offer(st.text)
        if foreign is not None:
            out.append(self.signal(0.9, "foreign_channel", "messaging app", *foreign))
            return
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
