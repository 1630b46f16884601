"""Malformed, oversized and hostile requests get clear 4xx answers and write nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffSession, StaffUser
from casewarden.accounts.roles import Role
from tests.factories import csrf_from, origin, sign_in
from tests.functional.conftest import Staffed


def _rows(session: Session) -> tuple[int, int]:
    session.expire_all()
    users = session.scalar(select(func.count()).select_from(StaffUser)) or 0
    sessions = session.scalar(select(func.count()).select_from(StaffSession)) or 0
    return users, sessions


def test_oversized_bodies_are_refused_with_413(client: TestClient, session: Session) -> None:
    before = _rows(session)
    response = client.post(
        "/console/login",
        content=b"username=" + b"a" * (2 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded", **origin(client)},
    )
    assert response.status_code == 413
    assert _rows(session) == before


def test_a_lying_content_length_is_refused(client: TestClient) -> None:
    response = client.post(
        "/console/login",
        content=b"x=1",
        headers={"content-type": "application/x-www-form-urlencoded", "content-length": "abc"},
    )
    assert response.status_code in (400, 413)


@pytest.mark.parametrize(
    "data",
    [
        {},  # nothing at all
        {"username": "someone"},  # no password
        {"username": "u" * 300, "password": "p"},  # over the field limit
        {"username": "x", "password": "p" * 2000},
    ],
)
def test_malformed_sign_in_forms_get_422_without_echo(
    client: TestClient, session: Session, data: dict[str, str]
) -> None:
    token = csrf_from(client.get("/console/login"))
    before = _rows(session)
    response = client.post(
        "/console/login", data={**data, "csrf_token": token}, headers=origin(client)
    )
    assert response.status_code == 422
    assert "Some fields are missing or not valid" in response.text
    for value in data.values():
        assert value not in response.text or len(value) < 10
    assert _rows(session) == before


def test_wrong_content_type_is_refused(client: TestClient) -> None:
    token = csrf_from(client.get("/console/login"))
    response = client.post(
        "/console/login",
        content=b'{"username": "a", "password": "b"}',
        headers={"content-type": "application/json", "x-csrf-token": token, **origin(client)},
    )
    assert response.status_code == 422


def test_invalid_utf8_in_a_form_is_not_a_500(client: TestClient) -> None:
    token = csrf_from(client.get("/console/login"))
    body = b"username=%FF%FE&password=%C3%28&csrf_token=" + token.encode()
    response = client.post(
        "/console/login",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded", **origin(client)},
    )
    assert response.status_code in (401, 422)


@pytest.mark.parametrize(
    "query",
    [
        "before=-1",
        "before=99999999999999999999999",
        "actor=staff:" + "9" * 40,
        "tag=" + "%00" * 50,
        "since=" + "9" * 500,
        "actor=<script>alert(1)</script>",
    ],
)
def test_hostile_audit_queries(client: TestClient, staffed: Staffed, query: str) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = client.get(f"/console/audit?{query}")
    assert response.status_code in (200, 422)
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.parametrize("path", ["/console/accounts/abc/disable", "/console/accounts/-1/disable"])
def test_malformed_ids_are_4xx(client: TestClient, staffed: Staffed, path: str) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    token = csrf_from(client.get("/console/"))
    response = client.post(path, data={"csrf_token": token})
    assert 400 <= response.status_code < 500


def test_a_forged_session_cookie_is_just_signed_out(client: TestClient) -> None:
    client.cookies.set("cw_session", "' OR 1=1 --")
    response = client.get("/console/")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/login")


@pytest.mark.parametrize(
    "path", ["/console/", "/console/moderation", "/console/audit", "/", "/privacy"]
)
def test_every_authenticated_response_is_no_store(
    client: TestClient, staffed: Staffed, path: str
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = client.get(path)
    assert response.headers.get("cache-control") == "no-store", path


def test_api_answers_are_no_store_even_refusals(client: TestClient) -> None:
    response = client.get("/api/v1/comments", headers={"authorization": "Bearer nope"})
    assert response.headers.get("cache-control") == "no-store"


def test_public_pages_and_static_files_stay_cacheable(client: TestClient) -> None:
    client.cookies.set("cw_session", "some-session")
    response = client.get("/static/casewarden.css")
    assert response.status_code == 200
    assert response.headers.get("cache-control") != "no-store"
