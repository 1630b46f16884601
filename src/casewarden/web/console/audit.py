"""The audit log page: filter by actor, tag and date; page through; verify the chain."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.audit import chain, query
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.audit.verify import ChainReport, verify_chain
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.web.deps import DbSession, Staff
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/audit")


def _day(value: str | None, *, end: bool) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            N_("%(value)r is not a date (YYYY-MM-DD)."), values={"value": value[:20]}
        ) from None
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start + timedelta(days=1) if end else start


def _page(
    request: Request,
    session: DbSession,
    staff: Staff,
    report: ChainReport | None = None,
) -> Response:
    params = request.query_params
    actor = params.get("actor") or None
    tag = params.get("tag") or None
    since_text, until_text = params.get("since") or None, params.get("until") or None
    before_text = params.get("before") or ""
    error = None
    try:
        where = query.AuditFilter(
            actor=actor,
            tag=tag,
            since=_day(since_text, end=False),
            until=_day(until_text, end=True),
        )
        before = int(before_text) if before_text.isdigit() and len(before_text) <= 18 else None
        page = query.search(session, where, before=before)
    except InvalidInput as exc:
        error = words_for(exc)
        page = query.AuditPage(entries=[], next_before=None)
    people = {
        user.id: user
        for user in session.scalars(select(StaffUser).order_by(StaffUser.display_name))
    }
    return render(
        request,
        "console/audit.html",
        {
            "page": page,
            "people": people,
            "areas": query.AREAS,
            "tags": [tag.value for tag in AuditTag],
            "filters": {
                "actor": actor or "",
                "tag": tag or "",
                "since": since_text or "",
                "until": until_text or "",
            },
            "error": error,
            "report": report,
            "can_verify": has_permission(staff.role, Permission.AUDIT_VERIFY),
        },
        status_code=422 if error else 200,
    )


@router.get("", include_in_schema=False)
def audit_log(request: Request, session: DbSession, staff: Staff) -> Response:
    """Entries of the reader's agency, newest first."""
    authorize(staff.actor, Permission.AUDIT_READ)
    return _page(request, session, staff)


@router.post("/verify", include_in_schema=False)
def verify(request: Request, session: DbSession, staff: Staff) -> Response:
    """Check the whole chain now and show the result above the log."""
    authorize(staff.actor, Permission.AUDIT_VERIFY)
    report = verify_chain(session)
    chain.record(
        session,
        subject=Subject(),
        actor=staff.actor,
        tag=AuditTag.AUDIT_CHAIN_VERIFY,
        outcome=Outcome.SUCCESS if report.ok else Outcome.FAILURE,
        details={"entries": report.entries, "broken_seq": report.broken_seq, "via": "console"},
    )
    return _page(request, session, staff, report)
