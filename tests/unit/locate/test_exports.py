"""Exports for the case management system: verified leads only, with their verification record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy.orm import Session

from casewarden.accounts.service import actor_for
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.errors import InvalidInput, NotFound, PermissionDenied
from casewarden.locate import exports
from casewarden.locate.custody import custody_of
from casewarden.locate.exports import CSV_COLUMNS, ExportFormat
from casewarden.locate.leads import mark_used
from casewarden.locate.models import LocateLead
from casewarden.policy import PolicyDenied
from tests import locate_factories as lf
from tests.unit.locate.conftest import Team


def _export_lead(
    session: Session, team: Team, lead: LocateLead, fmt: str = "json", who: str = "ana"
) -> exports.ExportFile:
    return exports.export_lead(
        session=session,
        actor=actor_for(getattr(team, who)),
        keyring=lf.keyring(),
        lead_id=lead.id,
        fmt=ExportFormat.parse(fmt),
    )


def _export_participant(
    session: Session,
    team: Team,
    fmt: str = "json",
    who: str = "ana",
    participant: str = lf.PARTICIPANT,
) -> exports.ExportFile:
    return exports.export_participant(
        session=session,
        actor=actor_for(getattr(team, who)),
        keyring=lf.keyring(),
        participant_ref=participant,
        fmt=ExportFormat.parse(fmt),
    )


@pytest.mark.parametrize("state", ["unverified", "rejected"])
def test_an_unverified_lead_cannot_be_exported(session: Session, team: Team, state: str) -> None:
    lead = lf.record(session, team.ana)
    if state == "rejected":
        lf.verify(session, lead, team.ben, result="contradicted")
    for fmt in ("csv", "json"):
        with pytest.raises(PolicyDenied) as caught:
            _export_lead(session, team, lead, fmt)
        assert caught.value.decision.rule == "verify-before-use"
        event = caught.value.audit_event
        assert event is not None
        assert event.subject_id == str(lead.id)
    assert "locate:lead:export" not in [e.tag for e in custody_of(session, lead.id)]


def test_a_verified_lead_exports_as_json_with_its_verification(
    session: Session, team: Team
) -> None:
    lead = lf.verify(session, lf.record(session, team.ana), team.ben)
    exported = _export_lead(session, team, lead, "json")
    assert exported.media_type == "application/json"
    assert exported.filename.startswith(f"locate-lead-{lead.id}-")
    assert exported.filename.endswith(".json")
    body = json.loads(exported.content)
    assert body["format"] == "casewarden-locate-export/1"
    (record,) = body["leads"]
    assert record["participant_ref"] == lf.PARTICIPANT
    assert record["posting_url"] == lf.POSTING_URL
    assert record["observation"] == lf.OBSERVATION
    assert record["state"] == "verified"
    (check,) = record["verifications"]
    assert check["source"] == "dmv"
    assert check["citation"] == "22 CCR § 113100"
    assert check["result"] == "confirmed"
    assert check["verified_by"]["username"] == team.ben.username
    assert record["captures"][0]["sha256"] == lead.captures[0].sha256
    event = custody_of(session, lead.id)[-1]
    assert event.tag == "locate:lead:export"
    assert event.details["format"] == "json"


def test_a_verified_lead_exports_as_csv(session: Session, team: Team) -> None:
    lead = lf.verify(session, lf.record(session, team.ana), team.ben)
    exported = _export_lead(session, team, lead, "csv")
    assert exported.media_type.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    (row,) = rows
    assert row["lead_id"] == str(lead.id)
    assert row["verification_source"] == "dmv"
    assert row["verification_source_name"] == "Department of Motor Vehicles"
    assert row["verification_citation"] == "22 CCR § 113100"
    assert row["verification_reference"] == "DMV-INQ-2026-0042"
    assert row["verified_by"] == team.ben.username


def test_spreadsheet_formulas_are_defused(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana, observation='=HYPERLINK("http://evil","click")')
    lf.verify(session, lead, team.ben)
    row = next(
        csv.DictReader(io.StringIO(_export_lead(session, team, lead, "csv").content.decode()))
    )
    assert row["observation"].startswith("'=")


def test_a_participant_export_holds_only_verified_leads(session: Session, team: Team) -> None:
    verified = lf.verify(session, lf.record(session, team.ana), team.ben)
    used = lf.verify(session, lf.record(session, team.ana), team.ben)
    mark_used(session=session, actor=actor_for(team.ana), lead_id=used.id)
    unverified = lf.record(session, team.ana)
    rejected = lf.verify(session, lf.record(session, team.ana), team.ben, result="contradicted")
    other_participant = lf.verify(
        session, lf.record(session, team.ana, participant_ref="999999"), team.ben
    )
    exported = _export_participant(session, team, "json")
    ids = [record["lead_id"] for record in json.loads(exported.content)["leads"]]
    assert ids == [verified.id, used.id]
    assert exported.lead_ids == (verified.id, used.id)
    assert exported.excluded_unverified == 1
    for lead in (unverified, rejected, other_participant):
        assert "locate:lead:export" not in [e.tag for e in custody_of(session, lead.id)]
    for lead in (verified, used):
        event = custody_of(session, lead.id)[-1]
        assert event.details["scope"] == "participant"
        assert event.details["excluded_unverified"] == 1
    csv_rows = list(
        csv.DictReader(io.StringIO(_export_participant(session, team, "csv").content.decode()))
    )
    assert [int(r["lead_id"]) for r in csv_rows] == [verified.id, used.id]


def test_a_participant_with_only_unverified_leads_is_refused(session: Session, team: Team) -> None:
    lf.record(session, team.ana)
    with pytest.raises(PolicyDenied) as caught:
        _export_participant(session, team)
    assert caught.value.decision.rule == "verify-before-use"


@pytest.mark.parametrize(
    ("who", "participant"),
    [("cruz", lf.PARTICIPANT), ("ana", "404404")],  # another unit's participant; nobody's
)
def test_a_participant_export_with_nothing_in_view_is_refused_and_audited(
    session: Session, team: Team, who: str, participant: str
) -> None:
    lf.verify(session, lf.record(session, team.ana), team.ben)
    with pytest.raises(NotFound) as caught:
        _export_participant(session, team, who=who, participant=participant)
    event = caught.value.audit_event
    assert event is not None
    assert (event.tag, event.outcome) == (AuditTag.LOCATE_LEAD_EXPORT, Outcome.DENIED)
    assert (event.subject_type, event.subject_id) == ("participant", participant)
    assert event.details == {"reason": "no_leads_in_view", "format": "json"}
    assert event.citation == "Family Code § 17212"


def test_another_units_lead_is_refused_citing_the_rule(session: Session, team: Team) -> None:
    lead = lf.verify(session, lf.record(session, team.ana), team.ben)
    with pytest.raises(NotFound) as caught:
        _export_lead(session, team, lead, who="cruz")
    event = caught.value.audit_event
    assert event is not None
    assert (event.outcome, event.subject_id) == (Outcome.DENIED, str(lead.id))
    assert event.citation == "Family Code § 17212"


@pytest.mark.parametrize(
    ("who", "fmt", "participant", "error"),
    [
        ("moderator", "json", lf.PARTICIPANT, PermissionDenied),
        ("ana", "xml", lf.PARTICIPANT, InvalidInput),
        ("ana", "json", "Maria Lopez", InvalidInput),
    ],
)
def test_export_refusals(
    session: Session, team: Team, who: str, fmt: str, participant: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        _export_participant(session, team, fmt=fmt, who=who, participant=participant)
