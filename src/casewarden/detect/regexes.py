"""Building regexes that Python's engine can scan quickly.

``re`` searches fast only when a pattern begins with a literal or a character class: it then
skips in C to the characters a match can start with. A pattern that begins with anything
else — a look-behind such as ``(?<![a-z])``, a look-ahead, an optional group, or an
alternation whose branches do not all begin with a literal — is tried in full at every
position of the comment, several times slower. The engine's word alternations are written
the natural way, ``(?<![a-z])(?:case|caso|docket)``, and :func:`word_start` rewrites them
into the fast shape, ``(?:c(?<![a-z]c)(?:ase|aso)|d(?<![a-z]d)ocket)``, which matches exactly
the same text: at any position only the branches starting with that position's character
can match, and they keep their order.
"""

from __future__ import annotations

import re

_QUANTIFIERS = frozenset("?*+{")


def alternatives(source: str) -> list[str]:
    """The top-level ``|`` branches of a regex source (groups and classes kept whole)."""
    branches: list[str] = []
    depth = 0
    start = 0
    index = 0
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            if source[index + 1 : index + 2] == "^":
                index += 1
            if source[index + 1 : index + 2] == "]":
                index += 1  # a "]" first in a class is a literal
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(source[start:index])
            start = index + 1
        index += 1
    if depth or in_class:
        raise ValueError(f"unbalanced regex source: {source!r}")
    branches.append(source[start:])
    return branches


def word_start(source: str, not_after: str = "a-z") -> str:
    """``(?<![not_after])(?:source)`` with each branch led by its first literal character.

    Every top-level branch of ``source`` must begin with a plain letter, digit or
    apostrophe that no quantifier follows (``"works?"`` is fine, ``"s?he"`` is not);
    branches sharing a first character are grouped, in their original order.
    """
    groups: dict[str, list[str]] = {}
    for branch in alternatives(source):
        first = branch[:1]
        if not (first.isalnum() or first == "'") or branch[1:2] in _QUANTIFIERS:
            raise ValueError(f"branch {branch!r} does not start with a plain literal")
        groups.setdefault(first, []).append(branch[1:])
    parts = []
    for first, rests in groups.items():
        head = re.escape(first)
        guard = f"(?<![{not_after}]{head})"
        body = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
        parts.append(head + guard + body)
    return "(?:" + "|".join(parts) + ")"
