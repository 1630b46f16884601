"""Independent verification: the sources, the second person, the dates, the refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from casewarden.accounts.service import actor_for
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import AGENCY_ZONE
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.locate import sources, verification
from casewarden.locate.custody import custody_of
from casewarden.locate.leads import LocateRules, open_verification
from casewarden.locate.models import LeadState, LocateLead, VerificationResult
from casewarden.locate.verification import VerificationDraft
from casewarden.policy import PolicyDenied
from tests import locate_factories as lf
from tests.unit.locate.conftest import Team

TODAY = datetime.now(UTC).date()


def _verify(
    session: Session,
    team: Team,
    lead: LocateLead,
    who: str = "ben",
    rules: LocateRules = lf.RULES,
    **changes: object,
) -> verification.LeadVerification:
    values: dict[str, object] = {
        "source": "dmv",
        "checked_on": TODAY,
        "reference": "DMV-INQ-2026-0042",
        "result": "confirmed",
        "note": "",
    }
    values.update(changes)
    return verification.verify_lead(
        session=session,
        actor=actor_for(getattr(team, who)),
        keyring=lf.keyring(),
        rules=rules,
        lead_id=lead.id,
        draft=VerificationDraft(**values),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("result", "state"),
    [("confirmed", LeadState.VERIFIED), ("contradicted", LeadState.REJECTED)],
)
def test_a_verification_decides_the_lead(
    session: Session, team: Team, result: str, state: LeadState
) -> None:
    lead = lf.record(session, team.ana)
    recorded = _verify(session, team, lead, result=result, note="Registration shows Fresno.")
    assert lead.state is state
    assert (lead.verified_at is not None) is (state is LeadState.VERIFIED)
    assert recorded.result is VerificationResult(result)
    assert recorded.verified_by == team.ben.id
    assert recorded.note_sealed is not None
    assert b"Fresno" not in recorded.note_sealed
    assert b"DMV-INQ-2026-0042" not in recorded.reference_sealed
    opened = open_verification(lf.keyring(), recorded)
    assert (opened.reference, opened.note) == ("DMV-INQ-2026-0042", "Registration shows Fresno.")
    event = custody_of(session, lead.id)[-1]
    assert event.tag == "locate:lead:verify"
    assert event.details == {
        "verification": recorded.id,
        "source": "dmv",
        "result": result,
        "state": state.value,
    }


@pytest.mark.parametrize("source", sorted(s.code for s in sources.independent_sources()))
def test_every_independent_source_verifies(session: Session, team: Team, source: str) -> None:
    lead = lf.record(session, team.ana)
    _verify(session, team, lead, source=source)
    assert lead.state is LeadState.VERIFIED


def test_the_internet_does_not_verify_a_social_media_lead(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    with pytest.raises(PolicyDenied) as caught:
        _verify(session, team, lead, source="internet")
    assert caught.value.decision.rule == "independent-verification"
    assert "22 CCR § 113100" in caught.value.public_message
    event = caught.value.audit_event
    assert event is not None
    assert event.subject_id == str(lead.id)
    assert lead.state is LeadState.UNVERIFIED


def test_the_recorder_may_not_verify_when_the_agency_says_so(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    with pytest.raises(PolicyDenied, match="second person") as caught:
        _verify(session, team, lead, who="ana")
    assert caught.value.decision.rule == "second-person-verification"
    assert "22 CCR § 113100" in caught.value.public_message
    event = caught.value.audit_event
    assert event is not None
    assert (event.tag, event.outcome) == (AuditTag.POLICY_DECISION_DENY, Outcome.DENIED)
    assert (event.subject_type, event.subject_id) == ("lead", str(lead.id))
    assert event.details == {"rule": "second-person-verification", "action": "lead:verify"}
    assert "22 CCR § 113100" in (event.citation or "")
    assert lead.state is LeadState.UNVERIFIED


def test_the_recorder_may_verify_when_the_agency_allows_it(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    relaxed = LocateRules(unverified_days=90, separate_verifier=False)
    _verify(session, team, lead, who="ana", rules=relaxed)
    assert lead.state is LeadState.VERIFIED


@pytest.mark.parametrize("first", ["confirmed", "contradicted"])
def test_a_decided_lead_is_not_verified_again(session: Session, team: Team, first: str) -> None:
    lead = lf.record(session, team.ana)
    _verify(session, team, lead, result=first)
    with pytest.raises(Conflict, match="Only an unverified lead"):
        _verify(session, team, lead, who="dee")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": "facebook"}, "22 CCR § 113100"),
        ({"result": "maybe"}, "confirmed or contradicted"),
        ({"checked_on": None}, "Enter the date"),
        ({"checked_on": TODAY + timedelta(days=3)}, "in the future"),
        ({"checked_on": date(1999, 12, 31)}, "not plausible"),
        ({"reference": ""}, "source's reference"),
        ({"reference": "<script>"}, "source's reference"),
        ({"reference": "x" * 81}, "source's reference"),
        ({"note": "n" * 1001}, "under 1000"),
    ],
)
def test_malformed_verifications_are_refused(
    session: Session, team: Team, changes: dict[str, object], message: str
) -> None:
    lead = lf.record(session, team.ana)
    with pytest.raises(InvalidInput, match=message):
        _verify(session, team, lead, **changes)
    assert lead.state is LeadState.UNVERIFIED


def test_a_supervisor_verifies_their_units_lead(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    _verify(session, team, lead, who="dee")
    assert lead.state is LeadState.VERIFIED


@pytest.mark.parametrize(("who", "error"), [("cruz", NotFound), ("moderator", PermissionDenied)])
def test_outsiders_cannot_verify(
    session: Session, team: Team, who: str, error: type[Exception]
) -> None:
    lead = lf.record(session, team.ana)
    with pytest.raises(error):
        _verify(session, team, lead, who=who)


# Noon in California five days ago: its date is the same in California and in UTC.
CAPTURED_NOON = (datetime.now(AGENCY_ZONE) - timedelta(days=5)).replace(
    hour=12, minute=0, second=0, microsecond=0
)
# 23:30 in California is already the next day in UTC.
CAPTURED_LATE = CAPTURED_NOON.replace(hour=23, minute=30)


@pytest.mark.parametrize(
    ("captured_at", "days_after_capture", "accepted"),
    [
        (CAPTURED_NOON, -1, False),
        (CAPTURED_NOON, -400, False),
        (CAPTURED_LATE, -1, False),
        (CAPTURED_NOON, 0, True),
        (CAPTURED_LATE, 0, True),  # the California date of a late-evening capture
        (CAPTURED_NOON, 1, True),
    ],
)
def test_a_verification_is_dated_on_or_after_the_capture(
    session: Session, team: Team, captured_at: datetime, days_after_capture: int, accepted: bool
) -> None:
    lead = lf.record(session, team.ana, captured_at=captured_at)
    checked_on = captured_at.date() + timedelta(days=days_after_capture)
    if accepted:
        _verify(session, team, lead, checked_on=checked_on)
        assert lead.state is LeadState.VERIFIED
        return
    with pytest.raises(InvalidInput, match="on or after the capture") as caught:
        _verify(session, team, lead, checked_on=checked_on)
    assert lead.state is LeadState.UNVERIFIED
    assert lead.verifications == []
    event = caught.value.audit_event
    assert event is not None
    assert (event.tag, event.outcome) == (AuditTag.LOCATE_LEAD_VERIFY, Outcome.DENIED)
    assert event.subject_id == str(lead.id)
    assert event.details == {"reason": "checked_before_capture"}
    assert "22 CCR § 113100" in (event.citation or "")
