"""What staff publish on agency pages, the agency's outreach profile, automatic DM answers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casewarden.db.base import AgencyScoped, Base, BigId, IdMixin, TimestampMixin, enum_column
from casewarden.pages.models import AgencyPage


class MessageKind(StrEnum):
    """A post on the page, or a public reply to a comment on it."""

    POST = "post"
    REPLY = "reply"


class MessageState(StrEnum):
    """Where a post or reply stands."""

    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"  # ready to go out now
    SENDING = "sending"  # the platform call is under way (or its outcome is unknown)
    PUBLISHED = "published"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    FAILED = "failed"


class OutboundMessage(IdMixin, TimestampMixin, AgencyScoped, Base):
    """A general post or a public reply, written by staff, published as the agency.

    Only text that passed the outbound guard is stored, so it holds no protected
    information; ``text`` ends with the author's self-identification.
    """

    __tablename__ = "outbound_message"
    __table_args__ = (Index("ix_outbound_message_state", "agency_id", "state"),)

    page_pk: Mapped[int] = mapped_column(BigId, ForeignKey("agency_page.id", ondelete="RESTRICT"))
    kind: Mapped[MessageKind] = mapped_column(enum_column(MessageKind, 10))
    #: The comment answered; emptied when that comment's retention ends (the reply stays).
    in_reply_to: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("comment.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="en")
    state: Mapped[MessageState] = mapped_column(
        enum_column(MessageState, 20), default=MessageState.DRAFT
    )
    author_id: Mapped[int] = mapped_column(BigInteger)
    approved_by: Mapped[int | None] = mapped_column(BigInteger)
    approved_at: Mapped[datetime | None]
    scheduled_for: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    platform_object_id: Mapped[str | None] = mapped_column(String(128))
    last_error: Mapped[str | None] = mapped_column(String(200))

    page: Mapped[AgencyPage] = relationship(lazy="joined", innerjoin=True)

    @property
    def text(self) -> str:
        """What appears on the page: the body, then the self-identification."""
        return f"{self.body.rstrip()}\n\n{self.signature}"


class OutreachProfile(IdMixin, TimestampMixin, AgencyScoped, Base):
    """An agency's wording: signature, the redirect reply, its private channels."""

    __tablename__ = "outreach_profile"
    __table_args__ = (UniqueConstraint("agency_id"),)

    signature_template: Mapped[str] = mapped_column(String(200))
    #: Spanish posts and replies are signed with this one.
    signature_template_es: Mapped[str] = mapped_column(String(200))
    #: The agency's own Spanish title for its representatives, if not the standard one.
    title_es: Mapped[str | None] = mapped_column(String(100))
    redirect_reply_en: Mapped[str] = mapped_column(Text)
    redirect_reply_es: Mapped[str] = mapped_column(Text)
    private_channels_en: Mapped[str] = mapped_column(Text)
    private_channels_es: Mapped[str] = mapped_column(Text)
    require_post_approval: Mapped[bool] = mapped_column(default=False)


class AnswerState(StrEnum):
    """The one automatic answer to someone who messaged the page privately."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class PrivateMessageAnswer(IdMixin, Base):
    """Proof that a sender got the one automatic answer; the message itself is not kept.

    ``sender_key`` is a keyed hash of the platform's sender id: it can tell the same
    sender again but cannot be turned back into the id.
    """

    __tablename__ = "private_message_answer"
    __table_args__ = (UniqueConstraint("page_pk", "sender_key"),)

    page_pk: Mapped[int] = mapped_column(BigId, ForeignKey("agency_page.id", ondelete="CASCADE"))
    sender_key: Mapped[str] = mapped_column(String(64))
    #: Needed to address the single answer; erased once it is sent.
    thread_ref: Mapped[str | None] = mapped_column(String(128))
    state: Mapped[AnswerState] = mapped_column(
        enum_column(AnswerState, 10), default=AnswerState.PENDING
    )
    received_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
