"""Profile addresses: a social-media profile's address names its owner
("facebook.com/shoua.fang.90", "instagram[dot]com/x")."""

from __future__ import annotations

from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizers.person.shared import AGENCY_HANDLE, Sightings
from casewarden.detect.text import ScanText, find_all

# On the folded text; the owner is the path's first part.
_PROFILE_LINK = regex(
    r"(?<![a-z0-9])(?:facebook|fb|instagram|tiktok|twitter|threads)[ \t]*"
    r"(?:\.|\[dot\]|\(dot\)|[ \t]dot[ \t])[ \t]*(?:com|net)/@?([a-z0-9][a-z0-9._-]{2,49})"
)
_NOT_PROFILES = frozenset(
    {"groups", "pages", "events", "watch", "share", "reel", "reels", "photo", "photos", "p",
     "profile.php", "story.php", "marketplace", "help", "login", "explore", "stories"}
)  # fmt: skip


def find_profile_links(st: ScanText, sightings: Sightings) -> None:
    """Record the owner's part of each profile address (not the agency's own)."""
    for match in find_all(_PROFILE_LINK, st.fold):
        handle = match.group(1).rstrip("._-")
        if handle in _NOT_PROFILES or AGENCY_HANDLE.search(handle):
            continue
        if not any(c.isalpha() for c in handle):
            continue  # a page's number ("facebook.com/104723") names nobody
        start = match.start(1)
        sightings.add_if_free(start, start + len(handle), score=0.8, pattern="profile_link")
