"""The privacy portal's records: visits, imports, messages, review requests, published statistics.

A :class:`VisitRecord` holds exactly the fields the privacy policy lists (DESIGN.md
rule 7) and nothing else: no user-agent string, no query string, no language, no
status code. ``session_ref`` is a keyed hash of the browser's random session tag; it
exists only so that "discard my visit information" can find that browser's records,
and statistics never read it. The raw IP address is erased after a short window
(``client_network`` keeps the /24 or /48 that statistics may use).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casewarden.db.base import AgencyScoped, Base, BigId, IdMixin, enum_column
from casewarden.errors import Conflict
from casewarden.i18n import N_

#: Purposes bound into the sealed free text of the public forms (``crypto.keyring``).
MESSAGE_BODY_PURPOSE = "contact_message.body"
REVIEW_DETAILS_PURPOSE = "review_request.details"


class VisitKind(StrEnum):
    """What the visitor did: viewed a page, downloaded a form, or left through a link."""

    PAGE = "page"
    DOWNLOAD = "download"
    OUTBOUND = "outbound"


class VisitRecord(IdMixin, AgencyScoped, Base):
    """One automatically collected visit: only the permitted fields (privacy policy, rule 7)."""

    __tablename__ = "visit_record"
    # Indexes are few on purpose: the log importer writes ~100,000 rows a second and
    # every index costs it. The partial ones cover only rows that hold the value.
    __table_args__ = (
        Index("ix_visit_record_agency_time", "agency_id", "occurred_at"),
        # The few rows that still hold a raw address (truncation job, domain lookups).
        Index(
            "ix_visit_record_client_ip",
            "client_ip",
            sqlite_where=text("client_ip IS NOT NULL"),
            postgresql_where=text("client_ip IS NOT NULL"),
        ),
        # Live visits of a browser (discard, "my visits"); imported rows have none.
        Index(
            "ix_visit_record_session_ref",
            "session_ref",
            sqlite_where=text("session_ref IS NOT NULL"),
            postgresql_where=text("session_ref IS NOT NULL"),
        ),
    )

    # The (agency_id, occurred_at) index serves agency filters; no index of its own.
    agency_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("agency.id", ondelete="RESTRICT"), nullable=False
    )
    occurred_at: Mapped[datetime]
    kind: Mapped[VisitKind] = mapped_column(enum_column(VisitKind, 10))
    #: The page or service accessed: a path without query string or language prefix.
    page: Mapped[str] = mapped_column(String(200))
    #: Keyed hash of the browser's random session tag; None when it presented none.
    session_ref: Mapped[str | None] = mapped_column(String(32))
    #: The full address, kept for ``privacy_raw_ip_hours`` and then erased.
    client_ip: Mapped[str | None] = mapped_column(String(45))
    #: The address truncated to /24 (IPv4) or /48 (IPv6): all statistics ever read.
    client_network: Mapped[str] = mapped_column(String(49))
    #: Reverse-DNS name, looked up later (never in the request) and cut to its last labels.
    client_domain: Mapped[str | None] = mapped_column(String(253))
    browser: Mapped[str] = mapped_column(String(50))
    os: Mapped[str] = mapped_column(String(50))
    #: The referring site's host name (never its full URL).
    referrer_site: Mapped[str | None] = mapped_column(String(253))
    #: The next site visited, recorded by the outbound redirect.
    next_site: Mapped[str | None] = mapped_column(String(300))
    #: The form downloaded (its catalogue name, or a file name from an imported log).
    form_downloaded: Mapped[str | None] = mapped_column(String(100))
    #: The import a row came from (deleting the import deletes its rows); None for live visits.
    log_import_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("log_import.id", ondelete="CASCADE")
    )


class LogImport(IdMixin, AgencyScoped, Base):
    """One run of ``casewarden logs import``: what was read, kept, skipped and rejected."""

    __tablename__ = "log_import"

    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    lines: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    malformed: Mapped[int] = mapped_column(Integer, default=0)


class MessageTopic(StrEnum):
    """What a contact-form message is about."""

    GENERAL = "general"
    WEBSITE = "website"
    ACCESSIBILITY = "accessibility"
    PRIVACY = "privacy"
    OTHER = "other"


class MessageStatus(StrEnum):
    """Where a contact-form message stands."""

    NEW = "new"
    ANSWERED = "answered"
    FORWARDED = "forwarded"
    CLOSED = "closed"


class ContactMessage(IdMixin, AgencyScoped, Base):
    """A message sent through the contact form; read by the agency's staff only.

    The message is sealed at rest like a comment. ``marked`` lists the passages the
    sender was shown and chose to send anyway (type and offsets, never the words).
    """

    __tablename__ = "contact_message"

    reference: Mapped[str] = mapped_column(String(16), unique=True)
    received_at: Mapped[datetime]
    topic: Mapped[MessageTopic] = mapped_column(enum_column(MessageTopic, 20))
    name: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    body_sealed: Mapped[bytes] = mapped_column(
        LargeBinary, info={"sealed_purpose": MESSAGE_BODY_PURPOSE}
    )
    marked: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(5))
    status: Mapped[MessageStatus] = mapped_column(
        enum_column(MessageStatus, 20), default=MessageStatus.NEW
    )
    handled_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    handled_at: Mapped[datetime | None]

    forwards: Mapped[list[ContactForward]] = relationship(
        back_populates="message", order_by="ContactForward.forwarded_at", lazy="selectin"
    )


class ForwardReason(StrEnum):
    """Why a message may leave the agency (privacy policy, principle 6)."""

    AUTHORIZED_ACTION = "authorized_action"
    LAW_ENFORCEMENT = "law_enforcement"
    REQUIRED_BY_LAW = "required_by_law"


class ContactForward(IdMixin, AgencyScoped, Base):
    """A contact message forwarded to another state agency, with the reason on record."""

    __tablename__ = "contact_forward"

    message_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("contact_message.id", ondelete="CASCADE"), index=True
    )
    destination: Mapped[str] = mapped_column(String(200))
    reason: Mapped[ForwardReason] = mapped_column(enum_column(ForwardReason, 30))
    explanation: Mapped[str] = mapped_column(String(1000))
    forwarded_by_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    forwarded_at: Mapped[datetime]

    message: Mapped[ContactMessage] = relationship(back_populates="forwards")


class ReviewStatus(StrEnum):
    """The steps of a review request."""

    RECEIVED = "received"
    VERIFIED = "verified"
    RESPONDED = "responded"
    CLOSED = "closed"


class VerificationMethod(StrEnum):
    """How the privacy officer confirmed the requester is the person the records describe."""

    PHOTO_ID_IN_PERSON = "photo_id_in_person"
    NOTARIZED_REQUEST = "notarized_request"
    MATCHING_DETAILS = "matching_details"
    NOT_VERIFIED = "not_verified"


class ResponseMethod(StrEnum):
    """How the answer reached the requester."""

    MAIL = "mail"
    EMAIL = "email"
    IN_PERSON = "in_person"
    PHONE = "phone"


class ReviewRequest(IdMixin, AgencyScoped, Base):
    """A request to review the personal information the agency holds (Civil Code § 1798.34)."""

    __tablename__ = "review_request"

    reference: Mapped[str] = mapped_column(String(16), unique=True)
    received_at: Mapped[datetime]
    due_on: Mapped[date]
    status: Mapped[ReviewStatus] = mapped_column(
        enum_column(ReviewStatus, 20), default=ReviewStatus.RECEIVED
    )
    requester_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    mailing_address: Mapped[str | None] = mapped_column(String(300))
    #: What the person asked to review, sealed at rest like a comment.
    details_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": REVIEW_DETAILS_PURPOSE}
    )
    #: Passages of the details sent anyway after they were marked (type and offsets).
    details_marked: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    visit_reference: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(5))

    verification_method: Mapped[VerificationMethod | None] = mapped_column(
        enum_column(VerificationMethod, 30)
    )
    verification_note: Mapped[str | None] = mapped_column(String(1000))
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    response: Mapped[str | None] = mapped_column(Text)
    response_method: Mapped[ResponseMethod | None] = mapped_column(enum_column(ResponseMethod, 20))
    responded_at: Mapped[datetime | None]
    responded_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    closed_at: Mapped[datetime | None]

    findings: Mapped[list[ReviewFinding]] = relationship(
        back_populates="request",
        order_by="ReviewFinding.id",
        lazy="selectin",
        cascade="all, delete-orphan",
    )
    corrections: Mapped[list[ReviewCorrection]] = relationship(
        back_populates="request", order_by="ReviewCorrection.id", lazy="selectin"
    )
    permissions: Mapped[list[DisclosurePermission]] = relationship(
        back_populates="request", order_by="DisclosurePermission.id", lazy="selectin"
    )


class ReviewFinding(IdMixin, AgencyScoped, Base):
    """A record found in casewarden that holds the requester's personal information."""

    __tablename__ = "review_finding"

    request_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_request.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(300))
    found_at: Mapped[datetime]

    request: Mapped[ReviewRequest] = relationship(back_populates="findings")


class CorrectionDecision(StrEnum):
    """What the agency decided about a requested correction (Civil Code §§ 1798.35-1798.36)."""

    MADE = "made"
    REFUSED = "refused"


class ReviewCorrection(IdMixin, AgencyScoped, Base):
    """A correction the requester asked for, and the decision with its reason."""

    __tablename__ = "review_correction"

    request_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_request.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(40))
    requested_value: Mapped[str] = mapped_column(String(1000))
    decision: Mapped[CorrectionDecision] = mapped_column(enum_column(CorrectionDecision, 10))
    reason: Mapped[str] = mapped_column(String(1000))
    decided_by_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    decided_at: Mapped[datetime]

    request: Mapped[ReviewRequest] = relationship(back_populates="corrections")


class PermissionEvidence(StrEnum):
    """How the person gave permission to disclose to a third party."""

    SIGNED_WRITTEN = "signed_written"
    VERIFIED_ELECTRONIC = "verified_electronic"


class PermissionState(StrEnum):
    """Where a disclosure permission stands."""

    PENDING = "pending"  # recorded, waiting for a second person to confirm it
    CONFIRMED = "confirmed"
    REFUSED = "refused"
    REVOKED = "revoked"


class DisclosurePermission(IdMixin, AgencyScoped, Base):
    """A person's recorded permission to give their visit information to one named recipient.

    Government Code § 11015.5: no electronically collected personal information goes
    to a third party without it (``casewarden.privacy.disclosures`` enforces this).
    """

    __tablename__ = "disclosure_permission"

    request_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("review_request.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(500))
    evidence: Mapped[PermissionEvidence] = mapped_column(enum_column(PermissionEvidence, 30))
    granted_on: Mapped[date]
    recorded_by_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    recorded_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # A second person confirms the permission before anything is disclosed under it: a
    # supervisor or an administrator, never whoever recorded it (two-person rule).
    confirmed_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    confirmed_at: Mapped[datetime | None]
    refused_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    refused_at: Mapped[datetime | None]
    refusal_reason: Mapped[str | None] = mapped_column(String(1000))

    request: Mapped[ReviewRequest] = relationship(back_populates="permissions")

    @property
    def state(self) -> PermissionState:
        """Where the permission stands: only a confirmed one lets anything be disclosed."""
        if self.revoked_at is not None:
            return PermissionState.REVOKED
        if self.refused_at is not None:
            return PermissionState.REFUSED
        if self.confirmed_at is not None:
            return PermissionState.CONFIRMED
        return PermissionState.PENDING


class PublishedStatistics(IdMixin, AgencyScoped, Base):
    """One publication of a month's statistics: suppressed tables, never changed.

    A month published again gets a new row with the next ``number`` (a correction);
    rows are only ever added (an update is refused below).
    """

    __tablename__ = "published_statistics"
    __table_args__ = (UniqueConstraint("agency_id", "period", "number"),)

    period: Mapped[str] = mapped_column(String(7))
    #: 1 for the first publication of the month, 2 for its first correction, and so on.
    number: Mapped[int] = mapped_column(Integer, default=1)
    tables: Mapped[dict[str, Any]] = mapped_column(JSON)
    threshold: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime]
    published_by_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )


@event.listens_for(PublishedStatistics, "before_update")
def _publications_are_immutable(*_: Any) -> None:
    # Two versions of one download subtracted would reveal small counts: a correction is
    # a new publication, whose suppression knows what was published before.
    raise Conflict(N_("A publication cannot be changed; publish a correction instead."))
