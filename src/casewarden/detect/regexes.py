"""Building regexes that Python's engine can scan quickly.

``re`` searches fast only when a pattern begins with a literal or a character class: it then
skips in C to the characters a match can start with. A pattern that begins with anything
else — a look-behind such as ``(?<![a-z])``, a look-ahead, an optional group, or an
alternation whose branches do not all begin with a literal — is tried in full at every
position of the comment, several times slower. The engine's word alternations are written
the natural way, ``(?<![a-z])(?:case|caso|docket)``, and :func:`word_start` (or :func:`led`)
rewrites them into the fast shape, ``(?:cas(?<![a-z]cas)(?:e|o)|docket(?<![a-z]docket))``,
which matches exactly the same text: at any position only the branches starting with that
position's character can match, and they keep their order. The look-behind comes after the
letters a group's branches share: inside a word those letters mostly differ from the text's,
and comparing a letter costs the engine far less than entering a look-behind.
"""

from __future__ import annotations

import re

from casewarden.detect.pattern_cache import regex

_QUANTIFIERS = frozenset("?*+{")
_LEADING_GUARD = regex(r"\(\?<!\[([^\]\\]+)\]\)")


def _scan(source: str) -> list[tuple[int, str]]:
    """(position, character) of the structural characters at nesting depth 0 and of every
    parenthesis, skipping escapes and character classes."""
    marks: list[tuple[int, str]] = []
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
        elif char in "()|":
            marks.append((index, char))
        index += 1
    if in_class:
        raise ValueError(f"unbalanced regex source: {source!r}")
    return marks


def alternatives(source: str) -> list[str]:
    """The top-level ``|`` branches of a regex source (groups and classes kept whole)."""
    branches: list[str] = []
    depth = 0
    start = 0
    for index, char in _scan(source):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            branches.append(source[start:index])
            start = index + 1
    if depth:
        raise ValueError(f"unbalanced regex source: {source!r}")
    branches.append(source[start:])
    return branches


def _group_end(source: str) -> int:
    """Index of the parenthesis closing the group that ``source`` starts with."""
    depth = 0
    for index, char in _scan(source):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError(f"unbalanced regex source: {source!r}")


def _expand(branch: str) -> list[str]:
    """A branch that starts with a non-capturing group, distributed over the group's branches
    in order: ``(?:a|b)c`` is ``ac|bc``, and ``(?:a|b)?c`` (greedy) is ``ac|bc|c``."""
    if not branch.startswith("(?:"):
        return [branch]
    close = _group_end(branch)
    inner, rest = branch[3:close], branch[close + 1 :]
    optional = rest[:1] == "?" and rest[1:2] not in _QUANTIFIERS
    if optional:
        rest = rest[1:]
    elif rest[:1] in _QUANTIFIERS:
        raise ValueError(f"branch {branch!r} starts with a repeated group")
    expanded = [part for alternative in alternatives(inner) for part in _expand(alternative + rest)]
    if optional:
        expanded.extend(_expand(rest))
    return expanded


def word_start(source: str, not_after: str = "a-z") -> str:
    """``(?<![not_after])(?:source)`` with each branch led by its first literal character,
    and each group's look-behind after the letters all its branches begin with.

    Every top-level branch of ``source`` must begin with a plain letter, digit or apostrophe
    that no quantifier follows (``"works?"`` is fine, ``"s?he"`` is not), or with a
    non-capturing group of such branches (distributed). Branches sharing a first character
    are grouped, in their original order.
    """
    groups: dict[str, list[str]] = {}
    for branch in (part for top in alternatives(source) for part in _expand(top)):
        first = branch[:1]
        if not (first.isalnum() or first == "'") or branch[1:2] in _QUANTIFIERS:
            raise ValueError(f"branch {branch!r} does not start with a plain literal")
        groups.setdefault(first, []).append(branch[1:])
    parts = []
    for first, rests in groups.items():
        # The look-behind goes after the letters every branch of the group starts with: at a
        # place inside a word the letters after the first one mostly differ, and comparing
        # letters is much cheaper for the regex engine than entering a look-behind.
        common = _common_letters(rests)
        head = re.escape(first + common)
        rests = [rest[len(common) :] for rest in rests]
        body = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
        parts.append(f"{head}(?<![{not_after}]{head}){body}")
    return "(?:" + "|".join(parts) + ")"


def _common_letters(branches: list[str]) -> str:
    """The plain letters, digits and apostrophes every branch starts with, none of them
    followed by a quantifier (so each must be there for the branch to match)."""
    common = ""
    for index, char in enumerate(branches[0]):
        if not (char.isalnum() or char == "'"):
            break
        if any(
            branch[index : index + 1] != char or branch[index + 1 : index + 2] in _QUANTIFIERS
            for branch in branches
        ):
            break
        common += char
    return common


def led(source: str) -> str:
    """``source``, written ``(?<![class])(?:branches)rest`` or ``(?<![class])word...``, with
    the look-behind moved after each branch's leading letters (see :func:`word_start`)."""
    guard = _LEADING_GUARD.match(source)
    if guard is None:
        raise ValueError(f"{source!r} does not start with a negative look-behind class")
    body = source[guard.end() :]
    if body.startswith("(?:"):
        close = _group_end(body)
        if body[close + 1 : close + 2] not in _QUANTIFIERS:
            return word_start(body[3:close], guard.group(1)) + body[close + 1 :]
    if len(alternatives(body)) > 1:
        raise ValueError(f"the look-behind of {source!r} guards only its first branch")
    return word_start(body, guard.group(1))
