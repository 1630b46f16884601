"""Contact-form messages in the console: read, mark answered or closed, record a forward."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.privacy import messages
from casewarden.privacy.models import MessageStatus
from casewarden.web.console.locate_common import keyring_of
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.highlight import pieces
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/privacy/messages")

NOTICES = {
    "answered": N_("The message is marked answered."),
    "closed": N_("The message is closed."),
    "forwarded": N_("The forward is recorded."),
}
STATUS_LABELS = {
    MessageStatus.NEW: N_("New"),
    MessageStatus.ANSWERED: N_("Answered"),
    MessageStatus.FORWARDED: N_("Forwarded"),
    MessageStatus.CLOSED: N_("Closed"),
}


@router.get("", include_in_schema=False)
def inbox(request: Request, session: DbSession, staff: Staff, status: str = "") -> Response:
    """The agency's messages, newest first, optionally by status."""
    wanted = MessageStatus(status) if status in set(MessageStatus) else None
    listed = messages.list_messages(session=session, actor=staff.actor, status=wanted)
    return render(
        request,
        "console/privacy/messages.html",
        {
            "messages": listed,
            "status": wanted.value if wanted else "",
            "statuses": STATUS_LABELS,
            "topics": messages.TOPIC_LABELS,
        },
    )


def _detail(
    request: Request,
    session: DbSession,
    staff: Staff,
    message_id: int,
    *,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    opened = messages.open_message(
        session=session, actor=staff.actor, keyring=keyring_of(request), message_id=message_id
    )
    return render(
        request,
        "console/privacy/message.html",
        {
            "message": opened.message,
            "body": opened.body,
            "marked": opened.marked,
            "pieces": pieces,
            "statuses": STATUS_LABELS,
            "topics": messages.TOPIC_LABELS,
            "reasons": messages.FORWARD_REASONS,
            "notice": notice,
            "error": error,
        },
        status_code=status_code,
    )


@router.get("/{message_id}", include_in_schema=False)
def message(
    request: Request, session: DbSession, staff: Staff, message_id: RecordId, notice: str = ""
) -> Response:
    """One message (opening it is audited)."""
    return _detail(request, session, staff, message_id, notice=NOTICES.get(notice))


@router.post("/{message_id}/status", include_in_schema=False)
def change_status(
    session: DbSession,
    staff: Staff,
    message_id: RecordId,
    status: Annotated[str, Form(max_length=20)],
) -> Response:
    """Mark the message answered or closed."""
    try:
        wanted = MessageStatus(status)
    except ValueError:
        raise InvalidInput(N_("Choose answered or closed.")) from None
    messages.set_status(session=session, actor=staff.actor, message_id=message_id, status=wanted)
    return RedirectResponse(
        f"/console/privacy/messages/{message_id}?notice={wanted.value}", status_code=303
    )


@router.post("/{message_id}/forward", include_in_schema=False)
def forward(
    request: Request,
    session: DbSession,
    staff: Staff,
    message_id: RecordId,
    destination: Annotated[str, Form(max_length=400)],
    reason: Annotated[str, Form(max_length=40)],
    explanation: Annotated[str, Form(max_length=2000)],
) -> Response:
    """Record that the message went to another state agency, with the reason."""
    try:
        messages.forward(
            session=session,
            actor=staff.actor,
            message_id=message_id,
            destination=destination,
            reason=reason,
            explanation=explanation,
        )
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        return _detail(request, session, staff, message_id, error=words_for(exc), status_code=422)
    return RedirectResponse(
        f"/console/privacy/messages/{message_id}?notice=forwarded", status_code=303
    )
