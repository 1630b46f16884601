"""Why a comment is hidden: categories mapped to their legal ground and citation."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from casewarden.audit.event import Subject
from casewarden.policy.citations import COMMENT_POLICY, FC_17212
from casewarden.policy.vocabulary import Purpose

#: Every audit entry about moderating a comment: the comment is the subject.
MODERATED_COMMENT = Subject(type="comment", purpose=str(Purpose.PAGE_MODERATION))
#: Disclosures of protected information or case facts: confidential by statute (rule 1).
DISCLOSURE = frozenset({"pii", "case_details"})
#: Content the published, viewpoint-neutral comment policy removes (rule 2).
OFFENSIVE = frozenset({"profanity", "threat", "harassment", "scam"})


class PublishedRule(StrEnum):
    """A rule of the published comment policy a person names to hide or delete by hand.

    The values are the category codes the engine uses, so a comment hidden by hand under a
    rule is filtered, restored and released exactly like one the engine hid for it.
    """

    PERSONAL_INFORMATION = "pii"
    CASE_DETAILS = "case_details"
    PROFANITY = "profanity"
    THREAT = "threat"
    HARASSMENT = "harassment"
    SCAM = "scam"


def published_rule(value: str | None) -> PublishedRule | None:
    """The rule named by ``value``, or None when it names none."""
    try:
        return PublishedRule(value) if value else None
    except ValueError:
        return None


def is_disclosure(categories: Iterable[str]) -> bool:
    """Whether a comment with these categories was hidden under rule 1 (a disclosure)."""
    return bool(set(categories) & DISCLOSURE)


def citation_for(categories: Iterable[str]) -> str:
    """The citation for hiding a comment with these categories."""
    found = set(categories)
    parts = []
    if found & DISCLOSURE:
        parts.append(FC_17212)
    if found & OFFENSIVE:
        parts.append(COMMENT_POLICY)
    return "; ".join(parts) or COMMENT_POLICY


def retention_class(categories: Iterable[str], *, hidden: bool) -> str:
    """Which retention period applies: disclosures, offensive, or ordinary comments."""
    found = set(categories)
    if found & DISCLOSURE:
        return "disclosure"
    if hidden or found & OFFENSIVE:
        return "offensive"
    return "ordinary"
