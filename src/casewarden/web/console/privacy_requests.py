"""Review requests in the console: verify identity, search, respond, correct, permissions."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.clock import agency_today
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.privacy import disclosures, records, requests
from casewarden.privacy.models import PermissionEvidence
from casewarden.privacy.statistics import csv_cell
from casewarden.web.console.locate_common import keyring_of
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.highlight import pieces
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/privacy/requests")

NOTICES = {
    "verified": N_("The identity step is recorded."),
    "searched": N_("The search is done; the records found are listed below."),
    "responded": N_("The answer is recorded."),
    "corrected": N_("The decision on the correction is recorded."),
    "permission": N_(
        "The permission is recorded. A supervisor or an administrator confirms it before "
        "anything is disclosed under it."
    ),
    "revoked": N_("The permission is revoked."),
    "closed": N_("The request is closed."),
}
EVIDENCE_LABELS = {
    PermissionEvidence.SIGNED_WRITTEN: N_("Signed written permission"),
    PermissionEvidence.VERIFIED_ELECTRONIC: N_("Electronic permission from the verified person"),
}
Text = Annotated[str, Form(max_length=2000)]


@router.get("", include_in_schema=False)
def queue(request: Request, session: DbSession, staff: Staff, show: str = "open") -> Response:
    """Open requests, soonest due first (or every request)."""
    listed = requests.list_requests(session=session, actor=staff.actor, open_only=show != "all")
    return render(
        request,
        "console/privacy/requests.html",
        {
            "requests": listed,
            "show": "all" if show == "all" else "open",
            "statuses": requests.STATUS_LABELS,
            "today": agency_today(),
            "overdue": requests.is_overdue,
        },
    )


def _detail(
    request: Request,
    session: DbSession,
    staff: Staff,
    request_id: int,
    *,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    opened = requests.open_request(
        session=session, actor=staff.actor, keyring=keyring_of(request), request_id=request_id
    )
    review = opened.request
    correctable = {finder.source: finder.correctable for finder in records.finders()}
    fixable = [finding for finding in review.findings if correctable.get(finding.source)]
    fields = sorted({name for finding in fixable for name in correctable[finding.source]})
    return render(
        request,
        "console/privacy/request.html",
        {
            "review": review,
            "details": opened.details,
            "marked": opened.marked,
            "pieces": pieces,
            "statuses": requests.STATUS_LABELS,
            "verifications": requests.VERIFICATION_LABELS,
            "responses": requests.RESPONSE_LABELS,
            "evidence": EVIDENCE_LABELS,
            "fixable": fixable,
            "correctable_fields": fields,
            "today": agency_today(),
            "overdue": requests.is_overdue(review, agency_today()),
            "notice": notice,
            "error": error,
        },
        status_code=status_code,
    )


@router.get("/{request_id}", include_in_schema=False)
def review_request(
    request: Request, session: DbSession, staff: Staff, request_id: RecordId, notice: str = ""
) -> Response:
    """One request and every step taken on it (opening it is audited)."""
    return _detail(request, session, staff, request_id, notice=NOTICES.get(notice))


def _done(request_id: int, notice: str) -> Response:
    return RedirectResponse(
        f"/console/privacy/requests/{request_id}?notice={notice}", status_code=303
    )


def _refused(
    request: Request,
    session: DbSession,
    staff: Staff,
    request_id: int,
    error: InvalidInput | Conflict,
) -> Response:
    session.rollback()
    return _detail(request, session, staff, request_id, error=words_for(error), status_code=422)


@router.post("/{request_id}/verify", include_in_schema=False)
def verify(
    request: Request,
    session: DbSession,
    staff: Staff,
    request_id: RecordId,
    method: Annotated[str, Form(max_length=40)],
    note: Text = "",
) -> Response:
    """Record how the requester's identity was verified."""
    try:
        requests.verify_identity(
            session=session, actor=staff.actor, request_id=request_id, method=method, note=note
        )
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, request_id, exc)
    return _done(request_id, "verified")


@router.post("/{request_id}/search", include_in_schema=False)
def search(request: Request, session: DbSession, staff: Staff, request_id: RecordId) -> Response:
    """Search every record source for the requester's records."""
    try:
        requests.search_records(session=session, actor=staff.actor, request_id=request_id)
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, request_id, exc)
    return _done(request_id, "searched")


@router.post("/{request_id}/respond", include_in_schema=False)
def respond(
    request: Request,
    session: DbSession,
    staff: Staff,
    request_id: RecordId,
    response: Annotated[str, Form(max_length=40_000)],
    method: Annotated[str, Form(max_length=20)],
) -> Response:
    """Record the answer and how it was sent."""
    try:
        requests.respond(
            session=session,
            actor=staff.actor,
            request_id=request_id,
            response=response,
            method=method,
        )
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, request_id, exc)
    return _done(request_id, "responded")


@router.post("/{request_id}/corrections", include_in_schema=False)
def correct(
    request: Request,
    session: DbSession,
    staff: Staff,
    request_id: RecordId,
    finding_id: Annotated[int, Form(ge=1, le=2**63 - 1)],
    field: Annotated[str, Form(max_length=40)],
    requested_value: Text,
    decision: Annotated[str, Form(max_length=10)],
    reason: Text,
) -> Response:
    """Make or refuse a correction, with the reason."""
    try:
        requests.record_correction(
            session=session,
            actor=staff.actor,
            request_id=request_id,
            finding_id=finding_id,
            field=field,
            requested_value=requested_value,
            decision=decision,
            reason=reason,
        )
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, request_id, exc)
    return _done(request_id, "corrected")


@router.post("/{request_id}/permissions", include_in_schema=False)
def record_permission(
    request: Request,
    session: DbSession,
    staff: Staff,
    request_id: RecordId,
    recipient: Annotated[str, Form(max_length=400)],
    purpose: Annotated[str, Form(max_length=1000)],
    evidence: Annotated[str, Form(max_length=40)],
    granted_on: Annotated[str, Form(max_length=10)],
) -> Response:
    """Record the person's permission to give their visit information to one recipient."""
    try:
        try:
            when = date.fromisoformat(granted_on)
        except ValueError:
            raise InvalidInput(
                N_("Give the date the permission was signed (YYYY-MM-DD).")
            ) from None
        requests.record_permission(
            session=session,
            actor=staff.actor,
            request_id=request_id,
            recipient=recipient,
            purpose=purpose,
            evidence=evidence,
            granted_on=when,
            today=agency_today(),
        )
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, request_id, exc)
    return _done(request_id, "permission")


@router.post("/{request_id}/permissions/{permission_id}/revoke", include_in_schema=False)
def revoke(
    session: DbSession, staff: Staff, request_id: RecordId, permission_id: RecordId
) -> Response:
    """The person withdrew the permission."""
    requests.revoke_permission(
        session=session, actor=staff.actor, request_id=request_id, permission_id=permission_id
    )
    return _done(request_id, "revoked")


@router.post("/{request_id}/permissions/{permission_id}/disclose", include_in_schema=False)
def disclose(
    session: DbSession,
    staff: Staff,
    request_id: RecordId,
    permission_id: RecordId,
    recipient: Annotated[str, Form(max_length=400)],
) -> Response:
    """The visit records the permission covers, as CSV for the named recipient (audited)."""
    rows = disclosures.disclose_visits(
        session=session,
        actor=staff.actor,
        request_id=request_id,
        permission_id=permission_id,
        recipient=recipient,
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        ["occurred_at_utc", "kind", "page", "network", "browser", "os", "referrer_site",
         "next_site", "form_downloaded"]
    )  # fmt: skip
    for row in rows:
        writer.writerow(
            csv_cell(value)
            for value in (
                row.occurred_at.isoformat(), row.kind, row.page, row.client_network, row.browser,
                row.os, row.referrer_site or "", row.next_site or "", row.form_downloaded or "",
            )
        )  # fmt: skip
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="disclosure-{permission_id}.csv"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/{request_id}/close", include_in_schema=False)
def close(request: Request, session: DbSession, staff: Staff, request_id: RecordId) -> Response:
    """Close the request."""
    try:
        requests.close(session=session, actor=staff.actor, request_id=request_id)
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, request_id, exc)
    return _done(request_id, "closed")
