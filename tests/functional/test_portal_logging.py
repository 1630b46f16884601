"""Nothing a visitor typed or sent reaches casewarden's logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casewarden.privacy import log_import
from casewarden.privacy.log_import import import_log
from tests.factories import csrf_from, make_agency, origin


def _ours(caplog: pytest.LogCaptureFixture) -> str:
    """What casewarden (and the server under it) logged; the test client's own log is not ours."""
    return "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(("casewarden", "uvicorn"))
    )


SECRETS = ["rosa.secret@example.org", "916-555-0199", "Rosa Secretname", "SSN-123-45-6789"]


def test_requests_and_forms_leave_no_personal_data_in_logs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.get(
        f"/forms?email={SECRETS[0]}", headers={"Referer": f"https://x.example/?q={SECRETS[2]}"}
    )
    client.get(f"/no-such-page/{SECRETS[0]}")
    for path, data in (
        ("/contact", {"topic": "general", "message": SECRETS[3], "name": SECRETS[2],
                      "email": SECRETS[0], "phone": SECRETS[1]}),
        ("/privacy/review", {"name": SECRETS[2], "email": SECRETS[0], "details": SECRETS[3]}),
        ("/contact", {"topic": "nonsense", "message": SECRETS[3], "email": "bad " + SECRETS[2]}),
    ):  # fmt: skip
        token = csrf_from(client.get(path))
        client.post(path, data={**data, "csrf_token": token}, headers=origin(client))
    assert "GET /forms 200" in _ours(caplog), "the access log must have been captured"
    logged = _ours(caplog)
    for secret in SECRETS:
        assert secret not in logged
    assert "/no-such-page" not in logged  # unmatched paths are logged as <unmatched>


def test_log_import_reports_leave_no_addresses_in_logs(
    session: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "access.log"
    path.write_text(f"198.51.100.77 - {SECRETS[2]} [broken\n")
    log_import.clear_caches()
    agency = make_agency(session)  # type: ignore[arg-type]
    report = import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24)  # type: ignore[arg-type]
    assert report.malformed == 1
    logged = _ours(caplog)
    assert "198.51.100.77" not in logged
    assert SECRETS[2] not in logged
