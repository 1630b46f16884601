"""Browser family and operating system from a user-agent string; the string itself is never kept.

The parsing is ua-parser's (the maintained uap-core regexes, shipped offline in
``ua-parser-builtins``; the Rust resolver ``ua-parser-rs`` when installed makes an
unseen string cost ~20 µs instead of ~1 ms). Only the *family* is kept ("Firefox",
"Windows"), never versions or device models, which would narrow a visitor down.
"""

from __future__ import annotations

from functools import lru_cache

import ua_parser
from ua_parser import Domain

OTHER = "Other"
#: Longer strings are cut before parsing: real browsers send < 400 characters, and a
#: 100 KB header must not cost regex time.
MAX_USER_AGENT = 512
_FAMILY_LENGTH = 50


@lru_cache(maxsize=1)
def _parser() -> ua_parser.Parser:
    return ua_parser.parser


@lru_cache(maxsize=16384)
def browser_and_os(user_agent: str | None) -> tuple[str, str]:
    """("Firefox", "Linux"), or "Other" for what cannot be told."""
    if not user_agent:
        return OTHER, OTHER
    result = _parser()(user_agent[:MAX_USER_AGENT], Domain.USER_AGENT | Domain.OS)
    browser = result.user_agent.family if result.user_agent else OTHER
    system = result.os.family if result.os else OTHER
    return (browser or OTHER)[:_FAMILY_LENGTH], (system or OTHER)[:_FAMILY_LENGTH]
