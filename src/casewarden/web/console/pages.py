"""Agency pages: the registry (administrators), each page's deliveries, token and legal hold,
and public-records exports."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.clock import utcnow
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_, gettext
from casewarden.moderation import archive
from casewarden.moderation.page_status import page_activity
from casewarden.monitoring import expiry
from casewarden.pages import service
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/pages")

NOTICES = {
    "registered": N_("The page is connected. Its token is stored encrypted."),
    "retired": N_("The page is disconnected and its token destroyed; its archive is kept."),
    "hold": N_("Legal hold placed."),
    "released": N_("Legal hold released."),
}
HOLD_ACTIONS = {"place": True, "release": False}


def _runtime(request: Request) -> ProcessRuntime:
    runtime: ProcessRuntime = request.app.state.runtime
    return runtime


def _page(request: Request, session: DbSession, staff: Staff, **context: object) -> Response:
    status = int(str(context.pop("status_code", 200)))
    pages = service.list_pages(session=session)
    today = utcnow().date()
    version = expiry.graph_version_status(request.app.state.settings.meta_graph_url)
    tokens = {page.id: expiry.token_status(page) for page in pages}
    activity = page_activity(session=session, keyring=_runtime(request).keyring, pages=pages)
    return render(
        request,
        "console/pages.html",
        {
            "pages": pages,
            "today": today,
            "token_warnings": {
                pk: status.days_left(today) for pk, status in tokens.items() if status.warn(today)
            },
            "tokens": tokens,
            "activity": activity,
            "token_checks": {},
            "graph_version": version,
            "graph_version_days": version.days_left(today),
            "graph_version_warn": version.warn(today),
            "can_manage": has_permission(staff.role, Permission.PAGES_MANAGE),
            "can_export": has_permission(staff.role, Permission.ARCHIVE_EXPORT),
            "can_hold": has_permission(staff.role, Permission.ARCHIVE_HOLD),
            **context,
        },
        status_code=status,
    )


@router.get("", include_in_schema=False)
def pages(request: Request, session: DbSession, staff: Staff, notice: str = "") -> Response:
    """Connected pages of the agency."""
    if not any(
        has_permission(staff.role, p)
        for p in (
            Permission.PAGES_MANAGE,
            Permission.MODERATION_REVIEW,
            Permission.ARCHIVE_EXPORT,
            Permission.ARCHIVE_HOLD,
        )
    ):
        authorize(staff.actor, Permission.PAGES_MANAGE)  # refuses, and audits the refusal
    return _page(request, session, staff, notice=NOTICES.get(notice))


@router.post("", include_in_schema=False)
def register(
    request: Request,
    session: DbSession,
    staff: Staff,
    platform: Annotated[str, Form(max_length=20)],
    page_id: Annotated[str, Form(max_length=64)],
    token: Annotated[str, Form(max_length=2048)],
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Connect a page (administrators only; the policy engine is asked too)."""
    try:
        service.register_page(
            session=session,
            actor=staff.actor,
            keyring=_runtime(request).keyring,
            agency=staff.user.agency,
            platform=platform,
            page_id=page_id,
            token=token,
            name=name or None,
        )
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        return _page(request, session, staff, error=words_for(exc), status_code=422)
    return RedirectResponse("/console/pages?notice=registered", status_code=303)


@router.post("/{page_pk}/retire", include_in_schema=False)
def retire(session: DbSession, staff: Staff, page_pk: RecordId) -> Response:
    """Disconnect a page."""
    page = service.get_page(session=session, page_pk=page_pk)
    service.retire_page(
        session=session, actor=staff.actor, platform=page.platform, page_id=page.page_id
    )
    return RedirectResponse("/console/pages?notice=retired", status_code=303)


@router.post("/{page_pk}/hold", include_in_schema=False)
def hold(
    session: DbSession,
    staff: Staff,
    page_pk: RecordId,
    request: Request,
    action: Annotated[str, Form(max_length=20)],
    thread: Annotated[str, Form(max_length=128)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    """Place or release a legal hold on a page or one of its threads."""
    page = service.get_page(session=session, page_pk=page_pk)
    if action not in HOLD_ACTIONS:
        error = gettext("A legal hold is either placed or released: choose place or release.")
        return _page(request, session, staff, error=error, status_code=422)
    try:
        archive.set_hold(
            session=session,
            actor=staff.actor,
            hold=HOLD_ACTIONS[action],
            page_pk=page.id,
            post_external_id=thread or None,
            keyring=_runtime(request).keyring,
            reason=reason if action == "place" else None,
        )
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        # The archive's refusals are marked for translation (N_): shown in the viewer's language.
        error = words_for(exc)
        return _page(request, session, staff, error=error, status_code=422)
    return RedirectResponse(
        f"/console/pages?notice={'hold' if action == 'place' else 'released'}", status_code=303
    )


@router.post("/{page_pk}/check-token", include_in_schema=False)
def check_token(request: Request, session: DbSession, staff: Staff, page_pk: RecordId) -> Response:
    """Ask Meta now whether a page's token still works; the answer is shown in words."""
    page = service.get_page(session=session, page_pk=page_pk)
    result = expiry.check_token_now(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        adapter=_runtime(request).adapter,
        page=page,
        now=utcnow(),
    )
    session.commit()
    return _page(request, session, staff, token_checks={page.id: result})


@router.get("/{page_pk}/export", include_in_schema=False)
def export(
    request: Request, session: DbSession, staff: Staff, page_pk: RecordId, thread: str = ""
) -> Response:
    """Download a redacted public-records release of a page or one thread."""
    from casewarden.moderation.redaction import redactor_for

    page = service.get_page(session=session, page_pk=page_pk)
    buffer = io.BytesIO()
    archive.export_release(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        redactor=redactor_for(request.app.state.settings),
        page_pk=page.id,
        post_external_id=thread[:128] or None,
        out=buffer,
    )
    session.commit()
    buffer.seek(0)
    filename = f"casewarden-release-{page.platform}-{page.page_id}.zip"
    return StreamingResponse(
        buffer,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
