"""What leaves casewarden from the locate workbench: exports and litigation evidence packages.

Each is a POST (a transfer, protected against cross-site requests) answered with a file
to save. Unverified leads are refused by the policy and the refusal is shown on the
lead's page (or the list), and audited.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from casewarden.errors import InvalidInput, NotFound, PermissionDenied
from casewarden.locate import evidence, exports
from casewarden.web.console.locate import refused_on_detail
from casewarden.web.console.locate_common import download, keyring_of
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.refusals import keep_refusal, words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/locate")
FormText = Annotated[str, Form(max_length=40)]
FormatField = Annotated[str, Form(alias="format", max_length=10)]


@router.post("/leads/{lead_id}/export", include_in_schema=False)
def export_lead(
    request: Request,
    session: DbSession,
    staff: Staff,
    lead_id: RecordId,
    fmt: FormatField = "csv",
) -> Response:
    """One verified lead for the case management system."""
    try:
        exported = exports.export_lead(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            lead_id=lead_id,
            fmt=exports.ExportFormat.parse(fmt),
        )
    except (PermissionDenied, InvalidInput) as exc:
        return refused_on_detail(request, session, staff, lead_id, exc)
    session.commit()  # the transfer is in the audit chain before the file leaves
    return download(exported.content, exported.filename, exported.media_type)


@router.post("/export", include_in_schema=False)
def export_participant(
    request: Request,
    session: DbSession,
    staff: Staff,
    participant: FormText,
    fmt: FormatField = "csv",
) -> Response:
    """Every verified lead about a participant, for the case management system."""
    try:
        exported = exports.export_participant(
            session=session,
            actor=staff.actor,
            keyring=keyring_of(request),
            participant_ref=participant,
            fmt=exports.ExportFormat.parse(fmt),
        )
    except PermissionDenied as denied:
        keep_refusal(request, session, denied)
        return render(request, "error.html", {"status": 403, "message": words_for(denied)}, 403)
    except (InvalidInput, NotFound) as exc:
        keep_refusal(request, session, exc)  # a participant outside one's work is audited
        status = 404 if isinstance(exc, NotFound) else 422
        return render(request, "error.html", {"status": status, "message": words_for(exc)}, status)
    session.commit()  # the transfer is in the audit chain before the file leaves
    return download(exported.content, exported.filename, exported.media_type)


@router.post("/leads/{lead_id}/package", include_in_schema=False)
def package(request: Request, session: DbSession, staff: Staff, lead_id: RecordId) -> Response:
    """A litigation evidence package of a verified lead, as a ZIP."""
    try:
        built = evidence.build_package(
            session=session, actor=staff.actor, keyring=keyring_of(request), lead_id=lead_id
        )
    except PermissionDenied as exc:
        return refused_on_detail(request, session, staff, lead_id, exc)
    session.commit()  # the package is in the audit chain before the file leaves
    return download(built.content, built.filename, "application/zip")
