"""The agency's outreach wording: signature, redirect reply, private-channel answer, approvals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts.roles import Permission, authorize
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.errors import InvalidInput
from casewarden.outreach import profile as profiles
from casewarden.outreach.guard import GuardRefused
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.deps import DbSession, Staff
from casewarden.web.refusals import keep_refusal, words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/outreach/settings")
LongText = Annotated[str, Form(max_length=1000)]


@router.get("", include_in_schema=False)
def settings_form(request: Request, session: DbSession, staff: Staff) -> Response:
    """The form, filled with the agency's current wording."""
    authorize(staff.actor, Permission.OUTREACH_SETTINGS)
    return render(
        request,
        "console/outreach/settings.html",
        {"profile": profiles.get_profile(session, staff.agency_id)},
    )


@router.post("", include_in_schema=False)
def save(
    request: Request,
    session: DbSession,
    staff: Staff,
    signature_template: Annotated[str, Form(max_length=200)],
    signature_template_es: Annotated[str, Form(max_length=200)],
    redirect_reply_en: LongText,
    redirect_reply_es: LongText,
    private_channels_en: LongText,
    private_channels_es: LongText,
    title_es: Annotated[str, Form(max_length=100)] = "",
    require_post_approval: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Save the wording (administrators); each text passes the outbound guard."""
    runtime: ProcessRuntime = request.app.state.runtime
    try:
        updated = profiles.update_profile(
            session=session,
            actor=staff.actor,
            scanner=runtime.scanner(),
            agency_id=staff.agency_id,
            texts=profiles.ProfileTexts(
                signature_template=signature_template,
                signature_template_es=signature_template_es,
                title_es=title_es,
                redirect_reply_en=redirect_reply_en,
                redirect_reply_es=redirect_reply_es,
                private_channels_en=private_channels_en,
                private_channels_es=private_channels_es,
                require_post_approval=require_post_approval == "on",
            ),
        )
    except (InvalidInput, GuardRefused) as exc:
        if isinstance(exc, GuardRefused):
            keep_refusal(request, session, exc)
        else:
            session.rollback()
        return render(
            request,
            "console/outreach/settings.html",
            {
                "profile": profiles.get_profile(session, staff.agency_id),
                "error": words_for(exc),
            },
            status_code=422,
        )
    chain.record(
        session,
        subject=Subject(type="outreach_profile", id=str(updated.id), agency_id=staff.agency_id),
        actor=staff.actor,
        tag=AuditTag.OUTREACH_PROFILE_UPDATE,
        details={"approval": updated.require_post_approval},
    )
    return RedirectResponse("/console/outreach?notice=settings", status_code=303)
