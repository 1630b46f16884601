"""``/webhooks/meta`` through HTTP: handshake, signatures, and every malformed delivery."""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.moderation.models import CommentVersion, ModerationTask
from casewarden.web import webhooks
from tests.factories import make_agency
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery, signed

SECRET_MESSAGE = "my social is 123-45-6789 please fix my case"


@pytest.fixture
def page_ready(session: Session, settings: Settings) -> None:
    make_page(
        session, make_agency(session), Keyring.parse(settings.encryption_keys.get_secret_value())
    )
    session.commit()


def _app_secret(settings: Settings) -> str:
    return settings.meta_app_secret.get_secret_value()


def _stored(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(CommentVersion)) or 0


@pytest.mark.parametrize(
    ("params", "status", "body"),
    [
        (
            {"hub.mode": "subscribe", "hub.verify_token": "TOKEN", "hub.challenge": "1158201444"},
            200,
            "1158201444",
        ),
        (
            {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
            403,
            "Forbidden",
        ),
        (
            {"hub.mode": "unsubscribe", "hub.verify_token": "TOKEN", "hub.challenge": "1"},
            403,
            "Forbidden",
        ),
        ({"hub.mode": "subscribe", "hub.challenge": "1"}, 403, "Forbidden"),
        ({}, 403, "Forbidden"),
        (
            {"hub.mode": "subscribe", "hub.verify_token": "TOKEN", "hub.challenge": "a\x00b"},
            403,
            "Forbidden",
        ),
    ],
)
def test_subscription_handshake(
    client: TestClient, settings: Settings, params: dict[str, str], status: int, body: str
) -> None:
    token = settings.meta_verify_token.get_secret_value()
    query = {k: (token if v == "TOKEN" else v) for k, v in params.items()}
    response = client.get("/webhooks/meta", params=query)
    assert response.status_code == status
    assert response.text == body
    assert response.headers["content-type"].startswith("text/plain")


@pytest.mark.usefixtures("page_ready")
def test_a_signed_delivery_is_stored_before_the_answer(
    client: TestClient, settings: Settings, session: Session
) -> None:
    body, headers = signed(
        page_delivery(feed_change("c1", "When is the office open?")), _app_secret(settings)
    )
    response = client.post("/webhooks/meta", content=body, headers=headers)
    assert (response.status_code, response.text) == (200, "EVENT_RECEIVED")
    assert _stored(session) == 1
    assert session.scalar(select(func.count()).select_from(ModerationTask)) == 1


@pytest.mark.usefixtures("page_ready")
@pytest.mark.parametrize(
    "signature",
    [None, "", "sha256=" + "0" * 64, "sha1=abcd", "garbage"],
)
def test_bad_signatures_are_403_and_store_nothing(
    client: TestClient,
    settings: Settings,
    session: Session,
    signature: str | None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = json.dumps(page_delivery(feed_change("c1", SECRET_MESSAGE))).encode()
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["x-hub-signature-256"] = signature
    with caplog.at_level(logging.DEBUG):
        response = client.post("/webhooks/meta", content=body, headers=headers)
    assert response.status_code == 403
    assert _stored(session) == 0
    assert "6789" not in caplog.text


@pytest.mark.usefixtures("page_ready")
@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b'{"object": "page"}', "application/json", 400),
        (b'{"object": "page", "entry": []}', "text/plain", 415),
        (b"\xff\xfe\x00", "application/json", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
    ],
)
def test_malformed_deliveries_are_4xx_never_500(
    client: TestClient,
    settings: Settings,
    session: Session,
    body: bytes,
    content_type: str,
    status: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, headers = signed(body, _app_secret(settings))
    headers["content-type"] = content_type
    with caplog.at_level(logging.DEBUG):
        response = client.post("/webhooks/meta", content=body, headers=headers)
    assert response.status_code == status
    assert _stored(session) == 0


def test_oversized_deliveries_are_413(
    client: TestClient, settings: Settings, session: Session
) -> None:
    payload = page_delivery(feed_change("c1", "x" * (1024 * 1024 + 10)))
    body, headers = signed(payload, _app_secret(settings))
    response = client.post("/webhooks/meta", content=body, headers=headers)
    assert response.status_code == 413
    assert _stored(session) == 0


@pytest.mark.usefixtures("page_ready")
def test_unknown_objects_and_fields_are_accepted_and_skipped(
    client: TestClient, settings: Settings, session: Session
) -> None:
    for payload in (
        {"object": "permissions", "entry": []},
        page_delivery({"field": "ratings", "value": {}}),
    ):
        body, headers = signed(payload, _app_secret(settings))
        assert client.post("/webhooks/meta", content=body, headers=headers).status_code == 200
    assert _stored(session) == 0


@pytest.mark.usefixtures("page_ready")
def test_redelivery_is_harmless(client: TestClient, settings: Settings, session: Session) -> None:
    body, headers = signed(page_delivery(feed_change("c1", "hello")), _app_secret(settings))
    for _ in range(3):
        assert client.post("/webhooks/meta", content=body, headers=headers).status_code == 200
    assert _stored(session) == 1


@pytest.mark.usefixtures("page_ready")
def test_comment_text_never_reaches_the_logs(
    client: TestClient, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    body, headers = signed(
        page_delivery(feed_change("c1", SECRET_MESSAGE), {"field": "odd", "value": {}}),
        _app_secret(settings),
    )
    with caplog.at_level(logging.DEBUG):
        assert client.post("/webhooks/meta", content=body, headers=headers).status_code == 200
    assert "123-45-6789" not in caplog.text
    assert "A Visitor" not in caplog.text


def test_the_webhook_needs_no_csrf_token_but_the_console_does(client: TestClient) -> None:
    # The webhook authenticates by signature; a console POST without a token is refused.
    assert client.post("/console/logout").status_code == 403
    response = client.post(
        "/webhooks/meta", content=b"{}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 403  # unsigned, not CSRF
    assert response.text == "Forbidden"


@pytest.mark.usefixtures("page_ready")
def test_a_delivery_not_stored_in_time_is_503_and_intake_goes_on(
    client: TestClient, settings: Settings, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Meta is told to try again; the refused delivery is not kept; intake goes on."""
    runtime = client.app.state.moderation  # type: ignore[attr-defined]
    intake = runtime.intake
    store = intake.store
    entered, release = threading.Event(), threading.Event()

    def slow(session_: Session, delivery: object) -> object:
        entered.set()
        assert release.wait(10)
        return store(session_, delivery)

    monkeypatch.setattr(intake, "store", slow)
    monkeypatch.setattr(webhooks, "INTAKE_TIMEOUT", 0.5)
    secret = _app_secret(settings)
    first, first_headers = signed(page_delivery(feed_change("c1", "hello")), secret)
    late, late_headers = signed(page_delivery(feed_change("c2", "are you open?")), secret)
    answers: list[int] = []
    # The first holds the intake thread; the second times out while queued behind it.
    holder = threading.Thread(
        target=lambda: answers.append(
            client.post("/webhooks/meta", content=first, headers=first_headers).status_code
        )
    )
    holder.start()
    assert entered.wait(10)
    refused = client.post("/webhooks/meta", content=late, headers=late_headers)
    assert (refused.status_code, refused.text) == (503, "Busy")
    release.set()
    holder.join(10)
    deadline = time.monotonic() + 10
    while intake.items < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert intake.items == 1  # the first was stored (whatever its own answer was)
    monkeypatch.setattr(intake, "store", store)
    monkeypatch.setattr(webhooks, "INTAKE_TIMEOUT", 20.0)
    assert _stored(session) == 1  # the refused one was dropped, not stored
    # Meta's redelivery of the refused one is stored as usual.
    again = client.post("/webhooks/meta", content=late, headers=late_headers)
    assert again.status_code == 200
    assert _stored(session) == 2
