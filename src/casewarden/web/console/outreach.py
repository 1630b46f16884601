"""Compose, check, approve and follow posts and replies made as the agency."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.moderation.models import Comment, CommentStatus
from casewarden.moderation.review import latest_text
from casewarden.outreach import profile as profiles
from casewarden.outreach import service
from casewarden.outreach.models import MessageKind, MessageState
from casewarden.pages.service import list_pages
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.highlight import pieces
from casewarden.web.refusals import keep_refusal, words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/outreach")
PACIFIC = ZoneInfo("America/Los_Angeles")

NOTICES = {
    "published": N_("Published on the page."),
    "awaiting_approval": N_("Sent for approval by a second person."),
    "scheduled": N_("Scheduled."),
    "failed": N_("The platform did not accept it; see the history."),
    "approve": N_("Approved."),
    "reject": N_("Rejected."),
    "cancel": N_("Cancelled."),
    "settings": N_("Outreach settings saved."),
}
TABS = {
    "queue": (MessageState.AWAITING_APPROVAL, MessageState.SCHEDULED, MessageState.DRAFT),
    "history": None,
}


def _runtime(request: Request) -> ProcessRuntime:
    runtime: ProcessRuntime = request.app.state.runtime
    return runtime


def _reply_target(
    session: DbSession, request: Request, comment_id: int | None
) -> tuple[Comment | None, str]:
    if comment_id is None:
        return None, ""
    comment = session.scalar(select(Comment).where(Comment.id == comment_id))
    if comment is None:
        raise NotFound(N_("No such comment."))
    return comment, latest_text(session, _runtime(request).keyring, comment)


def _thread_post(session: DbSession, comment: Comment) -> Comment | None:
    """The visible post a hidden comment was written under: where a reply may go instead."""
    if not comment.post_external_id:
        return None
    return session.scalar(
        select(Comment).where(
            Comment.page_pk == comment.page_pk,
            Comment.external_id == comment.post_external_id,
            Comment.status == CommentStatus.VISIBLE,
        )
    )


def _compose_page(
    request: Request,
    session: DbSession,
    staff: Staff,
    *,
    form: dict[str, str],
    report: object = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    reply_to = int(form["in_reply_to"]) if form.get("in_reply_to", "").isdigit() else None
    comment, comment_text = _reply_target(session, request, reply_to)
    # A public reply never goes to a hidden comment (it would draw attention to it): say so,
    # and what can be done instead, rather than offer a form that will be refused.
    unanswerable = comment is not None and comment.status is not CommentStatus.VISIBLE
    profile = profiles.get_profile(session, staff.agency_id)
    return render(
        request,
        "console/outreach/compose.html",
        {
            "form": form,
            "pages": list_pages(session=session),
            "comment": comment,
            "comment_text": comment_text,
            "unanswerable": unanswerable,
            "thread_post": _thread_post(session, comment) if comment and unanswerable else None,
            "redirect_en": profile.redirect_reply_en,
            "redirect_es": profile.redirect_reply_es,
            "signature": profiles.signature_for(
                profile, staff.display_name, language=form.get("language", "en")
            ),
            "needs_approval": profile.require_post_approval,
            "report": report,
            "issue_spans": [
                {"start": i.start, "end": i.end, "type": str(i.kind)}
                for i in getattr(report, "issues", [])
                if i.end > i.start
            ],
            "pieces": pieces,
            "error": error,
        },
        status_code=status_code,
    )


@router.get("", include_in_schema=False)
def outreach(
    request: Request,
    session: DbSession,
    staff: Staff,
    tab: str = "queue",
    page: str = "",
    notice: str = "",
) -> Response:
    """Drafts, posts awaiting approval, scheduled ones, and the history per page."""
    states = TABS.get(tab, TABS["queue"])
    page_pk = int(page) if page.isdigit() and len(page) < 18 else None
    messages = service.list_messages(
        session=session, actor=staff.actor, states=states, page_pk=page_pk
    )
    return render(
        request,
        "console/outreach/list.html",
        {
            "messages": messages,
            "tab": tab if tab in TABS else "queue",
            "pages": list_pages(session=session),
            "page": page,
            "notice": NOTICES.get(notice),
            "can_approve": has_permission(staff.role, Permission.OUTREACH_APPROVE),
            "can_settings": has_permission(staff.role, Permission.OUTREACH_SETTINGS),
        },
    )


@router.get("/compose", include_in_schema=False)
def compose(
    request: Request, session: DbSession, staff: Staff, page: str = "", reply_to: str = ""
) -> Response:
    """The compose screen; a reply to a case-specific comment starts from the redirect reply."""
    authorize(staff.actor, Permission.OUTREACH_COMPOSE)
    form = {
        "page_pk": page,
        "kind": "reply" if reply_to else "post",
        "in_reply_to": reply_to,
        "body": "",
        "language": "en",
        "scheduled_for": "",
    }
    if reply_to.isdigit() and len(reply_to) < 18:
        comment, _ = _reply_target(session, request, int(reply_to))
        if comment is not None:
            form["page_pk"] = str(comment.page_pk)
            if comment.case_specific:
                language = _comment_language(session, comment)
                profile = profiles.get_profile(session, staff.agency_id)
                form["language"] = language
                form["body"] = (
                    profile.redirect_reply_es if language == "es" else profile.redirect_reply_en
                )
    return _compose_page(request, session, staff, form=form)


def _comment_language(session: DbSession, comment: Comment) -> str:
    from casewarden.moderation.models import ModerationDecision

    language = session.scalar(
        select(ModerationDecision.language)
        .where(
            ModerationDecision.comment_id == comment.id, ModerationDecision.language.is_not(None)
        )
        .order_by(ModerationDecision.id.desc())
        .limit(1)
    )
    return language if language in ("en", "es") else "en"


def _form(
    page_pk: str, kind: str, body: str, in_reply_to: str, language: str, scheduled_for: str
) -> dict[str, str]:
    return {
        "page_pk": page_pk,
        "kind": kind,
        "body": body,
        "in_reply_to": in_reply_to,
        "language": language,
        "scheduled_for": scheduled_for,
    }


def _when(text: str) -> datetime | None:
    if not text:
        return None
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(N_("The scheduled time is not a date and time.")) from None
    return (local if local.tzinfo else local.replace(tzinfo=PACIFIC)).astimezone(UTC)


FormText = Annotated[str, Form(max_length=20)]


@router.post("/check", include_in_schema=False)
def check(
    request: Request,
    session: DbSession,
    staff: Staff,
    body: Annotated[str, Form(max_length=6000)],
    page_pk: FormText = "",
    kind: FormText = "post",
    in_reply_to: FormText = "",
    language: FormText = "en",
    scheduled_for: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Show what the guard finds, without saving anything."""
    authorize(staff.actor, Permission.OUTREACH_COMPOSE)
    report = service.check_text(session=session, scanner=_runtime(request).scanner(), body=body)
    form = _form(page_pk, kind, body, in_reply_to, language, scheduled_for)
    return _compose_page(request, session, staff, form=form, report=report)


@router.post("", include_in_schema=False)
def submit(
    request: Request,
    session: DbSession,
    staff: Staff,
    body: Annotated[str, Form(max_length=6000)],
    page_pk: FormText,
    kind: FormText = "post",
    in_reply_to: FormText = "",
    language: FormText = "en",
    scheduled_for: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Check, store and (unless approval or a schedule is due) publish at once."""
    form = _form(page_pk, kind, body, in_reply_to, language, scheduled_for)
    runtime = _runtime(request)
    try:
        try:
            parsed_kind = MessageKind(kind)
        except ValueError:
            raise InvalidInput(N_("Choose a post or a reply.")) from None
        if not page_pk.isdigit() or len(page_pk) > 18:
            raise InvalidInput(N_("Choose one of the agency's pages."))
        message = service.submit(
            session=session,
            actor=staff.actor,
            author=staff.user,
            scanner=runtime.scanner(),
            draft=service.Draft(
                page_pk=int(page_pk),
                kind=parsed_kind,
                body=body,
                in_reply_to=int(in_reply_to)
                if in_reply_to.isdigit() and len(in_reply_to) < 18
                else None,
                scheduled_for=_when(scheduled_for),
                language=language,
            ),
        )
    except service.GuardRefused as refused:
        keep_refusal(request, session, refused)
        return _compose_page(
            request,
            session,
            staff,
            form=form,
            report=refused.report,
            error=words_for(refused),
            status_code=422,
        )
    except (InvalidInput, Conflict, NotFound) as exc:
        session.rollback()
        return _compose_page(
            request, session, staff, form=form, error=words_for(exc), status_code=422
        )
    state, message_id = message.state, message.id
    session.commit()
    if state is MessageState.PUBLISHING:
        runtime.publish_due()
        session.expire_all()
        state = service.get_message(session, message_id).state
    notice = {
        MessageState.PUBLISHED: "published",
        MessageState.AWAITING_APPROVAL: "awaiting_approval",
        MessageState.SCHEDULED: "scheduled",
    }.get(state, "failed")
    return RedirectResponse(f"/console/outreach?tab=history&notice={notice}", status_code=303)


@router.post("/{message_id}/{decision}", include_in_schema=False)
def decide(
    request: Request, session: DbSession, staff: Staff, message_id: RecordId, decision: str
) -> Response:
    """Approve, reject or cancel a post."""
    handlers = {"approve": service.approve, "reject": service.reject, "cancel": service.cancel}
    handler = handlers.get(decision)
    if handler is None:
        raise NotFound()
    message = handler(session=session, actor=staff.actor, message_id=message_id)
    publish_now = message.state is MessageState.PUBLISHING
    session.commit()
    if publish_now:
        _runtime(request).publish_due()
    return RedirectResponse(f"/console/outreach?notice={decision}", status_code=303)
