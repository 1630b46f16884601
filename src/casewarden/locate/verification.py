"""Independent verification of a lead against a 22 CCR § 113100 locate source.

A verification names the source (never the Internet: a posting does not verify a
posting), the date it was checked, the source's own reference, and whether it
confirmed or contradicted the lead. A confirmation makes the lead ``verified``; a
contradiction makes it ``rejected``. When the agency requires it, the person who
recorded the lead may not verify it (policy rule ``second-person-verification``). A
source checked before the posting was captured did not verify it: refused, audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import AGENCY_ZONE, utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import ensure_writable
from casewarden.errors import InvalidInput, PermissionDenied
from casewarden.i18n import N_
from casewarden.locate import access, sources
from casewarden.locate.access import LEAD_RESEARCH
from casewarden.locate.leads import LocateRules, enforce_on
from casewarden.locate.lifecycle import LeadEvent, advance
from casewarden.locate.models import (
    NOTE_PURPOSE,
    REFERENCE_PURPOSE,
    LeadState,
    LeadVerification,
    LocateLead,
    VerificationResult,
)
from casewarden.policy import Action, Purpose
from casewarden.policy.citations import CCR_113100, LETTER

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._:/#-]{0,79}$")
MAX_NOTE = 1000
_EARLIEST = date(2000, 1, 1)

_EVENT = {
    VerificationResult.CONFIRMED: LeadEvent.CONFIRM,
    VerificationResult.CONTRADICTED: LeadEvent.CONTRADICT,
}


@dataclass(frozen=True, slots=True)
class VerificationDraft:
    """What the verifier entered."""

    source: str
    checked_on: date | None
    reference: str
    result: str
    note: str = ""


def _result(value: str) -> VerificationResult:
    try:
        return VerificationResult(value.strip().lower())
    except ValueError:
        raise InvalidInput(
            N_("Say whether the source confirmed or contradicted the lead.")
        ) from None


def _checked_on(value: date | None, now: datetime) -> date:
    if value is None:
        raise InvalidInput(N_("Enter the date the source was checked."))
    # California is behind UTC: a date of "today" there is never after UTC's tomorrow.
    if value > (now + timedelta(days=1)).date():
        raise InvalidInput(N_("The date the source was checked is in the future."))
    if value < _EARLIEST:
        raise InvalidInput(N_("The date the source was checked is not plausible."))
    return value


def _not_before_capture(checked_on: date, lead: LocateLead, actor: Actor) -> None:
    """A source checked before the posting was captured cannot have verified what it shows."""
    # The verifier gives a California calendar date; the capture is a UTC instant, so
    # compare with the capture's date in California (an evening capture is that day's).
    captured_on = lead.captured_at.astimezone(AGENCY_ZONE).date()
    if checked_on >= captured_on:
        return
    raise InvalidInput(
        f"The source was checked on {checked_on.isoformat()}, before the posting was captured "
        f"({captured_on.isoformat()}): a verification must be dated on or after the capture."
    ).audited(
        AuditEvent(
            actor=actor,
            tag=AuditTag.LOCATE_LEAD_VERIFY,
            subject_type=access.SUBJECT,
            subject_id=str(lead.id),
            agency_id=lead.agency_id,
            purpose=str(Purpose.LOCATE_RESEARCH),
            citation=f"{LETTER}; {CCR_113100}",
            outcome=Outcome.DENIED,
            details={"reason": "checked_before_capture"},
        )
    )


def _reference(value: str) -> str:
    reference = " ".join(value.split())
    if not _REFERENCE.match(reference):
        raise InvalidInput(
            N_(
                "Enter the source's reference (an inquiry or record number): up to 80 letters, "
                "digits, spaces or . _ : / # -"
            )
        )
    return reference


def verify_lead(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    rules: LocateRules,
    lead_id: int,
    draft: VerificationDraft,
    now: datetime | None = None,
) -> LeadVerification:
    """Record an independent verification; the lead becomes verified or rejected."""
    authorize(actor, Permission.LOCATE_VERIFY)
    moment = now or utcnow()
    lead, viewer = access.lead_for(session, actor, lead_id)
    ensure_writable(session, lead)
    if viewer.user_id is None:
        raise PermissionDenied(
            N_("Leads are verified by a member of staff, signed in as themselves.")
        )
    source = sources.source(draft.source)
    decision = enforce_on(
        actor,
        Action.LEAD_VERIFY,
        lead,
        Purpose.LOCATE_RESEARCH,
        independent_source=source.independent,
        verified_by_recorder=rules.separate_verifier and viewer.user_id == lead.recorded_by,
    )
    result = _result(draft.result)
    new_state = advance(lead.state, _EVENT[result])
    checked_on = _checked_on(draft.checked_on, moment)
    _not_before_capture(checked_on, lead, actor)
    reference = _reference(draft.reference)
    note = draft.note.strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(
            N_("Keep the note under %(count)d characters."), values={"count": MAX_NOTE}
        )

    verification = LeadVerification(
        agency_id=lead.agency_id,
        lead_id=lead.id,
        source=source.code,
        checked_on=checked_on,
        reference_sealed=keyring.seal_text(reference, REFERENCE_PURPOSE),
        result=result,
        note_sealed=keyring.seal_text(note, NOTE_PURPOSE) if note else None,
        verified_by=viewer.user_id,
        recorded_at=moment,
    )
    session.add(verification)
    lead.state = new_state
    if new_state is LeadState.VERIFIED:
        lead.verified_at = moment
    session.flush()
    chain.record(
        session,
        subject=LEAD_RESEARCH.citing(decision.citation).of(lead),
        actor=actor,
        tag=AuditTag.LOCATE_LEAD_VERIFY,
        details={
            "verification": verification.id,
            "source": source.code,
            "result": str(result),
            "state": str(new_state),
        },
    )
    return verification
