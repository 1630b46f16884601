"""The console's home page: who you are, what waits for you, where to go."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts.roles import Permission, authorize, has_permission
from casewarden.i18n import N_, gettext
from casewarden.locate.leads import unverified_count
from casewarden.moderation import threats
from casewarden.moderation.review import open_count
from casewarden.outreach.service import awaiting_approval_count
from casewarden.privacy import messages, requests
from casewarden.web.console.auth import NOTICES
from casewarden.web.deps import DbSession, Staff
from casewarden.web.templating import render

router = APIRouter(prefix="/console")


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiting:
    """One kind of work waiting for this person, as a count with a link."""

    label: str
    count: int
    href: str
    urgent: int = 0


def _waiting(session: DbSession, staff: Staff) -> list[Waiting]:
    """The counts this person's role may see; each is a number, never a record."""
    role, actor, items = staff.role, staff.actor, []
    if has_permission(role, Permission.MODERATION_REVIEW):
        items.append(
            Waiting(
                label=N_("Comments to review"),
                count=open_count(session=session, actor=actor),
                href="/console/moderation",
            )
        )
    if has_permission(role, Permission.MODERATION_THREATS):
        items.append(
            Waiting(
                label=N_("Threats not yet acknowledged"),
                count=threats.open_count(session=session, actor=actor),
                href="/console/moderation/threats",
            )
        )
    if has_permission(role, Permission.OUTREACH_APPROVE):
        items.append(
            Waiting(
                label=N_("Posts awaiting approval"),
                count=awaiting_approval_count(session=session, actor=actor),
                href="/console/outreach",
            )
        )
    if has_permission(role, Permission.LOCATE_VIEW):
        items.append(
            Waiting(
                label=N_("Leads not yet verified"),
                count=unverified_count(session=session, actor=actor),
                href="/console/locate?state=unverified",
            )
        )
    if has_permission(role, Permission.PRIVACY_MESSAGES):
        items.append(
            Waiting(
                label=N_("New contact messages"),
                count=messages.new_count(session=session, actor=actor),
                href="/console/privacy/messages",
            )
        )
    if has_permission(role, Permission.PRIVACY_REQUESTS):
        total, overdue = requests.open_count(session=session, actor=actor)
        items.append(
            Waiting(
                label=N_("Open review requests"),
                count=total,
                href="/console/privacy/requests",
                urgent=overdue,
            )
        )
    return [
        Waiting(label=gettext(w.label), count=w.count, href=w.href, urgent=w.urgent) for w in items
    ]


@router.get("", include_in_schema=False)
def console_root() -> Response:
    """``/console`` without the slash."""
    return RedirectResponse("/console/", status_code=307)


@router.get("/", include_in_schema=False)
def dashboard(
    request: Request, session: DbSession, staff: Staff, notice: str | None = None
) -> Response:
    """Welcome, the work waiting for this person, and the sections they can open."""
    authorize(staff.actor, Permission.CONSOLE_USE)
    return render(
        request,
        "console/dashboard.html",
        {"notice": NOTICES.get(notice or ""), "waiting": _waiting(session, staff)},
    )
