"""The API documents every answer it gives, and a bad body is told what is wrong, not echoed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from casewarden.accounts.roles import Role
from tests.factories import csrf_from, sign_in
from tests.functional.conftest import Staffed

ERROR_SCHEMA = "#/components/schemas/ErrorAnswer"
# Operations whose services refuse a record in the wrong state (Conflict: 409).
CONFLICTS = {
    ("post", "/api/locate/leads/{lead_id}/captures"),
    ("post", "/api/locate/leads/{lead_id}/verifications"),
    ("post", "/api/locate/leads/{lead_id}/use"),
    ("post", "/api/locate/leads/{lead_id}/export"),
    ("post", "/api/locate/leads/{lead_id}/package"),
    ("post", "/api/outreach/messages"),
    ("post", "/api/outreach/messages/{message_id}/approve"),
}
# Operations that look a record up by something other than a path id (404).
LOOKUPS = {("post", "/api/locate/exports"), ("post", "/api/outreach/messages")}


def _operations(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    document = client.get("/api/openapi.json").json()
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def _expected(method: str, path: str, operation: dict[str, Any]) -> set[str]:
    """The answers an operation gives, derived from what it takes."""
    expected = {"401", "403", "503"}  # every operation needs staff and the database
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        expected.add("422")
    if "requestBody" in operation:
        expected.add("400")  # a body that cannot be parsed
    if method == "post":
        expected.add("413")  # every body is size-limited
    if any(p["in"] == "path" for p in parameters) or (method, path) in LOOKUPS:
        expected.add("404")
    if (method, path) in CONFLICTS:
        expected.add("409")
    return expected


def test_every_api_operation_lists_every_answer_with_the_error_model(client: TestClient) -> None:
    operations = _operations(client)
    assert len(operations) >= 15
    for method, path, operation in operations:
        responses = operation["responses"]
        errors = {status for status in responses if status.startswith(("4", "5"))}
        assert errors == _expected(method, path, operation), (method, path)
        for status in errors:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_SCHEMA}, (method, path, status)
            assert responses[status]["description"]


@pytest.fixture
def supervisor(client: TestClient, staffed: Staffed) -> dict[str, str]:
    """A signed-in supervisor's JSON headers (CSRF token included)."""
    sign_in(client, staffed[Role.SUPERVISOR].username)
    token = csrf_from(client.get("/console/"))
    return {"x-csrf-token": token, "content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "reason", "line", "column"),
    [
        (b'{"text": "hi", }', "Expecting property name enclosed in double quotes", 1, 16),
        (b'{\n  "text": "x\n}', "Invalid control character at", 2, 13),
        (b'{"text": "ok"} trailing', "Extra data", 1, 16),
        (b"[1, 2,", "Expecting value", 1, 7),
    ],
)
def test_malformed_json_is_400_with_its_position(
    client: TestClient,
    supervisor: dict[str, str],
    body: bytes,
    reason: str,
    line: int,
    column: int,
) -> None:
    response = client.post("/api/outreach/check", content=body, headers=supervisor)
    assert response.status_code == 400
    answer = response.json()
    assert answer["error"] == (
        f"The body is not valid JSON: {reason} at line {line}, column {column}."
    )
    assert (answer["position"]["line"], answer["position"]["column"]) == (line, column)


def test_a_syntax_error_does_not_echo_the_body(
    client: TestClient, supervisor: dict[str, str]
) -> None:
    body = b'{"text": "Jane Roe, SSN 123-45-6789, owes $4,000", "page": '
    response = client.post("/api/outreach/check", content=body, headers=supervisor)
    assert response.status_code == 400
    for secret in ("Jane Roe", "123-45-6789", "4,000"):
        assert secret not in response.text


@pytest.mark.parametrize(
    ("path", "body", "fields"),
    [
        ("/api/outreach/check", b'{"text": 5}', ["body.text"]),
        ("/api/outreach/check", b"{}", ["body.text"]),
        (
            "/api/outreach/messages",
            b'{"page": "1", "kind": "telegram", "text": "Maria Lopez lives on Elm St"}',
            ["body.kind"],
        ),
        (
            "/api/locate/leads/1/verifications",
            b'{"source": "dmv", "checked_on": "Maria Lopez", "reference": "r", "result": "maybe"}',
            ["body.checked_on", "body.result"],
        ),
        ("/api/locate/leads/1/use", b'{"purpose": "gossip about Maria Lopez"}', ["body.purpose"]),
        ("/api/outreach/check", b'["Maria Lopez"]', ["body"]),
    ],
)
def test_a_mistyped_body_is_422_with_field_paths_and_no_values(
    client: TestClient, supervisor: dict[str, str], path: str, body: bytes, fields: list[str]
) -> None:
    response = client.post(path, content=body, headers=supervisor)
    assert response.status_code == 422
    answer = response.json()
    assert [f["path"] for f in answer["fields"]] == fields
    assert all(f["problem"] for f in answer["fields"])
    assert "Maria Lopez" not in response.text
    assert "Elm St" not in response.text


def test_json_that_is_not_utf8_is_400_with_a_plain_message(
    client: TestClient, supervisor: dict[str, str]
) -> None:
    response = client.post(
        "/api/outreach/check", content=b'{"text": "\xff\xfe"}', headers=supervisor
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "The request body could not be read: send UTF-8 JSON or form data."
    }


def test_answers_given_are_the_answers_documented(
    client: TestClient, staffed: Staffed, supervisor: dict[str, str]
) -> None:
    documented = {(m, p): set(op["responses"]) for m, p, op in _operations(client)}
    given = [
        ("get", "/api/locate/leads/{lead_id}", client.get("/api/locate/leads/999999")),
        (
            "post",
            "/api/outreach/messages/{message_id}/approve",
            client.post("/api/outreach/messages/999999/approve", headers=supervisor),
        ),
        (
            "post",
            "/api/outreach/check",
            client.post("/api/outreach/check", content=b"{", headers=supervisor),
        ),
        (
            "post",
            "/api/outreach/check",
            client.post(
                "/api/outreach/check",
                json={"text": "x"},
                headers={"content-type": "application/json"},
            ),
        ),
        (
            "post",
            "/api/outreach/check",
            client.post(
                "/api/outreach/check",
                content=b'{"text": "' + b"x" * (2 * 1024 * 1024) + b'"}',
                headers=supervisor,
            ),
        ),
    ]
    client.cookies.clear()
    given.append(("get", "/api/locate/sources", client.get("/api/locate/sources")))
    statuses = []
    for method, path, response in given:
        statuses.append(response.status_code)
        assert str(response.status_code) in documented[(method, path)], (path, response.text)
        assert set(response.json()) <= {"error", "fields", "position", "rule", "citation"}
    assert statuses == [404, 404, 400, 403, 413, 401]
