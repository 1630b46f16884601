"""The console's home page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from casewarden.accounts.roles import Permission, authorize
from casewarden.web.console.auth import NOTICES
from casewarden.web.deps import Staff
from casewarden.web.templating import render

router = APIRouter(prefix="/console")


@router.get("", include_in_schema=False)
def console_root() -> Response:
    """``/console`` without the slash."""
    return RedirectResponse("/console/", status_code=307)


@router.get("/", include_in_schema=False)
def dashboard(request: Request, staff: Staff, notice: str | None = None) -> Response:
    """Welcome, role and the sections this person can open."""
    authorize(staff.actor, Permission.CONSOLE_USE)
    return render(request, "console/dashboard.html", {"notice": NOTICES.get(notice or "")})
