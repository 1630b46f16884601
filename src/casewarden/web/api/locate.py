"""``/api/locate``: the locate workbench as JSON, with the same checks and refusals as the console.

Recording a lead and adding captures take ``multipart/form-data`` (the captured files);
everything else takes and gives JSON, except the files handed over (captures, exports,
evidence packages). A policy refusal answers 403 with the rule and its citation.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from casewarden.audit.chain import format_time
from casewarden.errors import PermissionDenied
from casewarden.locate import assignment, evidence, exports, leads, sources, verification
from casewarden.locate.leads import LeadDraft, LeadFilter, LeadView
from casewarden.locate.models import LeadCategory, LeadPlatform, LeadState, LocateLead
from casewarden.policy import PolicyDenied, Purpose
from casewarden.web.api.answers import answers
from casewarden.web.console.locate_common import (
    capture_time,
    download,
    keyring_of,
    read_uploads,
    record_posted_lead,
    rules_of,
)
from casewarden.web.deps import MAX_ID, DbSession, RecordId, Staff
from casewarden.web.refusals import keep_refusal

router = APIRouter(prefix="/api/locate", tags=["locate"])
FormText = Annotated[str, Form(max_length=40)]


class VerificationRequest(BaseModel):
    """An independent verification of a lead."""

    source: Annotated[str, Field(max_length=40, description="A code from /api/locate/sources.")]
    checked_on: date
    reference: Annotated[str, Field(max_length=80)]
    result: Literal["confirmed", "contradicted"]
    note: Annotated[str, Field(max_length=1000)] = ""


class UseRequest(BaseModel):
    """What a verified lead was used for."""

    purpose: Literal["locate_research", "litigation_evidence"] = "locate_research"


class AssignmentRequest(BaseModel):
    """Where a lead without a unit goes: a unit, or a caseworker (by user name)."""

    unit: Annotated[str | None, Field(max_length=40)] = None
    caseworker: Annotated[str | None, Field(max_length=80)] = None


class ExportRequest(BaseModel):
    """The format of an export."""

    format: Literal["csv", "json"] = "json"


class ParticipantExportRequest(ExportRequest):
    """Every verified lead about one participant."""

    participant: Annotated[str, Field(max_length=32)]


def _refusal(request: Request, session: DbSession, denied: PermissionDenied) -> Response:
    keep_refusal(request, session, denied)
    body: dict[str, object] = {"error": denied.public_message}
    if isinstance(denied, PolicyDenied):
        body["rule"] = denied.decision.rule
        body["citation"] = denied.decision.citation
    return JSONResponse(body, status_code=403)


def _summary(lead: LocateLead) -> dict[str, object]:
    return {
        "id": lead.id,
        "participant_ref": lead.participant_ref,
        "category": str(lead.category),
        "platform": str(lead.platform),
        "captured_at": format_time(lead.captured_at),
        "recorded_at": format_time(lead.created_at),
        "state": str(lead.state),
        "verified": lead.state.is_verified,
        "usable": lead.state.is_verified,
    }


def _detail(view: LeadView) -> dict[str, object]:
    lead = view.lead
    return {
        **_summary(lead),
        "posting_url": view.posting_url,
        "observation": view.observation,
        "attested_public": lead.attested_public,
        "attestation_version": lead.attestation_version,
        "recorded_by": lead.recorded_by,
        "unit": lead.unit,
        "assigned_to": lead.assigned_to,
        "expires_at": format_time(view.expires_at) if view.expires_at else None,
        "captures": [
            {
                "id": c.id,
                "kind": str(c.kind),
                "bytes": c.size,
                "sha256": c.sha256,
                "uploaded_at": format_time(c.uploaded_at),
            }
            for c in view.captures
        ],
        "verifications": [
            {
                "id": v.record.id,
                "source": v.record.source,
                "citation": sources.CITATION,
                "checked_on": v.record.checked_on.isoformat(),
                "reference": v.reference,
                "result": str(v.record.result),
                "note": v.note,
                "verified_by": v.record.verified_by,
                "recorded_at": format_time(v.record.recorded_at),
            }
            for v in view.verifications
        ],
        "packages": [
            {
                "id": p.id,
                "created_at": format_time(p.created_at),
                "manifest_sha256": p.manifest_sha256,
            }
            for p in view.packages
        ],
        "custody": [
            {
                "seq": e.seq,
                "occurred_at": e.occurred_at,
                "actor": e.actor,
                "event": e.tag,
                "outcome": e.outcome,
                "details": e.details,
            }
            for e in view.custody
        ],
    }


def _opened(request: Request, session: DbSession, staff: Staff, lead_id: int) -> dict[str, object]:
    view = leads.open_lead(
        session=session,
        actor=staff.actor,
        keyring=keyring_of(request),
        rules=rules_of(request),
        lead_id=lead_id,
    )
    return _detail(view)


@router.get("/sources", responses=answers())
def list_sources(staff: Staff) -> dict[str, object]:
    """The locate sources of 22 CCR § 113100, and which may verify a social-media lead."""
    return {
        "citation": sources.CITATION,
        "sources": [
            {"code": s.code, "name": s.name, "may_verify_social_media_leads": s.independent}
            for s in sources.SOURCES
        ],
    }


@router.get("/leads", responses=answers(422))
def list_leads(
    session: DbSession,
    staff: Staff,
    state: Literal["unverified", "verified", "rejected", "used_in_case"] | None = None,
    category: Literal["whereabouts", "employment", "assets"] | None = None,
    platform: Annotated[str | None, Query(max_length=20)] = None,
    participant: Annotated[str | None, Query(max_length=32)] = None,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> dict[str, object]:
    """The leads this person may see (their own and their unit's), newest first."""
    try:
        parsed_platform = LeadPlatform(platform) if platform else None
    except ValueError:
        parsed_platform = None
    page = leads.list_leads(
        session=session,
        actor=staff.actor,
        where=LeadFilter(
            state=LeadState(state) if state else None,
            category=LeadCategory(category) if category else None,
            platform=parsed_platform,
            participant_ref=participant,
        ),
        before=before,
    )
    return {
        "leads": [_summary(lead) for lead in page.leads],
        "next_before": page.next_before,
        "unverified_in_view": page.unverified,
    }


@router.post("/leads", status_code=201, responses=answers(400, 413, 422))
def record(
    request: Request,
    session: DbSession,
    staff: Staff,
    participant: FormText,
    platform: FormText,
    posting_url: Annotated[str, Form(max_length=2048)],
    captured_at: Annotated[str, Form(max_length=40, description="ISO 8601 with an offset.")],
    category: FormText,
    observation: Annotated[str, Form(max_length=4000)],
    audience: FormText,
    *,
    attest_public: Annotated[bool, Form()] = False,
    purpose: FormText = Purpose.LOCATE_RESEARCH.value,
    captures: Annotated[list[UploadFile], File()] = [],  # noqa: B006 - FastAPI reads a fresh list per request
) -> Response:
    """Record a lead with its captured copies; refused unless the posting was public."""
    try:
        lead = record_posted_lead(
            request,
            session,
            staff.actor,
            LeadDraft(
                participant_ref=participant,
                platform=platform,
                posting_url=posting_url,
                captured_at=capture_time(captured_at),
                category=category,
                observation=observation,
                audience=audience,
                attested_public=attest_public,
                purpose=purpose,
            ),
            captures,
        )
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    lead_id = lead.id
    return JSONResponse(_opened(request, session, staff, lead_id), status_code=201)


@router.get("/leads/{lead_id}", responses=answers(404, 422))
def detail(
    request: Request, session: DbSession, staff: Staff, lead_id: RecordId
) -> dict[str, object]:
    """A lead with its captures, verifications, packages and chain of custody (audited)."""
    return _opened(request, session, staff, lead_id)


@router.post(
    "/leads/{lead_id}/captures", status_code=201, responses=answers(400, 404, 409, 413, 422)
)
def add_captures(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: RecordId,
    captures: Annotated[list[UploadFile], File()] = [],  # noqa: B006 - FastAPI reads a fresh list per request
) -> Response:
    """Attach more captured copies to an unverified lead."""
    rules = rules_of(request)
    try:
        added = leads.add_captures(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            rules=rules,
            lead_id=lead_id,
            uploads=read_uploads(captures, rules),
        )
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    return JSONResponse(
        {"captures": [{"id": c.id, "kind": str(c.kind), "sha256": c.sha256} for c in added]},
        status_code=201,
    )


@router.get("/leads/{lead_id}/captures/{capture_id}", responses=answers(404, 422))
def capture_file(
    request: Request, session: DbSession, staff: Staff, lead_id: RecordId, capture_id: RecordId
) -> Response:
    """A captured copy, byte for byte as uploaded (saved pages as opaque bytes)."""
    opened = leads.download_capture(
        session=session,
        actor=staff.actor,
        keyring=keyring_of(request),
        lead_id=lead_id,
        capture_id=capture_id,
    )
    session.commit()  # the download is in the audit chain before the file leaves
    return download(opened.content, opened.capture.filename, opened.media_type)


@router.post(
    "/leads/{lead_id}/verifications",
    status_code=201,
    responses=answers(400, 404, 409, 413, 422),
)
def verify(
    request: Request, session: DbSession, staff: Staff, lead_id: RecordId, body: VerificationRequest
) -> Response:
    """Record an independent verification; the Internet is refused as a source."""
    try:
        verification.verify_lead(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            rules=rules_of(request),
            lead_id=lead_id,
            draft=verification.VerificationDraft(
                source=body.source,
                checked_on=body.checked_on,
                reference=body.reference,
                result=body.result,
                note=body.note,
            ),
        )
    except PermissionDenied as denied:
        return _refusal(request, session, denied)
    return JSONResponse(_opened(request, session, staff, lead_id), status_code=201)


@router.post("/leads/{lead_id}/use", responses=answers(400, 404, 409, 413, 422))
def use(
    request: Request, session: DbSession, staff: Staff, lead_id: RecordId, body: UseRequest
) -> Response:
    """Record that a verified lead was used in the case or in litigation."""
    try:
        leads.mark_used(session=session, actor=staff.actor, lead_id=lead_id, purpose=body.purpose)
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    return JSONResponse(_opened(request, session, staff, lead_id))


@router.post("/leads/{lead_id}/export", responses=answers(400, 404, 409, 413, 422))
def export_lead(
    request: Request, session: DbSession, staff: Staff, lead_id: RecordId, body: ExportRequest
) -> Response:
    """One verified lead for the case management system; unverified leads are refused."""
    try:
        exported = exports.export_lead(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            lead_id=lead_id,
            fmt=exports.ExportFormat(body.format),
        )
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    session.commit()  # the transfer is in the audit chain before the file leaves
    return download(exported.content, exported.filename, exported.media_type)


@router.post("/exports", responses=answers(400, 404, 413, 422))
def export_participant(
    request: Request, session: DbSession, staff: Staff, body: ParticipantExportRequest
) -> Response:
    """Every verified lead about a participant; unverified ones are left out."""
    try:
        exported = exports.export_participant(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            participant_ref=body.participant,
            fmt=exports.ExportFormat(body.format),
        )
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    session.commit()  # the transfer is in the audit chain before the file leaves
    response = download(exported.content, exported.filename, exported.media_type)
    response.headers["X-Casewarden-Excluded-Unverified"] = str(exported.excluded_unverified)
    return response


@router.post("/leads/{lead_id}/package", responses=answers(404, 409, 413, 422))
def package(request: Request, session: DbSession, staff: Staff, lead_id: RecordId) -> Response:
    """A litigation evidence package (ZIP) of a verified lead; unverified leads are refused."""
    try:
        built = evidence.build_package(
            session=session, actor=staff.actor, keyring=keyring_of(request), lead_id=lead_id
        )
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    session.commit()  # the package is in the audit chain before the file leaves
    response = download(built.content, built.filename, "application/zip")
    response.headers["X-Casewarden-Manifest-SHA256"] = built.manifest_sha256
    return response


@router.post("/leads/{lead_id}/assignment", responses=answers(400, 404, 413, 422))
def assign(
    session: DbSession, staff: Staff, lead_id: RecordId, body: AssignmentRequest
) -> dict[str, object]:
    """A supervisor gives a lead without a unit to a unit or a caseworker (audited)."""
    lead = assignment.assign_lead(
        session=session,
        actor=staff.actor,
        lead_id=lead_id,
        unit=body.unit,
        caseworker=body.caseworker,
    )
    return {"id": lead.id, "unit": lead.unit, "assigned_to": lead.assigned_to}
