"""Teamwork on a comment's page: its claim (renewed, taken over), its assignment, staff notes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.crypto.keyring import Keyring
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.moderation import review, teamwork
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.templating import render

router = APIRouter(prefix="/console/moderation/comments")


def _keyring(request: Request) -> Keyring:
    keyring: Keyring = request.app.state.runtime.keyring
    return keyring


def page_context(
    request: Request, session: DbSession, staff: Staff, comment_id: int
) -> dict[str, Any]:
    """What a comment's page shows of teamwork; opening the page claims the comment."""
    keyring = _keyring(request)
    return {
        "claim": teamwork.claim(session=session, actor=staff.actor, comment_id=comment_id),
        "can_take_over": has_permission(staff.role, Permission.MODERATION_TAKE_OVER),
        "assignment": teamwork.assignment_of(
            session=session, keyring=keyring, comment_id=comment_id
        ),
        "colleagues": teamwork.colleagues(session=session, actor=staff.actor),
        "notes": teamwork.notes(
            session=session, actor=staff.actor, keyring=keyring, comment_id=comment_id
        ),
        "note_limit": teamwork.MAX_NOTE_CHARS,
    }


def _back(comment_id: int, notice: str, anchor: str = "") -> Response:
    return RedirectResponse(
        f"/console/moderation/comments/{comment_id}?notice={notice}{anchor}", status_code=303
    )


@router.post("/{comment_id}/claim", include_in_schema=False)
def renew(session: DbSession, staff: Staff, comment_id: RecordId) -> Response:
    """Keep the comment open with its holder while they work (the page's script calls this)."""
    claim = teamwork.claim(session=session, actor=staff.actor, comment_id=comment_id)
    return JSONResponse({"mine": bool(claim and claim.mine)}, headers={"Cache-Control": "no-store"})


@router.post("/{comment_id}/take-over", include_in_schema=False)
def take_over(
    request: Request,
    session: DbSession,
    staff: Staff,
    comment_id: RecordId,
    confirmed: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """A supervisor takes over a comment a colleague has open, after a confirmation page."""
    authorize(staff.actor, Permission.MODERATION_TAKE_OVER)
    if confirmed != "yes":
        comment = review.get_comment(session, comment_id)
        held = teamwork.claims_for(session=session, actor=staff.actor, comment_ids=[comment.id])
        return render(
            request,
            "console/moderation/take_over.html",
            {"comment": comment, "claim": held.get(comment.id)},
        )
    teamwork.take_over(session=session, actor=staff.actor, comment_id=comment_id)
    return _back(comment_id, "taken_over")


@router.post("/{comment_id}/assign", include_in_schema=False)
def assign(
    request: Request,
    session: DbSession,
    staff: Staff,
    comment_id: RecordId,
    assignee: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=teamwork.MAX_NOTE_CHARS * 2)] = "",
) -> Response:
    """Assign the comment to a colleague, with a note; it shows in their "assigned to me"."""
    if not assignee.isdigit() or len(assignee) > 18:
        raise InvalidInput(N_("Choose the colleague to assign the comment to."))
    teamwork.assign(
        session=session,
        actor=staff.actor,
        keyring=_keyring(request),
        comment_id=comment_id,
        assignee_id=int(assignee),
        note=note,
    )
    return _back(comment_id, "assigned", "#assignment")


@router.post("/{comment_id}/notes", include_in_schema=False)
def add_note(
    request: Request,
    session: DbSession,
    staff: Staff,
    comment_id: RecordId,
    text: Annotated[str, Form(max_length=teamwork.MAX_NOTE_CHARS * 2)] = "",
) -> Response:
    """Add an internal note: for colleagues only, never sent to the platform."""
    teamwork.add_note(
        session=session,
        actor=staff.actor,
        keyring=_keyring(request),
        comment_id=comment_id,
        text=text,
    )
    return _back(comment_id, "noted", "#notes")
