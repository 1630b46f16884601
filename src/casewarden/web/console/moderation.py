"""The review queue and a comment's record: confirm, restore, hide, dismiss, escalate, delete."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.moderation import actions, review, teamwork
from casewarden.moderation.grounds import PublishedRule, is_disclosure
from casewarden.moderation.models import Comment, CommentStatus, ReviewState
from casewarden.pages.models import AgencyPage
from casewarden.platforms.interfaces import Platform
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.console import moderation_teamwork
from casewarden.web.deps import DbSession, RecordId, Staff
from casewarden.web.highlight import pieces
from casewarden.web.refusals import keep_refusal, words_for
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
#: The published rules as a moderator chooses them (DESIGN.md, rules 1–2).
RULE_LABELS = {
    PublishedRule.PERSONAL_INFORMATION: N_(
        "Rule 1 — personal or confidential information (Family Code § 17212)"
    ),
    PublishedRule.CASE_DETAILS: N_(
        "Rule 1 — facts of someone's child support case (Family Code § 17212)"
    ),
    PublishedRule.PROFANITY: N_("Rule 2 — profanity"),
    PublishedRule.THREAT: N_("Rule 2 — threats of violence"),
    PublishedRule.HARASSMENT: N_("Rule 2 — harassment or slurs aimed at a person"),
    PublishedRule.SCAM: N_("Rule 2 — scams and fraud"),
}
CATEGORIES = ("pii", "case_details", "profanity", "threat", "harassment", "scam")
#: The queue's choices and reasons in words (the codes stay in the URL and the database).
STATE_LABELS = {
    "open": N_("Waiting for a moderator"),
    "queued": N_("Flagged for review"),
    "escalated": N_("Sent to a supervisor"),
    "confirmed": N_("Kept hidden"),
    "restored": N_("Shown again"),
    "dismissed": N_("Marked as fine"),
    "case_specific": N_("Asks about their own case"),
    "all": N_("Every comment"),
}
CATEGORY_LABELS = {
    "pii": N_("Personal or confidential information"),
    "case_details": N_("Facts of someone's child support case"),
    "profanity": N_("Profanity"),
    "threat": N_("Threat of violence"),
    "harassment": N_("Harassment or slurs"),
    "scam": N_("Scam or fraud"),
}
STATUS_LABELS = {
    "visible": N_("Visible on the page"),
    "hidden": N_("Hidden on the page"),
    "removed": N_("Removed outside casewarden"),
    "deleted": N_("Deleted"),
}
PLATFORM_LABELS = {str(p): p.value.capitalize() for p in Platform}
ORDER_LABELS = {
    review.QueueOrder.NEWEST: N_("Newest first"),
    review.QueueOrder.OLDEST: N_("Oldest first"),
}
NOTICES = {
    "confirm": N_("Kept hidden."),
    "restore": N_("Shown again on the page."),
    "hide": N_("Hidden on the page."),
    "dismiss": N_("Marked as fine."),
    "escalate": N_("Sent to a supervisor."),
    "delete": N_("Deleted from the page."),
    "request_restore": N_(
        "Hidden for a disclosure: your restore was sent to the supervisors as a request. "
        "The comment stays hidden until one of them decides."
    ),
    "pending": N_("Saved. The platform has not answered yet; casewarden keeps trying."),
    "taken_over": N_("You took the comment over: it is open with you now."),
    "assigned": N_("Assigned."),
    "noted": N_("Note added. Only staff see it; it is never sent to the platform."),
}
#: The queue's "assigned to" choice: everyone's comments, or only those assigned to me.
ASSIGNED_LABELS = {"": N_("Anyone"), "me": N_("Assigned to me")}


def _runtime(request: Request) -> ProcessRuntime:
    runtime: ProcessRuntime = request.app.state.runtime
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


def _number(value: str) -> int | None:
    """A non-negative id or offset from the query string; anything else is ignored."""
    return int(value) if value.isdigit() and len(value) < 18 else None


def _queue_filter(
    state: str,
    category: str,
    page: str,
    platform: str,
    order: str,
    *,
    assigned_to: int | None = None,
) -> review.QueueFilter:
    return review.QueueFilter(
        assigned_to=assigned_to,
        state=state if state in STATES else "open",
        category=category if category in CATEGORIES else None,
        page_pk=_number(page),
        platform=platform if platform in PLATFORM_LABELS else None,
        order=review.QueueOrder(order) if order in ORDER_LABELS else review.QueueOrder.NEWEST,
    )


def _queue_page(
    request: Request,
    session: DbSession,
    staff: Staff,
    *,
    where: review.QueueFilter,
    start: int = 0,
    notice: str | None = None,
    bulk_error: str | None = None,
    status_code: int = 200,
) -> Response:
    result = review.queue(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        where=where,
        start=start,
    )
    filters = {
        "state": where.state,
        "category": where.category or "",
        "page": str(where.page_pk) if where.page_pk is not None else "",
        "platform": where.platform or "",
        "order": str(where.order),
        "assigned": "me" if where.assigned_to is not None else "",
    }
    shown = [row.comment.id for row in result.rows]
    pages = list(session.scalars(select(AgencyPage).order_by(AgencyPage.name)))
    return render(
        request,
        "console/moderation/queue.html",
        {
            "result": result,
            "filters": filters,
            "query": urlencode(filters),
            "newest": max((row.comment.id for row in result.rows), default=0),
            "states": STATE_LABELS,
            "categories": CATEGORY_LABELS,
            "platforms": PLATFORM_LABELS,
            "statuses": STATUS_LABELS,
            "orders": ORDER_LABELS,
            "assigned_choices": ASSIGNED_LABELS,
            "claims": teamwork.claims_for(session=session, actor=staff.actor, comment_ids=shown),
            "assignees": teamwork.assignees_for(session=session, comment_ids=shown),
            "pages": pages,
            "notice": NOTICES.get(notice or ""),
            "bulk_error": bulk_error,
            "can_delete": has_permission(staff.role, Permission.MODERATION_DELETE),
            "pieces": pieces,
            "rules": _rules(),
            "start": start,
        },
        status_code=status_code,
    )


@router.get("", include_in_schema=False)
def queue(
    request: Request,
    session: DbSession,
    staff: Staff,
    state: str = "open",
    category: str = "",
    page: str = "",
    platform: str = "",
    order: str = "",
    start: str = "",
    notice: str = "",
    assigned: str = "",
) -> Response:
    """The queue with filters: open threats first, then newest (or oldest) first."""
    mine = staff.user_id if assigned == "me" else None
    return _queue_page(
        request,
        session,
        staff,
        where=_queue_filter(state, category, page, platform, order, assigned_to=mine),
        start=_number(start) or 0,
        notice=notice,
    )


@router.get("/count", include_in_schema=False)
def count(
    session: DbSession,
    staff: Staff,
    since: str = "",
    state: str = "open",
    category: str = "",
    page: str = "",
    platform: str = "",
    assigned: str = "",
) -> Response:
    """How many comments wait, and how many the shown list lacks (polled by the page's script)."""
    body = {"open": review.open_count(session=session, actor=staff.actor)}
    newest = _number(since)
    if newest is not None:
        body["new"] = review.new_count(
            session=session,
            actor=staff.actor,
            where=_queue_filter(
                state,
                category,
                page,
                platform,
                "",
                assigned_to=staff.user_id if assigned == "me" else None,
            ),
            since=newest,
        )
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


@router.get("/comments/{comment_id}", include_in_schema=False)
def detail(
    request: Request,
    session: DbSession,
    staff: Staff,
    comment_id: RecordId,
    notice: str = "",
    thread: str = "",
    decided: str = "",
) -> Response:
    """A comment's full record: versions with findings highlighted, thread, decisions, actions."""
    record = review.record(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        comment_id=comment_id,
        thread_start=_number(thread) or 0,
    )
    findings_by_version = {d.version_id: d.findings for d in record.decisions if d.version_id}
    comment = record.comment
    decided_id = _number(decided)
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
            "rules": _rules(),
            "disclosure": is_disclosure(comment.categories),
            "can_restore_disclosure": has_permission(
                staff.role, Permission.MODERATION_RESTORE_DISCLOSURE
            ),
            "categories": CATEGORY_LABELS,
            "neighbours": review.neighbours(
                session=session, actor=staff.actor, comment_id=comment_id
            ),
            "reply": _reply_option(session, staff, comment),
            "thread_page_size": review.THREAD_PAGE_SIZE,
            # After a decision the next comment opens: the notice says which one was decided.
            "decided_id": decided_id if decided_id != comment_id else None,
            **moderation_teamwork.page_context(request, session, staff, comment_id),
        },
    )


def _reply_option(session: DbSession, staff: Staff, comment: Comment) -> dict[str, object]:
    """What the Reply control may offer: only a reply the outreach screen will accept.

    A public reply goes only to a visible comment (a reply would draw attention to a hidden
    one); for a hidden comment the moderator is told so before writing, and offered a reply
    on the thread's post when that post is on the page.
    """
    if not has_permission(staff.role, Permission.OUTREACH_COMPOSE):
        return {"allowed": False, "thread_post": None}
    if comment.status is CommentStatus.VISIBLE:
        return {"allowed": True, "thread_post": None}
    post = None
    if comment.post_external_id:
        post = session.scalar(
            select(Comment).where(
                Comment.page_pk == comment.page_pk,
                Comment.external_id == comment.post_external_id,
                Comment.status == CommentStatus.VISIBLE,
            )
        )
    return {"allowed": False, "thread_post": post}


def _rules() -> list[tuple[str, str]]:
    return [(str(rule), RULE_LABELS[rule]) for rule in PublishedRule]


@router.post("/comments/{comment_id}/decide", include_in_schema=False)
def decide(
    request: Request,
    session: DbSession,
    staff: Staff,
    comment_id: RecordId,
    verdict: Annotated[str, Form(max_length=20)],
    rule: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=review.MAX_REASON_CHARS * 2)] = "",
    confirmed: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Record a person's decision and carry it out on the platform.

    A supervisor's restore of a rule-1 hide and every delete first show a confirmation page
    (the findings again, the citation, what cannot be undone); the decision is taken when
    that page is sent back with ``confirmed=yes``.
    """
    keyring = _runtime(request).keyring
    comment = review.get_comment(session, comment_id)
    restoring_disclosure = (
        verdict == review.Verdict.RESTORE
        and is_disclosure(comment.categories)
        and has_permission(staff.role, Permission.MODERATION_RESTORE_DISCLOSURE)
    )
    if verdict == review.Verdict.DELETE:
        authorize(staff.actor, Permission.MODERATION_DELETE)
    if confirmed != "yes" and (restoring_disclosure or verdict == review.Verdict.DELETE):
        record = review.record(
            session=session, actor=staff.actor, keyring=keyring, comment_id=comment_id
        )
        session.commit()  # the view is audited
        return render(
            request,
            "console/moderation/confirm.html",
            {
                "record": record,
                "verdict": verdict,
                "rule": rule,
                "reason": reason,
                "rules": _rules(),
                "findings_by_version": {
                    d.version_id: d.findings for d in record.decisions if d.version_id
                },
                "pieces": pieces,
            },
        )
    outcome = review.decide(
        session=session,
        actor=staff.actor,
        keyring=keyring,
        comment_id=comment_id,
        verdict=verdict,
        choice=review.Choice(rule=rule or None, reason=reason or None),
    )
    done = _send(request, session, outcome.planned)
    notice = str(outcome.verdict) if done else "pending"
    # The next comment of the queue opens, so that a queue is cleared one decision at a time.
    following = review.neighbours(session=session, actor=staff.actor, comment_id=comment_id)
    target = following.next_id or comment_id
    return RedirectResponse(
        f"/console/moderation/comments/{target}?notice={notice}&decided={comment_id}",
        status_code=303,
    )


@router.post("/bulk", include_in_schema=False)
def bulk(
    request: Request,
    session: DbSession,
    staff: Staff,
    verdict: Annotated[str, Form(max_length=20)],
    comment_ids: Annotated[list[int], Form()] = [],  # noqa: B006 - FastAPI reads a fresh list per request
    rule: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=review.MAX_REASON_CHARS * 2)] = "",
) -> Response:
    """The same decision (one rule, one reason) for several comments; refusals per comment.

    Refusals are explained in place, on the queue above its list, not on a page of their own.
    """
    where = review.QueueFilter()
    if not comment_ids or verdict == review.Verdict.DELETE:
        error = (
            InvalidInput(
                N_("Choose at least one comment: tick its box, or Select all on this page.")
            )
            if not comment_ids
            else InvalidInput(N_("Delete one comment at a time, from its page."))
        )
        keep_refusal(request, session, error)
        return _queue_page(
            request, session, staff, where=where, bulk_error=words_for(error), status_code=422
        )
    planned, skipped = review.decide_many(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        comment_ids=comment_ids,
        verdict=verdict,
        choice=review.Choice(rule=rule or None, reason=reason or None),
    )
    done = _send(request, session, planned)
    if skipped:
        each = "; ".join(f"#{s.comment_id}: {words_for(s.refusal)}" for s in skipped[:10])
        conflict = Conflict(N_("Some comments were not changed: %(each)s"), values={"each": each})
        keep_refusal(request, session, conflict)
        return _queue_page(
            request, session, staff, where=where, bulk_error=words_for(conflict), status_code=409
        )
    return RedirectResponse(
        f"/console/moderation?notice={verdict if done else 'pending'}", status_code=303
    )
