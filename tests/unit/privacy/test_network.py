"""IP truncation, domain shortening and referring sites."""

from __future__ import annotations

import pytest

from casewarden.privacy import network


@pytest.mark.parametrize(
    ("given", "full", "truncated"),
    [
        ("203.0.113.9", "203.0.113.9", "203.0.113.0/24"),
        ("203.0.113.255", "203.0.113.255", "203.0.113.0/24"),
        ("10.1.2.3", "10.1.2.3", "10.1.2.0/24"),
        ("2001:db8:abcd:1234::1", "2001:db8:abcd:1234::1", "2001:db8:abcd::/48"),
        ("2001:DB8:ABCD:ffff:1:2:3:4", "2001:db8:abcd:ffff:1:2:3:4", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.7", "198.51.100.7", "198.51.100.0/24"),  # IPv4-mapped
        ("fe80::1%eth0", "fe80::1", "fe80::/48"),  # zone id dropped
        (" 198.51.100.7 ", "198.51.100.7", "198.51.100.0/24"),
        ("testclient", None, network.UNKNOWN_NETWORK),
        ("", None, network.UNKNOWN_NETWORK),
        (None, None, network.UNKNOWN_NETWORK),
        ("999.1.1.1", None, network.UNKNOWN_NETWORK),
        ("1.2.3", None, network.UNKNOWN_NETWORK),
        ("1" * 200, None, network.UNKNOWN_NETWORK),
    ],
)
def test_addresses_are_kept_whole_and_truncated(
    given: str | None, full: str | None, truncated: str
) -> None:
    assert network.normalize(given) == (full, truncated)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("203.0.113.9", "203.0.113.0/24"),
        ("0.0.0.0", "0.0.0.0/24"),  # noqa: S104 - an address to truncate, not to bind
        ("255.255.255.255", "255.255.255.0/24"),
        ("256.1.1.1", None),
        ("01.2.3.4", None),  # leading zero: octal in some parsers
        ("1.2.3", None),
        ("1.2.3.4.5", None),
        ("a.b.c.d", None),
        ("١.٢.٣.٤", None),  # Arabic-Indic digits are digits to isdigit(), not to us
        ("2001:db8::1", None),
        ("", None),
    ],
)
def test_fast_ipv4_truncation_agrees_with_the_library(given: str, expected: str | None) -> None:
    assert network.truncate_ipv4_fast(given) == expected
    if expected is not None:
        assert network.normalize(given)[1] == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("c-73-22-11-5.hsd1.ca.comcast.net", "comcast.net"),
        ("host-1-2-3-4.example.co.uk", "example.co.uk"),
        ("example.org", "example.org"),
        ("EXAMPLE.ORG.", "example.org"),
        ("localhost", "localhost"),
        ("", None),
        (None, None),
        ("bad name.example.org", None),
        ("<script>.example.org", None),
    ],
)
def test_domains_keep_only_their_last_labels(name: str | None, expected: str | None) -> None:
    assert network.short_domain(name) == expected


OWN = frozenset({"portal.example.gov"})


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("https://www.google.com/", "www.google.com"),
        ("https://www.google.com/search?q=my+case+number+123", "www.google.com"),
        ("http://Example.ORG:8080/path?x=1#frag", "example.org"),
        ("https://portal.example.gov/forms", None),  # our own site is not a referrer
        ("android-app://com.google.android.gm/", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("-", None),
        ("", None),
        ("https://", None),
        ("https://exa mple.org/", None),
        ("https://" + "a" * 300 + ".org/", None),
        ("https://[::1]/", None),
        ("http://[not-ipv6/", None),
        ("x" * 5000, None),
    ],
)
def test_referring_site_is_a_host_name_only(referer: str, expected: str | None) -> None:
    assert network.referring_site(referer, OWN) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://childsupport.ca.gov/", "https://childsupport.ca.gov/"),
        ("https://example.org/a/b?token=secret#x", "https://example.org/a/b"),
    ],
)
def test_destinations_lose_query_and_fragment(url: str, expected: str) -> None:
    assert network.site_of(url) == expected
