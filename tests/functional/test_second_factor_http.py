"""The second factor at sign-in: enrolment, codes, replays, recovery codes, throttling, resets."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts import second_factor
from casewarden.accounts.models import RecoveryCode, StaffSession, StaffUser
from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.config import Settings
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    csrf_from,
    give_code,
    make_agency,
    make_user,
    origin,
    post_form,
    sign_in,
    totp_code,
)
from tests.functional.conftest import Staffed


def _password_only(client: TestClient, username: str) -> str:
    """The password step alone; returns where it sends the browser."""
    token = csrf_from(client.get("/console/login"))
    response = client.post(
        "/console/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        headers=origin(client),
    )
    assert response.status_code == 303
    return str(response.headers["location"])


def _entries(session: Session, tag: str) -> list[AuditEntry]:
    session.expire_all()
    return list(
        session.scalars(select(AuditEntry).where(AuditEntry.tag == tag).order_by(AuditEntry.seq))
    )


def _tags(session: Session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))


@pytest.mark.parametrize("role", list(Role))
def test_every_role_needs_its_second_factor_before_any_page_or_api(
    client: TestClient, staffed: Staffed, role: Role
) -> None:
    location = _password_only(client, staffed[role].username)
    assert location == "/console/login/second-factor?next=%2Fconsole%2F"
    page = client.get("/console/audit")
    assert page.status_code == 303
    assert page.headers["location"] == "/console/login/second-factor?next=%2Fconsole%2Faudit"
    api = client.get("/api/locate/sources")
    assert (api.status_code, api.json()) == (401, {"error": "Give your second factor first."})


def test_first_sign_in_enrols_the_app_and_shows_recovery_codes_once(
    client: TestClient, session: Session
) -> None:
    user = make_user(session, make_agency(session), role=Role.CASEWORKER, second_factor=False)
    session.commit()
    _password_only(client, user.username)
    page = client.get("/console/login/second-factor")
    assert page.status_code == 200
    match = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.text)
    assert match
    secret = match.group(1).replace(" ", "")
    assert "otpauth://totp/casewarden:" in page.text
    assert f"secret={secret}" in page.text
    assert "<svg" in page.text  # the QR code
    # A reload shows the same secret: the app the person already scanned stays right.
    assert secret in client.get("/console/login/second-factor").text.replace(" ", "")
    session.expire_all()
    stored = session.get(StaffUser, user.id)
    assert stored is not None
    assert stored.totp_secret is not None
    assert secret.encode() not in stored.totp_secret  # sealed, not plain
    assert stored.totp_enrolled_at is None

    wrong = give_code(client, "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert wrong.status_code == 401
    done = give_code(client, pyotp.TOTP(secret).now())
    assert done.status_code == 200
    codes = re.findall(r'<li><code class="secret">([a-z0-9-]+)</code></li>', done.text)
    assert len(codes) == second_factor.RECOVERY_CODES
    assert "set-cookie" in done.headers  # a new token for the whole session
    assert client.get("/console/").status_code == 200

    hashes = list(session.scalars(select(RecoveryCode.code_hash)))
    assert len(hashes) == len(codes)
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(code.replace("-", "") in h for code in codes for h in hashes)
    assert _tags(session) == [
        "auth:login:password",
        "auth:second-factor:failure",
        "auth:second-factor:enrol",
        "auth:login:success",
    ]


def test_a_code_is_good_once_even_within_its_step(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    user = staffed[Role.SUPERVISOR]
    code = totp_code(client, user.username)
    _password_only(client, user.username)
    assert give_code(client, code).status_code == 303
    client.post("/console/logout", headers={"X-CSRF-Token": csrf_from(client.get("/console/"))})
    _password_only(client, user.username)
    replay = give_code(client, code)
    assert replay.status_code == 401
    assert "That code is not right" in replay.text
    (failure,) = _entries(session, "auth:second-factor:failure")
    assert failure.details == {"reason": "replayed_code"}
    assert client.get("/console/").status_code == 303


def test_a_recovery_code_signs_in_once_and_is_audited(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    user = staffed[Role.PRIVACY_OFFICER]
    codes = second_factor.issue_recovery_codes(session=session, user=user)
    session.commit()
    _password_only(client, user.username)
    assert give_code(client, codes[3].upper().replace("-", " ")).status_code == 303
    assert client.get("/console/").status_code == 200
    (used,) = _entries(session, "auth:recovery-code:use")
    assert used.details == {"remaining": second_factor.RECOVERY_CODES - 1}
    login = _entries(session, "auth:login:success")[-1]
    assert login.details == {"method": "recovery_code"}

    client.cookies.clear()
    _password_only(client, user.username)
    again = give_code(client, codes[3])
    assert again.status_code == 401
    (failure,) = _entries(session, "auth:second-factor:failure")
    assert failure.details == {"reason": "wrong_recovery_code"}


def test_wrong_codes_are_throttled_like_passwords(
    client: TestClient, staffed: Staffed, session: Session, settings: Settings
) -> None:
    user = staffed[Role.PAGE_MODERATOR]
    _password_only(client, user.username)
    good = pyotp.TOTP(TOTP_SECRET).now()
    bad = "123456" if good != "123456" else "654321"
    for _ in range(settings.login_max_failures):
        assert give_code(client, bad).status_code == 401
    locked = give_code(client, totp_code(client, user.username))  # even the right code waits
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    assert "Too many failed sign-in attempts" in locked.text
    assert _tags(session)[-1] == "auth:second-factor:throttled"
    assert client.get("/console/").status_code == 303


def test_the_second_step_lasts_ten_minutes(client: TestClient, staffed: Staffed) -> None:
    user = staffed[Role.ADMIN]
    _password_only(client, user.username)
    with time_machine.travel(utcnow() + timedelta(minutes=11), tick=False):
        response = client.get("/console/login/second-factor")
        assert response.status_code == 303
        assert response.headers["location"].startswith("/console/login?")


def test_an_administrator_resets_a_second_factor(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    target = staffed[Role.CASEWORKER]
    second_factor.issue_recovery_codes(session=session, user=target)
    session.commit()
    other = TestClient(client.app, base_url="http://testserver", follow_redirects=False)
    sign_in(other, target.username)
    assert other.get("/console/").status_code == 200

    sign_in(client, staffed[Role.ADMIN].username)
    done = post_form(
        client,
        f"/console/accounts/{target.id}/reset-second-factor",
        {"confirmed": "yes"},
        "/console/accounts",
    )
    assert done.headers["location"] == "/console/accounts?notice=second_factor"
    session.expire_all()
    stored = session.get(StaffUser, target.id)
    assert stored is not None
    assert (stored.totp_secret, stored.totp_enrolled_at, stored.totp_last_step) == (None,) * 3
    assert session.scalar(select(RecoveryCode.id).where(RecoveryCode.user_id == target.id)) is None
    assert other.get("/console/").status_code == 303  # its sessions ended
    (entry,) = _entries(session, "accounts:user:reset-second-factor")
    assert (entry.subject_id, entry.details) == (str(target.id), {"was_enrolled": "yes"})

    other.cookies.clear()
    _password_only(other, target.username)
    assert 'id="totp-secret"' in other.get("/console/login/second-factor").text


def test_only_administrators_reset_second_factors(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    sign_in(client, staffed[Role.SUPERVISOR].username)
    target = staffed[Role.CASEWORKER]
    refused = client.post(
        f"/console/accounts/{target.id}/reset-second-factor",
        headers={"X-CSRF-Token": csrf_from(client.get("/console/"))},
    )
    assert refused.status_code == 403
    session.expire_all()
    stored = session.get(StaffUser, target.id)
    assert stored is not None
    assert stored.totp_enrolled_at is not None


def test_a_whole_session_is_sent_on_from_the_second_factor_page(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = client.get("/console/login/second-factor")
    assert (response.status_code, response.headers["location"]) == (303, "/console/")
    open_sessions = session.scalars(
        select(StaffSession).where(StaffSession.ended_at.is_(None))
    ).all()
    assert all(record.second_factor_at is not None for record in open_sessions)
