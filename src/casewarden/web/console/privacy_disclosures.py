"""Permissions to disclose to a third party, confirmed or refused by a second person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.privacy import disclosures
from casewarden.web.console.privacy_requests import EVIDENCE_LABELS
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/privacy/disclosures")

NOTICES = {
    "confirmed": N_("The permission is confirmed; the privacy officer may now disclose under it."),
    "refused": N_("The permission is refused; nothing will be disclosed under it."),
}


def _listing(
    request: Request,
    session: DbSession,
    staff: Staff,
    *,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    pending = disclosures.pending_permissions(session=session, actor=staff.actor)
    return render(
        request,
        "console/privacy/disclosures.html",
        {
            "pending": pending,
            "evidence": EVIDENCE_LABELS,
            "me": staff.actor.id,
            "notice": notice,
            "error": error,
        },
        status_code=status_code,
    )


@router.get("", include_in_schema=False)
def pending(request: Request, session: DbSession, staff: Staff, notice: str = "") -> Response:
    """Permissions recorded by a privacy officer and waiting for a second person."""
    return _listing(request, session, staff, notice=NOTICES.get(notice))


def _refused(
    request: Request, session: DbSession, staff: Staff, error: InvalidInput | Conflict
) -> Response:
    session.rollback()
    return _listing(request, session, staff, error=words_for(error), status_code=422)


@router.post("/{permission_id}/confirm", include_in_schema=False)
def confirm(
    request: Request, session: DbSession, staff: Staff, permission_id: RecordId
) -> Response:
    """Confirm the permission (audited): disclosure under it may go ahead."""
    try:
        disclosures.confirm_permission(
            session=session, actor=staff.actor, permission_id=permission_id
        )
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, exc)
    return RedirectResponse("/console/privacy/disclosures?notice=confirmed", status_code=303)


@router.post("/{permission_id}/refuse", include_in_schema=False)
def refuse(
    request: Request,
    session: DbSession,
    staff: Staff,
    permission_id: RecordId,
    reason: Annotated[str, Form(max_length=2000)],
) -> Response:
    """Refuse the permission with a reason (audited): nothing is disclosed under it."""
    try:
        disclosures.refuse_permission(
            session=session, actor=staff.actor, permission_id=permission_id, reason=reason
        )
    except (InvalidInput, Conflict) as exc:
        return _refused(request, session, staff, exc)
    return RedirectResponse("/console/privacy/disclosures?notice=refused", status_code=303)
