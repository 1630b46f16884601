"""Sign-in, sessions, CSRF and security headers through HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffSession
from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.config import Settings
from tests.factories import (
    PASSWORD,
    csrf_from,
    give_code,
    make_agency,
    make_user,
    origin,
    sign_in,
    totp_code,
)
from tests.functional.conftest import Staffed


def _tags(session: Session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_login_page_renders_an_accessible_form(client: TestClient) -> None:
    page = client.get("/console/login")
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert '<label for="username">' in page.text
    assert '<label for="password">' in page.text
    assert 'href="#main"' in page.text  # skip link
    assert csrf_from(page)


def test_sign_in_sets_a_token_only_cookie(client: TestClient, staffed: Staffed) -> None:
    response = sign_in(client, staffed[Role.ADMIN].username)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("cw_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in this test
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    assert staffed[Role.ADMIN].username not in value
    assert len(value) >= 40
    assert client.get("/console/").status_code == 200


def test_over_https_the_cookie_is_secure_and_host_prefixed(app: FastAPI, staffed: Staffed) -> None:
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as https:
        response = sign_in(https, staffed[Role.ADMIN].username)
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("__Host-cw_session=")
        assert "Secure" in cookie
        assert "Path=/" in cookie
        assert "strict-transport-security" in https.get("/console/login").headers


def test_wrong_password_is_401_and_audited_and_nothing_else_written(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    response = sign_in(client, staffed[Role.ADMIN].username, "definitely wrong")
    assert response.status_code == 401
    assert "The username or password is incorrect." in response.text
    assert "set-cookie" not in response.headers
    assert _count(session, StaffSession) == 0
    assert _tags(session) == ["auth:login:failure"]


def test_throttled_sign_in_is_429_with_retry_after(
    client: TestClient, staffed: Staffed, settings: Settings
) -> None:
    username = staffed[Role.ADMIN].username
    for _ in range(settings.login_max_failures):
        sign_in(client, username, "definitely wrong")
    response = sign_in(client, username)
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert "Too many failed sign-in attempts" in response.text


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/console//evil.example", "javascript:alert(1)"],
)
def test_next_cannot_leave_the_console(client: TestClient, staffed: Staffed, target: str) -> None:
    token = csrf_from(client.get("/console/login"))
    response = client.post(
        "/console/login",
        data={
            "username": staffed[Role.ADMIN].username,
            "password": PASSWORD,
            "csrf_token": token,
            "next": target,
        },
        headers=origin(client),
    )
    assert response.headers["location"] == "/console/login/second-factor?next=%2Fconsole%2F"
    code = totp_code(client, staffed[Role.ADMIN].username)
    assert give_code(client, code, next_path=target).headers["location"] == "/console/"


def test_protected_pages_send_strangers_to_sign_in(client: TestClient) -> None:
    response = client.get("/console/audit?tag=auth")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/login?next=%2Fconsole%2Faudit")


def test_api_clients_get_401_json(client: TestClient) -> None:
    response = client.get("/console/", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.json() == {"error": "Sign in first."}


def test_logout_ends_the_session(client: TestClient, staffed: Staffed, session: Session) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    token = csrf_from(client.get("/console/"))
    response = client.post("/console/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert client.get("/console/").status_code == 303
    assert "auth:logout" in _tags(session)


def test_expired_session_redirects_with_a_notice(
    client: TestClient, staffed: Staffed, settings: Settings, session: Session
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    later = utcnow() + timedelta(minutes=settings.session_idle_minutes + 1)
    with time_machine.travel(later, tick=False):
        response = client.get("/console/")
    assert response.status_code == 303
    assert "notice=expired" in response.headers["location"]
    assert 'cw_session=""' in response.headers["set-cookie"]
    assert "auth:session:expired" in _tags(session)
    page = client.get(response.headers["location"])
    assert "Your session has ended" in page.text


@pytest.mark.parametrize(
    ("token", "headers"),
    [
        (None, {}),
        ("", {}),
        ("s.0000", {}),
        ("a.1.deadbeef", {}),
        ("x" * 500, {}),
    ],
)
def test_signed_in_posts_without_the_right_token_are_refused(
    client: TestClient,
    staffed: Staffed,
    session: Session,
    token: str | None,
    headers: dict[str, str],
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    before = _count(session, StaffSession)
    data = {"username": "newperson", "display_name": "New Person", "role": "caseworker"}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/console/accounts", data=data, headers=headers)
    assert response.status_code == 403
    assert "This form has expired or did not come from casewarden" in response.text
    assert "newperson" not in response.text
    assert _tags(session)[-1] == "auth:csrf:reject"
    assert _count(session, StaffSession) == before


def test_cross_site_sign_in_is_refused(client: TestClient, staffed: Staffed) -> None:
    token = csrf_from(client.get("/console/login"))
    data = {"username": staffed[Role.ADMIN].username, "password": PASSWORD, "csrf_token": token}
    assert client.post("/console/login", data=data).status_code == 403  # no Origin at all
    evil = {"Origin": "https://evil.example"}
    assert client.post("/console/login", data=data, headers=evil).status_code == 403


def test_csrf_header_works_for_scripts(client: TestClient, staffed: Staffed) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    token = csrf_from(client.get("/console/"))
    response = client.post("/console/logout", headers={"X-CSRF-Token": token})
    assert response.status_code == 303


@pytest.mark.parametrize("path", ["/console/login", "/console/", "/no/such/page"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script(client: TestClient, staffed: Staffed) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    for path in ("/console/login", "/console/", "/console/accounts", "/console/audit"):
        body = client.get(path).text
        assert "<script>" not in body
        assert " on" + "click=" not in body


def test_must_change_password_is_enforced_then_lifted(client: TestClient, session: Session) -> None:
    user = make_user(session, make_agency(session), role=Role.ADMIN, must_change_password=True)
    session.commit()
    sign_in(client, user.username)
    assert client.get("/console/").headers["location"].startswith("/console/account/password")
    token = csrf_from(client.get("/console/account/password"))
    mismatch = client.post(
        "/console/account/password",
        data={
            "current": PASSWORD,
            "new": "my own new phrase 7",
            "confirm": "different phrase 7",
            "csrf_token": token,
        },
    )
    assert mismatch.status_code == 422
    assert "differ" in mismatch.text
    done = client.post(
        "/console/account/password",
        data={
            "current": PASSWORD,
            "new": "my own new phrase 7",
            "confirm": "my own new phrase 7",
            "csrf_token": token,
        },
    )
    assert done.status_code == 303
    assert client.get("/console/").status_code == 200
    assert "auth:password:change" in _tags(session)


@pytest.mark.parametrize(
    ("query", "rule"),
    [
        ("", "not a common or breached password; not built from your username"),
        ("?lang=es", "no una contraseña común o filtrada; no formada con su nombre de usuario"),
    ],
)
def test_password_form_states_the_rule(
    client: TestClient, staffed: Staffed, query: str, rule: str
) -> None:
    sign_in(client, staffed[Role.CASEWORKER].username)
    assert rule in client.get("/console/account/password" + query).text


def test_changing_to_a_common_password_is_refused(client: TestClient, staffed: Staffed) -> None:
    sign_in(client, staffed[Role.CASEWORKER].username)
    token = csrf_from(client.get("/console/account/password"))
    refused = client.post(
        "/console/account/password",
        data={
            "current": PASSWORD,
            "new": "password1234",
            "confirm": "password1234",
            "csrf_token": token,
        },
    )
    assert refused.status_code == 422
    assert "common or breached" in refused.text


def test_health_reports_database_reachable(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok")
