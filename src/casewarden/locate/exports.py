"""Exports for the case management system: verified leads only, with their verification.

An export is per participant (every verified lead this person may see) or per lead,
as CSV or JSON. Unverified and rejected leads never leave casewarden: a per-participant
export leaves them out (and says how many in the audit), and asking for one of them on
its own is refused by the policy rule ``verify-before-use``. Each exported lead gets
its own ``locate:lead:export`` entry in its chain of custody.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.chain import format_time
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.errors import InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.locate import access, sources
from casewarden.locate.access import LEAD_RESEARCH
from casewarden.locate.leads import (
    enforce_on,
    normalize_participant,
    open_verification,
    people_by_id,
)
from casewarden.locate.models import (
    OBSERVATION_PURPOSE,
    URL_PURPOSE,
    LeadState,
    LocateLead,
    VerificationResult,
)
from casewarden.policy import Action, Purpose
from casewarden.policy.citations import FC_17212

FORMAT_VERSION = "casewarden-locate-export/1"
#: Audit subject of a refused per-participant export (the case system's identifier).
PARTICIPANT_SUBJECT = "participant"
EXPORTABLE = (LeadState.VERIFIED, LeadState.USED_IN_CASE)

CSV_COLUMNS = (
    "lead_id",
    "participant_ref",
    "category",
    "platform",
    "posting_url",
    "captured_at_utc",
    "observation",
    "state",
    "recorded_by",
    "recorded_at_utc",
    "verification_source",
    "verification_source_name",
    "verification_citation",
    "verification_checked_on",
    "verification_reference",
    "verification_result",
    "verified_by",
    "verified_at_utc",
    "capture_sha256",
)
# Spreadsheet programs run cells that start with these as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    """The two formats the case management system takes."""

    CSV = "csv"
    JSON = "json"

    @classmethod
    def parse(cls, value: str) -> ExportFormat:
        """The format named ``value``, or a clear error."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise InvalidInput(N_("Choose csv or json.")) from None

    @property
    def media_type(self) -> str:
        """The Content-Type of the file."""
        return "text/csv; charset=utf-8" if self is ExportFormat.CSV else "application/json"


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A finished export, ready to hand over."""

    filename: str
    media_type: str
    content: bytes
    lead_ids: tuple[int, ...]
    excluded_unverified: int


def _time(moment: datetime | None) -> str | None:
    return format_time(moment) if moment else None


def lead_record(session: Session, keyring: Keyring, lead: LocateLead) -> dict[str, Any]:
    """One verified lead as the case system receives it (also ``lead.json`` in packages)."""
    people = people_by_id(session, {lead.recorded_by, *(v.verified_by for v in lead.verifications)})

    def who(user_id: int) -> dict[str, Any]:
        user = people.get(user_id)
        return {"id": user_id, "username": user.username if user else None}

    verifications = []
    for v in lead.verifications:
        source = sources.source(v.source)
        opened = open_verification(keyring, v)
        verifications.append(
            {
                "id": v.id,
                "source": source.code,
                "source_name": source.name,
                "citation": sources.CITATION,
                "checked_on": v.checked_on.isoformat(),
                "reference": opened.reference,
                "result": str(v.result),
                "verified_by": who(v.verified_by),
                "recorded_at": _time(v.recorded_at),
            }
        )
    return {
        "lead_id": lead.id,
        "participant_ref": lead.participant_ref,
        "category": str(lead.category),
        "platform": str(lead.platform),
        "posting_url": keyring.open_text(lead.posting_url_sealed, URL_PURPOSE),
        "captured_at": _time(lead.captured_at),
        "observation": keyring.open_text(lead.observation_sealed, OBSERVATION_PURPOSE),
        "publicly_visible_attested": lead.attested_public,
        "attestation_version": lead.attestation_version,
        "state": str(lead.state),
        "recorded_by": who(lead.recorded_by),
        "recorded_at": _time(lead.created_at),
        "verified_at": _time(lead.verified_at),
        "used_in_case_at": _time(lead.used_at),
        "verifications": verifications,
        "captures": [
            {"id": c.id, "kind": str(c.kind), "bytes": c.size, "sha256": c.sha256}
            for c in lead.captures
        ],
    }


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_row(record: dict[str, Any]) -> list[str]:
    confirming = next(
        (v for v in record["verifications"] if v["result"] == VerificationResult.CONFIRMED),
        None,
    ) or {"verified_by": {}}
    values = [
        record["lead_id"],
        record["participant_ref"],
        record["category"],
        record["platform"],
        record["posting_url"],
        record["captured_at"],
        record["observation"],
        record["state"],
        record["recorded_by"]["username"],
        record["recorded_at"],
        confirming.get("source"),
        confirming.get("source_name"),
        confirming.get("citation"),
        confirming.get("checked_on"),
        confirming.get("reference"),
        confirming.get("result"),
        confirming["verified_by"].get("username"),
        record["verified_at"],
        ";".join(c["sha256"] for c in record["captures"]),
    ]
    return [_cell(v) for v in values]


def render(records: list[dict[str, Any]], fmt: ExportFormat, **header: Any) -> bytes:
    """The export file's bytes."""
    if fmt is ExportFormat.JSON:
        body = {"format": FORMAT_VERSION, **header, "leads": records}
        return json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True).encode() + b"\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(_csv_row(record))
    return buffer.getvalue().encode("utf-8")


def _record_export(
    session: Session,
    *,
    actor: Actor,
    lead: LocateLead,
    citation: str,
    fmt: ExportFormat,
    scope: str,
    excluded_unverified: int = 0,
) -> None:
    """The audit entry of one exported lead, citing the rule that allowed it."""
    chain.record(
        session,
        subject=LEAD_RESEARCH.citing(citation).of(lead),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_EXPORT,
        details={
            "format": str(fmt),
            "scope": scope,
            "participant": lead.participant_ref,
            "excluded_unverified": excluded_unverified,
        },
    )


def export_lead(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    lead_id: int,
    fmt: ExportFormat,
    now: datetime | None = None,
) -> ExportFile:
    """One lead, if it is verified; an unverified lead is refused by the policy."""
    authorize(actor, Permission.LOCATE_EXPORT)
    lead, _ = access.lead_for(session, actor, lead_id)
    decision = enforce_on(actor, Action.LEAD_EXPORT, lead, Purpose.LOCATE_RESEARCH)
    moment = now or utcnow()
    record = lead_record(session, keyring, lead)
    _record_export(
        session, actor=actor, lead=lead, citation=decision.citation, fmt=fmt, scope="lead"
    )
    content = render(
        [record],
        fmt,
        participant_ref=lead.participant_ref,
        exported_at=format_time(moment),
        exported_by=actor.ref,
    )
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    return ExportFile(
        filename=f"locate-lead-{lead.id}-{stamp}.{fmt.value}",
        media_type=fmt.media_type,
        content=content,
        lead_ids=(lead.id,),
        excluded_unverified=0,
    )


def export_participant(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    participant_ref: str,
    fmt: ExportFormat,
    now: datetime | None = None,
) -> ExportFile:
    """Every verified lead about a participant that this person may see."""
    authorize(actor, Permission.LOCATE_EXPORT)
    participant = normalize_participant(participant_ref)
    viewer = access.viewer_for(session, actor)
    leads = list(
        session.scalars(
            select(LocateLead)
            .where(access.visible(viewer), LocateLead.participant_ref == participant)
            .order_by(LocateLead.id)
        )
    )
    if not leads:
        # Need to know: nothing this person may see. Refused, and audited like any refusal,
        # so that asking about participants outside one's work leaves a trace.
        raise NotFound("No leads about this participant.").audited(
            AuditEvent(
                actor=actor,
                tag=AuditTag.LOCATE_LEAD_EXPORT,
                subject_type=PARTICIPANT_SUBJECT,
                subject_id=participant,
                agency_id=actor.agency_id,
                purpose=str(Purpose.LOCATE_RESEARCH),
                citation=FC_17212,
                outcome=Outcome.DENIED,
                details={"reason": "no_leads_in_view", "format": str(fmt)},
            )
        )
    exportable = [lead for lead in leads if lead.state in EXPORTABLE]
    if not exportable:
        # Every lead is unverified or rejected: the policy's own refusal, audited.
        enforce_on(actor, Action.LEAD_EXPORT, leads[0], Purpose.LOCATE_RESEARCH)
        raise NotFound(N_("No verified leads about this participant."))  # pragma: no cover
    moment = now or utcnow()
    excluded = sum(1 for lead in leads if lead.state is LeadState.UNVERIFIED)
    records = []
    for lead in exportable:
        decision = enforce_on(actor, Action.LEAD_EXPORT, lead, Purpose.LOCATE_RESEARCH)
        records.append(lead_record(session, keyring, lead))
        _record_export(
            session,
            actor=actor,
            lead=lead,
            citation=decision.citation,
            fmt=fmt,
            scope="participant",
            excluded_unverified=excluded,
        )
    content = render(
        records,
        fmt,
        participant_ref=participant,
        exported_at=format_time(moment),
        exported_by=actor.ref,
    )
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    return ExportFile(
        filename=f"locate-{participant}-{stamp}.{fmt.value}",
        media_type=fmt.media_type,
        content=content,
        lead_ids=tuple(lead.id for lead in exportable),
        excluded_unverified=excluded,
    )
