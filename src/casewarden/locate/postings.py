"""Posting addresses a lead may not come from: private messaging areas and groups.

A posting in a group is refused whatever the caseworker attests: a group's address
cannot show whether the group is public, and reading one may take joining it. An
address is read the way a browser reads it, so that a disguise changes nothing: the
host's case, a trailing dot, full-width letters and percent escapes; the short domains
(``fb.com``); the mobile and basic sites (``m.``, ``mbasic.``, ``web.``); the path's
case, escapes, backslashes, doubled slashes and dot segments; a ``#!/`` fragment; and
an address carried inside the query string (a link shim's ``u=``, a login's ``next=``).
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

#: Short and old domains, read as the platform's own.
_ALIASES = {
    "fb.com": "facebook.com",
    "fb.me": "facebook.com",
    "fb.watch": "facebook.com",
    "facebook.net": "facebook.com",
    "twitter.com": "x.com",
    "telegram.me": "t.me",
    "discordapp.com": "discord.com",
    "instagr.am": "instagram.com",
    "lnkd.in": "linkedin.com",
}
#: An address inside an address is followed this deep, and no deeper.
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Address:
    """An address as a browser would read it: canonical host, plain lower-case path, query."""

    host: str
    path: str
    query: tuple[tuple[str, str], ...]

    @property
    def segments(self) -> tuple[str, ...]:
        """The path's segments, without empty ones."""
        return tuple(s for s in self.path.split("/") if s)

    def on(self, domain: str) -> bool:
        """True when the host is ``domain`` or one of its subdomains (m., mbasic., web. …)."""
        return self.host == domain or self.host.endswith("." + domain)


def _unescaped(text: str) -> str:
    # Escapes can be escaped again (%2567 is %67 is g); a few rounds undo any real link.
    for _ in range(_MAX_DEPTH):
        plain = unquote(text)
        if plain == text:
            break
        text = plain
    return text


def _host(raw: str) -> str:
    host = unicodedata.normalize("NFKC", _unescaped(raw)).lower().rstrip(".")
    host = host.removeprefix("www.")
    for alias, canonical in _ALIASES.items():
        if host == alias or host.endswith("." + alias):
            return host.removesuffix(alias) + canonical
    return host


def _path(raw: str) -> str:
    path = unicodedata.normalize("NFKC", _unescaped(raw)).lower().replace("\\", "/")
    return posixpath.normpath("/" + path.lstrip("/")) if path.strip("/") else "/"


def _addresses(url: str, depth: int = 0) -> Iterator[Address]:
    """The address, and every address it carries (in its fragment or its query string)."""
    if depth > _MAX_DEPTH:
        return
    parts = urlsplit(url.strip().replace("\\", "/"))
    host = _host(parts.hostname or "")
    query = tuple(parse_qsl(parts.query, keep_blank_values=True))
    yield Address(host=host, path=_path(parts.path), query=query)
    fragment = _unescaped(parts.fragment)
    if fragment.startswith(("!", "/")):
        # The old "#!/groups/…" addresses: the fragment is the real path.
        yield from _addresses(f"https://{host}/{fragment.lstrip('!/')}", depth + 1)
    for _, value in query:
        value = _unescaped(value).strip()
        if value.startswith("//"):
            value = "https:" + value
        if value.lower().startswith(("http://", "https://")):
            yield from _addresses(value, depth + 1)
        elif value.startswith("/"):
            # A relative address (a login's next=/groups/…) is on the same site.
            yield from _addresses(f"https://{host}{value}", depth + 1)


def _facebook_group(a: Address) -> bool:
    if not a.on("facebook.com"):
        return False
    segments = a.segments
    keys = {key.lower() for key, _ in a.query}
    return (
        "groups" in segments
        or "group.php" in segments
        or segments[:2] == ("share", "g")
        or bool(keys & {"group_id", "groupid", "gid"})
    )


def _first(domain: str, *names: str) -> Callable[[Address], bool]:
    return lambda a: a.on(domain) and bool(a.segments) and a.segments[0] in names


def _whole(domain: str) -> Callable[[Address], bool]:
    return lambda a: a.on(domain)


#: One test per platform's group address.
_GROUPS: tuple[Callable[[Address], bool], ...] = (
    _facebook_group,
    _first("linkedin.com", "groups", "groups.php"),
    lambda a: a.on("x.com") and "communities" in a.segments,
    _whole("chat.whatsapp.com"),
    lambda a: a.on("t.me") and bool(a.segments) and a.segments[0].startswith(("joinchat", "+")),
    _whole("discord.gg"),
    _first("discord.com", "invite", "channels"),
    _whole("groups.google.com"),
    _whole("groups.yahoo.com"),
    _whole("groups.io"),
    _first("mewe.com", "group", "join"),
)

#: Private messaging areas: content there is never a public posting.
_PRIVATE: tuple[Callable[[Address], bool], ...] = (
    _whole("messenger.com"),
    _first("facebook.com", "messages", "messenger"),
    _first("instagram.com", "direct"),
    _first("x.com", "messages"),
    lambda a: a.on("x.com") and a.segments[:2] == ("i", "chat"),
    _first("linkedin.com", "messaging"),
    _whole("web.whatsapp.com"),
    _whole("wa.me"),
    _first("tiktok.com", "messages"),
    _first("reddit.com", "chat", "message"),
)


def _matches(url: str, tests: tuple[Callable[[Address], bool], ...]) -> bool:
    return any(test(a) for a in _addresses(url) for test in tests)


def is_group_address(url: str) -> bool:
    """True for the address of a group, or of a posting in one, on any platform."""
    return _matches(url, _GROUPS)


def is_private_area(url: str) -> bool:
    """True for addresses of the platforms' private messaging areas."""
    return _matches(url, _PRIVATE)
