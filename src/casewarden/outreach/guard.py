"""The outbound guard: what staff write is checked before anything is published.

It refuses protected or case information (the detection engine), case-specific
answers and statements of one person's case facts, offensive wording, invitations to
talk through social-media messages, links to individuals' social-media profiles or
through link shorteners, and tagging or @-mentioning people. Every issue names the
policy rule and its citation, with the offsets so the console can mark the words.

The text is read as the detection engine reads a comment, through
:func:`casewarden.detect.normalize.normalize`: a zero-width space, a look-alike
letter, a full-width "＠" or "facebook[.]com" hide nothing from the guard, and every
span found is mapped back to the characters the writer typed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from casewarden.actor import Actor
from casewarden.detect import Category, DetectorConfig
from casewarden.detect.normalize import Normalized, normalize
from casewarden.moderation.interfaces import Scanner
from casewarden.outreach import speech
from casewarden.policy import Action, PolicyDenied, Purpose, Resource, enforce
from casewarden.policy.rules import DEFAULT, RULES

MAX_LENGTH = 5000

_RULE = {rule.id: rule for rule in (*RULES, DEFAULT)}

# A dot between a link's labels, also when written around filters ("[.]", " dot ").
_SEP = r"(?:\s?\.\s?|\s?[\[({]\s?(?:\.|dot|punto)\s?[\])}]\s?|\s+(?:dot|punto)\s+)"
_TLD = (
    r"(?:com|net|org|gov|edu|us|me|am|gg|ly|co|gl|to|io|in|cc|gd|at|id|be|link|li|info|biz"
    r"|app|page|ws|tv|la|ca|watch|mx|es|ee|sh|su|vu|by|cx|ai|ms|lc|tk|ml|ga|cf|gq)"
)
# Bounded quantifiers only: the guard runs on whatever a person pastes.
_LINK = re.compile(
    rf"(?i)(?<![\w@.])(?:https?\s?:\s?//\s?)?(?:[a-z0-9-]{{1,63}}{_SEP}){{1,4}}{_TLD}\b"
    r"(?P<path>\s?/\s?[^\s<>\"']{0,2048}|/)?"
)
_SPACED_DOT = re.compile(r"\s\.|\.\s")
_SEP_RE = re.compile(_SEP, re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w.@/])@(?:\[\d{1,30}:[^\]]{0,100}\]|\w[\w.]{1,29})")
_SOCIAL_HOSTS = (
    "facebook.com",
    "fb.com",
    "fb.me",
    "fb.watch",
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
)
# A link to one of these opens a private conversation (rule 4), whoever it points at.
_MESSAGING_HOSTS = (
    "messenger.com",
    "m.me",
    "wa.me",
    "whatsapp.com",
    "t.me",
    "telegram.me",
    "telegram.org",
    "signal.me",
    "signal.group",
    "viber.com",
)
# Their target cannot be checked, so a profile (or a private chat) can hide behind them.
_SHORTENERS = (
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "buff.ly",
    "is.gd",
    "v.gd",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "tiny.cc",
    "lnkd.in",
    "t.ly",
    "s.id",
    "bl.ink",
    "short.io",
    "tiny.one",
    "shorte.st",
    "adf.ly",
    "qr.net",
    "soo.gd",
    "clck.ru",
)
_TRAINED = "comment_model"
_OFFENSIVE = frozenset({Category.PROFANITY, Category.THREAT, Category.HARASSMENT, Category.SCAM})
_PROTECTED = frozenset({Category.PII, Category.CASE_DETAILS})


class IssueKind(StrEnum):
    """What the guard found wrong with a text."""

    PROTECTED = "protected_information"
    CASE_SPECIFIC = "case_specific"
    CASE_FACT = "case_fact"
    OFFENSIVE = "offensive"
    PRIVATE_CHANNEL = "private_channel"
    PROFILE_LINK = "profile_link"
    SHORTENED_LINK = "shortened_link"
    MENTION = "mention"
    LENGTH = "length"


_RULE_OF = {
    IssueKind.PROTECTED: "general-terms-only",
    IssueKind.CASE_SPECIFIC: "general-terms-only",
    IssueKind.CASE_FACT: "general-terms-only",
    IssueKind.OFFENSIVE: "general-terms-only",
    IssueKind.PRIVATE_CHANNEL: "no-private-messaging",
    IssueKind.PROFILE_LINK: "no-following-or-linking",
    IssueKind.SHORTENED_LINK: "no-following-or-linking",
    IssueKind.MENTION: "no-following-or-linking",
    IssueKind.LENGTH: "general-terms-only",
}


@dataclass(frozen=True, slots=True, kw_only=True)
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


def _on(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == known or host.endswith("." + known) for known in hosts)


def _link_issue(
    normalized: Normalized, match: re.Match[str], own_pages: Collection[str]
) -> GuardIssue | None:
    """What is wrong with one link, read with its disguise undone; None when nothing."""
    written = match.group(0)
    path = match.group("path") or ""
    if path and _SPACED_DOT.search(written) is None:
        path = path.rstrip(".,;:!?)]}'\"")
    # A dot with spaces around it is a sentence's end as often as a link's: only with a path.
    if not path and _SPACED_DOT.search(written[: len(written) - len(path)]):
        return None
    canonical = _SEP_RE.sub(".", written[: len(written) - len(match.group("path") or "")])
    canonical = re.sub(r"\s+", "", canonical).lower() + re.sub(r"\s+", "", path)
    parts = urlsplit(canonical if "://" in canonical else "https://" + canonical)
    host = (parts.hostname or "").removeprefix("www.")
    start, end = normalized.original_span(match.start(), match.start() + len(written))
    original = normalized.original[start:end]
    if _on(host, _SHORTENERS):
        return GuardIssue(
            kind=IssueKind.SHORTENED_LINK, start=start, end=end, detail="link shortener"
        )
    if _on(host, _MESSAGING_HOSTS):
        return GuardIssue(
            kind=IssueKind.PRIVATE_CHANNEL, start=start, end=end, detail="messaging link"
        )
    if not _on(host, _SOCIAL_HOSTS):
        return None
    if re.sub(r"\s+", "", original).lower().rstrip(".,;:!?)]}'\"") != canonical.rstrip(
        ".,;:!?)]}'\""
    ):
        # Nobody disguises a link to the agency's own page; a disguised one hides its target.
        return GuardIssue(
            kind=IssueKind.PROFILE_LINK, start=start, end=end, detail="disguised link"
        )
    first = parts.path.strip("/").split("/", 1)[0]
    # The agency's own registered pages may be linked; anything else on a social
    # network may be a person's profile, which the policy forbids linking to.
    if (first and first in own_pages) or (not first and not parts.query):
        return None
    return GuardIssue(kind=IssueKind.PROFILE_LINK, start=start, end=end, detail="link")


def agency_contacts(scanner: Scanner) -> tuple[str, ...]:
    """The agency's own public numbers, addresses and emails, from the detection
    configuration (naming them names the agency's own channels)."""
    config = getattr(scanner, "config", None)
    if not isinstance(config, DetectorConfig):
        return ()
    street = tuple(address.split(",")[0] for address in config.public_addresses)
    return tuple(
        speech.fold(contact.strip())
        for contact in (
            *config.public_phone_numbers,
            *street,
            *config.public_emails,
            *config.public_email_domains,
        )
        if contact.strip()
    )


def _only_trained_scam(scan: object) -> bool:
    signals = [s for s in getattr(scan, "signals", ()) if s.category == Category.SCAM]
    return bool(signals) and all(s.classifier == _TRAINED for s in signals)


def _issue(normalized: Normalized, kind: IssueKind, span: speech.Span) -> GuardIssue:
    start, end = normalized.original_span(span.start, span.end)
    return GuardIssue(kind=kind, start=start, end=end, detail=span.detail)


def check(text: str, *, scanner: Scanner, own_pages: Collection[str] = ()) -> GuardReport:
    """Check staff text before it is saved or published."""
    report = GuardReport()
    if not text.strip() or len(text) > MAX_LENGTH:
        report.issues.append(
            GuardIssue(kind=IssueKind.LENGTH, start=0, end=0, detail=f"1-{MAX_LENGTH} characters")
        )
        return report
    scan = scanner.scan(text)
    categories = {str(c) for c in scan.categories}
    for finding in scan.findings:
        report.issues.append(
            GuardIssue(
                kind=IssueKind.PROTECTED,
                start=finding.start,
                end=finding.end,
                detail=str(finding.type),
            )
        )
    if categories & _PROTECTED and not scan.findings:
        report.issues.append(
            GuardIssue(kind=IssueKind.PROTECTED, start=0, end=0, detail="case_details")
        )
    report.discloses_protected = bool(scan.findings) or bool(categories & _PROTECTED)
    offensive = categories & _OFFENSIVE
    if Category.SCAM in offensive and _only_trained_scam(scan):
        # The comment classifier learnt "contact us privately" from impersonators on the
        # page; said by the agency itself it is the real thing. Rule 4 is checked below.
        offensive.discard(Category.SCAM)
    if offensive:
        report.issues.append(
            GuardIssue(kind=IssueKind.OFFENSIVE, start=0, end=0, detail=",".join(sorted(offensive)))
        )
    if scan.case_specific:
        report.case_specific = True
        report.issues.append(
            GuardIssue(kind=IssueKind.CASE_SPECIFIC, start=0, end=0, detail="case_specific")
        )
    # Everything below reads the text with its disguise undone, as the engine does.
    normalized = normalize(text)
    read = normalized.text
    facts = speech.case_facts(read)
    if facts:
        report.case_specific = True
    report.issues.extend(_issue(normalized, IssueKind.CASE_FACT, span) for span in facts)
    report.issues.extend(
        _issue(normalized, IssueKind.PRIVATE_CHANNEL, span)
        for span in speech.private_invitations(read, agency_contacts=agency_contacts(scanner))
    )
    for match in _LINK.finditer(read):
        issue = _link_issue(normalized, match, own_pages)
        if issue is not None:
            report.issues.append(issue)
    for match in _MENTION.finditer(read):
        start, end = normalized.original_span(match.start(), match.end())
        report.issues.append(
            GuardIssue(kind=IssueKind.MENTION, start=start, end=end, detail="mention")
        )
    report.issues.sort(key=lambda issue: (issue.start, issue.kind))
    return report


class GuardRefused(PolicyDenied):
    """The outbound guard found something the policy forbids; ``report`` says what and where."""

    def __init__(self, denied: PolicyDenied, report: GuardReport) -> None:
        super().__init__(denied.decision)
        self.audit_event = denied.audit_event
        self.report = report


_ISSUE_ACTION = {
    IssueKind.PRIVATE_CHANNEL: Action.MESSAGE_SEND,
    IssueKind.PROFILE_LINK: Action.PROFILE_LINK,
    IssueKind.SHORTENED_LINK: Action.PROFILE_LINK,
    IssueKind.MENTION: Action.PERSON_TAG,
}


def enforce_report(
    actor: Actor,
    report: GuardReport,
    *,
    action: Action,
    resource: Resource,
    purpose: Purpose | str,
    agency_id: int,
) -> str:
    """Ask the policy about a text the guard read; returns the citation that allows it, or
    raises an audited :class:`GuardRefused` naming the rule of the first problem."""
    resource = Resource(
        kind=resource.kind,
        id=resource.id,
        registered_page=resource.registered_page,
        discloses_protected=report.discloses_protected,
        case_specific=report.case_specific,
    )
    try:
        for issue in report.issues:
            if issue.kind in _ISSUE_ACTION:
                enforce(actor, _ISSUE_ACTION[issue.kind], resource, purpose, agency_id=agency_id)
        if report.issues and not report.discloses_protected and not report.case_specific:
            # Offensive wording or an empty or over-long text: the general-terms rule.
            resource = Resource(
                kind=resource.kind,
                id=resource.id,
                registered_page=resource.registered_page,
                discloses_protected=True,
                case_specific=False,
            )
        decision = enforce(actor, action, resource, purpose, agency_id=agency_id)
    except PolicyDenied as denied:
        raise GuardRefused(denied, report) from None
    return decision.citation
