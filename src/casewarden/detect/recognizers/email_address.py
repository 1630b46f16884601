"""Email addresses, confirmed by an RFC 5321/5322 syntax check.

Runs only when the comment contains "@", or "at" and "dot" as words (an address spelled out).
The agency's own addresses and domains are dropped by the engine from its configuration.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.config import DetectorConfig
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, find_all

_AT = r"(?:[ \t]*(?:\[at\]|\(at\))[ \t]*|[ \t]+at[ \t]+)"
_DOT = r"(?:[ \t]*(?:\[dot\]|\(dot\))[ \t]*|[ \t]+dot[ \t]+)"
_TLD = r"(?:com|net|org|edu|gov|us|mx)"
_LOCAL_MAX = 64  # the longest local part the patterns read (RFC 5321)
_SPELLED_AT = regex(_AT)
_SPELLED_DOT = regex(_DOT)


class EmailAddressRecognizer(PatternRecognizer):
    """``local@domain.tld`` with bounded parts (linear time), then a syntax validator."""

    name = "email_address"
    entity = EntityType.EMAIL_ADDRESS
    needs_digit = False
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="email",
            regex=r"(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,"
            + str(_LOCAL_MAX)
            + r"}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}"
            r"(?![a-z0-9-])",
            score=0.9,
            context_score=1.0,
        ),
        # Spelled out so that scrapers miss it: "paj.xyooj94 at gmail dot com",
        # "juan[at]yahoo[dot]com". The "at" and at least one "dot" are words, and the address
        # ends with a common top-level domain, so prose ("look at the site dot com") is not one.
        Pattern(
            name="email_spelled_out",
            regex=r"(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,"
            + str(_LOCAL_MAX)
            + "}"
            + _AT
            + r"[a-z0-9-]{1,63}"
            r"(?:(?:" + _DOT + r"|\.)[a-z0-9-]{1,63}){0,3}" + _DOT + _TLD + r"(?![a-z0-9-])",
            score=0.85,
            context_score=1.0,
        ),
    )

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        # The written-address pattern, by name: what ``analyze`` runs alone.
        (self._written,) = [(p, c) for p, c in self._compiled if p.name == "email"]

    def gate(self, st: ScanText) -> bool:
        """Only comments with an at sign, or with "at" and "dot" as words."""
        return "@" in st.text or ("dot" in st.tokset and "at" in st.tokset)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """As every pattern recognizer; without the words of a spelled-out address, only the
        written one can match, and it starts at most ``_LOCAL_MAX`` characters before its
        "@": the text before that is not searched (the combined regex has no literal to skip
        to, and is tried at every place of it otherwise)."""
        if "dot" in st.tokset and "at" in st.tokset:
            super().analyze(st, out)
            return
        fold = st.fold
        at = fold.find("@")
        if at < 0:
            return
        pattern, compiled = self._written
        for match in find_all(compiled, fold, max(0, at - _LOCAL_MAX)):
            self._consider(st, match, pattern, out)

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Drop strings that only look like addresses (double dots, bad labels, no TLD)."""
        value = match.group()
        if pattern.name == "email_spelled_out":
            value = _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", value, count=1))
        if not validators.email_ok(value):
            return None
        return Verdict(score=pattern.score, validator=validators.EMAIL)
