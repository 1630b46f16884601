"""The review queue and a comment's record: confirm, restore, hide, dismiss, escalate, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.errors import Conflict, InvalidInput
from casewarden.i18n import N_
from casewarden.moderation import actions, review
from casewarden.moderation.grounds import PublishedRule, is_disclosure
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
            "rules": _rules(),
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
            "rules": _rules(),
            "disclosure": is_disclosure(record.comment.categories),
            "can_restore_disclosure": has_permission(
                staff.role, Permission.MODERATION_RESTORE_DISCLOSURE
            ),
        },
    )


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
    rule: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=review.MAX_REASON_CHARS * 2)] = "",
) -> Response:
    """The same decision (one rule, one reason) for several comments; refusals per comment."""
    if not comment_ids:
        raise InvalidInput("Choose at least one comment.")
    if verdict == review.Verdict.DELETE:
        raise InvalidInput("Delete one comment at a time, from its page.")
    planned, problems = review.decide_many(
        session=session,
        actor=staff.actor,
        keyring=_runtime(request).keyring,
        comment_ids=comment_ids,
        verdict=verdict,
        choice=review.Choice(rule=rule or None, reason=reason or None),
    )
    done = _send(request, session, planned)
    if problems:
        raise Conflict("Some comments were not changed: " + "; ".join(problems[:10]))
    return RedirectResponse(
        f"/console/moderation?notice={verdict if done else 'pending'}", status_code=303
    )
