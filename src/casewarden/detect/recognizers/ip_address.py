"""IP addresses (v4 and v6), confirmed by octet and group rules.

Version strings ("app version 2.1.0.4") are the usual false alarm: a version word right
before the number drops it.
"""

from __future__ import annotations

import re
from typing import ClassVar

from casewarden.detect import validators
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Pattern, PatternRecognizer, Verdict
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText

_VERSION = regex(word_start("version|ver|v|build|release|update|firmware") + r"\.?\s*$")


class IpAddressRecognizer(PatternRecognizer):
    """Dotted-quad IPv4 and colon-hex IPv6."""

    name = "ip_address"
    entity = EntityType.IP_ADDRESS
    patterns: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            name="ipv4",
            regex=r"[0-9](?<![0-9.][0-9])[0-9]{0,2}\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}(?![0-9]|\.[0-9])",
            score=0.75,
            context_score=0.95,
        ),
        # One character class, so the engine has a single way to match a run; the lookahead
        # asks for two colons before any work is done on ordinary hex-looking words.
        Pattern(
            name="ipv6",
            regex=r"(?<![0-9a-z:])(?=[0-9a-f]{0,4}:[0-9a-f]{0,4}:)[0-9a-f:]{3,39}(?![0-9a-z:])",
            score=0.8,
            context_score=0.95,
        ),
    )

    def gate(self, st: ScanText) -> bool:
        """Digits and a dot or colon."""
        return st.has_digit and ("." in st.text or ":" in st.text)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """IPv4 only when there are dots, IPv6 only when there are two colons."""
        if st.text.count(".") >= 3 and st.digit_count()[0] >= 4:
            super().analyze_patterns(st, out, ("ipv4",))
        if st.text.count(":") >= 2:
            super().analyze_patterns(st, out, ("ipv6",))

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Octets 0-255 / a parseable IPv6 address; not after a version word."""
        value = match.group()
        if pattern.name == "ipv6":
            if value.count(":") < 2 or not validators.ipv6_ok(value):
                return None
            return Verdict(score=pattern.score, validator=validators.IPV6)
        if not validators.ipv4_ok(value):
            return None
        start = match.start()
        if _VERSION.search(st.fold, max(0, start - 12), start):
            return None
        return Verdict(score=pattern.score, validator=validators.IPV4)
