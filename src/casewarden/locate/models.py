"""Locate leads found in public social-media postings, their captures and verifications.

What a lead says about a participant (the posting's address and what was observed) and
every captured copy are sealed with AES-GCM; only references, states, codes and hashes
are stored in the clear. The participant is named only by the case management system's
identifier.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casewarden.db.base import AgencyScoped, Base, BigId, IdMixin, TimestampMixin, enum_column

URL_PURPOSE = "locate_lead.posting_url"
OBSERVATION_PURPOSE = "locate_lead.observation"
CAPTURE_PURPOSE = "lead_capture.content"
NOTE_PURPOSE = "lead_verification.note"
REFERENCE_PURPOSE = "lead_verification.reference"
#: Captures are large; ``keys rotate`` re-seals them a few at a time.
CAPTURE_ROTATION_BATCH = 4


class LeadState(StrEnum):
    """Where a lead stands (see ``lifecycle.py`` for the transitions)."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    REJECTED = "rejected"
    USED_IN_CASE = "used_in_case"

    @property
    def is_verified(self) -> bool:
        """True when an independent source confirmed the lead (so it may be used)."""
        return self in (LeadState.VERIFIED, LeadState.USED_IN_CASE)


class LeadCategory(StrEnum):
    """What the posting may help locate (the letter's three words)."""

    WHEREABOUTS = "whereabouts"
    EMPLOYMENT = "employment"
    ASSETS = "assets"


class LeadPlatform(StrEnum):
    """Where the public posting was found."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    TIKTOK = "tiktok"
    LINKEDIN = "linkedin"
    YOUTUBE = "youtube"
    OTHER = "other"


class CaptureKind(StrEnum):
    """A captured copy's format, decided by its bytes, never by its name."""

    PNG = "png"
    JPEG = "jpeg"
    HTML = "html"
    PDF = "pdf"

    @property
    def media_type(self) -> str:
        """The Content-Type it is served with."""
        return {
            CaptureKind.PNG: "image/png",
            CaptureKind.JPEG: "image/jpeg",
            CaptureKind.HTML: "text/html",
            CaptureKind.PDF: "application/pdf",
        }[self]

    @property
    def extension(self) -> str:
        """The file name extension casewarden gives it."""
        return {
            CaptureKind.PNG: "png",
            CaptureKind.JPEG: "jpg",
            CaptureKind.HTML: "html",
            CaptureKind.PDF: "pdf",
        }[self]

    @property
    def is_image(self) -> bool:
        """Screenshots may be shown in the console; HTML and PDF are download-only."""
        return self in (CaptureKind.PNG, CaptureKind.JPEG)


class VerificationResult(StrEnum):
    """What the independent source said about the lead."""

    CONFIRMED = "confirmed"
    CONTRADICTED = "contradicted"


class LocateLead(IdMixin, TimestampMixin, AgencyScoped, Base):
    """A lead about a participant, from a posting that was public when it was captured."""

    __tablename__ = "locate_lead"
    __table_args__ = (
        Index("ix_locate_lead_participant", "agency_id", "participant_ref"),
        Index("ix_locate_lead_state", "agency_id", "state", "created_at"),
    )

    #: The case management system's identifier of the participant; never a name.
    participant_ref: Mapped[str] = mapped_column(String(32))
    platform: Mapped[LeadPlatform] = mapped_column(enum_column(LeadPlatform, 20))
    category: Mapped[LeadCategory] = mapped_column(enum_column(LeadCategory, 20))
    posting_url_sealed: Mapped[bytes] = mapped_column(
        LargeBinary, info={"sealed_purpose": URL_PURPOSE}
    )
    observation_sealed: Mapped[bytes] = mapped_column(
        LargeBinary, info={"sealed_purpose": OBSERVATION_PURPOSE}
    )
    #: When the posting was captured, as the caseworker recorded it (UTC).
    captured_at: Mapped[datetime]
    #: The caseworker attested that the posting was visible without signing in,
    #: connecting or befriending; the wording attested is versioned.
    attested_public: Mapped[bool]
    attestation_version: Mapped[str] = mapped_column(String(20))
    #: The purpose under which it was recorded (``locate_research``).
    purpose: Mapped[str] = mapped_column(String(40))
    state: Mapped[LeadState] = mapped_column(
        enum_column(LeadState, 20), default=LeadState.UNVERIFIED
    )
    recorded_by: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT"), index=True
    )
    #: The recorder's unit when the lead was recorded: the lead is shared within it. A lead
    #: with no unit is seen by the agency's supervisors until one assigns it.
    unit: Mapped[str | None] = mapped_column(String(40))
    #: The caseworker a supervisor assigned the lead to (who then sees it, unit or not).
    assigned_to: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT"), index=True
    )
    verified_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_purpose: Mapped[str | None] = mapped_column(String(40))

    captures: Mapped[list[LeadCapture]] = relationship(
        back_populates="lead", order_by="LeadCapture.id", cascade="all, delete-orphan"
    )
    verifications: Mapped[list[LeadVerification]] = relationship(
        back_populates="lead", order_by="LeadVerification.id", cascade="all, delete-orphan"
    )


class LeadCapture(IdMixin, AgencyScoped, Base):
    """A captured copy of the posting: a screenshot, the saved page, or a PDF print.

    The SHA-256 is of the bytes as uploaded, taken before sealing; every read checks it.
    The uploaded file name is not kept (it may name the participant).
    """

    __tablename__ = "lead_capture"

    lead_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("locate_lead.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[CaptureKind] = mapped_column(enum_column(CaptureKind, 10))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content_sealed: Mapped[bytes] = mapped_column(
        LargeBinary,
        deferred=True,
        info={"sealed_purpose": CAPTURE_PURPOSE, "sealed_batch": CAPTURE_ROTATION_BATCH},
    )
    uploaded_at: Mapped[datetime]
    uploaded_by: Mapped[int] = mapped_column(BigInteger)

    lead: Mapped[LocateLead] = relationship(back_populates="captures")

    @property
    def filename(self) -> str:
        """The name casewarden gives the file (never the uploaded one)."""
        return f"capture-{self.id}.{self.kind.extension}"


class LeadVerification(IdMixin, AgencyScoped, Base):
    """An independent check of a lead against a 22 CCR § 113100 locate source."""

    __tablename__ = "lead_verification"

    lead_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("locate_lead.id", ondelete="CASCADE"), index=True
    )
    #: A code from ``casewarden.locate.sources``.
    source: Mapped[str] = mapped_column(String(40))
    checked_on: Mapped[date]
    #: The source's own reference (an inquiry or record number, which may be a licence or
    #: account number of the participant): sealed.
    reference_sealed: Mapped[bytes] = mapped_column(
        LargeBinary, info={"sealed_purpose": REFERENCE_PURPOSE}
    )
    result: Mapped[VerificationResult] = mapped_column(enum_column(VerificationResult, 20))
    note_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": NOTE_PURPOSE}
    )
    verified_by: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="RESTRICT")
    )
    recorded_at: Mapped[datetime]

    lead: Mapped[LocateLead] = relationship(back_populates="verifications")


class EvidencePackage(IdMixin, AgencyScoped, Base):
    """A litigation evidence package made of a lead; the ZIP itself goes to the requester.

    ``manifest_sha256`` and ``zip_sha256`` are also written to the audit chain, so a
    package whose manifest was rewritten to match altered files can still be told apart
    from the one issued.
    """

    __tablename__ = "evidence_package"

    lead_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("locate_lead.id", ondelete="RESTRICT"), index=True
    )
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(BigInteger)
    manifest_sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: The SHA-256 of the ZIP as handed over.
    zip_sha256: Mapped[str] = mapped_column(String(64))
    files: Mapped[int]
    size: Mapped[int] = mapped_column(BigInteger)
