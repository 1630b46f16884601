"""Refusals a route answers itself (findings shown inline), keeping their audit, in words read."""

from __future__ import annotations

from fastapi import Request

from casewarden import i18n
from casewarden.audit.unit import record_refusal
from casewarden.db.engine import CasewardenSession
from casewarden.errors import CasewardenError
from casewarden.policy.engine import PolicyDenied
from casewarden.web import labels


def keep_refusal(request: Request, session: CasewardenSession, error: CasewardenError) -> None:
    """Roll the request's work back and record the refusal's audit entry on its own."""
    session.rollback()
    record_refusal(request.app.state.database, error)


def words_for(error: CasewardenError) -> str:
    """The error's public message in the reader's language (as it is, when not catalogued)."""
    if isinstance(error, PolicyDenied):
        # The rule's sentence and its sources are catalogued one by one, not as one message.
        return labels.policy_sentence(error.decision.sentence, error.decision.citation)
    if error.wording is None:
        return i18n.gettext(error.public_message)
    template, values = error.wording
    return i18n.gettext(template) % values
