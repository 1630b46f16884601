"""``/api/outreach``: the same posting as the console, as JSON, with the same refusals."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from casewarden.errors import NotFound
from casewarden.outreach import service
from casewarden.outreach.guard import GuardReport
from casewarden.outreach.models import MessageKind, MessageState, OutboundMessage
from casewarden.pages.models import AgencyPage
from casewarden.policy import PolicyDenied
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.api.answers import answers
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.refusals import keep_refusal

router = APIRouter(prefix="/api/outreach", tags=["outreach"])


class CheckRequest(BaseModel):
    """Text to check with the outbound guard."""

    text: Annotated[str, Field(max_length=6000)]


class MessageRequest(BaseModel):
    """A post or reply to publish as the agency."""

    page: Annotated[
        str, Field(max_length=64, description="The page's platform id or casewarden id.")
    ]
    kind: Literal["post", "reply", "private_message"]
    text: Annotated[str, Field(max_length=6000)]
    in_reply_to: Annotated[int | None, Field(ge=1, le=2**63 - 1)] = None
    scheduled_for: datetime | None = None
    purpose: Annotated[str | None, Field(max_length=60)] = None
    language: Literal["en", "es"] = "en"
    access_token: Annotated[str | None, Field(max_length=2048, description="Never accepted.")] = (
        None
    )


def _issues(report: GuardReport) -> list[dict[str, object]]:
    return [
        {
            "kind": str(i.kind),
            "start": i.start,
            "end": i.end,
            "detail": i.detail,
            "rule": i.rule,
            "sentence": i.sentence,
        }
        for i in report.issues
    ]


def _message(message: OutboundMessage) -> dict[str, object]:
    return {
        "id": message.id,
        "page": message.page.page_id,
        "kind": str(message.kind),
        "state": str(message.state),
        "text": message.text,
        "scheduled_for": message.scheduled_for.isoformat() if message.scheduled_for else None,
        "published_at": message.published_at.isoformat() if message.published_at else None,
        "platform_object_id": message.platform_object_id,
    }


def _refusal(
    request: Request, session: DbSession, denied: PolicyDenied, report: GuardReport | None = None
) -> Response:
    keep_refusal(request, session, denied)
    body: dict[str, object] = {
        "error": denied.public_message,
        "rule": denied.decision.rule,
        "citation": denied.decision.citation,
    }
    if report is not None:
        body["issues"] = _issues(report)
    return JSONResponse(body, status_code=403)


@router.post("/check", responses=answers(400, 413, 422))
def check(
    request: Request, session: DbSession, staff: Staff, body: CheckRequest
) -> dict[str, object]:
    """What the outbound guard finds in a text (nothing is saved)."""
    runtime: ProcessRuntime = request.app.state.runtime
    report = service.check_text(session=session, scanner=runtime.scanner(), body=body.text)
    return {"ok": report.ok, "issues": _issues(report)}


@router.get("/messages", responses=answers())
def messages(session: DbSession, staff: Staff) -> dict[str, object]:
    """The agency's posts and replies, newest first."""
    return {
        "messages": [_message(m) for m in service.list_messages(session=session, actor=staff.actor)]
    }


@router.post("/messages", status_code=201, responses=answers(400, 404, 409, 413, 422))
def create(request: Request, session: DbSession, staff: Staff, body: MessageRequest) -> Response:
    """Publish (or schedule, or send for approval) a post or reply; prohibited uses are refused."""
    runtime: ProcessRuntime = request.app.state.runtime
    try:
        if body.kind == "private_message":
            service.refuse_private_message(staff.actor)
        page = session.scalar(
            select(AgencyPage).where(
                AgencyPage.active.is_(True),
                (AgencyPage.page_id == body.page) | (AgencyPage.id == _as_int(body.page)),
            )
        )
        if body.access_token is not None or page is None:
            service.refuse_unregistered(staff.actor, detail=body.page)
            raise NotFound()  # not reached: the refusal above always raises
        message = service.submit(
            session=session,
            actor=staff.actor,
            author=staff.user,
            scanner=runtime.scanner(),
            draft=service.Draft(
                page_pk=page.id,
                kind=MessageKind(body.kind),
                body=body.text,
                in_reply_to=body.in_reply_to,
                scheduled_for=body.scheduled_for,
                purpose=body.purpose,
                language=body.language,
            ),
        )
    except service.GuardRefused as refused:
        return _refusal(request, session, refused, refused.report)
    except PolicyDenied as denied:
        return _refusal(request, session, denied)
    message_id, publish_now = message.id, message.state is MessageState.PUBLISHING
    session.commit()
    if publish_now:
        runtime.publish_due()
        session.expire_all()
    return JSONResponse(_message(service.get_message(session, message_id)), status_code=201)


def _as_int(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 18 else -1


@router.post("/messages/{message_id}/approve", responses=answers(404, 409, 413, 422))
def approve(
    request: Request, session: DbSession, staff: Staff, message_id: RecordId
) -> dict[str, object]:
    """A second person approves a post."""
    runtime: ProcessRuntime = request.app.state.runtime
    message = service.approve(session=session, actor=staff.actor, message_id=message_id)
    publish_now = message.state is MessageState.PUBLISHING
    session.commit()
    if publish_now:
        runtime.publish_due()
        session.expire_all()
    return _message(service.get_message(session, message_id))
