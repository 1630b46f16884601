"""``/api/locate``: the same operations and refusals as the console, as JSON."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from casewarden.locate.evidence_check import check_package
from tests import locate_factories as lf
from tests.factories import csrf_from, sign_in
from tests.locate_factories import Team, make_team

CAPTURED = (datetime.now(UTC) - timedelta(days=2)).replace(microsecond=0)
CHECKED = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()


@pytest.fixture
def team(session: Session) -> Team:
    made = make_team(session)
    session.commit()
    return made


def test_a_large_capture_never_touches_disk_before_it_is_sealed(
    client: TestClient, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Starlette would spool a part over 1 MiB to an unencrypted temporary file.
    rollovers: list[int] = []
    original = tempfile.SpooledTemporaryFile.rollover

    def recording_rollover(self: Any) -> None:
        rollovers.append(1)
        original(self)

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", recording_rollover)
    big = lf.html() + b"<!--" + b"x" * (3 * 1024 * 1024) + b"-->"
    headers = _as(client, team.ana)
    fields = {
        "participant": lf.PARTICIPANT,
        "platform": "facebook",
        "posting_url": "https://www.facebook.com/public.page/posts/1",
        "captured_at": CAPTURED.isoformat(),
        "category": "employment",
        "observation": "Page says now hiring.",
        "audience": "public",
        "attest_public": "true",
    }
    response = client.post(
        "/api/locate/leads",
        data=fields,
        files=[("captures", ("page.html", big, "text/html"))],
        headers=headers,
    )
    assert response.status_code == 201, response.text
    assert rollovers == []


def _as(client: TestClient, user: Any) -> dict[str, str]:
    client.cookies.clear()
    sign_in(client, user.username)
    return {"x-csrf-token": csrf_from(client.get("/console/"))}


def _record(client: TestClient, headers: dict[str, str], **changes: str) -> Any:
    fields = {
        "participant": lf.PARTICIPANT,
        "platform": "instagram",
        "posting_url": "https://www.instagram.com/p/AbC123/",
        "captured_at": CAPTURED.isoformat(),
        "category": "assets",
        "observation": "Photo of a boat registered CF 1234 AB, captioned 'my new boat'.",
        "audience": "public",
        "attest_public": "true",
    }
    fields.update(changes)
    return client.post(
        "/api/locate/leads",
        data=fields,
        files=[("captures", ("s.jpg", lf.jpeg(), "image/jpeg"))],
        headers=headers,
    )


def _verify(client: TestClient, headers: dict[str, str], lead_id: int, **changes: str) -> Any:
    body = {
        "source": "dmv",
        "checked_on": CHECKED,
        "reference": "VR-77",
        "result": "confirmed",
    }
    body.update(changes)
    return client.post(f"/api/locate/leads/{lead_id}/verifications", json=body, headers=headers)


def test_the_whole_flow_as_json(client: TestClient, team: Team, tmp_path: Path) -> None:
    ana = _as(client, team.ana)
    created = _record(client, ana)
    assert created.status_code == 201, created.text
    lead = created.json()
    assert lead["state"] == "unverified"
    assert lead["usable"] is False
    assert lead["captured_at"] == CAPTURED.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    assert lead["captures"][0]["kind"] == "jpeg"
    assert lead["custody"][0]["event"] == "locate:lead:record"
    listed = client.get("/api/locate/leads", params={"participant": lf.PARTICIPANT}).json()
    assert [row["id"] for row in listed["leads"]] == [lead["id"]]
    assert listed["unverified_in_view"] == 1

    ben = _as(client, team.ben)
    verified = _verify(client, ben, lead["id"])
    assert verified.status_code == 201, verified.text
    assert verified.json()["state"] == "verified"
    assert verified.json()["verifications"][0]["citation"] == "22 CCR § 113100"

    exported = client.post(
        f"/api/locate/leads/{lead['id']}/export", json={"format": "json"}, headers=ben
    )
    assert exported.status_code == 200
    assert exported.json()["leads"][0]["verifications"][0]["reference"] == "VR-77"
    by_participant = client.post(
        "/api/locate/exports", json={"participant": lf.PARTICIPANT, "format": "csv"}, headers=ben
    )
    assert by_participant.status_code == 200
    assert by_participant.headers["x-casewarden-excluded-unverified"] == "0"

    packaged = client.post(f"/api/locate/leads/{lead['id']}/package", headers=ben)
    assert packaged.status_code == 200
    path = tmp_path / "p.zip"
    path.write_bytes(packaged.content)
    report = check_package(path)
    assert report.intact
    assert report.manifest_sha256 == packaged.headers["x-casewarden-manifest-sha256"]

    used = client.post(
        f"/api/locate/leads/{lead['id']}/use", json={"purpose": "litigation_evidence"}, headers=ben
    )
    assert used.json()["state"] == "used_in_case"
    capture = client.get(f"/api/locate/leads/{lead['id']}/captures/{lead['captures'][0]['id']}")
    assert capture.content == lf.jpeg()


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"attest_public": "false"}, "public-postings-only"),
        ({"audience": "friends_only"}, "public-postings-only"),
        ({"purpose": "general_information"}, "no-other-use"),
    ],
)
def test_recording_refusals_name_the_rule(
    client: TestClient, team: Team, changes: dict[str, str], rule: str
) -> None:
    response = _record(client, _as(client, team.ana), **changes)
    assert response.status_code == 403
    assert response.json()["rule"] == rule
    assert response.json()["citation"]


@pytest.mark.parametrize(
    "posting_url",
    [
        "https://www.facebook.com/groups/123/posts/456",
        "https://MBASIC.facebook.com/Groups/123?ref=share",
        "https://fb.com/%67roups/123",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fm.facebook.com%2Fgroups%2F123",
    ],
)
def test_a_group_posting_is_refused_over_the_api(
    client: TestClient, team: Team, posting_url: str
) -> None:
    ana = _as(client, team.ana)
    response = _record(client, ana, platform="facebook", posting_url=posting_url)
    assert response.status_code == 403
    assert response.json()["rule"] == "no-group-postings"
    assert "group" in response.json()["error"]
    assert client.get("/api/locate/leads").json()["leads"] == []


@pytest.mark.parametrize("participant", ["MARIA-LOPEZ-1", "JSmith1984", "Maria Lopez"])
def test_a_participant_named_instead_of_numbered_is_refused(
    client: TestClient, team: Team, participant: str
) -> None:
    response = _record(client, _as(client, team.ana), participant=participant)
    assert response.status_code == 422
    assert "never a name" in response.json()["error"]
    assert participant not in response.text
    assert client.get("/api/locate/leads").json()["leads"] == []


def test_the_recorder_verifying_their_own_lead_is_refused_citing_the_rule(
    client: TestClient, team: Team
) -> None:
    ana = _as(client, team.ana)
    lead_id = _record(client, ana).json()["id"]
    response = _verify(client, ana, lead_id)
    assert response.status_code == 403
    assert response.json()["rule"] == "second-person-verification"
    assert "22 CCR § 113100" in response.json()["citation"]
    custody = client.get(f"/api/locate/leads/{lead_id}").json()["custody"]
    assert [(e["event"], e["outcome"]) for e in custody if e["outcome"] == "denied"] == [
        ("policy:decision:deny", "denied")
    ]


def test_verifying_with_the_internet_is_refused(client: TestClient, team: Team) -> None:
    lead_id = _record(client, _as(client, team.ana)).json()["id"]
    response = _verify(client, _as(client, team.ben), lead_id, source="internet")
    assert response.status_code == 403
    assert response.json()["rule"] == "independent-verification"


def test_a_verification_dated_before_the_capture_is_refused(client: TestClient, team: Team) -> None:
    lead_id = _record(client, _as(client, team.ana)).json()["id"]
    ben = _as(client, team.ben)
    backdated = (CAPTURED - timedelta(days=3)).date().isoformat()
    response = _verify(client, ben, lead_id, checked_on=backdated)
    assert response.status_code == 422
    assert "on or after the capture" in response.json()["error"]
    lead = client.get(f"/api/locate/leads/{lead_id}").json()
    assert (lead["state"], lead["verifications"]) == ("unverified", [])
    (refused,) = [e for e in lead["custody"] if e["event"] == "locate:lead:verify"]
    assert (refused["outcome"], refused["details"]) == (
        "denied",
        {"reason": "checked_before_capture"},
    )


def test_an_unverified_lead_cannot_be_exported_or_packaged(client: TestClient, team: Team) -> None:
    ana = _as(client, team.ana)
    lead_id = _record(client, ana).json()["id"]
    for path, body in (
        (f"/api/locate/leads/{lead_id}/export", {"format": "csv"}),
        ("/api/locate/exports", {"participant": lf.PARTICIPANT, "format": "json"}),
        (f"/api/locate/leads/{lead_id}/use", {}),
    ):
        response = client.post(path, json=body, headers=ana)
        assert response.status_code == 403, path
        assert response.json()["rule"] == "verify-before-use"
    packaged = client.post(f"/api/locate/leads/{lead_id}/package", headers=ana)
    assert packaged.status_code == 403
    assert packaged.json()["rule"] == "verify-before-use"


def test_another_units_lead_is_not_found(client: TestClient, team: Team) -> None:
    lead_id = _record(client, _as(client, team.ana)).json()["id"]
    cruz = _as(client, team.cruz)
    assert client.get(f"/api/locate/leads/{lead_id}").status_code == 404
    assert _verify(client, cruz, lead_id).status_code == 404
    assert client.get("/api/locate/leads").json()["leads"] == []


def test_the_sources_list_carries_its_citation(client: TestClient, team: Team) -> None:
    _as(client, team.ana)
    body = client.get("/api/locate/sources").json()
    assert body["citation"] == "22 CCR § 113100"
    internet = next(s for s in body["sources"] if s["code"] == "internet")
    assert internet["may_verify_social_media_leads"] is False


@pytest.mark.parametrize(
    "body",
    [
        {"source": "dmv", "checked_on": "not a date", "reference": "x", "result": "confirmed"},
        {"source": "dmv", "checked_on": "2026-01-01", "reference": "x", "result": "maybe"},
        {"source": "d" * 500, "checked_on": "2026-01-01", "reference": "x", "result": "confirmed"},
        {},
    ],
)
def test_malformed_json_is_422_without_echo(
    client: TestClient, team: Team, body: dict[str, str]
) -> None:
    lead_id = _record(client, _as(client, team.ana)).json()["id"]
    response = client.post(
        f"/api/locate/leads/{lead_id}/verifications", json=body, headers=_as(client, team.ben)
    )
    assert response.status_code == 422
    assert "d" * 100 not in response.text


def test_the_api_needs_a_session_and_a_csrf_token(client: TestClient, team: Team) -> None:
    assert client.get("/api/locate/leads").status_code == 401
    sign_in(client, team.ana.username)
    response = client.post(
        "/api/locate/leads/1/export", json={"format": "json"}, headers={"x-csrf-token": "forged"}
    )
    assert response.status_code == 403


def test_a_lead_recorded_outside_any_unit_is_assigned_and_verified(
    client: TestClient, team: Team
) -> None:
    lead_id = _record(client, _as(client, team.solo)).json()["id"]
    # A caseworker cannot take it for themselves.
    cruz = _as(client, team.cruz)
    assert client.get(f"/api/locate/leads/{lead_id}").status_code == 404
    grab = client.post(
        f"/api/locate/leads/{lead_id}/assignment",
        json={"caseworker": team.cruz.username},
        headers=cruz,
    )
    assert grab.status_code == 403
    solo = _as(client, team.solo)
    grab = client.post(
        f"/api/locate/leads/{lead_id}/assignment", json={"unit": "east"}, headers=solo
    )
    assert grab.status_code == 403
    # The agency's supervisors see it, and one gives it to a caseworker.
    eli = _as(client, team.eli)
    assert lead_id in [lead["id"] for lead in client.get("/api/locate/leads").json()["leads"]]
    assigned = client.post(
        f"/api/locate/leads/{lead_id}/assignment",
        json={"caseworker": team.ben.username},
        headers=eli,
    )
    assert assigned.status_code == 200, assigned.text
    assert assigned.json() == {"id": lead_id, "unit": "east", "assigned_to": team.ben.id}
    again = client.post(
        f"/api/locate/leads/{lead_id}/assignment", json={"unit": "west"}, headers=eli
    )
    assert again.status_code == 404  # it is the east unit's now
    ben = _as(client, team.ben)
    assert _verify(client, ben, lead_id).status_code == 201
    custody = client.get(f"/api/locate/leads/{lead_id}").json()["custody"]
    (event,) = [e for e in custody if e["event"] == "locate:lead:assign"]
    assert (event["actor"], event["details"]) == (
        f"staff:{team.eli.id}",
        {"unit": "east", "assigned_to": team.ben.id},
    )


def test_a_supervisor_assigns_in_the_console(client: TestClient, team: Team) -> None:
    lead_id = _record(client, _as(client, team.solo)).json()["id"]
    _as(client, team.dee)
    page = client.get(f"/console/locate/leads/{lead_id}")
    assert "Assign this lead" in page.text
    token = csrf_from(page)
    bad = client.post(
        f"/console/locate/leads/{lead_id}/assign",
        data={"unit": "<script>", "csrf_token": token},
        headers={"origin": "http://testserver"},
    )
    assert bad.status_code == 422
    assert "<script>" not in bad.text
    done = client.post(
        f"/console/locate/leads/{lead_id}/assign",
        data={"unit": "west", "csrf_token": token},
        headers={"origin": "http://testserver"},
    )
    assert done.status_code == 303
    assert client.get(f"/console/locate/leads/{lead_id}").status_code == 404  # west's now
    _as(client, team.cruz)
    assert client.get(f"/console/locate/leads/{lead_id}").status_code == 200
