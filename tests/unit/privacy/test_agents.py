"""Browser family and operating system from user-agent strings."""

from __future__ import annotations

import time

import pytest

from casewarden.privacy import agents

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (CHROME_WINDOWS, ("Chrome", "Windows")),
        (SAFARI_IPHONE, ("Mobile Safari", "iOS")),
        (FIREFOX_LINUX, ("Firefox", "Linux")),
        (CHROME_ANDROID, ("Chrome Mobile", "Android")),
        ("curl/8.5.0", ("curl", agents.OTHER)),
        ("", (agents.OTHER, agents.OTHER)),
        (None, (agents.OTHER, agents.OTHER)),
        ("<script>alert(1)</script>", (agents.OTHER, agents.OTHER)),
    ],
)
def test_families_only(user_agent: str | None, expected: tuple[str, str]) -> None:
    assert agents.browser_and_os(user_agent) == expected


def test_versions_and_devices_are_never_kept() -> None:
    browser, system = agents.browser_and_os(CHROME_ANDROID)
    assert not any(char.isdigit() for char in browser + system)
    assert "Pixel" not in browser + system


def test_a_huge_header_is_cut_before_parsing() -> None:
    agents.browser_and_os.cache_clear()
    started = time.perf_counter()
    result = agents.browser_and_os(FIREFOX_LINUX + " " + "x" * 200_000)
    assert time.perf_counter() - started < 1.0
    assert result == ("Firefox", "Linux")
