"""The words the policy is written in: purposes, actions and the resources they touch."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Purpose(StrEnum):
    """The only purposes for which the policy letter permits social media."""

    GENERAL_INFORMATION = "general_information"
    GENERAL_QUESTION_ANSWER = "general_question_answer"
    PAGE_MODERATION = "page_moderation"
    LOCATE_RESEARCH = "locate_research"
    LITIGATION_EVIDENCE = "litigation_evidence"

    @classmethod
    def parse(cls, value: str | None) -> Purpose | None:
        """The purpose named ``value``, or None for anything else (which the policy denies)."""
        try:
            return cls(value) if value is not None else None
        except ValueError:
            return None


class Action(StrEnum):
    """Everything casewarden might do on, or with, social media."""

    # Keeping the agency's own pages clean.
    COMMENT_HIDE = "comment:hide"
    COMMENT_UNHIDE = "comment:unhide"
    COMMENT_DELETE = "comment:delete"
    COMMENT_REVIEW = "comment:review"
    ARCHIVE_EXPORT = "archive:export"
    PAGE_REGISTER = "page:register"
    # Speaking as the agency.
    POST_PUBLISH = "post:publish"
    REPLY_PUBLISH = "reply:publish"
    MESSAGE_AUTO_REPLY = "message:auto-reply"
    # What the letter forbids outright; named so that a request for it can be refused by name.
    MESSAGE_SEND = "message:send"
    ACCOUNT_FOLLOW = "account:follow"
    ACCOUNT_FRIEND = "account:friend"
    CONTENT_LIKE = "content:like"
    PROFILE_LINK = "profile:link"
    PERSON_TAG = "person:tag"
    # The locate workbench.
    LEAD_RECORD = "lead:record"
    LEAD_VIEW = "lead:view"
    LEAD_VERIFY = "lead:verify"
    LEAD_EXPORT = "lead:export"
    LEAD_USE = "lead:use"
    EVIDENCE_PACKAGE = "evidence:package"


class ResourceKind(StrEnum):
    """What an action is done to or through."""

    AGENCY_PAGE = "agency_page"
    COMMENT = "comment"
    POST = "post"
    PRIVATE_MESSAGE = "private_message"
    PARTICIPANT_PROFILE = "participant_profile"
    PERSONAL_ACCOUNT = "personal_account"
    LEAD = "lead"
    ARCHIVE = "archive"


@dataclass(frozen=True, slots=True)
class Resource:
    """The facts about the target that the rules look at; unknown facts are None."""

    kind: ResourceKind
    id: str | None = None
    #: Acting through a page in the agency's registry (None when no page is involved).
    registered_page: bool | None = None
    #: The text to be published discloses protected information.
    discloses_protected: bool | None = None
    #: The text to be published (or the comment answered) concerns one person's case.
    case_specific: bool | None = None
    #: The posting was publicly visible without signing in, connecting or befriending.
    publicly_visible: bool | None = None
    #: The posting is in a group (whose address cannot show whether the group is public).
    in_group: bool | None = None
    #: The lead was independently verified against a 22 CCR § 113100 source.
    verified: bool | None = None
    #: The source offered to verify a lead is independent of where it was found: a
    #: 22 CCR § 113100 source other than the Internet.
    independent_source: bool | None = None
    #: The person verifying the lead is the one who recorded it, and the agency requires
    #: a second person (``CASEWARDEN_LOCATE_SEPARATE_VERIFIER``).
    verified_by_recorder: bool | None = None
