"""The rules of the social-media policy letter, in the order they apply.

Each rule says in plain words what it allows or forbids and cites its source. The
first rule whose condition holds decides; when none holds, the default applies:
"No other use of social media for case management is permitted."
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from casewarden.actor import ActorKind
from casewarden.i18n import N_
from casewarden.policy.citations import CCR_113100, COMMENT_POLICY, FC_17212, LETTER
from casewarden.policy.vocabulary import Action, Purpose, Resource, ResourceKind


class Effect(StrEnum):
    """What a matching rule decides."""

    ALLOW = "allow"
    DENY = "deny"


@dataclass(frozen=True, slots=True)
class Question:
    """One request to the policy: who wants to do what, to what, and why."""

    actor_kind: ActorKind
    action: Action | None
    resource: Resource
    purpose: Purpose | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the policy, with its reason in words a person understands."""

    id: str
    effect: Effect
    sentence: str
    citation: str
    applies: Callable[[Question], bool]


FORBIDDEN_CONTACT = frozenset(
    {
        Action.ACCOUNT_FOLLOW,
        Action.ACCOUNT_FRIEND,
        Action.CONTENT_LIKE,
        Action.PROFILE_LINK,
        Action.PERSON_TAG,
    }
)
PUBLISHING = frozenset({Action.POST_PUBLISH, Action.REPLY_PUBLISH, Action.MESSAGE_AUTO_REPLY})
PAGE_ACTIONS = frozenset(
    {
        Action.COMMENT_HIDE,
        Action.COMMENT_UNHIDE,
        Action.COMMENT_DELETE,
        *PUBLISHING,
    }
)
LOCATE = frozenset(
    {
        Action.LEAD_RECORD,
        Action.LEAD_VIEW,
        Action.LEAD_VERIFY,
        Action.LEAD_EXPORT,
        Action.LEAD_USE,
        Action.EVIDENCE_PACKAGE,
    }
)
#: Which actions each permitted purpose covers.
PERMITTED: dict[Purpose, frozenset[Action]] = {
    Purpose.GENERAL_INFORMATION: frozenset({Action.POST_PUBLISH, Action.PAGE_REGISTER}),
    Purpose.GENERAL_QUESTION_ANSWER: frozenset({Action.REPLY_PUBLISH, Action.MESSAGE_AUTO_REPLY}),
    Purpose.PAGE_MODERATION: frozenset(
        {
            Action.COMMENT_HIDE,
            Action.COMMENT_UNHIDE,
            Action.COMMENT_DELETE,
            Action.COMMENT_REVIEW,
            Action.ARCHIVE_EXPORT,
            Action.PAGE_REGISTER,
        }
    ),
    Purpose.LOCATE_RESEARCH: frozenset(
        {
            Action.LEAD_RECORD,
            Action.LEAD_VIEW,
            Action.LEAD_VERIFY,
            Action.LEAD_EXPORT,
            Action.LEAD_USE,
        }
    ),
    Purpose.LITIGATION_EVIDENCE: frozenset(
        {
            Action.LEAD_VIEW,
            Action.LEAD_VERIFY,
            Action.LEAD_EXPORT,
            Action.LEAD_USE,
            Action.EVIDENCE_PACKAGE,
        }
    ),
}

RULES: tuple[Rule, ...] = (
    Rule(
        id="unknown-purpose",
        effect=Effect.DENY,
        sentence=N_(
            "Social media may be used only to give general information, answer general "
            "questions, moderate the agency's page, locate a participant from public postings, "
            "or gather evidence for litigation; no other use is permitted."
        ),
        citation=LETTER,
        applies=lambda q: q.purpose is None or q.action is None,
    ),
    Rule(
        id="no-private-messaging",
        effect=Effect.DENY,
        sentence=N_(
            "Staff may not communicate with participants through private messages or chat; "
            "it could disclose confidential child support information."
        ),
        citation=f"{LETTER}; {FC_17212}",
        applies=lambda q: (
            q.action is Action.MESSAGE_SEND
            or (
                q.resource.kind is ResourceKind.PRIVATE_MESSAGE
                and q.action is not Action.MESSAGE_AUTO_REPLY
            )
        ),
    ),
    Rule(
        id="no-following-or-linking",
        effect=Effect.DENY,
        sentence=N_(
            "The agency may not follow, befriend, like, tag or link to participants' social "
            "media pages."
        ),
        citation=LETTER,
        applies=lambda q: (
            q.action in FORBIDDEN_CONTACT
            or (q.resource.kind is ResourceKind.PARTICIPANT_PROFILE and q.action in PUBLISHING)
        ),
    ),
    Rule(
        id="agency-accounts-only",
        effect=Effect.DENY,
        sentence=N_(
            "Child support activity is allowed only through the agency's registered pages, "
            "never while signed in to a personal account."
        ),
        citation=LETTER,
        applies=lambda q: (
            q.resource.kind is ResourceKind.PERSONAL_ACCOUNT
            or (q.action in PAGE_ACTIONS and q.resource.registered_page is not True)
        ),
    ),
    Rule(
        id="general-terms-only",
        effect=Effect.DENY,
        sentence=N_(
            "The agency page answers only general, non-case-specific questions; what staff "
            "publish must not disclose protected or case information."
        ),
        citation=f"{LETTER}; {FC_17212}",
        applies=lambda q: (
            q.action in PUBLISHING
            and (
                q.resource.discloses_protected is not False or q.resource.case_specific is not False
            )
        ),
    ),
    Rule(
        id="no-group-postings",
        effect=Effect.DENY,
        sentence=N_(
            "A posting in a group cannot be used to locate a participant: a group's address "
            "cannot show whether the group is public, and reading it may take joining it."
        ),
        citation=LETTER,
        applies=lambda q: q.action in LOCATE and q.resource.in_group is True,
    ),
    Rule(
        id="public-postings-only",
        effect=Effect.DENY,
        sentence=N_(
            "Only postings that are publicly shared — visible without signing in, connecting "
            "or befriending — may be used to locate a participant."
        ),
        citation=LETTER,
        applies=lambda q: q.action in LOCATE and q.resource.publicly_visible is not True,
    ),
    Rule(
        id="independent-verification",
        effect=Effect.DENY,
        sentence=N_(
            "A lead found on social media is verified only by a locate source other than the "
            "Internet; another posting or web page does not verify it."
        ),
        citation=f"{LETTER}; {CCR_113100}",
        applies=lambda q: (
            q.action is Action.LEAD_VERIFY and q.resource.independent_source is not True
        ),
    ),
    Rule(
        id="second-person-verification",
        effect=Effect.DENY,
        sentence=N_(
            "A second person must verify this lead: the agency does not let the person who "
            "recorded a lead verify it, so that the verification is independent."
        ),
        citation=f"{LETTER}; {CCR_113100}",
        applies=lambda q: (
            q.action is Action.LEAD_VERIFY and q.resource.verified_by_recorder is True
        ),
    ),
    Rule(
        id="verify-before-use",
        effect=Effect.DENY,
        sentence=N_(
            "Information found on social media must be independently verified against a "
            "locate source other than the Internet before it is used or leaves casewarden."
        ),
        citation=f"{LETTER}; {CCR_113100}",
        applies=lambda q: (
            q.action in {Action.LEAD_EXPORT, Action.LEAD_USE, Action.EVIDENCE_PACKAGE}
            and q.resource.verified is not True
        ),
    ),
    Rule(
        id="permitted-purpose",
        effect=Effect.ALLOW,
        sentence=N_("This is a use of social media that the policy permits."),
        citation=LETTER,
        applies=lambda q: (
            q.purpose is not None
            and q.action is not None
            and q.action in PERMITTED.get(q.purpose, frozenset())
        ),
    ),
)

DEFAULT = Rule(
    id="no-other-use",
    effect=Effect.DENY,
    sentence=N_("No other use of social media for case management is permitted."),
    citation=LETTER,
    applies=lambda q: True,
)

#: Offensive content is hidden under the published comment policy, not the letter alone.
COMMENT_POLICY_CITATION = COMMENT_POLICY
DISCLOSURE_CITATION = FC_17212
