"""The review queue and a comment's record: confirm, restore, hide, dismiss, escalate, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from casewarden.accounts.roles import Permission, has_permission
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.moderation import actions, review
from casewarden.moderation.models import ReviewState
from casewarden.moderation.runtime import ModerationRuntime
from casewarden.pages.models import AgencyPage
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.highlight import pieces
from casewarden.web.templating import render

router = APIRouter(prefix="/console/moderation")

STATES = (
    "open",
    "queued",
    "escalated",
    "confirmed",
    "restored",
    "dismissed",
    "case_specific",
    "all",
)
CATEGORIES = ("pii", "case_details", "profanity", "threat", "harassment", "scam")
NOTICES = {
    "confirm": N_("Kept hidden."),
    "restore": N_("Shown again on the page."),
    "hide": N_("Hidden on the page."),
    "dismiss": N_("Marked as fine."),
    "escalate": N_("Sent to a supervisor."),
    "delete": N_("Deleted from the page."),
    "pending": N_("Saved. The platform has not answered yet; casewarden keeps trying."),
}


def _runtime(request: Request) -> ModerationRuntime:
    runtime: ModerationRuntime = request.app.state.moderation
    return runtime


def _send(request: Request, session: DbSession, planned: list[int]) -> bool:
    """Commit the decision, then make the platform calls; True when all went through."""
    session.commit()
    if not planned:
        return True
    runtime = _runtime(request)
    report = actions.execute(
        db=runtime.db, keyring=runtime.keyring, adapter=runtime.adapter, action_ids=planned
    )
    return report.retry == 0 and report.failed == 0


@router.get("", include_in_schema=False)
def queue(
    request: Request,
    session: DbSession,
    staff: Staff,
    state: str = "open",
    category: str = "",
    page: str = "",
    before: str = "",
    notice: str = "",
) -> Response:
    """The queue, newest first, with filters."""
    where = review.QueueFilter(
        state=state if state in STATES else "open",
        category=category if category in CATEGORIES else None,
        page_pk=int(page) if page.isdigit() and len(page) < 18 else None,
    )
    result = review.queue(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        where=where,
        before=int(before) if before.isdigit() and len(before) < 18 else None,
    )
    pages = list(session.scalars(select(AgencyPage).order_by(AgencyPage.name)))
    return render(
        request,
        "console/moderation/queue.html",
        {
            "result": result,
            "filters": {"state": where.state, "category": category, "page": page},
            "states": STATES,
            "categories": CATEGORIES,
            "pages": pages,
            "notice": NOTICES.get(notice),
            "can_delete": has_permission(staff.role, Permission.MODERATION_DELETE),
            "pieces": pieces,
        },
    )


@router.get("/count", include_in_schema=False)
def count(session: DbSession, staff: Staff) -> Response:
    """How many comments wait for a moderator (polled by the page's script)."""
    return JSONResponse(
        {"open": review.open_count(session=session, actor=staff.actor)},
        headers={"Cache-Control": "no-store"},
    )


@router.get("/comments/{comment_id}", include_in_schema=False)
def detail(
    request: Request, session: DbSession, staff: Staff, comment_id: RecordId, notice: str = ""
) -> Response:
    """A comment's full record: versions with findings highlighted, thread, decisions, actions."""
    record = review.record(
        session=session, actor=staff.actor, keyring=_runtime(request).keyring, comment_id=comment_id
    )
    findings_by_version = {d.version_id: d.findings for d in record.decisions if d.version_id}
    return render(
        request,
        "console/moderation/detail.html",
        {
            "record": record,
            "findings_by_version": findings_by_version,
            "pieces": pieces,
            "notice": NOTICES.get(notice),
            "can_delete": has_permission(staff.role, Permission.MODERATION_DELETE),
            "ReviewState": ReviewState,
        },
    )


@router.post("/comments/{comment_id}/decide", include_in_schema=False)
def decide(
    request: Request,
    session: DbSession,
    staff: Staff,
    comment_id: RecordId,
    verdict: Annotated[str, Form(max_length=20)],
) -> Response:
    """Record a moderator's decision and carry it out on the platform."""
    planned = review.decide(
        session=session, actor=staff.actor, comment_id=comment_id, verdict=verdict
    )
    done = _send(request, session, planned)
    notice = verdict if done else "pending"
    return RedirectResponse(
        f"/console/moderation/comments/{comment_id}?notice={notice}", status_code=303
    )


@router.post("/bulk", include_in_schema=False)
def bulk(
    request: Request,
    session: DbSession,
    staff: Staff,
    verdict: Annotated[str, Form(max_length=20)],
    comment_ids: Annotated[list[int], Form()] = [],  # noqa: B006 - FastAPI reads a fresh list per request
) -> Response:
    """The same decision for several comments; refusals are reported per comment."""
    if not comment_ids:
        raise InvalidInput("Choose at least one comment.")
    planned, problems = review.decide_many(
        session=session, actor=staff.actor, comment_ids=comment_ids, verdict=verdict
    )
    done = _send(request, session, planned)
    if problems:
        raise Conflict("Some comments were not changed: " + "; ".join(problems[:10]))
    return RedirectResponse(
        f"/console/moderation?notice={verdict if done else 'pending'}", status_code=303
    )
