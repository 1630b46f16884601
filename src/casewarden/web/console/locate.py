"""The locate workbench in the console: lead list, recording, detail, captures, verification.

Exports and evidence packages are in ``locate_transfers.py``. Every page about a lead
is audited by the service that reads it, and served with ``Cache-Control: no-store``.
The participant appears only as the case system's identifier.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.errors import CasewardenError, Conflict, InvalidInput, PermissionDenied
from casewarden.i18n import N_
from casewarden.locate import assignment, leads, sources, verification
from casewarden.locate.leads import ATTESTATION, LeadDraft, LeadFilter, PostingAudience
from casewarden.locate.models import LeadCategory, LeadPlatform, LeadState, VerificationResult
from casewarden.policy import PolicyDenied, Purpose
from casewarden.web.console.locate_common import (
    capture_time,
    day,
    download,
    keyring_of,
    no_store,
    read_uploads,
    record_posted_lead,
    rules_of,
)
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.refusals import keep_refusal, words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/locate")

NOTICES = {
    "recorded": N_(
        "Lead recorded. It stays unverified, and cannot leave casewarden, until an "
        "independent source confirms it."
    ),
    "captures": N_("Captured copies added."),
    "verified": N_("Verification recorded: the lead is verified."),
    "rejected": N_("Verification recorded: the source contradicted the lead, which is rejected."),
    "used": N_("Recorded as used in the case."),
    "assigned": N_("Lead assigned."),
}
STATE_LABELS = {
    LeadState.UNVERIFIED: N_("Unverified — not for use"),
    LeadState.VERIFIED: N_("Verified"),
    LeadState.REJECTED: N_("Rejected (contradicted)"),
    LeadState.USED_IN_CASE: N_("Used in the case"),
}
AUDIENCES = {
    PostingAudience.PUBLIC: N_("Anyone, without signing in"),
    PostingAudience.FRIENDS_ONLY: N_("Friends, followers or connections only"),
    PostingAudience.PRIVATE: N_("Private (a group, a message, or the account holder only)"),
}
FormText = Annotated[str, Form(max_length=40)]


E = TypeVar("E", LeadState, LeadCategory, LeadPlatform)


def _enum_or_none(enum_cls: type[E], value: str) -> E | None:
    """A filter value, or no filter for anything unknown."""
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


@router.get("", include_in_schema=False)
def lead_list(
    request: Request,
    session: DbSession,
    staff: Staff,
    state: str = "",
    category: str = "",
    platform: str = "",
    participant: str = "",
    mine: str = "",
    before: str = "",
    notice: str = "",
) -> Response:
    """The leads this person may see, newest first, with filters."""
    error = None
    where = LeadFilter(
        state=_enum_or_none(LeadState, state),
        category=_enum_or_none(LeadCategory, category),
        platform=_enum_or_none(LeadPlatform, platform),
        participant_ref=participant[:40] or None,
        mine=mine == "1",
    )
    try:
        page = leads.list_leads(
            session=session,
            actor=staff.actor,
            where=where,
            before=int(before) if before.isdigit() and len(before) < 18 else None,
        )
    except InvalidInput as exc:
        error = words_for(exc)
        session.rollback()
        page = leads.list_leads(session=session, actor=staff.actor, where=LeadFilter(), before=None)
    return no_store(
        render(
            request,
            "console/locate/list.html",
            {
                "page": page,
                "filters": {
                    "state": state,
                    "category": category,
                    "platform": platform,
                    "participant": participant[:40],
                    "mine": mine == "1",
                },
                "states": list(LeadState),
                "state_labels": STATE_LABELS,
                "categories": list(LeadCategory),
                "platforms": list(LeadPlatform),
                "notice": NOTICES.get(notice),
                "error": error,
                "can_record": has_permission(staff.role, Permission.LOCATE_RECORD),
                "can_export": has_permission(staff.role, Permission.LOCATE_EXPORT),
            },
            status_code=422 if error else 200,
        )
    )


def _form_page(
    request: Request,
    *,
    form: dict[str, str],
    error: str | None = None,
    rule: str | None = None,
    status_code: int = 200,
) -> Response:
    return no_store(
        render(
            request,
            "console/locate/new.html",
            {
                "form": form,
                "platforms": list(LeadPlatform),
                "categories": list(LeadCategory),
                "audiences": AUDIENCES,
                "attestation": ATTESTATION,
                "max_mib": max(1, rules_of(request).capture_limits.max_bytes // (1024 * 1024)),
                "max_count": rules_of(request).capture_limits.max_count,
                "error": error,
                "rule": rule,
            },
            status_code=status_code,
        )
    )


_EMPTY_FORM = {
    "participant": "",
    "platform": "",
    "posting_url": "",
    "captured_at": "",
    "category": "",
    "observation": "",
    "audience": "",
}


@router.get("/new", include_in_schema=False)
def new_lead(request: Request, staff: Staff, participant: str = "") -> Response:
    """The form for recording a lead."""
    authorize(staff.actor, Permission.LOCATE_RECORD)
    return _form_page(request, form={**_EMPTY_FORM, "participant": participant[:32]})


@router.post("", include_in_schema=False)
def record(
    request: Request,
    session: DbSession,
    staff: Staff,
    participant: FormText,
    platform: FormText,
    posting_url: Annotated[str, Form(max_length=2048)],
    captured_at: FormText,
    category: FormText,
    observation: Annotated[str, Form(max_length=4000)],
    audience: FormText = "",
    attest_public: FormText = "",
    captures: Annotated[list[UploadFile], File()] = [],  # noqa: B006 - FastAPI reads a fresh list per request
) -> Response:
    """Save a lead with its captured copies; refused unless the posting was public."""
    form = {
        "participant": participant,
        "platform": platform,
        "posting_url": posting_url,
        "captured_at": captured_at,
        "category": category,
        "observation": observation,
        "audience": audience,
    }
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
                attested_public=attest_public == "yes",
            ),
            captures,
        )
    except PolicyDenied as denied:
        keep_refusal(request, session, denied)
        return _form_page(
            request,
            form=form,
            error=words_for(denied),
            rule=denied.decision.rule,
            status_code=403,
        )
    except InvalidInput as exc:
        session.rollback()
        return _form_page(request, form=form, error=words_for(exc), status_code=422)
    return RedirectResponse(f"/console/locate/leads/{lead.id}?notice=recorded", status_code=303)


def _detail_page(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: int,
    *,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    keyring = keyring_of(request)
    rules = rules_of(request)
    view = leads.open_lead(
        session=session, actor=staff.actor, keyring=keyring, rules=rules, lead_id=lead_id
    )
    lead = view.lead
    may_verify = has_permission(staff.role, Permission.LOCATE_VERIFY) and not (
        rules.separate_verifier and lead.recorded_by == staff.user_id
    )
    return no_store(
        render(
            request,
            "console/locate/detail.html",
            {
                "view": view,
                "lead": lead,
                "state_labels": STATE_LABELS,
                "sources": sources.SOURCES,
                "independent_sources": sources.independent_sources(),
                "citation": sources.CITATION,
                "source_names": {s.code: s.name for s in sources.SOURCES},
                "attestation": ATTESTATION,
                "notice": NOTICES.get(notice or ""),
                "error": error,
                "may_record": has_permission(staff.role, Permission.LOCATE_RECORD),
                "may_verify": may_verify,
                "separate_verifier": rules.separate_verifier,
                "may_use": has_permission(staff.role, Permission.LOCATE_USE),
                "may_export": has_permission(staff.role, Permission.LOCATE_EXPORT),
                "may_package": has_permission(staff.role, Permission.EVIDENCE_PACKAGE),
                "may_assign": has_permission(staff.role, Permission.LOCATE_ASSIGN),
                "purposes": (Purpose.LOCATE_RESEARCH, Purpose.LITIGATION_EVIDENCE),
            },
            status_code=status_code,
        )
    )


@router.get("/leads/{lead_id}", include_in_schema=False)
def detail(
    request: Request, session: DbSession, staff: Staff, lead_id: RecordId, notice: str = ""
) -> Response:
    """A lead: what was found, its captured copies, its verification and its history."""
    return _detail_page(request, session, staff, lead_id, notice=notice)


def refused_on_detail(
    request: Request, session: DbSession, staff: Staff, lead_id: int, error: CasewardenError
) -> Response:
    """Show a refusal or an input error on the lead's page, keeping the refusal's audit."""
    # Rolls the work back and keeps the refusal's audit entry, whatever kind of error it is.
    keep_refusal(request, session, error)
    if isinstance(error, PermissionDenied):
        status = 403
    else:
        status = 409 if isinstance(error, Conflict) else 422
    return _detail_page(
        request, session, staff, lead_id, error=words_for(error), status_code=status
    )


@router.post("/leads/{lead_id}/captures", include_in_schema=False)
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
        leads.add_captures(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            rules=rules,
            lead_id=lead_id,
            uploads=read_uploads(captures, rules),
        )
    except (PermissionDenied, InvalidInput, Conflict) as exc:
        return refused_on_detail(request, session, staff, lead_id, exc)
    return RedirectResponse(f"/console/locate/leads/{lead_id}?notice=captures", status_code=303)


@router.get("/leads/{lead_id}/captures/{capture_id}", include_in_schema=False)
def capture_file(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: RecordId,
    capture_id: RecordId,
    inline: str = "",
) -> Response:
    """A captured copy: screenshots may be shown; saved pages and PDFs only download."""
    opened = leads.download_capture(
        session=session,
        actor=staff.actor,
        keyring=keyring_of(request),
        lead_id=lead_id,
        capture_id=capture_id,
        inline=inline == "1",
    )
    session.commit()  # the download is in the audit chain before the file leaves
    return download(
        opened.content,
        opened.capture.filename,
        opened.media_type,
        inline=inline == "1",
    )


@router.post("/leads/{lead_id}/verify", include_in_schema=False)
def verify(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: RecordId,
    source: FormText,
    checked_on: FormText,
    reference: Annotated[str, Form(max_length=80)],
    result: FormText,
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Record an independent verification of the lead."""
    try:
        recorded = verification.verify_lead(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            rules=rules_of(request),
            lead_id=lead_id,
            draft=verification.VerificationDraft(
                source=source,
                checked_on=day(checked_on),
                reference=reference,
                result=result,
                note=note,
            ),
        )
    except (PermissionDenied, InvalidInput, Conflict) as exc:
        return refused_on_detail(request, session, staff, lead_id, exc)
    notice = "verified" if recorded.result == VerificationResult.CONFIRMED else "rejected"
    return RedirectResponse(f"/console/locate/leads/{lead_id}?notice={notice}", status_code=303)


@router.post("/leads/{lead_id}/use", include_in_schema=False)
def use(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: RecordId,
    purpose: FormText = Purpose.LOCATE_RESEARCH.value,
) -> Response:
    """Record that a verified lead was used in the case or in litigation."""
    try:
        leads.mark_used(session=session, actor=staff.actor, lead_id=lead_id, purpose=purpose)
    except (PermissionDenied, Conflict) as exc:
        return refused_on_detail(request, session, staff, lead_id, exc)
    return RedirectResponse(f"/console/locate/leads/{lead_id}?notice=used", status_code=303)


@router.post("/leads/{lead_id}/assign", include_in_schema=False)
def assign(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: RecordId,
    unit: FormText = "",
    caseworker: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    """A supervisor gives a lead without a unit to a unit or a caseworker."""
    try:
        assignment.assign_lead(
            session=session,
            actor=staff.actor,
            lead_id=lead_id,
            unit=unit or None,
            caseworker=caseworker or None,
        )
    except (PermissionDenied, InvalidInput, Conflict) as exc:
        return refused_on_detail(request, session, staff, lead_id, exc)
    session.commit()
    # The supervisor may no longer see the lead (it went to another unit): back to the list.
    return RedirectResponse("/console/locate?notice=assigned", status_code=303)
