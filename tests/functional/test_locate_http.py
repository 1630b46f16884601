"""The locate workbench over HTTP: the console flow, every refusal, uploads, safe downloads."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.config import load_settings
from casewarden.db.engine import Database
from casewarden.locate.evidence_check import check_package
from casewarden.locate.models import LeadState, LocateLead
from casewarden.web.console.locate_common import PACIFIC
from tests import locate_factories as lf
from tests.conftest import TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS, csrf_from, origin, sign_in
from tests.locate_factories import Team, make_team

CAPTURED = (datetime.now(PACIFIC) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
CHECKED = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()


@pytest.fixture
def team(session: Session) -> Team:
    made = make_team(session)
    session.commit()
    return made


def _fields(**changes: str) -> dict[str, str]:
    fields = {
        "participant": lf.PARTICIPANT,
        "platform": "facebook",
        "posting_url": lf.POSTING_URL,
        "captured_at": CAPTURED,
        "category": "employment",
        "observation": lf.OBSERVATION,
        "audience": "public",
        "attest_public": "yes",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def _files(*items: tuple[str, bytes, str]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("captures", item) for item in items]


PNG_UPLOAD = ("screenshot.png", lf.png(), "image/png")


def post_lead(
    client: TestClient,
    fields: dict[str, str] | None = None,
    files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
) -> Any:
    token = csrf_from(client.get("/console/locate/new"))
    return client.post(
        "/console/locate",
        data={**(fields if fields is not None else _fields()), "csrf_token": token},
        files=files if files is not None else _files(PNG_UPLOAD),
        headers=origin(client),
    )


def post(client: TestClient, path: str, data: dict[str, str] | None = None) -> Any:
    token = csrf_from(client.get("/console/"))
    return client.post(path, data={**(data or {}), "csrf_token": token}, headers=origin(client))


def _lead_id(response: Any) -> int:
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    return int(location.split("/leads/")[1].split("?")[0])


def _leads(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(LocateLead)) or 0


def _audit(session: Session, tag: str, subject_id: int | None = None) -> list[AuditEntry]:
    session.expire_all()
    query = select(AuditEntry).where(AuditEntry.tag == tag)
    if subject_id is not None:
        query = query.where(AuditEntry.subject_id == str(subject_id))
    return list(session.scalars(query.order_by(AuditEntry.seq)))


def _switch(client: TestClient, user: Any) -> None:
    client.cookies.clear()
    sign_in(client, user.username)


def test_record_verify_export_and_package_in_the_console(
    client: TestClient, session: Session, team: Team, tmp_path: Path
) -> None:
    sign_in(client, team.ana.username)
    assert "Locate leads" in client.get("/console/").text
    lead_id = _lead_id(
        post_lead(client, files=_files(PNG_UPLOAD, ("page.html", lf.html(), "text/html")))
    )

    page = client.get(f"/console/locate/leads/{lead_id}?notice=recorded")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert "Unverified — not for use" in page.text
    assert lf.OBSERVATION in page.text
    assert f'<a href="{lf.POSTING_URL}' not in page.text  # shown as text, never as a link
    assert "A second person verifies this lead" in page.text  # the recorder gets no form
    listing = client.get(f"/console/locate?participant={lf.PARTICIPANT}")
    assert "Unverified — not for use" in listing.text

    _switch(client, team.ben)
    verified = post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {
            "source": "dmv",
            "checked_on": CHECKED,
            "reference": "DMV-88-1",
            "result": "confirmed",
        },
    )
    assert verified.status_code == 303, verified.text
    page = client.get(f"/console/locate/leads/{lead_id}")
    assert "Department of Motor Vehicles" in page.text
    assert "22 CCR § 113100" in page.text

    exported = post(client, f"/console/locate/leads/{lead_id}/export", {"format": "csv"})
    assert exported.status_code == 200
    assert exported.headers["content-disposition"].startswith("attachment;")
    assert exported.headers["x-content-type-options"] == "nosniff"
    assert "DMV-88-1" in exported.text
    by_participant = post(
        client, "/console/locate/export", {"participant": lf.PARTICIPANT, "format": "json"}
    )
    assert by_participant.status_code == 200
    assert by_participant.json()["leads"][0]["lead_id"] == lead_id

    packaged = post(client, f"/console/locate/leads/{lead_id}/package")
    assert packaged.status_code == 200
    assert packaged.headers["content-type"] == "application/zip"
    path = tmp_path / "package.zip"
    path.write_bytes(packaged.content)
    assert check_package(path).intact

    tags = [e.tag for e in _audit(session, "locate:lead:view", lead_id)]
    assert tags
    for tag in (
        "locate:lead:record",
        "locate:lead:verify",
        "locate:lead:export",
        "locate:evidence:package",
    ):
        assert _audit(session, tag, lead_id), tag
    assert _audit(session, "locate:lead:list")


def test_saving_without_the_attestation_is_refused_and_audited(
    client: TestClient, session: Session, team: Team
) -> None:
    sign_in(client, team.ana.username)
    before = _leads(session)
    response = post_lead(client, _fields(attest_public=""))
    assert response.status_code == 403
    assert "publicly shared" in response.text
    assert "public-postings-only" in response.text
    assert lf.OBSERVATION in response.text  # the form keeps what was typed
    assert _leads(session) == before
    (denial,) = _audit(session, "policy:decision:deny")
    assert denial.details["rule"] == "public-postings-only"


@pytest.mark.parametrize("audience", ["friends_only", "private"])
def test_private_or_friends_only_content_cannot_be_saved(
    client: TestClient, session: Session, team: Team, audience: str
) -> None:
    sign_in(client, team.ana.username)
    before = _leads(session)
    assert post_lead(client, _fields(audience=audience)).status_code == 403
    assert _leads(session) == before


def _recorded(client: TestClient, team: Team) -> int:
    sign_in(client, team.ana.username)
    return _lead_id(post_lead(client))


def test_the_internet_is_refused_as_the_verifying_source(
    client: TestClient, session: Session, team: Team
) -> None:
    lead_id = _recorded(client, team)
    _switch(client, team.ben)
    response = post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {
            "source": "internet",
            "checked_on": CHECKED,
            "reference": "web",
            "result": "confirmed",
        },
    )
    assert response.status_code == 403
    assert "other than the Internet" in response.text
    session.expire_all()
    assert session.get(LocateLead, lead_id).state is LeadState.UNVERIFIED  # type: ignore[union-attr]
    (denial,) = _audit(session, "policy:decision:deny", lead_id)
    assert denial.details["rule"] == "independent-verification"


def test_a_backdated_verification_is_refused_and_audited(
    client: TestClient, session: Session, team: Team
) -> None:
    lead_id = _recorded(client, team)  # captured two days ago
    _switch(client, team.ben)
    backdated = (datetime.now(PACIFIC) - timedelta(days=10)).date().isoformat()
    response = post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {"source": "dmv", "checked_on": backdated, "reference": "DMV-1", "result": "confirmed"},
    )
    assert response.status_code == 422
    assert "on or after the capture" in response.text
    session.expire_all()
    assert session.get(LocateLead, lead_id).state is LeadState.UNVERIFIED  # type: ignore[union-attr]
    (denial,) = _audit(session, "locate:lead:verify", lead_id)
    assert (denial.outcome, denial.details) == ("denied", {"reason": "checked_before_capture"})
    assert "22 CCR § 113100" in (denial.citation or "")


def test_the_recorder_cannot_verify_their_own_lead(
    client: TestClient, session: Session, team: Team
) -> None:
    lead_id = _recorded(client, team)
    response = post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {"source": "dmv", "checked_on": CHECKED, "reference": "DMV-1", "result": "confirmed"},
    )
    assert response.status_code == 403
    assert "second person" in response.text
    assert "22 CCR § 113100" in response.text
    (denied,) = _audit(session, "policy:decision:deny", lead_id)
    assert denied.details["rule"] == "second-person-verification"
    assert "22 CCR § 113100" in (denied.citation or "")


@pytest.mark.parametrize("path", ["/console/locate/export", "/api/locate/exports"])
def test_exporting_another_units_participant_is_refused_and_audited(
    client: TestClient, session: Session, team: Team, path: str
) -> None:
    _recorded(client, team)
    _switch(client, team.cruz)
    if path.startswith("/api/"):
        token = csrf_from(client.get("/console/"))
        response = client.post(
            path,
            json={"participant": lf.PARTICIPANT, "format": "json"},
            headers={"x-csrf-token": token},
        )
    else:
        response = post(client, path, {"participant": lf.PARTICIPANT, "format": "json"})
    assert response.status_code == 404
    assert "content-disposition" not in response.headers
    (refused,) = _audit(session, "locate:lead:export")
    assert (refused.outcome, refused.subject_id) == ("denied", lf.PARTICIPANT)
    assert refused.actor_id == team.cruz.id
    assert refused.citation == "Family Code § 17212"


@pytest.mark.parametrize(
    "path",
    [
        "/console/locate/leads/{id}/export",
        "/console/locate/leads/{id}/package",
        "/console/locate/export",
    ],
)
def test_an_unverified_lead_cannot_leave_casewarden(
    client: TestClient, session: Session, team: Team, path: str
) -> None:
    lead_id = _recorded(client, team)
    response = post(
        client,
        path.format(id=lead_id),
        {"format": "json", "participant": lf.PARTICIPANT},
    )
    assert response.status_code == 403
    assert "independently verified" in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "content-disposition" not in response.headers
    (denial,) = _audit(session, "policy:decision:deny", lead_id)
    assert denial.details["rule"] == "verify-before-use"
    assert not _audit(session, "locate:lead:export", lead_id)
    assert not _audit(session, "locate:evidence:package", lead_id)


@pytest.mark.parametrize("who", ["cruz", "eli", "solo"])
def test_a_caseworker_cannot_open_another_units_lead(
    client: TestClient, session: Session, team: Team, who: str
) -> None:
    lead_id = _recorded(client, team)
    _switch(client, getattr(team, who))
    assert client.get(f"/console/locate/leads/{lead_id}").status_code == 404
    capture = session.scalar(select(LocateLead).where(LocateLead.id == lead_id)).captures[0]  # type: ignore[union-attr]
    assert client.get(f"/console/locate/leads/{lead_id}/captures/{capture.id}").status_code == 404
    assert lf.PARTICIPANT not in client.get("/console/locate").text
    denied = _audit(session, "locate:lead:view", lead_id)
    assert [e.outcome for e in denied][-2:] == ["denied", "denied"]


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_people_without_locate_access_are_refused(client: TestClient, team: Team, who: str) -> None:
    sign_in(client, getattr(team, who).username)
    assert "Locate leads" not in client.get("/console/").text
    assert client.get("/console/locate").status_code == 403
    assert client.get("/console/locate/new").status_code == 403


def test_the_supervisor_sees_the_units_leads_but_does_not_record(
    client: TestClient, team: Team
) -> None:
    lead_id = _recorded(client, team)
    _switch(client, team.dee)
    assert client.get(f"/console/locate/leads/{lead_id}").status_code == 200
    assert client.get("/console/locate/new").status_code == 403


def test_html_captures_only_download_and_screenshots_show(
    client: TestClient, session: Session, team: Team
) -> None:
    sign_in(client, team.ana.username)
    lead_id = _lead_id(
        post_lead(
            client, files=_files(PNG_UPLOAD, ("../../etc/passwd.png", lf.html(), "image/png"))
        )
    )
    lead = session.scalar(select(LocateLead).where(LocateLead.id == lead_id))
    assert lead is not None
    png, page = lead.captures
    assert page.kind.value == "html"  # judged by its bytes, not by its name or declared type

    saved = client.get(f"/console/locate/leads/{lead_id}/captures/{page.id}")
    assert saved.status_code == 200
    assert saved.content == lf.html()
    assert saved.headers["content-type"] == "application/octet-stream"
    assert saved.headers["content-disposition"].startswith(
        f'attachment; filename="capture-{page.id}.html"'
    )
    assert saved.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in saved.headers["content-security-policy"]
    assert (
        client.get(f"/console/locate/leads/{lead_id}/captures/{page.id}?inline=1").status_code
        == 422
    )

    shown = client.get(f"/console/locate/leads/{lead_id}/captures/{png.id}?inline=1")
    assert shown.headers["content-type"] == "image/png"
    assert shown.headers["content-disposition"].startswith("inline;")
    detail = client.get(f"/console/locate/leads/{lead_id}").text
    assert f"captures/{png.id}?inline=1" in detail
    assert f"captures/{page.id}?inline=1" not in detail
    assert "passwd" not in detail


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([], "at least one captured copy"),
        ([("empty.png", b"", "image/png")], "is empty"),
        ([("x.png", b"GIF89a\x01\x00", "image/png")], "not a PNG or JPEG"),
        ([("x.svg", b"<svg onload=alert(1)>", "image/svg+xml")], "not a PNG or JPEG"),
        ([("x.png", lf.png()[:-12], "image/png")], "truncated PNG"),
        ([PNG_UPLOAD] * 6, "at most"),
    ],
)
def test_malformed_uploads_are_refused_with_the_reason(
    client: TestClient,
    session: Session,
    team: Team,
    files: list[tuple[str, bytes, str]],
    message: str,
) -> None:
    sign_in(client, team.ana.username)
    before = _leads(session)
    response = post_lead(client, files=_files(*files))
    assert response.status_code == 422
    assert message in response.text
    assert _leads(session) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participant": "Maria Lopez"}, "never a name"),
        ({"posting_url": "javascript:alert(1)"}, "http or https"),
        ({"captured_at": "yesterday"}, "not a date and time"),
        ({"captured_at": "2099-01-01T00:00"}, "in the future"),
        ({"platform": "<script>"}, "Choose the platform"),
    ],
)
def test_malformed_fields_are_refused_without_a_500(
    client: TestClient, session: Session, team: Team, changes: dict[str, str], message: str
) -> None:
    sign_in(client, team.ana.username)
    response = post_lead(client, _fields(**changes))
    assert response.status_code == 422
    assert message in response.text
    assert "<script>" not in response.text


def test_oversized_uploads_get_413_before_anything_is_read(
    client: TestClient, session: Session, team: Team
) -> None:
    sign_in(client, team.ana.username)
    before = _leads(session)
    huge = b"\x89PNG\r\n\x1a\n" + b"\x00" * (60 * 1024 * 1024)
    response = post_lead(client, files=_files(("huge.png", huge, "image/png")))
    assert response.status_code == 413
    assert _leads(session) == before


@pytest.fixture
def small_client(tmp_path: Path, db: Database) -> Any:
    """An app that takes captures of at most 64 KiB."""
    from casewarden.web.app import create_app

    settings = load_settings(
        data_dir=tmp_path / "var",
        secret_key=TEST_SECRET,
        encryption_keys=TEST_ENCRYPTION_KEYS,
        locate_capture_max_bytes=64 * 1024,
    )
    app: FastAPI = create_app(settings, database=db)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield client


def test_a_capture_over_the_setting_is_refused(small_client: TestClient, team: Team) -> None:
    sign_in(small_client, team.ana.username)
    big = lf.png(300, 300)
    big = big[:-12] + b"\x00" * (70 * 1024) + big[-12:]
    response = post_lead(small_client, files=_files(("big.png", big, "image/png")))
    assert response.status_code == 422
    assert "larger than 64 KiB" in response.text


def test_more_captures_while_unverified_then_the_evidence_is_fixed(
    client: TestClient, team: Team
) -> None:
    lead_id = _recorded(client, team)
    token = csrf_from(client.get(f"/console/locate/leads/{lead_id}"))
    added = client.post(
        f"/console/locate/leads/{lead_id}/captures",
        data={"csrf_token": token},
        files=_files(("print.pdf", lf.pdf(), "application/pdf")),
        headers=origin(client),
    )
    assert added.status_code == 303
    assert "capture-" in client.get(f"/console/locate/leads/{lead_id}").text
    _switch(client, team.ben)
    post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {
            "source": "employer",
            "checked_on": CHECKED,
            "reference": "HR-1",
            "result": "confirmed",
        },
    )
    token = csrf_from(client.get(f"/console/locate/leads/{lead_id}"))
    refused = client.post(
        f"/console/locate/leads/{lead_id}/captures",
        data={"csrf_token": token},
        files=_files(PNG_UPLOAD),
        headers=origin(client),
    )
    assert refused.status_code == 409  # ben may add captures, but the lead is verified now
    assert "only while a lead is unverified" in refused.text
    used = post(client, f"/console/locate/leads/{lead_id}/use", {"purpose": "litigation_evidence"})
    assert used.status_code == 303
    assert "Used in the case" in client.get(f"/console/locate/leads/{lead_id}").text


def test_a_contradicted_lead_is_rejected_and_stays_inside(client: TestClient, team: Team) -> None:
    lead_id = _recorded(client, team)
    _switch(client, team.dee)
    post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {
            "source": "usps",
            "checked_on": CHECKED,
            "reference": "USPS-9",
            "result": "contradicted",
        },
    )
    page = client.get(f"/console/locate/leads/{lead_id}").text
    assert "Rejected (contradicted)" in page
    assert "Download litigation evidence package" not in page
    assert post(client, f"/console/locate/leads/{lead_id}/package").status_code == 403


def test_list_filters_and_hostile_queries(client: TestClient, team: Team) -> None:
    _recorded(client, team)
    for query in (
        "state=unverified",
        "state=bogus&category=%00&platform=<script>",
        "participant=Maria%20Lopez",
        "participant=" + "9" * 500,
        "before=-1",
        "before=99999999999999999999999",
        "mine=1",
    ):
        response = client.get(f"/console/locate?{query}")
        assert response.status_code in (200, 422), query
        assert "<script>" not in response.text


def test_an_admin_puts_staff_in_units(client: TestClient, session: Session, team: Team) -> None:
    sign_in(client, team.admin.username)
    response = post(client, f"/console/accounts/{team.solo.id}/unit", {"unit": "East-2"})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(type(team.solo), team.solo.id).unit == "east-2"  # type: ignore[union-attr]
    refused = post(client, f"/console/accounts/{team.solo.id}/unit", {"unit": "no spaces!"})
    assert refused.status_code == 422
    cleared = post(client, f"/console/accounts/{team.solo.id}/unit", {"unit": ""})
    assert cleared.status_code == 303
    session.expire_all()
    assert session.get(type(team.solo), team.solo.id).unit is None  # type: ignore[union-attr]
    assert _audit(session, "accounts:user:set-unit")


def test_a_package_zip_is_well_formed(client: TestClient, team: Team) -> None:
    lead_id = _recorded(client, team)
    _switch(client, team.ben)
    post(
        client,
        f"/console/locate/leads/{lead_id}/verify",
        {"source": "dmv", "checked_on": CHECKED, "reference": "DMV-2", "result": "confirmed"},
    )
    packaged = post(client, f"/console/locate/leads/{lead_id}/package")
    with zipfile.ZipFile(io.BytesIO(packaged.content)) as archive:
        names = archive.namelist()
    assert names[0] == "manifest.json"
    assert {"lead.json", "verifications.json", "custody.json", "summary.pdf"} <= set(names)


@pytest.mark.parametrize(
    "path",
    [
        "/console/locate/leads/abc",
        "/console/locate/leads/-1",
        "/console/locate/leads/0",
        "/console/locate/leads/99999999999999999999",
        "/console/locate/leads/1/captures/x",
        "/api/locate/leads/1e3",
    ],
)
def test_malformed_ids_are_4xx(client: TestClient, team: Team, path: str) -> None:
    sign_in(client, team.ana.username)
    response = client.get(path)
    assert 400 <= response.status_code < 500
