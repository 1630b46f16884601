"""Threats escalated to the supervisors: the list and the acknowledgement."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.i18n import N_
from casewarden.moderation import threats
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.templating import render

router = APIRouter(prefix="/console/moderation/threats")

NOTICES = {"acknowledged": N_("Acknowledged: the follow-up is yours.")}


@router.get("", include_in_schema=False)
def threat_list(request: Request, session: DbSession, staff: Staff, notice: str = "") -> Response:
    """Threats hidden on the agency's pages, those not yet acknowledged first."""
    return render(
        request,
        "console/moderation/threats.html",
        {
            "alerts": threats.alerts(session=session, actor=staff.actor),
            "notice": NOTICES.get(notice),
        },
    )


@router.post("/{alert_id}/acknowledge", include_in_schema=False)
def acknowledge(session: DbSession, staff: Staff, alert_id: RecordId) -> Response:
    """Acknowledge a threat and own its follow-up (audited)."""
    threats.acknowledge(session=session, actor=staff.actor, alert_id=alert_id)
    session.commit()
    return RedirectResponse("/console/moderation/threats?notice=acknowledged", status_code=303)
