"""One test per rule of the social-media policy; each fails if its rule stops working."""

from __future__ import annotations

import pytest

from casewarden.actor import Actor, ActorKind
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.policy import Action, PolicyDenied, Purpose, Resource, ResourceKind, decide, enforce
from casewarden.policy.rules import DEFAULT, RULES

STAFF = Actor(kind=ActorKind.STAFF, id=3, agency_id=1, role="page_moderator")
PAGE = Resource(kind=ResourceKind.AGENCY_PAGE, id="page-1", registered_page=True)
CLEAN_TEXT = Resource(
    kind=ResourceKind.AGENCY_PAGE,
    id="page-1",
    registered_page=True,
    discloses_protected=False,
    case_specific=False,
)
PUBLIC_LEAD = Resource(kind=ResourceKind.LEAD, id="7", publicly_visible=True, verified=True)
UNVERIFIED_LEAD = Resource(kind=ResourceKind.LEAD, id="7", publicly_visible=True, verified=False)


def _rule(action: Action | str, resource: Resource, purpose: Purpose | str | None) -> str:
    return decide(STAFF, action, resource, purpose).rule


# Each row: a request that only the named rule refuses (the same request with the
# offending fact fixed is allowed, see test_each_refusal_has_a_permitted_twin).
REFUSALS = [
    ("unknown-purpose", Action.POST_PUBLISH, CLEAN_TEXT, "marketing"),
    ("unknown-purpose", Action.POST_PUBLISH, CLEAN_TEXT, None),
    ("unknown-purpose", "teleport", CLEAN_TEXT, Purpose.GENERAL_INFORMATION),
    ("no-private-messaging", Action.MESSAGE_SEND, CLEAN_TEXT, Purpose.GENERAL_QUESTION_ANSWER),
    (
        "no-private-messaging",
        Action.REPLY_PUBLISH,
        Resource(
            kind=ResourceKind.PRIVATE_MESSAGE,
            registered_page=True,
            discloses_protected=False,
            case_specific=False,
        ),
        Purpose.GENERAL_QUESTION_ANSWER,
    ),
    ("no-following-or-linking", Action.ACCOUNT_FOLLOW, PAGE, Purpose.LOCATE_RESEARCH),
    ("no-following-or-linking", Action.ACCOUNT_FRIEND, PAGE, Purpose.LOCATE_RESEARCH),
    ("no-following-or-linking", Action.CONTENT_LIKE, PAGE, Purpose.GENERAL_INFORMATION),
    ("no-following-or-linking", Action.PROFILE_LINK, PAGE, Purpose.GENERAL_INFORMATION),
    ("no-following-or-linking", Action.PERSON_TAG, PAGE, Purpose.GENERAL_QUESTION_ANSWER),
    (
        "no-following-or-linking",
        Action.REPLY_PUBLISH,
        Resource(
            kind=ResourceKind.PARTICIPANT_PROFILE,
            registered_page=True,
            discloses_protected=False,
            case_specific=False,
        ),
        Purpose.GENERAL_QUESTION_ANSWER,
    ),
    (
        "agency-accounts-only",
        Action.POST_PUBLISH,
        Resource(
            kind=ResourceKind.PERSONAL_ACCOUNT, discloses_protected=False, case_specific=False
        ),
        Purpose.GENERAL_INFORMATION,
    ),
    (
        "agency-accounts-only",
        Action.COMMENT_HIDE,
        Resource(kind=ResourceKind.COMMENT, registered_page=False),
        Purpose.PAGE_MODERATION,
    ),
    (
        "general-terms-only",
        Action.REPLY_PUBLISH,
        Resource(
            kind=ResourceKind.COMMENT,
            registered_page=True,
            discloses_protected=True,
            case_specific=False,
        ),
        Purpose.GENERAL_QUESTION_ANSWER,
    ),
    (
        "general-terms-only",
        Action.POST_PUBLISH,
        Resource(
            kind=ResourceKind.AGENCY_PAGE,
            registered_page=True,
            discloses_protected=False,
            case_specific=True,
        ),
        Purpose.GENERAL_INFORMATION,
    ),
    (
        "no-group-postings",
        Action.LEAD_RECORD,
        # An attestation does not make a group's posting usable.
        Resource(kind=ResourceKind.LEAD, publicly_visible=True, in_group=True),
        Purpose.LOCATE_RESEARCH,
    ),
    (
        "public-postings-only",
        Action.LEAD_RECORD,
        Resource(kind=ResourceKind.LEAD, publicly_visible=False),
        Purpose.LOCATE_RESEARCH,
    ),
    (
        "independent-verification",
        Action.LEAD_VERIFY,
        Resource(
            kind=ResourceKind.LEAD, publicly_visible=True, verified=False, independent_source=False
        ),
        Purpose.LOCATE_RESEARCH,
    ),
    ("independent-verification", Action.LEAD_VERIFY, UNVERIFIED_LEAD, Purpose.LOCATE_RESEARCH),
    (
        "second-person-verification",
        Action.LEAD_VERIFY,
        Resource(
            kind=ResourceKind.LEAD,
            publicly_visible=True,
            verified=False,
            independent_source=True,
            verified_by_recorder=True,
        ),
        Purpose.LOCATE_RESEARCH,
    ),
    (
        "verify-before-use",
        Action.LEAD_EXPORT,
        Resource(kind=ResourceKind.LEAD, publicly_visible=True, verified=False),
        Purpose.LOCATE_RESEARCH,
    ),
    (
        "verify-before-use",
        Action.EVIDENCE_PACKAGE,
        Resource(kind=ResourceKind.LEAD, publicly_visible=True, verified=False),
        Purpose.LITIGATION_EVIDENCE,
    ),
    ("no-other-use", Action.LEAD_RECORD, PUBLIC_LEAD, Purpose.GENERAL_INFORMATION),
    ("no-other-use", Action.COMMENT_HIDE, PAGE, Purpose.LOCATE_RESEARCH),
    ("no-other-use", Action.EVIDENCE_PACKAGE, PUBLIC_LEAD, Purpose.LOCATE_RESEARCH),
]


@pytest.mark.parametrize(("rule", "action", "resource", "purpose"), REFUSALS)
def test_each_rule_refuses_what_it_forbids(
    rule: str, action: Action | str, resource: Resource, purpose: Purpose | str | None
) -> None:
    decision = decide(STAFF, action, resource, purpose)
    assert not decision.allowed
    assert decision.rule == rule
    assert decision.citation
    assert decision.sentence.endswith(".")


PERMITTED = [
    (Action.POST_PUBLISH, CLEAN_TEXT, Purpose.GENERAL_INFORMATION),
    (Action.REPLY_PUBLISH, CLEAN_TEXT, Purpose.GENERAL_QUESTION_ANSWER),
    (
        Action.MESSAGE_AUTO_REPLY,
        Resource(
            kind=ResourceKind.PRIVATE_MESSAGE,
            registered_page=True,
            discloses_protected=False,
            case_specific=False,
        ),
        Purpose.GENERAL_QUESTION_ANSWER,
    ),
    (Action.COMMENT_HIDE, PAGE, Purpose.PAGE_MODERATION),
    (Action.COMMENT_UNHIDE, PAGE, Purpose.PAGE_MODERATION),
    (Action.COMMENT_DELETE, PAGE, Purpose.PAGE_MODERATION),
    (Action.COMMENT_REVIEW, PAGE, Purpose.PAGE_MODERATION),
    (Action.PAGE_REGISTER, Resource(kind=ResourceKind.AGENCY_PAGE), Purpose.PAGE_MODERATION),
    (Action.LEAD_RECORD, PUBLIC_LEAD, Purpose.LOCATE_RESEARCH),
    (
        Action.LEAD_VERIFY,
        Resource(
            kind=ResourceKind.LEAD, publicly_visible=True, verified=False, independent_source=True
        ),
        Purpose.LOCATE_RESEARCH,
    ),
    (Action.LEAD_EXPORT, PUBLIC_LEAD, Purpose.LOCATE_RESEARCH),
    (Action.EVIDENCE_PACKAGE, PUBLIC_LEAD, Purpose.LITIGATION_EVIDENCE),
]


@pytest.mark.parametrize(("action", "resource", "purpose"), PERMITTED)
def test_permitted_uses_are_allowed(action: Action, resource: Resource, purpose: Purpose) -> None:
    decision = decide(STAFF, action, resource, purpose)
    assert decision.allowed, decision
    assert decision.rule == "permitted-purpose"


def test_every_rule_has_a_refusal_case() -> None:
    refused = {row[0] for row in REFUSALS}
    deny_rules = {rule.id for rule in RULES if rule.effect == "deny"} | {DEFAULT.id}
    assert deny_rules == refused


def test_enforce_raises_an_audited_refusal_naming_the_rule() -> None:
    with pytest.raises(PolicyDenied) as caught:
        enforce(STAFF, Action.MESSAGE_SEND, PAGE, Purpose.GENERAL_QUESTION_ANSWER)
    error = caught.value
    assert "private messages" in error.public_message
    assert "Family Code § 17212" in error.public_message
    event = error.audit_event
    assert event is not None
    assert event.tag is AuditTag.POLICY_DECISION_DENY
    assert event.outcome is Outcome.DENIED
    assert event.details == {"rule": "no-private-messaging", "action": "message:send"}


def test_unknown_words_are_not_written_to_the_audit() -> None:
    with pytest.raises(PolicyDenied) as caught:
        enforce(STAFF, "post to my cousin's wall", PAGE, "because I can")
    event = caught.value.audit_event
    assert event is not None
    assert event.details["action"] == "unrecognised"
    assert event.purpose == "unrecognised"


def test_enforce_returns_the_decision_when_allowed() -> None:
    decision = enforce(STAFF, Action.COMMENT_HIDE, PAGE, Purpose.PAGE_MODERATION)
    assert decision.allowed
    assert decision.explanation.startswith("This is a use of social media that the policy permits")
