"""Answering a refusal that a route handles itself (to show findings inline), keeping its audit."""

from __future__ import annotations

from fastapi import Request

from casewarden.audit.unit import record_refusal
from casewarden.db.engine import CasewardenSession
from casewarden.errors import CasewardenError


def keep_refusal(request: Request, session: CasewardenSession, error: CasewardenError) -> None:
    """Roll the request's work back and record the refusal's audit entry on its own."""
    session.rollback()
    record_refusal(request.app.state.database, error)
