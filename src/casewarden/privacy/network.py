"""IP addresses, their truncation, domain names and referring sites.

The privacy policy calls an IP address "electronically collected personal
information". casewarden keeps the full address only for a short window and
stores, from the first moment, the truncated network (IPv4 /24, IPv6 /48) that
statistics use. Domain names are never looked up while a request is served: a
reverse-DNS query there would slow every page and tell the visitor's resolver
operator that they visited; the maintenance job may look them up later
(``privacy_resolve_domains``), and keeps only the last labels of the name,
because names such as ``c-73-22-11-5.hsd1.ca.comcast.net`` spell out the address.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

#: Stored when the client address is missing or not an address (a test client, a broken proxy).
UNKNOWN_NETWORK = "unknown"
IPV4_PREFIX = 24
IPV6_PREFIX = 48

_HOST = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$"
)
# Second-level labels under which registrations happen one level lower (example.co.uk).
_SHARED_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org", "ne", "or"})


def parse_ip(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address in ``text``; IPv4-mapped IPv6 becomes IPv4; anything else is None."""
    if not text or len(text) > 64:
        return None
    address_text = text.strip().split("%", 1)[0]  # a zone id (fe80::1%eth0) is not part of it
    try:
        address = ipaddress.ip_address(address_text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def truncate(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """The address's network: IPv4 to /24, IPv6 to /48, written with its prefix length."""
    prefix = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def normalize(text: str | None) -> tuple[str | None, str]:
    """(the full address in canonical form or None, its truncated network)."""
    address = parse_ip(text)
    if address is None:
        return None, UNKNOWN_NETWORK
    return str(address), truncate(address)


def truncate_ipv4_fast(text: str) -> str | None:
    """The /24 of a dotted-quad IPv4 address, or None when ``text`` is not one.

    Used by the log importer, where ``ipaddress`` would cost more than the rest of the
    line; other forms fall back to :func:`normalize`.
    """
    parts = text.split(".")
    if len(parts) != 4:
        return None
    for part in parts:
        if not part.isdigit() or not part.isascii() or len(part) > 3 or int(part) > 255:
            return None
        if len(part) > 1 and part[0] == "0":
            return None  # leading zeros are ambiguous (octal in some parsers)
    return f"{parts[0]}.{parts[1]}.{parts[2]}.0/24"


def is_host_name(text: str) -> bool:
    """True for a plain DNS host name (lowercase letters, digits, hyphens, dots)."""
    return bool(_HOST.match(text))


def short_domain(name: str | None) -> str | None:
    """The last labels of a reverse-DNS name: enough for statistics, not the address itself."""
    if not name:
        return None
    name = name.strip().rstrip(".").lower()
    if not is_host_name(name):
        return None
    labels = name.split(".")
    if len(labels) <= 2:
        return name
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SHARED_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


@lru_cache(maxsize=65536)
def referring_site(referer: str, own_hosts: frozenset[str] = frozenset()) -> str | None:
    """The host name of the site a visitor came from; None for our own site or junk.

    Only the host is kept: a full referring URL can carry a search query or an
    account page's address, which is more than the policy allows.
    """
    if not referer or len(referer) > 4096 or referer == "-":
        return None
    try:
        parts = urlsplit(referer)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    host = host.rstrip(".")
    if host in own_hosts or not is_host_name(host):
        return None
    return host


def site_of(url: str) -> str:
    """A destination for the record: scheme, host and path, never a query or fragment."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"[:300]
