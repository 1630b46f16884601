"""Why a comment is hidden: categories mapped to their legal ground and citation."""

from __future__ import annotations

from collections.abc import Iterable

from casewarden.policy.citations import COMMENT_POLICY, FC_17212

#: Disclosures of protected information or case facts: confidential by statute.
DISCLOSURE = frozenset({"pii", "case_details"})
#: Content the published, viewpoint-neutral comment policy removes.
OFFENSIVE = frozenset({"profanity", "threat", "harassment", "scam"})


def citation_for(categories: Iterable[str]) -> str:
    """The citation for hiding a comment with these categories."""
    found = set(categories)
    parts = []
    if found & DISCLOSURE:
        parts.append(FC_17212)
    if found & OFFENSIVE:
        parts.append(COMMENT_POLICY)
    return "; ".join(parts) or COMMENT_POLICY


def retention_class(categories: Iterable[str], hidden: bool) -> str:
    """Which retention period applies: disclosures, offensive, or ordinary comments."""
    found = set(categories)
    if found & DISCLOSURE:
        return "disclosure"
    if hidden or found & OFFENSIVE:
        return "offensive"
    return "ordinary"
