"""Recording, reading, listing and using leads.

Each operation passes three checks, in this order: the role's permission, lead
visibility (``access.py``), and the social-media policy with the operation's purpose.
Refusals are audited; reads are audited too (Family Code § 17212), each against the
lead it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import ensure_writable
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.i18n import N_
from casewarden.locate import access, captures, custody
from casewarden.locate.access import LEAD_RESEARCH
from casewarden.locate.access import SUBJECT as LEAD_SUBJECT
from casewarden.locate.captures import CaptureLimits
from casewarden.locate.lifecycle import LeadEvent, advance
from casewarden.locate.models import (
    NOTE_PURPOSE,
    OBSERVATION_PURPOSE,
    REFERENCE_PURPOSE,
    URL_PURPOSE,
    CaptureKind,
    EvidencePackage,
    LeadCapture,
    LeadCategory,
    LeadPlatform,
    LeadState,
    LeadVerification,
    LocateLead,
)
from casewarden.locate.postings import is_group_address, is_private_area
from casewarden.policy import Action, Purpose, Resource, ResourceKind, enforce
from casewarden.policy.engine import Decision

#: The attestation a caseworker makes for every lead; its version is stored with the lead.
ATTESTATION_VERSION = "public-v1"
ATTESTATION = N_(
    "I attest that the posting was publicly visible when I captured it: I saw it without "
    "signing in, and without connecting with, following or befriending the account holder."
)

# Case management identifiers: letters, digits and '-', with at least one digit, so that
# a person's name does not fit. Leads are recorded only under the agency's own format
# (``LocateRules.participant_format``); searches take any identifier of this shape, so
# leads recorded under an earlier format can still be found.
_PARTICIPANT = re.compile(r"^(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9][A-Za-z0-9-]{2,31}$")
#: The case management system's participant identifiers, unless the agency sets its own.
DEFAULT_PARTICIPANT_FORMAT = r"[0-9]{3,32}"
MAX_OBSERVATION = 4000
MAX_URL = 2048
#: A lead holds at most this many uploads' worth of captured copies.
_UPLOADS_PER_LEAD = 4
#: Capture times a little ahead of the server clock are tolerated (clock skew).
_FUTURE_SKEW = timedelta(minutes=5)
_OLDEST_CAPTURE = timedelta(days=3650)


class PostingAudience(StrEnum):
    """Who could see the posting, as the caseworker found it."""

    PUBLIC = "public"
    FRIENDS_ONLY = "friends_only"
    PRIVATE = "private"


@dataclass(frozen=True, slots=True)
class LocateRules:
    """The locate settings the services apply."""

    unverified_days: int = 90
    separate_verifier: bool = True
    #: A regular expression the whole participant identifier must match when recorded.
    participant_format: str = DEFAULT_PARTICIPANT_FORMAT
    capture_limits: CaptureLimits = field(
        default_factory=lambda: CaptureLimits(max_bytes=10 * 1024 * 1024, max_count=5)
    )

    @classmethod
    def from_settings(cls, settings: Settings) -> LocateRules:
        """The rules as configured."""
        return cls(
            unverified_days=settings.locate_unverified_days,
            separate_verifier=settings.locate_separate_verifier,
            participant_format=settings.locate_participant_id_format,
            capture_limits=CaptureLimits(
                max_bytes=settings.locate_capture_max_bytes,
                max_count=settings.locate_max_captures,
            ),
        )


@dataclass(frozen=True, slots=True)
class LeadDraft:
    """What a caseworker entered for a new lead (strings as typed; checked here)."""

    participant_ref: str
    platform: str
    posting_url: str
    captured_at: datetime | None
    category: str
    observation: str
    audience: str
    attested_public: bool
    purpose: str = Purpose.LOCATE_RESEARCH.value


def normalize_participant(value: str) -> str:
    """A case management identifier in canonical form, or a clear error."""
    ref = value.strip().upper()
    if not _PARTICIPANT.match(ref):
        raise InvalidInput(
            N_(
                "Enter the participant's identifier from the case management system (3-32 "
                "letters, digits or '-', with at least one digit), never a name."
            )
        )
    return ref


def participant_for_record(value: str, rules: LocateRules) -> str:
    """A participant identifier in the agency's configured format, or a clear error."""
    ref = normalize_participant(value)
    if not re.fullmatch(rules.participant_format, ref):
        refusal = (
            N_(
                "Enter the participant's identifier from the case management system "
                "(3-32 digits), never a name."
            )
            if rules.participant_format == DEFAULT_PARTICIPANT_FORMAT
            else N_(
                "Enter the participant's identifier from the case management system "
                "(in the format the agency set), never a name."
            )
        )
        raise InvalidInput(refusal)
    return ref


def _choice(enum_cls: type[StrEnum], value: str, refusal: str) -> str:
    try:
        return enum_cls(value.strip().lower()).value
    except ValueError:
        choices = ", ".join(member.value for member in enum_cls)
        raise InvalidInput(refusal, values={"choices": choices}) from None


def _posting_url(value: str) -> str:
    url = value.strip()
    if not url or len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InvalidInput(
            N_("Enter the posting's public web address (up to %(count)d characters)."),
            values={"count": MAX_URL},
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(N_("The posting's address must be an http or https web address."))
    if parts.username or parts.password:
        raise InvalidInput(N_("The posting's address must not carry a user name or password."))
    return url


def _captured_at(value: datetime | None, now: datetime) -> datetime:
    if value is None:
        raise InvalidInput(N_("Enter when the posting was captured."))
    if value.tzinfo is None:
        raise InvalidInput(N_("The time of capture needs a time zone."))
    if value > now + _FUTURE_SKEW:
        raise InvalidInput(N_("The time of capture is in the future."))
    if value < now - _OLDEST_CAPTURE:
        raise InvalidInput(N_("The time of capture is more than ten years ago."))
    return value


def _observation(value: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(N_("Describe what the posting shows."))
    if len(text) > MAX_OBSERVATION:
        raise InvalidInput(
            N_("Keep the observation under %(count)d characters."),
            values={"count": MAX_OBSERVATION},
        )
    return text


def lead_resource(lead: LocateLead, **facts: bool | None) -> Resource:
    """The facts about a lead that the policy rules look at."""
    return Resource(
        kind=ResourceKind.LEAD,
        id=str(lead.id),
        publicly_visible=lead.attested_public,
        verified=lead.state.is_verified,
        **facts,
    )


def enforce_on(
    actor: Actor, action: Action, lead: LocateLead, purpose: Purpose | str, **facts: bool | None
) -> Decision:
    """Ask the policy about ``action`` on ``lead``; refusals are audited against the lead."""
    return enforce(actor, action, lead_resource(lead, **facts), purpose, agency_id=lead.agency_id)


def _recorder(session: Session, actor: Actor) -> access.Viewer:
    viewer = access.viewer_for(session, actor)
    if actor.kind is not ActorKind.STAFF or viewer.user_id is None:
        raise PermissionDenied(
            N_("Leads are recorded by a member of staff, signed in as themselves.")
        )
    return viewer


def record_lead(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    rules: LocateRules,
    draft: LeadDraft,
    uploads: list[bytes],
    now: datetime | None = None,
) -> LocateLead:
    """Save a lead with its captured copies; refused unless the posting was public."""
    authorize(actor, Permission.LOCATE_RECORD)
    moment = now or utcnow()
    audience = _choice(
        PostingAudience,
        draft.audience or "",
        N_("Choose the audience of the posting: %(choices)s."),
    )
    url = _posting_url(draft.posting_url)
    # A group's address cannot show whether the group is public: no attestation makes it so.
    in_group = is_group_address(url)
    publicly_visible = (
        draft.attested_public is True
        and audience == PostingAudience.PUBLIC
        and not is_private_area(url)
        and not in_group
    )
    decision = enforce(
        actor,
        Action.LEAD_RECORD,
        Resource(kind=ResourceKind.LEAD, publicly_visible=publicly_visible, in_group=in_group),
        draft.purpose,
    )
    recorder = _recorder(session, actor)
    participant = participant_for_record(draft.participant_ref, rules)
    platform = _choice(LeadPlatform, draft.platform, N_("Choose the platform: %(choices)s."))
    category = _choice(LeadCategory, draft.category, N_("Choose the category: %(choices)s."))
    captured_at = _captured_at(draft.captured_at, moment)
    observation = _observation(draft.observation)
    if not uploads:
        raise InvalidInput(
            N_("Attach at least one captured copy: a screenshot, saved page or PDF.")
        )
    kinds = captures.check_uploads(uploads, rules.capture_limits)

    lead = LocateLead(
        agency_id=recorder.agency_id,
        participant_ref=participant,
        platform=LeadPlatform(platform),
        category=LeadCategory(category),
        posting_url_sealed=keyring.seal_text(url, URL_PURPOSE),
        observation_sealed=keyring.seal_text(observation, OBSERVATION_PURPOSE),
        captured_at=captured_at,
        attested_public=True,
        attestation_version=ATTESTATION_VERSION,
        purpose=draft.purpose,
        state=LeadState.UNVERIFIED,
        recorded_by=recorder.user_id,
        unit=recorder.unit,
    )
    session.add(lead)
    session.flush()
    chain.record(
        session,
        subject=Subject(type=LEAD_SUBJECT, purpose=lead.purpose, citation=decision.citation).of(
            lead
        ),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_RECORD,
        details={
            "participant": participant,
            "category": category,
            "platform": platform,
            "attestation": ATTESTATION_VERSION,
            "captures": len(uploads),
        },
    )
    captures.add_captures(
        session=session,
        actor=actor,
        keyring=keyring,
        lead=lead,
        uploads=uploads,
        kinds=kinds,
        now=moment,
    )
    return lead


def add_captures(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    rules: LocateRules,
    lead_id: int,
    uploads: list[bytes],
    now: datetime | None = None,
) -> list[LeadCapture]:
    """Attach more captured copies to an unverified lead (a verified lead's evidence is fixed)."""
    authorize(actor, Permission.LOCATE_RECORD)
    lead, _ = access.lead_for(session, actor, lead_id)
    ensure_writable(session, lead)
    enforce_on(actor, Action.LEAD_RECORD, lead, lead.purpose)
    if lead.state is not LeadState.UNVERIFIED:
        raise Conflict(N_("Captured copies are added only while a lead is unverified."))
    if not uploads:
        raise InvalidInput(N_("Attach at least one captured copy."))
    existing = len(lead.captures)
    limits = rules.capture_limits
    most = _UPLOADS_PER_LEAD * limits.max_count
    if existing + len(uploads) > most:
        raise InvalidInput(
            N_("A lead holds at most %(count)d captured copies."), values={"count": most}
        )
    kinds = captures.check_uploads(uploads, limits)
    return captures.add_captures(
        session=session,
        actor=actor,
        keyring=keyring,
        lead=lead,
        uploads=uploads,
        kinds=kinds,
        now=now,
    )


@dataclass(frozen=True, slots=True)
class OpenedVerification:
    """A verification with its sealed reference and note opened."""

    record: LeadVerification
    reference: str
    note: str


def open_verification(keyring: Keyring, verification: LeadVerification) -> OpenedVerification:
    """Open a verification's sealed fields."""
    note = ""
    if verification.note_sealed is not None:
        note = keyring.open_text(verification.note_sealed, NOTE_PURPOSE)
    return OpenedVerification(
        record=verification,
        reference=keyring.open_text(verification.reference_sealed, REFERENCE_PURPOSE),
        note=note,
    )


@dataclass(frozen=True, slots=True)
class LeadView:
    """A lead opened for reading: its sealed facts opened, its history attached."""

    lead: LocateLead
    posting_url: str
    observation: str
    captures: list[LeadCapture]
    verifications: list[OpenedVerification]
    packages: list[EvidencePackage]
    custody: list[custody.CustodyEntry]
    expires_at: datetime | None
    people: dict[int, StaffUser]


def expiry_of(lead: LocateLead, rules: LocateRules) -> datetime | None:
    """When an unverified lead will be purged (None once it is verified or rejected)."""
    if lead.state is not LeadState.UNVERIFIED:
        return None
    return lead.created_at + timedelta(days=rules.unverified_days)


def people_by_id(session: Session, ids: set[int]) -> dict[int, StaffUser]:
    """Staff accounts by id, for showing who did what."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {u.id: u for u in session.scalars(select(StaffUser).where(StaffUser.id.in_(wanted)))}


def open_lead(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    rules: LocateRules,
    lead_id: int,
    purpose: Purpose | str = Purpose.LOCATE_RESEARCH,
) -> LeadView:
    """Read a lead (audited as a view), with its captures, verifications and custody."""
    authorize(actor, Permission.LOCATE_VIEW)
    lead, _ = access.lead_for(session, actor, lead_id)
    decision = enforce_on(actor, Action.LEAD_VIEW, lead, purpose)
    chain.record(
        session,
        subject=Subject(type=LEAD_SUBJECT, purpose=str(purpose), citation=decision.citation).of(
            lead
        ),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_VIEW,
        details={"state": str(lead.state)},
    )
    packages = list(
        session.scalars(
            select(EvidencePackage)
            .where(EvidencePackage.lead_id == lead.id)
            .order_by(EvidencePackage.id)
        )
    )
    verifications = list(lead.verifications)
    ids = {lead.recorded_by, lead.used_by or 0, lead.assigned_to or 0}
    ids |= {v.verified_by for v in verifications} | {p.created_by for p in packages}
    ids |= {c.uploaded_by for c in lead.captures}
    history = custody.custody_of(session, lead.id)
    ids |= {int(e.body["actor"]["id"]) for e in history if e.body["actor"].get("id")}
    return LeadView(
        lead=lead,
        posting_url=keyring.open_text(lead.posting_url_sealed, URL_PURPOSE),
        observation=keyring.open_text(lead.observation_sealed, OBSERVATION_PURPOSE),
        captures=list(lead.captures),
        verifications=[open_verification(keyring, v) for v in verifications],
        packages=packages,
        custody=history,
        expires_at=expiry_of(lead, rules),
        people=people_by_id(session, ids),
    )


@dataclass(frozen=True, slots=True)
class LeadFilter:
    """What the list shows."""

    state: LeadState | None = None
    category: LeadCategory | None = None
    platform: LeadPlatform | None = None
    participant_ref: str | None = None
    mine: bool = False


@dataclass(frozen=True, slots=True)
class LeadPage:
    """One page of leads, newest first, and where the next page starts."""

    leads: list[LocateLead]
    next_before: int | None
    unverified: int


PAGE_SIZE = 50


def list_leads(
    *,
    session: Session,
    actor: Actor,
    where: LeadFilter,
    before: int | None = None,
    limit: int = PAGE_SIZE,
) -> LeadPage:
    """The leads this person may see, newest first (the list view is audited)."""
    authorize(actor, Permission.LOCATE_VIEW)
    # Every saved lead was attested public; the list asks the policy as any view does.
    decision = enforce(
        actor,
        Action.LEAD_VIEW,
        Resource(kind=ResourceKind.LEAD, publicly_visible=True),
        Purpose.LOCATE_RESEARCH,
    )
    viewer = access.viewer_for(session, actor)
    query = select(LocateLead).where(access.visible(viewer))
    if where.state is not None:
        query = query.where(LocateLead.state == where.state)
    if where.category is not None:
        query = query.where(LocateLead.category == where.category)
    if where.platform is not None:
        query = query.where(LocateLead.platform == where.platform)
    participant = normalize_participant(where.participant_ref) if where.participant_ref else None
    if participant:
        query = query.where(LocateLead.participant_ref == participant)
    if where.mine and viewer.user_id is not None:
        query = query.where(LocateLead.recorded_by == viewer.user_id)
    unverified = (
        session.scalar(
            select(func.count()).select_from(
                query.where(LocateLead.state == LeadState.UNVERIFIED).subquery()
            )
        )
        or 0
    )
    if before is not None:
        query = query.where(LocateLead.id < before)
    rows = list(session.scalars(query.order_by(LocateLead.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    chain.record(
        session,
        subject=Subject(
            type=access.SUBJECT,
            agency_id=actor.agency_id,
            purpose=str(Purpose.LOCATE_RESEARCH),
            citation=decision.citation,
        ),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_LIST,
        details={
            "shown": len(rows),
            "state": str(where.state) if where.state else None,
            "participant": participant,
            "first": rows[0].id if rows else None,
            "last": rows[-1].id if rows else None,
        },
    )
    return LeadPage(
        leads=rows, next_before=rows[-1].id if more and rows else None, unverified=unverified
    )


def mark_used(
    *,
    session: Session,
    actor: Actor,
    lead_id: int,
    purpose: Purpose | str = Purpose.LOCATE_RESEARCH,
    now: datetime | None = None,
) -> LocateLead:
    """Record that a verified lead was used in the case (or as evidence in litigation)."""
    authorize(actor, Permission.LOCATE_USE)
    lead, _ = access.lead_for(session, actor, lead_id)
    ensure_writable(session, lead)
    decision = enforce_on(actor, Action.LEAD_USE, lead, purpose)
    lead.state = advance(lead.state, LeadEvent.USE)
    lead.used_at = now or utcnow()
    lead.used_by = actor.id
    lead.used_purpose = str(purpose)
    session.flush()
    chain.record(
        session,
        subject=Subject(type=LEAD_SUBJECT, purpose=str(purpose), citation=decision.citation).of(
            lead
        ),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_USE,
        details={"state": str(lead.state)},
    )
    return lead


@dataclass(frozen=True, slots=True)
class CaptureFile:
    """A captured copy opened for download, checked against its recorded SHA-256."""

    capture: LeadCapture
    content: bytes

    @property
    def media_type(self) -> str:
        """What it is served as; saved pages as opaque bytes, so nothing renders them."""
        if self.capture.kind is not CaptureKind.HTML:
            return self.capture.kind.media_type
        return "application/octet-stream"


def download_capture(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    lead_id: int,
    capture_id: int,
    inline: bool = False,
) -> CaptureFile:
    """Open a captured copy (audited as a download, or as a view when shown inline)."""
    authorize(actor, Permission.LOCATE_VIEW)
    lead, _ = access.lead_for(session, actor, lead_id)
    capture = next((c for c in lead.captures if c.id == capture_id), None)
    if capture is None:
        raise NotFound(N_("No such captured copy."))
    if inline and not capture.kind.is_image:
        raise InvalidInput(N_("Only screenshots are shown in the console; download the others."))
    decision = enforce_on(actor, Action.LEAD_VIEW, lead, Purpose.LOCATE_RESEARCH)
    content = captures.open_capture(keyring, capture)
    chain.record(
        session,
        subject=LEAD_RESEARCH.citing(decision.citation).of(lead),
        actor=actor,
        tag=AuditTag.LOCATE_CAPTURE_DOWNLOAD,
        details={"capture": capture.id, "sha256": capture.sha256, "inline": inline},
    )
    return CaptureFile(capture=capture, content=content)


def unverified_count(*, session: Session, actor: Actor) -> int:
    """Unverified leads this person may see (a number only: no lead is shown, so no audit)."""
    authorize(actor, Permission.LOCATE_VIEW)
    viewer = access.viewer_for(session, actor)
    return (
        session.scalar(
            select(func.count())
            .select_from(LocateLead)
            .where(access.visible(viewer), LocateLead.state == LeadState.UNVERIFIED)
        )
        or 0
    )
