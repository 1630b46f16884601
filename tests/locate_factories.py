"""Factories for the locate workbench: captured files of every kind, leads in every state."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from PIL import Image
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.agencies.models import Agency
from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.locate import leads, verification
from casewarden.locate.captures import CaptureLimits
from casewarden.locate.leads import LeadDraft, LocateRules
from casewarden.locate.models import LocateLead
from tests.factories import make_agency, make_user

RULES = LocateRules(
    unverified_days=90,
    separate_verifier=True,
    capture_limits=CaptureLimits(max_bytes=256 * 1024, max_count=4),
)
PARTICIPANT = "3000012345"
POSTING_URL = "https://www.facebook.com/public.page/posts/1234567890"
OBSERVATION = "Profile photo caption says he started at Acme Tire in Fresno last month."


@cache
def keyring() -> Keyring:
    """One test keyring per run."""
    return Keyring.parse(generate_key("test1"))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG (grey pixels)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims huge dimensions (a decompression bomb's calling card)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00"))
        + _chunk(b"IEND", b"")
    )


@cache
def jpeg() -> bytes:
    """A valid JPEG, made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf() -> bytes:
    """A small PDF (structure enough for the checks casewarden makes)."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def html() -> bytes:
    """A saved web page."""
    return (
        b"<!-- saved from url=(0040)https://www.facebook.com/public.page -->\n"
        b"<!DOCTYPE html><html><head><title>Public page</title></head>"
        b"<body><script>alert('never run')</script><p>Now hiring</p></body></html>"
    )


def draft(**changes: object) -> LeadDraft:
    """A complete, acceptable lead; ``changes`` override fields."""
    values: dict[str, object] = {
        "participant_ref": PARTICIPANT,
        "platform": "facebook",
        "posting_url": POSTING_URL,
        "captured_at": datetime.now(UTC) - timedelta(hours=2),
        "category": "employment",
        "observation": OBSERVATION,
        "audience": "public",
        "attested_public": True,
    }
    values.update(changes)
    return LeadDraft(**values)  # type: ignore[arg-type]


def record(
    session: Session,
    recorder: StaffUser,
    *,
    uploads: list[bytes] | None = None,
    **changes: object,
) -> LocateLead:
    """A lead recorded through the service, as a caseworker would."""
    return leads.record_lead(
        session=session,
        actor=actor_for(recorder),
        keyring=keyring(),
        rules=RULES,
        draft=draft(**changes),
        uploads=uploads if uploads is not None else [png()],
    )


def verify(
    session: Session,
    lead: LocateLead,
    verifier: StaffUser,
    *,
    source: str = "dmv",
    result: str = "confirmed",
) -> LocateLead:
    """Record a verification through the service."""
    verification.verify_lead(
        session=session,
        actor=actor_for(verifier),
        keyring=keyring(),
        rules=RULES,
        lead_id=lead.id,
        draft=verification.VerificationDraft(
            source=source,
            checked_on=datetime.now(UTC).date(),
            reference="DMV-INQ-2026-0042",
            result=result,
        ),
    )
    return lead


@dataclass
class Team:
    """An agency's locate team: two units, their supervisors, and people without locate access."""

    agency: Agency
    ana: StaffUser  # caseworker, unit east
    ben: StaffUser  # caseworker, unit east
    cruz: StaffUser  # caseworker, unit west
    dee: StaffUser  # supervisor, unit east
    eli: StaffUser  # supervisor, unit west
    solo: StaffUser  # caseworker in no unit
    moderator: StaffUser
    admin: StaffUser


def make_team(session: Session, agency: Agency | None = None) -> Team:
    """A locate team in ``agency`` (a new one when not given)."""
    agency = agency or make_agency(session)

    def member(role: Role, unit: str | None) -> StaffUser:
        user = make_user(session, agency, role=role)
        user.unit = unit
        return user

    team = Team(
        agency=agency,
        ana=member(Role.CASEWORKER, "east"),
        ben=member(Role.CASEWORKER, "east"),
        cruz=member(Role.CASEWORKER, "west"),
        dee=member(Role.SUPERVISOR, "east"),
        eli=member(Role.SUPERVISOR, "west"),
        solo=member(Role.CASEWORKER, None),
        moderator=member(Role.PAGE_MODERATOR, "east"),
        admin=member(Role.ADMIN, "east"),
    )
    session.flush()
    return team
