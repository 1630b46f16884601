"""The moderation archive and its work queue.

Everything received is kept as a public record: every comment, every version of its
text (sealed with AES-GCM), every decision and every platform action, with who or
which rule caused it. Only ids and offsets are stored in the clear.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casewarden.accounts.models import StaffUser
from casewarden.db.base import AgencyScoped, Base, BigId, IdMixin, enum_column
from casewarden.pages.models import AgencyPage
from casewarden.platforms.interfaces import Platform

BODY_PURPOSE = "comment_version.body"
AUTHOR_PURPOSE = "comment.author"
REASON_PURPOSE = "moderation_decision.reason"
NOTE_PURPOSE = "comment_note.body"
ASSIGNMENT_NOTE_PURPOSE = "comment_assignment.note"


class ItemKind(StrEnum):
    """What was posted on the page."""

    COMMENT = "comment"
    REPLY = "reply"
    POST = "post"


class CommentStatus(StrEnum):
    """How the item stands on the platform, as far as casewarden knows."""

    VISIBLE = "visible"
    HIDDEN = "hidden"
    REMOVED = "removed"  # removed by its author or by the page outside casewarden
    DELETED = "deleted"  # deleted by casewarden on a supervisor's decision


class ReviewState(StrEnum):
    """Where the item stands with the page moderators."""

    NONE = "none"
    QUEUED = "queued"  # a person should look (hidden automatically, or flagged for review)
    CONFIRMED = "confirmed"
    RESTORED = "restored"
    DISMISSED = "dismissed"
    ESCALATED = "escalated"


class Verb(StrEnum):
    """What a delivery said happened to the item."""

    ADD = "add"
    EDITED = "edited"
    REMOVE = "remove"


class TaskState(StrEnum):
    """A work-queue entry's progress."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class PlatformOperation(StrEnum):
    """The call a platform action makes about a comment."""

    HIDE = "hide"
    UNHIDE = "unhide"
    DELETE = "delete"


class ActionState(StrEnum):
    """A platform action's progress; SENDING means the call may have reached the platform."""

    PLANNED = "planned"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"


class Comment(IdMixin, AgencyScoped, Base):
    """A comment, reply or visitor post on an agency page."""

    __tablename__ = "comment"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        Index("ix_comment_review", "agency_id", "review_state"),
        Index("ix_comment_thread", "page_pk", "post_external_id"),
    )

    page_pk: Mapped[int] = mapped_column(BigId, ForeignKey("agency_page.id", ondelete="RESTRICT"))
    platform: Mapped[Platform] = mapped_column(enum_column(Platform, 12))
    external_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind, 10))
    post_external_id: Mapped[str | None] = mapped_column(String(128))
    parent_external_id: Mapped[str | None] = mapped_column(String(128))
    author_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": AUTHOR_PURPOSE}
    )
    created_time: Mapped[datetime | None]
    first_seen_at: Mapped[datetime]
    status: Mapped[CommentStatus] = mapped_column(
        enum_column(CommentStatus, 10), default=CommentStatus.VISIBLE
    )
    review_state: Mapped[ReviewState] = mapped_column(
        enum_column(ReviewState, 10), default=ReviewState.NONE
    )
    current_version: Mapped[int] = mapped_column(default=0)
    #: Post-level categories of the latest decision as ``,pii,profanity,`` (filterable with LIKE).
    category_codes: Mapped[str] = mapped_column(String(120), default="")
    case_specific: Mapped[bool] = mapped_column(default=False)
    hidden_at: Mapped[datetime | None]
    #: Held by itself or with its thread (a thread's hold is also a ``ThreadHold`` record);
    #: a page-wide hold is on the page (``held``).
    legal_hold: Mapped[bool] = mapped_column(default=False)
    retain_until: Mapped[datetime | None]

    page: Mapped[AgencyPage] = relationship(lazy="joined", innerjoin=True)

    @property
    def held(self) -> bool:
        """Whether a legal hold covers the comment: its own, its thread's or its page's."""
        return self.legal_hold or self.page.on_hold

    @property
    def categories(self) -> list[str]:
        """The categories as a list."""
        return [code for code in self.category_codes.split(",") if code]

    @categories.setter
    def categories(self, value: list[str]) -> None:
        self.category_codes = "," + ",".join(sorted(set(value))) + "," if value else ""


class CommentVersion(IdMixin, Base):
    """One delivered state of a comment's text (sealed), in arrival order."""

    __tablename__ = "comment_version"
    __table_args__ = (UniqueConstraint("comment_id", "version"),)

    comment_id: Mapped[int] = mapped_column(BigId, ForeignKey("comment.id", ondelete="CASCADE"))
    version: Mapped[int]
    verb: Mapped[Verb] = mapped_column(enum_column(Verb, 10))
    #: Keyed hash of platform, id, verb, text and event time: Meta's redeliveries collide here.
    delivery_key: Mapped[str] = mapped_column(String(64), unique=True)
    body_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": BODY_PURPOSE}
    )
    event_time: Mapped[datetime | None]
    received_at: Mapped[datetime]


class ModerationTask(IdMixin, Base):
    """Work to do for one comment version: scan, decide, act. Claimed with a lease."""

    __tablename__ = "moderation_task"
    __table_args__ = (Index("ix_moderation_task_ready", "state", "available_at"),)

    version_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("comment_version.id", ondelete="CASCADE"), unique=True
    )
    state: Mapped[TaskState] = mapped_column(enum_column(TaskState, 10), default=TaskState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    available_at: Mapped[datetime]
    leased_until: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(80))


class ModerationDecision(IdMixin, Base):
    """What was decided about a comment version, by the engine or by a person, and why."""

    __tablename__ = "moderation_decision"
    __table_args__ = (Index("ix_moderation_decision_comment", "comment_id", "decided_at"),)

    comment_id: Mapped[int] = mapped_column(BigId, ForeignKey("comment.id", ondelete="CASCADE"))
    version_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("comment_version.id", ondelete="CASCADE")
    )
    #: One automatic decision per version: redelivered or retried work finds it here.
    automatic_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    decided_at: Mapped[datetime]
    actor_type: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    outcome: Mapped[str] = mapped_column(String(20))  # hide, review, allow, confirm, restore, ...
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    citation: Mapped[str | None] = mapped_column(String(200))
    #: Findings as type, offsets, score and recognizer: never the matched text.
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    language: Mapped[str | None] = mapped_column(String(5))
    case_specific: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(String(40))
    #: The reason a person gave (restore of a disclosure, delete, a restore request), sealed:
    #: staff may quote what the comment disclosed.
    reason_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": REASON_PURPOSE}
    )


class PlatformAction(IdMixin, Base):
    """A call casewarden makes (or made) to the platform about a comment."""

    __tablename__ = "platform_action"
    __table_args__ = (Index("ix_platform_action_state", "state"),)

    comment_id: Mapped[int] = mapped_column(BigId, ForeignKey("comment.id", ondelete="CASCADE"))
    decision_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("moderation_decision.id", ondelete="CASCADE")
    )
    operation: Mapped[PlatformOperation] = mapped_column(enum_column(PlatformOperation, 20))
    #: Unique per decision and operation: a retried task never plans a second call.
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    state: Mapped[ActionState] = mapped_column(
        enum_column(ActionState, 10), default=ActionState.PLANNED
    )
    attempts: Mapped[int] = mapped_column(default=0)
    planned_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(200))

    decision: Mapped[ModerationDecision] = relationship(lazy="raise")


MODEL_PURPOSE = "agency_model.weights"


class ModelState(StrEnum):
    """Where an agency's own comment classifier stands."""

    CANDIDATE = "candidate"  # trained and passed its gate: an administrator may switch it on
    REFUSED = "refused"  # trained and failed its gate: it can never be switched on
    ACTIVE = "active"  # in use beside the shipped classifier
    RETIRED = "retired"  # switched off, or replaced by a newer one


class AgencyModel(IdMixin, AgencyScoped, Base):
    """An agency's own comment classifier, learnt from its moderators' decisions.

    The weights are sealed like the archive (a model is a record derived from comments); the
    gate and the card hold figures only, never a comment's words.
    """

    __tablename__ = "agency_model"
    __table_args__ = (Index("ix_agency_model_state", "agency_id", "state"),)

    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(40))  # an actor reference, never a name
    state: Mapped[ModelState] = mapped_column(enum_column(ModelState, 10))
    decisions: Mapped[int]
    held_back: Mapped[int]
    #: The gate's checks and figures, and whether it passed.
    gate: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: What the model is: labels, feature settings, data counts, the training command.
    card: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    weights_sealed: Mapped[bytes] = mapped_column(
        LargeBinary, info={"sealed_purpose": MODEL_PURPOSE}
    )
    switched_at: Mapped[datetime | None]
    switched_by: Mapped[str | None] = mapped_column(String(40))


QUARANTINE_PURPOSE = "quarantined_change.payload"


class QuarantineReason(StrEnum):
    """Why a signed change was kept aside instead of stored as a comment."""

    ENTRY = "entry"  # an entry that is not an object with a page id
    CHANGE = "change"  # a change that is not an object with a value object
    ID = "id"  # a comment or post without a usable id
    VERB = "verb"  # a verb Meta does not send
    MESSAGING = "messaging"  # a messaging event that is not an object
    OTHER_PAGE = "other_page"  # an event for a comment that belongs to another page


class QuarantinedChange(IdMixin, Base):
    """A signed change whose structure could not be read, kept sealed for a person.

    Nothing Meta signs is lost: what the parser cannot turn into a comment is kept here
    (sealed, as it arrived) instead of being dropped, and an administrator looks at it with
    ``casewarden quarantine``. Not agency-scoped: an unreadable entry may name no page.
    """

    __tablename__ = "quarantined_change"
    __table_args__ = (Index("ix_quarantined_change_open", "resolved_at", "received_at"),)

    received_at: Mapped[datetime]
    platform: Mapped[str] = mapped_column(String(16))
    #: The page the delivery named, when it named one (an id, not personal information).
    page_external_id: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[QuarantineReason] = mapped_column(enum_column(QuarantineReason, 16))
    payload_sealed: Mapped[bytes] = mapped_column(
        LargeBinary, info={"sealed_purpose": QUARANTINE_PURPOSE}
    )
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(40))


class ThreatAlert(IdMixin, AgencyScoped, Base):
    """A comment hidden as a threat, escalated at once to the agency's supervisors.

    Open until a supervisor acknowledges it and takes ownership; the alert email (ids and a
    console link only) is sent by the worker once SMTP is configured.
    """

    __tablename__ = "threat_alert"

    comment_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("comment.id", ondelete="CASCADE"), unique=True
    )
    raised_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    #: The supervisor who acknowledged it and owns the follow-up.
    owner_id: Mapped[int | None] = mapped_column(BigInteger)
    emailed_at: Mapped[datetime | None]
    email_attempts: Mapped[int] = mapped_column(default=0)


class ThreadHold(IdMixin, AgencyScoped, Base):
    """A legal hold on one thread of a page: the post and its comments, later ones included.

    The record is the hold: retention spares every comment of the thread while it stands,
    and intake flags the thread's new comments so that screens show them held.
    """

    __tablename__ = "thread_hold"
    __table_args__ = (UniqueConstraint("page_pk", "post_external_id"),)

    page_pk: Mapped[int] = mapped_column(BigId, ForeignKey("agency_page.id", ondelete="RESTRICT"))
    #: The platform's id of the thread's post (a comment's ``post_external_id``).
    post_external_id: Mapped[str] = mapped_column(String(128))
    placed_at: Mapped[datetime]
    #: Who placed it: the actor's kind and id (staff id; None for casewarden's commands).
    placed_by_type: Mapped[str] = mapped_column(String(20))
    placed_by_id: Mapped[int | None] = mapped_column(BigInteger)


class CommentClaim(IdMixin, AgencyScoped, Base):
    """A comment open with one moderator: only they decide it until the lease runs out.

    Held in the database, not in a web process, so every process of the console sees it.
    """

    __tablename__ = "comment_claim"

    comment_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("comment.id", ondelete="CASCADE"), unique=True
    )
    holder_id: Mapped[int] = mapped_column(BigId, ForeignKey("staff_user.id", ondelete="CASCADE"))
    claimed_at: Mapped[datetime]
    expires_at: Mapped[datetime]

    holder: Mapped[StaffUser] = relationship(lazy="joined", innerjoin=True)


class CommentAssignment(IdMixin, AgencyScoped, Base):
    """Who a comment is assigned to, by whom, with the note that came with it (sealed)."""

    __tablename__ = "comment_assignment"

    comment_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("comment.id", ondelete="CASCADE"), unique=True
    )
    assignee_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT"), index=True
    )
    assigned_by_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    assigned_at: Mapped[datetime]
    #: Staff may quote the comment in the note, so it is sealed like a decision's reason.
    note_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": ASSIGNMENT_NOTE_PURPOSE}
    )

    assignee: Mapped[StaffUser] = relationship(
        lazy="joined", innerjoin=True, foreign_keys=[assignee_id]
    )
    assigned_by: Mapped[StaffUser] = relationship(
        lazy="joined", innerjoin=True, foreign_keys=[assigned_by_id]
    )


class CommentNote(IdMixin, AgencyScoped, Base):
    """A note staff wrote on a comment for each other: sealed, never sent to the platform."""

    __tablename__ = "comment_note"
    __table_args__ = (Index("ix_comment_note_comment", "comment_id", "written_at"),)

    comment_id: Mapped[int] = mapped_column(BigId, ForeignKey("comment.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(BigId, ForeignKey("staff_user.id", ondelete="RESTRICT"))
    written_at: Mapped[datetime]
    body_sealed: Mapped[bytes] = mapped_column(LargeBinary, info={"sealed_purpose": NOTE_PURPOSE})

    author: Mapped[StaffUser] = relationship(lazy="joined", innerjoin=True)
