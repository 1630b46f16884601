"""The outbound guard: what staff write is checked before anything is published.

It refuses protected or case information (the detection engine), case-specific
answers, offensive wording, links to individuals' social-media profiles, and tagging
or @-mentioning people. Every issue names the policy rule and its citation, with the
offsets so the console can mark the words.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from casewarden.moderation.interfaces import Scanner
from casewarden.policy.rules import DEFAULT, RULES

MAX_LENGTH = 5000

_RULE = {rule.id: rule for rule in (*RULES, DEFAULT)}

# Bounded quantifiers only: the guard runs on whatever a person pastes.
_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"']{1,2048}|\b(?:[a-z0-9-]{1,63}\.)+(?:com|me|am|net|gg)/[^\s<>\"']{1,2048}"
)
_MENTION = re.compile(r"(?<![\w.@/])@(?:\[\d{1,30}:[^\]]{0,100}\]|[A-Za-z0-9_][A-Za-z0-9_.]{1,29})")
_SOCIAL_HOSTS = (
    "facebook.com",
    "fb.com",
    "fb.me",
    "fb.watch",
    "messenger.com",
    "m.me",
    "instagram.com",
    "instagr.am",
    "threads.net",
    "twitter.com",
    "x.com",
    "tiktok.com",
    "linkedin.com",
    "snapchat.com",
    "pinterest.com",
    "reddit.com",
    "nextdoor.com",
    "youtube.com",
    "wa.me",
    "whatsapp.com",
    "t.me",
    "telegram.me",
    "signal.me",
)
_OFFENSIVE = frozenset({"profanity", "threat", "harassment", "scam"})


class IssueKind(StrEnum):
    """What the guard found wrong with a text."""

    PROTECTED = "protected_information"
    CASE_SPECIFIC = "case_specific"
    OFFENSIVE = "offensive"
    PROFILE_LINK = "profile_link"
    MENTION = "mention"
    LENGTH = "length"


_RULE_OF = {
    IssueKind.PROTECTED: "general-terms-only",
    IssueKind.CASE_SPECIFIC: "general-terms-only",
    IssueKind.OFFENSIVE: "general-terms-only",
    IssueKind.PROFILE_LINK: "no-following-or-linking",
    IssueKind.MENTION: "no-following-or-linking",
    IssueKind.LENGTH: "general-terms-only",
}


@dataclass(frozen=True, slots=True)
class GuardIssue:
    """One reason the text may not be published, where it is, and the rule behind it."""

    kind: IssueKind
    start: int
    end: int
    detail: str

    @property
    def rule(self) -> str:
        """The policy rule that forbids it."""
        return _RULE_OF[self.kind]

    @property
    def sentence(self) -> str:
        """The rule in words, with its citation."""
        rule = _RULE[self.rule]
        return f"{rule.sentence} ({rule.citation})"


@dataclass
class GuardReport:
    """Everything the guard found; publishable when empty."""

    issues: list[GuardIssue] = field(default_factory=list)
    discloses_protected: bool = False
    case_specific: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing stands in the way."""
        return not self.issues

    def first_rule(self) -> str:
        """The rule of the first issue (for the policy question)."""
        return self.issues[0].rule if self.issues else ""


def _is_social_profile(url: str, own_pages: Collection[str]) -> bool:
    target = url if "://" in url else "https://" + url
    parts = urlsplit(target)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if not any(host == social or host.endswith("." + social) for social in _SOCIAL_HOSTS):
        return False
    path = parts.path.strip("/")
    # The agency's own registered pages may be linked; anything else on a social
    # network may be a person's profile, which the policy forbids linking to.
    first = path.split("/", 1)[0] if path else ""
    return not (first and first in own_pages) and not (not path and not parts.query)


def check(text: str, *, scanner: Scanner, own_pages: Collection[str] = ()) -> GuardReport:
    """Check staff text before it is saved or published."""
    report = GuardReport()
    if not text.strip() or len(text) > MAX_LENGTH:
        report.issues.append(GuardIssue(IssueKind.LENGTH, 0, 0, f"1-{MAX_LENGTH} characters"))
        return report
    scan = scanner.scan(text)
    categories = {str(c) for c in scan.categories}
    for finding in scan.findings:
        report.issues.append(
            GuardIssue(IssueKind.PROTECTED, finding.start, finding.end, str(finding.type))
        )
    if categories & {"pii", "case_details"} and not scan.findings:
        report.issues.append(GuardIssue(IssueKind.PROTECTED, 0, 0, "case_details"))
    report.discloses_protected = bool(scan.findings) or bool(categories & {"pii", "case_details"})
    if categories & _OFFENSIVE:
        report.issues.append(
            GuardIssue(IssueKind.OFFENSIVE, 0, 0, ",".join(sorted(categories & _OFFENSIVE)))
        )
    if scan.case_specific:
        report.case_specific = True
        report.issues.append(GuardIssue(IssueKind.CASE_SPECIFIC, 0, 0, "case_specific"))
    for match in _URL.finditer(text):
        if _is_social_profile(match.group(0), own_pages):
            report.issues.append(
                GuardIssue(IssueKind.PROFILE_LINK, match.start(), match.end(), "link")
            )
    for match in _MENTION.finditer(text):
        report.issues.append(GuardIssue(IssueKind.MENTION, match.start(), match.end(), "mention"))
    report.issues.sort(key=lambda issue: (issue.start, issue.kind))
    return report
