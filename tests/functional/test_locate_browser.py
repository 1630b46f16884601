"""The issue's "done when", in real Chromium.

A caseworker records a lead with a screenshot; while it is unverified it cannot leave
casewarden; a second person verifies it against the DMV; it exports for the case
system and packages as evidence that ``casewarden evidence verify`` (a real process)
accepts.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from casewarden.accounts.roles import Role
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.web.console.locate_common import PACIFIC
from tests import locate_factories as lf
from tests.conftest import TEST_SECRET
from tests.factories import PASSWORD, make_agency, make_user, totp_code
from tests.functional.conftest import LiveServer

pytestmark = pytest.mark.browser
CASEWARDEN = Path(sys.executable).with_name("casewarden")


def _sign_in(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/console/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/console/login/second-factor**")
    page.get_by_label("Code").fill(totp_code(page, username))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{url}/console/")


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/console/login?notice=signed_out")


def _post_from_page(page: Any, path: str, form: dict[str, str]) -> Any:
    """A POST with the page's own CSRF token, as a hand-made form would send it."""
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    return page.request.post(
        path, form={**form, "csrf_token": token}, headers={"Origin": page.url.split("/console")[0]}
    )


def test_record_verify_export_package_and_verify_the_package(
    live_server: LiveServer, browser_page: Any, tmp_path: Path
) -> None:
    database = live_server.database
    assert isinstance(database, Database)
    with database.transaction(Scope.system()) as session:
        agency = make_agency(session)
        ana = make_user(session, agency, role=Role.CASEWORKER, username="ana.locate")
        ben = make_user(session, agency, role=Role.CASEWORKER, username="ben.locate")
        ana.unit = ben.unit = "locate-east"
    url = live_server.url
    page = browser_page

    # 1. The caseworker records a lead with a screenshot.
    _sign_in(page, url, "ana.locate")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Locate leads").click()
    page.get_by_role("link", name="Record a lead").click()
    page.get_by_label("Participant (case management system identifier)").fill(lf.PARTICIPANT)
    page.get_by_label("Platform").select_option("facebook")
    page.get_by_label("Public address of the posting").fill(lf.POSTING_URL)
    captured = datetime.now(PACIFIC) - timedelta(days=2)
    page.get_by_label("Time of capture").fill(captured.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("What it may help locate").select_option("employment")
    page.get_by_label("What the posting shows").fill(lf.OBSERVATION)
    page.get_by_label("Anyone, without signing in").check()
    page.get_by_label("Captured copies").set_input_files(
        files=[{"name": "screenshot.png", "mimeType": "image/png", "buffer": lf.png(40, 30)}]
    )
    page.get_by_label("I attest that the posting was publicly visible").check()
    page.get_by_role("button", name="Record the lead").click()
    page.wait_for_url("**/console/locate/leads/*?notice=recorded")
    lead_path = page.url.split(url)[1].split("?")[0]
    assert "Unverified — not for use" in page.get_by_role("heading", level=1).inner_text()
    screenshot = page.get_by_role("img", name="Screenshot capture-")
    # The screenshot is served by casewarden and shown as an image (it loads lazily).
    screenshot.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const img = document.querySelector('figure.capture img');"
        " return img !== null && img.complete && img.naturalWidth > 0; }"
    )
    assert page.evaluate("document.querySelector('figure.capture img').naturalWidth") == 40

    # 2. Unverified, it cannot leave casewarden: no buttons, and the routes refuse.
    assert (
        page.get_by_role("button", name="Download litigation evidence package (ZIP)").count() == 0
    )
    for target, form in (
        (f"{lead_path}/export", {"format": "csv"}),
        (f"{lead_path}/package", {}),
        ("/console/locate/export", {"participant": lf.PARTICIPANT, "format": "json"}),
    ):
        refused = _post_from_page(page, f"{url}{target}", form)
        assert refused.status == 403, target
        assert "independently verified" in refused.text()
    _sign_out(page)

    # 3. A second person verifies it against the DMV.
    _sign_in(page, url, "ben.locate")
    page.goto(f"{url}{lead_path}")
    page.get_by_label("Source (22 CCR § 113100)").select_option(
        label="Department of Motor Vehicles"
    )
    checked = (datetime.now(UTC) - timedelta(days=1)).date()
    page.get_by_label("Date checked").fill(checked.isoformat())
    page.get_by_label("Source reference (inquiry or record number)").fill("DMV-INQ-2026-0042")
    page.get_by_label("Confirmed").check()
    page.get_by_role("button", name="Record the verification").click()
    page.wait_for_url("**?notice=verified")
    assert "Verified" in page.get_by_role("heading", level=1).inner_text()

    # 4. It exports for the case management system...
    with page.expect_download() as exported:
        page.get_by_role("button", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(exported.value.path()).read_text())))
    assert rows[0]["participant_ref"] == lf.PARTICIPANT
    assert rows[0]["verification_source"] == "dmv"
    assert rows[0]["verification_reference"] == "DMV-INQ-2026-0042"

    # 5. ...and packages as evidence that `casewarden evidence verify` accepts.
    with page.expect_download() as packaged:
        page.get_by_role("button", name="Download litigation evidence package (ZIP)").click()
    package = tmp_path / packaged.value.suggested_filename
    packaged.value.save_as(package)
    assert package.name.endswith(".zip")
    env = {
        **os.environ,
        "CASEWARDEN_DATA_DIR": str(Path(live_server.settings.data_dir)),  # type: ignore[attr-defined]
        "CASEWARDEN_SECRET_KEY": TEST_SECRET,
    }
    env.pop("CASEWARDEN_DATABASE_URL", None)
    checked = subprocess.run(
        [str(CASEWARDEN), "evidence", "verify", "--check-records", str(package)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr
    assert "intact: 5 file(s) match manifest.json" in checked.stdout
    assert "byte-for-byte the ZIP issued" in checked.stdout

    # One byte changed, and the same command refuses it, naming the file.
    raw = bytearray(package.read_bytes())
    at = raw.find(b"IDAT")
    raw[at + 8] ^= 0x01
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(bytes(raw))
    refused = subprocess.run(
        [str(CASEWARDEN), "evidence", "verify", str(tampered)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert refused.returncode == 1
    assert "TAMPERED captures/capture-" in refused.stderr
