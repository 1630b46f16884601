"""Every code the console shows, in words: one mapping, translated when shown.

The database and the audit chain keep codes (``page_moderator``, ``case_details``,
``moderation:comment:view``); people read words. Each mapping below is marked for the Babel
catalogue with ``N_`` and translated by the template filters at render time, so a Spanish
console reads Spanish. A code with no entry is shown humanised rather than raw, and a unit
test keeps every enum the console shows fully mapped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from babel.dates import format_date

from casewarden import i18n
from casewarden.accounts.roles import Role
from casewarden.actor import ActorKind
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.detect.model import Category, EntityType
from casewarden.i18n import N_
from casewarden.locate.models import CaptureKind, LeadCategory, LeadPlatform, VerificationResult
from casewarden.moderation.models import ActionState, CommentStatus, ReviewState, Verb
from casewarden.outreach.guard import IssueKind
from casewarden.outreach.models import MessageKind, MessageState
from casewarden.platforms.interfaces import Platform
from casewarden.policy import citations
from casewarden.policy.rules import DEFAULT, RULES

ROLES: Mapping[str, str] = {
    Role.ADMIN: N_("Administrator"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.PAGE_MODERATOR: N_("Page moderator"),
    Role.CASEWORKER: N_("Caseworker"),
    Role.PRIVACY_OFFICER: N_("Privacy officer"),
}

#: What each role may do, shown beside the role on the new-account form.
ROLE_DUTIES: Mapping[str, str] = {
    Role.ADMIN: N_(
        "Manages accounts and the agency's pages, reads and verifies the audit log, places "
        "legal holds, and approves posts. Does not review comments."
    ),
    Role.SUPERVISOR: N_(
        "Reviews comments, restores comments hidden for a disclosure, deletes comments, "
        "receives threats, approves posts and assigns locate leads."
    ),
    Role.PAGE_MODERATOR: N_(
        "Reviews the comments on the agency's pages, hides and restores them under the "
        "published rules, and drafts posts and replies."
    ),
    Role.CASEWORKER: N_("Records, verifies and uses locate leads on participants."),
    Role.PRIVACY_OFFICER: N_(
        "Answers privacy requests, discloses records, places legal holds, publishes the "
        "website statistics and reads the audit log."
    ),
}

ENTITY_TYPES: Mapping[str, str] = {
    EntityType.US_SSN: N_("Social Security number"),
    EntityType.CASE_NUMBER: N_("Case number"),
    EntityType.DATE_OF_BIRTH: N_("Date of birth"),
    EntityType.STREET_ADDRESS: N_("Street address"),
    EntityType.PHONE_NUMBER: N_("Phone number"),
    EntityType.EMAIL_ADDRESS: N_("Email address"),
    EntityType.PERSON: N_("Person's name"),
    EntityType.BANK_ACCOUNT: N_("Bank account"),
    EntityType.ROUTING_NUMBER: N_("Routing number"),
    EntityType.CREDIT_CARD: N_("Credit card"),
    EntityType.DRIVER_LICENSE: N_("Driver's license"),
    EntityType.IP_ADDRESS: N_("IP address"),
    EntityType.MEDICAL: N_("Medical information"),
}

CATEGORIES: Mapping[str, str] = {
    Category.PII: N_("Personal information"),
    Category.CASE_DETAILS: N_("Case details"),
    Category.PROFANITY: N_("Profanity"),
    Category.THREAT: N_("Threat"),
    Category.HARASSMENT: N_("Harassment"),
    Category.SCAM: N_("Scam"),
}

COMMENT_STATUSES: Mapping[str, str] = {
    CommentStatus.VISIBLE: N_("Visible"),
    CommentStatus.HIDDEN: N_("Hidden"),
    CommentStatus.REMOVED: N_("Removed"),
    CommentStatus.DELETED: N_("Deleted"),
}

REVIEW_STATES: Mapping[str, str] = {
    ReviewState.NONE: N_("Not for review"),
    ReviewState.QUEUED: N_("Waiting for review"),
    ReviewState.CONFIRMED: N_("Confirmed"),
    ReviewState.RESTORED: N_("Restored"),
    ReviewState.DISMISSED: N_("Dismissed"),
    ReviewState.ESCALATED: N_("Escalated"),
}

VERBS: Mapping[str, str] = {
    Verb.ADD: N_("Posted"),
    Verb.EDITED: N_("Edited"),
    Verb.REMOVE: N_("Removed"),
}

ACTION_STATES: Mapping[str, str] = {
    ActionState.PLANNED: N_("Planned"),
    ActionState.SENDING: N_("Sending"),
    ActionState.DONE: N_("Done"),
    ActionState.FAILED: N_("Failed"),
}

PLATFORMS: Mapping[str, str] = {
    Platform.FACEBOOK: "Facebook",
    Platform.INSTAGRAM: "Instagram",
    LeadPlatform.X: "X",
    LeadPlatform.TIKTOK: "TikTok",
    LeadPlatform.LINKEDIN: "LinkedIn",
    LeadPlatform.YOUTUBE: "YouTube",
    LeadPlatform.OTHER: N_("Other"),
}

LEAD_CATEGORIES: Mapping[str, str] = {
    LeadCategory.WHEREABOUTS: N_("Whereabouts"),
    LeadCategory.EMPLOYMENT: N_("Employment"),
    LeadCategory.ASSETS: N_("Assets"),
}

VERIFICATION_RESULTS: Mapping[str, str] = {
    VerificationResult.CONFIRMED: N_("Confirmed"),
    VerificationResult.CONTRADICTED: N_("Contradicted"),
}

CAPTURE_KINDS: Mapping[str, str] = {
    CaptureKind.PNG: N_("Screenshot (PNG)"),
    CaptureKind.JPEG: N_("Screenshot (JPEG)"),
    CaptureKind.HTML: N_("Web page (HTML)"),
    CaptureKind.PDF: N_("Document (PDF)"),
}

MESSAGE_KINDS: Mapping[str, str] = {
    MessageKind.POST: N_("Post"),
    MessageKind.REPLY: N_("Reply"),
}

MESSAGE_STATES: Mapping[str, str] = {
    MessageState.DRAFT: N_("Draft"),
    MessageState.AWAITING_APPROVAL: N_("Awaiting approval"),
    MessageState.SCHEDULED: N_("Scheduled"),
    MessageState.PUBLISHING: N_("Publishing"),
    MessageState.SENDING: N_("Sending"),
    MessageState.PUBLISHED: N_("Published"),
    MessageState.REJECTED: N_("Rejected"),
    MessageState.CANCELLED: N_("Cancelled"),
    MessageState.FAILED: N_("Failed"),
}

ISSUE_KINDS: Mapping[str, str] = {
    IssueKind.PROTECTED: N_("Protected information"),
    IssueKind.CASE_SPECIFIC: N_("About one person's case"),
    IssueKind.CASE_FACT: N_("A case fact"),
    IssueKind.OFFENSIVE: N_("Offensive words"),
    IssueKind.PRIVATE_CHANNEL: N_("Invites a private conversation"),
    IssueKind.PROFILE_LINK: N_("Link to a person's profile"),
    IssueKind.SHORTENED_LINK: N_("Shortened link"),
    IssueKind.MENTION: N_("Mentions a person"),
    IssueKind.LENGTH: N_("Too long"),
}

ACTORS: Mapping[str, str] = {
    ActorKind.STAFF: N_("Staff"),
    ActorKind.SYSTEM: N_("casewarden (system)"),
    ActorKind.PUBLIC: N_("A member of the public"),
    ActorKind.ANONYMOUS: N_("Not signed in"),
}

OUTCOMES: Mapping[str, str] = {
    Outcome.SUCCESS: N_("Done"),
    Outcome.FAILURE: N_("Failed"),
    Outcome.DENIED: N_("Refused"),
}

AUDIT_AREAS: Mapping[str, str] = {
    "auth": N_("Sign-in"),
    "authz": N_("Permissions"),
    "ops": N_("Operations"),
    "accounts": N_("Accounts"),
    "tenancy": N_("Agencies"),
    "audit": N_("Audit log"),
    "system": N_("System"),
    "policy": N_("Policy"),
    "pages": N_("Agency pages"),
    "keys": N_("Encryption keys"),
    "moderation": N_("Moderation"),
    "detection": N_("Detection"),
    "archive": N_("Archive"),
    "outreach": N_("Posts and replies"),
    "locate": N_("Locate"),
    "privacy": N_("Privacy"),
}

AUDIT_TAGS: Mapping[str, str] = {
    AuditTag.AUTH_LOGIN_SUCCESS: N_("Signed in"),
    AuditTag.AUTH_LOGIN_FAILURE: N_("Sign-in failed"),
    AuditTag.AUTH_LOGIN_THROTTLED: N_("Sign-in slowed after failures"),
    AuditTag.AUTH_LOGIN_PASSWORD: N_("Password accepted, second factor next"),
    AuditTag.AUTH_SECOND_FACTOR_ENROL: N_("Second factor set up"),
    AuditTag.AUTH_SECOND_FACTOR_FAILURE: N_("Second factor code refused"),
    AuditTag.AUTH_SECOND_FACTOR_THROTTLED: N_("Second factor slowed after failures"),
    AuditTag.AUTH_RECOVERY_CODE_USE: N_("Recovery code used"),
    AuditTag.AUTH_LOGOUT: N_("Signed out"),
    AuditTag.AUTH_SSO_IDENTIFIED: N_("Identified by the county directory"),
    AuditTag.AUTH_SSO_REFUSED: N_("Refused by the county directory"),
    AuditTag.AUTH_SSO_LINK: N_("Linked to the county directory"),
    AuditTag.AUTH_SESSION_EXPIRED: N_("Session expired"),
    AuditTag.AUTH_PASSWORD_CHANGE: N_("Password changed"),
    AuditTag.AUTH_CSRF_REJECT: N_("Form refused (stale or forged)"),
    AuditTag.OPS_METRICS_REFUSE: N_("Metrics request refused"),
    AuditTag.AUTHZ_PERMISSION_DENY: N_("Refused: not allowed for the role"),
    AuditTag.AUTHZ_SCOPE_DENY: N_("Refused: another agency's record"),
    AuditTag.ACCOUNTS_USER_CREATE: N_("Account created"),
    AuditTag.ACCOUNTS_USER_DISABLE: N_("Account disabled"),
    AuditTag.ACCOUNTS_USER_ENABLE: N_("Account enabled"),
    AuditTag.ACCOUNTS_USER_SET_ROLE: N_("Role changed"),
    AuditTag.ACCOUNTS_USER_RESET_PASSWORD: N_("Password reset"),
    AuditTag.ACCOUNTS_USER_SET_UNIT: N_("Unit changed"),
    AuditTag.ACCOUNTS_USER_RESET_SECOND_FACTOR: N_("Second factor reset"),
    AuditTag.ACCOUNTS_USER_SET_SSO: N_("County directory sign-in changed"),
    AuditTag.AGENCY_CREATE: N_("Agency created"),
    AuditTag.AGENCY_UPDATE: N_("Agency changed"),
    AuditTag.AUDIT_CHAIN_VERIFY: N_("Audit chain verified"),
    AuditTag.AUDIT_CHAIN_EXPORT: N_("Audit chain exported"),
    AuditTag.AUDIT_LOG_VIEW: N_("Audit log read"),
    AuditTag.DB_SCHEMA_UPGRADE: N_("Database upgraded"),
    AuditTag.BACKUP_CREATE: N_("Backup made"),
    AuditTag.BACKUP_RESTORE: N_("Backup restored"),
    AuditTag.BACKUP_RESTORE_REFUSE: N_("Backup restore refused"),
    AuditTag.POLICY_DECISION_DENY: N_("Refused by the policy"),
    AuditTag.PAGES_PAGE_REGISTER: N_("Page connected"),
    AuditTag.PAGES_PAGE_RETIRE: N_("Page disconnected"),
    AuditTag.PAGES_PAGE_SYNC: N_("Page comments caught up"),
    AuditTag.PAGES_PAGE_SET_TOKEN: N_("Page token replaced"),
    AuditTag.KEYS_RING_ROTATE: N_("Encryption key rotated"),
    AuditTag.KEYS_RING_EXPORT: N_("Encryption keys exported"),
    AuditTag.MODERATION_COMMENT_HIDE: N_("Comment hidden"),
    AuditTag.MODERATION_COMMENT_UNHIDE: N_("Comment shown again"),
    AuditTag.MODERATION_COMMENT_DELETE: N_("Comment deleted"),
    AuditTag.MODERATION_COMMENT_CONFIRM: N_("Hide confirmed"),
    AuditTag.MODERATION_COMMENT_ESCALATE: N_("Comment escalated"),
    AuditTag.MODERATION_COMMENT_DECIDE: N_("Comment assessed"),
    AuditTag.MODERATION_COMMENT_RESTORE_REQUEST: N_("Restore requested"),
    AuditTag.MODERATION_COMMENT_DISMISS: N_("Flag dismissed"),
    AuditTag.MODERATION_COMMENT_VIEW: N_("Comment viewed"),
    AuditTag.MODERATION_COMMENT_TAKE_OVER: N_("Open comment taken over"),
    AuditTag.MODERATION_COMMENT_ASSIGN: N_("Comment assigned"),
    AuditTag.MODERATION_COMMENT_NOTE: N_("Internal note added"),
    AuditTag.MODERATION_ACTION_FAIL: N_("Platform action failed"),
    AuditTag.DETECTION_MODEL_TRAIN: N_("Agency classifier trained"),
    AuditTag.DETECTION_MODEL_ON: N_("Agency classifier switched on"),
    AuditTag.DETECTION_MODEL_OFF: N_("Agency classifier switched off"),
    AuditTag.MODERATION_QUARANTINE_VIEW: N_("Unreadable delivery viewed"),
    AuditTag.MODERATION_QUARANTINE_RESOLVE: N_("Unreadable delivery resolved"),
    AuditTag.MODERATION_THREAT_ESCALATE: N_("Threat sent to supervisors"),
    AuditTag.MODERATION_THREAT_ACKNOWLEDGE: N_("Threat acknowledged"),
    AuditTag.MODERATION_THREAT_EMAIL: N_("Threat emailed to supervisors"),
    AuditTag.ARCHIVE_EXPORT_CREATE: N_("Public-records release made"),
    AuditTag.OUTREACH_MESSAGE_SUBMIT: N_("Post or reply submitted"),
    AuditTag.OUTREACH_MESSAGE_APPROVE: N_("Post or reply approved"),
    AuditTag.OUTREACH_MESSAGE_REJECT: N_("Post or reply rejected"),
    AuditTag.OUTREACH_MESSAGE_CANCEL: N_("Post or reply cancelled"),
    AuditTag.OUTREACH_MESSAGE_PUBLISH: N_("Post or reply published"),
    AuditTag.OUTREACH_MESSAGE_FAIL: N_("Post or reply failed"),
    AuditTag.OUTREACH_PRIVATE_ANSWER: N_("Private message answered automatically"),
    AuditTag.OUTREACH_PROFILE_UPDATE: N_("Outreach settings changed"),
    AuditTag.ARCHIVE_HOLD_SET: N_("Legal hold placed"),
    AuditTag.ARCHIVE_HOLD_RELEASE: N_("Legal hold released"),
    AuditTag.ARCHIVE_RETENTION_PURGE: N_("Expired records purged"),
    AuditTag.LOCATE_LEAD_RECORD: N_("Lead recorded"),
    AuditTag.LOCATE_LEAD_LIST: N_("Leads listed"),
    AuditTag.LOCATE_LEAD_VIEW: N_("Lead viewed"),
    AuditTag.LOCATE_LEAD_VERIFY: N_("Lead verified"),
    AuditTag.LOCATE_LEAD_USE: N_("Lead used in a case"),
    AuditTag.LOCATE_LEAD_ASSIGN: N_("Lead assigned"),
    AuditTag.LOCATE_LEAD_EXPORT: N_("Leads exported"),
    AuditTag.LOCATE_LEAD_PURGE: N_("Lead purged"),
    AuditTag.LOCATE_CAPTURE_ADD: N_("Capture added"),
    AuditTag.LOCATE_CAPTURE_DOWNLOAD: N_("Capture downloaded"),
    AuditTag.LOCATE_EVIDENCE_PACKAGE: N_("Evidence package made"),
    AuditTag.PRIVACY_VISITS_DISCARD: N_("Visit records discarded"),
    AuditTag.PRIVACY_VISITS_TRUNCATE: N_("Visit records shortened"),
    AuditTag.PRIVACY_VISITS_PURGE: N_("Old visit records purged"),
    AuditTag.PRIVACY_ERASURE_REPLAY: N_("Erasures replayed after a restore"),
    AuditTag.PRIVACY_LOGS_IMPORT: N_("Server logs imported"),
    AuditTag.PRIVACY_MESSAGE_RECEIVE: N_("Contact message received"),
    AuditTag.PRIVACY_MESSAGE_SCREEN: N_("Contact message screened"),
    AuditTag.PRIVACY_MESSAGE_VIEW: N_("Contact message read"),
    AuditTag.PRIVACY_MESSAGE_STATUS: N_("Contact message status changed"),
    AuditTag.PRIVACY_MESSAGE_FORWARD: N_("Contact message forwarded"),
    AuditTag.PRIVACY_REVIEW_RECEIVE: N_("Privacy request received"),
    AuditTag.PRIVACY_REVIEW_SCREEN: N_("Privacy request screened"),
    AuditTag.PRIVACY_REVIEW_VIEW: N_("Privacy request read"),
    AuditTag.PRIVACY_REVIEW_VERIFY: N_("Requester's identity verified"),
    AuditTag.PRIVACY_REVIEW_SEARCH: N_("Records searched for a request"),
    AuditTag.PRIVACY_REVIEW_RESPOND: N_("Privacy request answered"),
    AuditTag.PRIVACY_REVIEW_CORRECT: N_("Correction decided"),
    AuditTag.PRIVACY_REVIEW_CLOSE: N_("Privacy request closed"),
    AuditTag.PRIVACY_PERMISSION_RECORD: N_("Permission to disclose recorded"),
    AuditTag.PRIVACY_PERMISSION_REVOKE: N_("Permission to disclose revoked"),
    AuditTag.PRIVACY_PERMISSION_CONFIRM: N_("Disclosure confirmed by a second person"),
    AuditTag.PRIVACY_PERMISSION_REFUSE: N_("Disclosure refused by a second person"),
    AuditTag.PRIVACY_DISCLOSURE_EXPORT: N_("Records disclosed"),
    AuditTag.PRIVACY_DISCLOSURE_DENY: N_("Disclosure refused"),
    AuditTag.PRIVACY_STATISTICS_PUBLISH: N_("Website statistics published"),
    AuditTag.PRIVACY_STATISTICS_EXPORT: N_("Website statistics downloaded"),
}

SUBJECTS: Mapping[str, str] = {
    "agency": N_("Agency"),
    "agency_model": N_("Agency classifier"),
    "agency_page": N_("Agency page"),
    "comment": N_("Comment"),
    "contact_message": N_("Contact message"),
    "disclosure_permission": N_("Permission to disclose"),
    "log_import": N_("Log import"),
    "outbound_message": N_("Post or reply"),
    "outreach_profile": N_("Outreach settings"),
    "private_message_answer": N_("Private message answer"),
    "published_statistics": N_("Published statistics"),
    "quarantined_change": N_("Unreadable delivery"),
    "review_request": N_("Privacy request"),
    "staff_session": N_("Session"),
    "staff_user": N_("Account"),
    "locate_lead": N_("Locate lead"),
    "participant": N_("Participant"),
}

#: The sources the rules cite; a decision's citation joins several with "; ".
CITATIONS: Mapping[str, str] = {
    citations.LETTER: N_(
        "the state policy letter on social media use by local child support agencies"
    ),
    citations.FC_17212: N_("Family Code § 17212"),
    citations.CCR_113100: N_("22 CCR § 113100"),
    citations.COMMENT_POLICY: N_("the agency's published comment policy"),
}

#: Every mapping the generic ``label`` filter looks a code up in, most specific first.
_TABLES: tuple[Mapping[str, str], ...] = (
    ROLES,
    CATEGORIES,
    ENTITY_TYPES,
    COMMENT_STATUSES,
    REVIEW_STATES,
    MESSAGE_STATES,
    MESSAGE_KINDS,
    LEAD_CATEGORIES,
    PLATFORMS,
    VERIFICATION_RESULTS,
    CAPTURE_KINDS,
    ISSUE_KINDS,
    ACTION_STATES,
    VERBS,
    OUTCOMES,
    ACTORS,
    AUDIT_TAGS,
    SUBJECTS,
)

#: Enum types with their own table, so a value shared by two enums reads right for each.
_BY_TYPE: Mapping[type[StrEnum], Mapping[str, str]] = {
    Role: ROLES,
    Category: CATEGORIES,
    EntityType: ENTITY_TYPES,
    CommentStatus: COMMENT_STATUSES,
    ReviewState: REVIEW_STATES,
    MessageState: MESSAGE_STATES,
    MessageKind: MESSAGE_KINDS,
    LeadCategory: LEAD_CATEGORIES,
    LeadPlatform: PLATFORMS,
    Platform: PLATFORMS,
    VerificationResult: VERIFICATION_RESULTS,
    CaptureKind: CAPTURE_KINDS,
    IssueKind: ISSUE_KINDS,
    ActionState: ACTION_STATES,
    Verb: VERBS,
    Outcome: OUTCOMES,
    ActorKind: ACTORS,
    AuditTag: AUDIT_TAGS,
}


def humanise(code: str) -> str:
    """A code no table knows, made readable: ``case_details`` becomes "Case details"."""
    text = code.replace(":", " ").replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else "—"


def label(code: object) -> str:
    """The words for a code, in the current language (a filter: ``{{ role | label }}``)."""
    if code is None or code == "":
        return "—"
    table = _BY_TYPE.get(type(code)) if isinstance(code, StrEnum) else None
    text = str(code)
    if table is not None and text in table:
        return i18n.gettext(table[text])
    for candidate in _TABLES:
        if text in candidate:
            return i18n.gettext(candidate[text])
    return humanise(text)


def role_duties(role: object) -> str:
    """What a role may do, in the current language."""
    return i18n.gettext(ROLE_DUTIES[str(role)]) if str(role) in ROLE_DUTIES else ""


def audit_area(area: str) -> str:
    """The words for an audit area (the first part of a tag)."""
    return i18n.gettext(AUDIT_AREAS[area]) if area in AUDIT_AREAS else humanise(area)


def audit_subject(subject_type: str | None) -> str:
    """The words for the kind of record an audit entry is about."""
    if not subject_type:
        return ""
    return (
        i18n.gettext(SUBJECTS[subject_type]) if subject_type in SUBJECTS else humanise(subject_type)
    )


def citation(value: str | None) -> str:
    """A decision's citation in the current language (several sources joined by "; ")."""
    if not value:
        return "—"
    parts = [part.strip() for part in value.split(";")]
    return "; ".join(i18n.gettext(CITATIONS[part]) if part in CITATIONS else part for part in parts)


_POLICY_RULES = {rule.id: rule for rule in (*RULES, DEFAULT)}


def policy_sentence(sentence: str, cited: str) -> str:
    """A policy rule's sentence and its citation, in the current language."""
    return f"{i18n.gettext(sentence)} ({citation(cited)})"


def policy_rule(rule_id: str) -> str:
    """The policy rule with this id in words, with its citation (a filter)."""
    rule = _POLICY_RULES.get(rule_id)
    return policy_sentence(rule.sentence, rule.citation) if rule else humanise(rule_id)


def month(value: str | date | None) -> str:
    """A month written as a month: ``2025-03`` becomes "March 2025" ("marzo de 2025")."""
    if value is None:
        return "—"
    if isinstance(value, date):
        day = value.replace(day=1)
    else:
        try:
            year, number = str(value).split("-", 1)
            day = date(int(year), int(number), 1)
        except ValueError:
            return str(value)
    locale = i18n.current_locale()
    pattern = "LLLL 'de' y" if locale == "es" else "LLLL y"
    return format_date(day, format=pattern, locale=locale)


FILTERS = {
    "label": label,
    "role_duties": role_duties,
    "audit_area": audit_area,
    "audit_subject": audit_subject,
    "citation": citation,
    "policy_rule": policy_rule,
    "month": month,
}

#: The words for the keys an audit entry's details use most; others are humanised.
DETAIL_KEYS: Mapping[str, str] = {
    "reason": N_("reason"),
    "role": N_("role"),
    "permission": N_("permission"),
    "via": N_("through"),
    "entries": N_("entries"),
    "broken_seq": N_("broken at entry"),
    "rule": N_("rule"),
    "rules": N_("rules"),
    "category": N_("category"),
    "categories": N_("categories"),
    "platform": N_("platform"),
    "state": N_("state"),
    "status": N_("status"),
    "count": N_("count"),
    "comments": N_("comments"),
    "unit": N_("unit"),
    "kind": N_("kind"),
    "outcome": N_("outcome"),
}

#: The words for permissions, which refusals name.
PERMISSION_WORDS: Mapping[str, str] = {
    "console": N_("use the console"),
    "accounts": N_("accounts"),
    "audit": N_("audit log"),
    "pages": N_("agency pages"),
    "moderation": N_("moderation"),
    "archive": N_("archive"),
    "outreach": N_("posts and replies"),
    "locate": N_("locate"),
    "privacy": N_("privacy"),
    "evidence": N_("evidence"),
}

_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[_:\-][a-z0-9]+)+$")


def detail_key(key: str) -> str:
    """The words for a key of an audit entry's details."""
    return i18n.gettext(DETAIL_KEYS[key]) if key in DETAIL_KEYS else humanise(key).lower()


def detail_value(value: object) -> str:
    """A detail's value: codes in words, lists joined, other values as they are."""
    if isinstance(value, list | tuple):
        return ", ".join(detail_value(item) for item in value)
    if isinstance(value, str) and _CODE.match(value):
        if value.count(":") == 1 and value.split(":")[0] in PERMISSION_WORDS:
            area, action = value.split(":")
            return f"{i18n.gettext(PERMISSION_WORDS[area])}: {humanise(action).lower()}"
        return label(value)
    if isinstance(value, str):
        return label(value) if any(value in table for table in _TABLES) else value
    return "—" if value is None else str(value)


FILTERS.update({"detail_key": detail_key, "detail_value": detail_value})

# The comment page's decisions and platform actions: what was decided, under which rule, and
# what was done on the platform. Kept as strings in the database (decision.outcome, .rules,
# action.operation), so they are looked up here by value rather than by enum type.

DECISION_OUTCOMES: Mapping[str, str] = {
    "hide": N_("Hide"),
    "review": N_("Flag for review"),
    "allow": N_("Leave visible"),
    "confirm": N_("Keep hidden"),
    "restore": N_("Restore"),
    "dismiss": N_("Leave as it is"),
    "escalate": N_("Send to a supervisor"),
    "delete": N_("Delete"),
    "request_restore": N_("Ask a supervisor to restore"),
}

PLATFORM_OPERATIONS: Mapping[str, str] = {
    "hide": N_("Hide on the page"),
    "unhide": N_("Show again on the page"),
    "delete": N_("Delete from the page"),
}

#: Recognizers and classifiers (what found it) and the policy's rules (what allowed it).
DECISION_RULES: Mapping[str, str] = {
    **{name.lower(): words for name, words in ENTITY_TYPES.items()},
    **CATEGORIES,
    "person_tagger": N_("Person's name"),
    "agency_pattern": N_("An identifier the agency defined"),
    "agency_terms": N_("A term the agency listed"),
    "child_name": N_("A child's name in a child support matter"),
    "case_specific": N_("Asks about their own case"),
    "unknown-purpose": N_("Not a permitted use"),
    "no-private-messaging": N_("No private messages"),
    "no-following-or-linking": N_("No following or linking"),
    "agency-accounts-only": N_("Agency accounts only"),
    "general-terms-only": N_("General terms only"),
    "no-group-postings": N_("No group postings"),
    "public-postings-only": N_("Public postings only"),
    "independent-verification": N_("Independent verification"),
    "second-person-verification": N_("A second person verifies"),
    "verify-before-use": N_("Verify before use"),
    "permitted-purpose": N_("A permitted use"),
    "no-other-use": N_("No other use"),
}
PUBLISHED_PREFIX = "published:"
PUBLISHED_RULE = N_("Published rule: %(rule)s")


def decision_outcome(code: str | None) -> str:
    """What a decision decided, in words (a filter)."""
    if code is not None and code in DECISION_OUTCOMES:
        return i18n.gettext(DECISION_OUTCOMES[code])
    return label(code)


def platform_operation(code: str | None) -> str:
    """What was done on the platform, in words (a filter)."""
    if code is not None and code in PLATFORM_OPERATIONS:
        return i18n.gettext(PLATFORM_OPERATIONS[code])
    return label(code)


def decision_rule(code: str) -> str:
    """A rule a decision names: a recognizer, a policy rule, or a published rule (a filter)."""
    if code.startswith(PUBLISHED_PREFIX):
        rule = code.removeprefix(PUBLISHED_PREFIX)
        if rule in CATEGORIES:
            return i18n.gettext(PUBLISHED_RULE) % {"rule": i18n.gettext(CATEGORIES[rule])}
    if code in DECISION_RULES:
        return i18n.gettext(DECISION_RULES[code])
    return humanise(code)


FILTERS.update(
    {
        "decision_outcome": decision_outcome,
        "platform_operation": platform_operation,
        "decision_rule": decision_rule,
    }
)
