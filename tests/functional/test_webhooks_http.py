"""``/webhooks/meta`` through HTTP: handshake, signatures, and every malformed delivery."""

from __future__ import annotations

import asyncio
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
from casewarden.moderation.models import (
    BODY_PURPOSE,
    QUARANTINE_PURPOSE,
    CommentVersion,
    ModerationTask,
    QuarantinedChange,
    QuarantineReason,
)
from casewarden.web import webhooks
from tests.factories import make_agency
from tests.moderation_factories import make_page
from tests.moderation_payloads import PAGE_ID, feed_change, page_delivery, signed

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
    ("signature", "answer"),
    [
        (None, webhooks.UNSIGNED_ANSWER),
        ("", webhooks.MISSIGNED_ANSWER),
        ("sha256=" + "0" * 64, webhooks.MISSIGNED_ANSWER),
        ("sha1=abcd", webhooks.MISSIGNED_ANSWER),
        ("garbage", webhooks.MISSIGNED_ANSWER),
    ],
)
def test_bad_signatures_are_403_and_store_nothing(
    client: TestClient,
    settings: Settings,
    session: Session,
    signature: str | None,
    answer: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = json.dumps(page_delivery(feed_change("c1", SECRET_MESSAGE))).encode()
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["x-hub-signature-256"] = signature
    with caplog.at_level(logging.DEBUG):
        response = client.post("/webhooks/meta", content=body, headers=headers)
    assert (response.status_code, response.text) == (403, answer)
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
    assert response.status_code == 403
    assert response.text == webhooks.UNSIGNED_ANSWER  # unsigned, not CSRF


@pytest.mark.usefixtures("page_ready")
def test_a_delivery_not_stored_in_time_is_503_and_intake_goes_on(
    client: TestClient, settings: Settings, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Meta is told to try again; the refused delivery is not kept; intake goes on."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
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


@pytest.mark.usefixtures("page_ready")
@pytest.mark.parametrize(
    "signature",
    [b"sha256=\xe9\xe9\xe9", "sha256=\xe9".encode("latin-1") * 2, b"sha256=\xff" + b"0" * 63],
)
def test_a_signature_with_non_ascii_bytes_is_403(
    client: TestClient, settings: Settings, session: Session, signature: bytes | str
) -> None:
    body = json.dumps(page_delivery(feed_change("c1", "hello"))).encode()
    headers = {"content-type": "application/json", "x-hub-signature-256": signature}
    response = client.post("/webhooks/meta", content=body, headers=headers)  # type: ignore[arg-type]
    assert response.status_code == 403
    assert _stored(session) == 0


@pytest.mark.usefixtures("page_ready")
def test_a_lone_surrogate_is_replaced_and_nothing_is_lost(
    client: TestClient, settings: Settings, session: Session
) -> None:
    payload = page_delivery(
        feed_change("c1", "my ssn is 123-45-6789 \ud800 pls", from_name="Ana \udfff"),
        feed_change("c2", "when does the office open?"),
    )
    body = json.dumps(payload).encode()  # escapes the surrogates as \ud800, as JSON allows
    assert b"\\ud800" in body
    body, headers = signed(body, _app_secret(settings))
    response = client.post("/webhooks/meta", content=body, headers=headers)
    assert (response.status_code, response.text) == (200, "EVENT_RECEIVED")
    assert _stored(session) == 2
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    bodies = sorted(
        keyring.open_text(v.body_sealed, BODY_PURPOSE)
        for v in session.scalars(select(CommentVersion))
        if v.body_sealed is not None
    )
    assert "my ssn is 123-45-6789 \ufffd pls" in bodies


@pytest.mark.usefixtures("page_ready")
@pytest.mark.parametrize(
    "created_time",
    [10**20, -(10**20), 2**63, "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", 1e308],
)
def test_a_created_time_out_of_range_is_ignored_not_a_500(
    client: TestClient, settings: Settings, session: Session, created_time: object
) -> None:
    change = feed_change("c1", "hello")
    change["value"]["created_time"] = created_time
    body, headers = signed(page_delivery(change), _app_secret(settings))
    response = client.post("/webhooks/meta", content=body, headers=headers)
    assert response.status_code == 200
    assert _stored(session) == 1


def test_a_client_hanging_up_mid_body_is_one_quiet_line(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    messages = [
        {"type": "http.request", "body": b'{"object": "page", "en', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/webhooks/meta",
        "raw_path": b"/webhooks/meta",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 40000),
        "server": ("testserver", 80),
    }
    with caplog.at_level(logging.DEBUG):
        asyncio.run(client.app(scope, receive, send))  # type: ignore[arg-type]
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    ours = [r for r in caplog.records if r.name.startswith("casewarden") and "access" not in r.name]
    assert [r.getMessage().split(" on ")[0] for r in ours] == ["client hung up mid-request"]
    assert not [m for m in sent if m.get("status") == 500]


def _quarantined(session: Session) -> list[QuarantinedChange]:
    session.expire_all()
    return list(session.scalars(select(QuarantinedChange).order_by(QuarantinedChange.id)))


@pytest.mark.usefixtures("page_ready")
@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ({"field": "feed", "value": "not an object"}, QuarantineReason.CHANGE),
        (["a change that is a list"], QuarantineReason.CHANGE),
        ({"field": "feed", "value": {"item": "comment", "verb": "add", "message": "x"}},
         QuarantineReason.ID),
        ({"field": "feed", "value": {"item": "comment", "verb": "shout", "comment_id": "9_9",
                                     "message": "my ssn 123-45-6789"}},
         QuarantineReason.VERB),
    ],
)  # fmt: skip
def test_an_unreadable_change_is_quarantined_sealed_and_the_rest_stored(
    client: TestClient, settings: Settings, session: Session, broken: object, reason: str
) -> None:
    payload = page_delivery(feed_change("c1", "when are you open?"), broken)  # type: ignore[arg-type]
    body, headers = signed(payload, _app_secret(settings))
    response = client.post("/webhooks/meta", content=body, headers=headers)
    assert (response.status_code, response.text) == (200, "EVENT_RECEIVED")
    assert _stored(session) == 1
    [kept] = _quarantined(session)
    assert kept.reason == reason
    assert kept.page_external_id == PAGE_ID
    assert b"123-45-6789" not in kept.payload_sealed
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    assert json.loads(keyring.open_text(kept.payload_sealed, QUARANTINE_PURPOSE)) == broken


def test_an_entry_without_a_page_is_quarantined(
    client: TestClient, settings: Settings, session: Session
) -> None:
    payload = {"object": "page", "entry": [{"changes": [feed_change("c1", "hi")]}, 42]}
    body, headers = signed(payload, _app_secret(settings))
    assert client.post("/webhooks/meta", content=body, headers=headers).status_code == 200
    assert [q.reason for q in _quarantined(session)] == [QuarantineReason.ENTRY] * 2


def test_an_event_only_touches_comments_of_its_own_page(
    client: TestClient, settings: Settings, session: Session
) -> None:
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    agency = make_agency(session)
    make_page(session, agency, keyring, page_id=PAGE_ID)
    make_page(session, agency, keyring, page_id="204723")
    session.commit()
    original, headers = signed(
        page_delivery(feed_change("777_1", "first words")), _app_secret(settings)
    )
    assert client.post("/webhooks/meta", content=original, headers=headers).status_code == 200
    edit = page_delivery(
        feed_change("777_1", "rewritten by another page", verb="edited", page_id="204723"),
        page_id="204723",
    )
    body, headers = signed(edit, _app_secret(settings))
    assert client.post("/webhooks/meta", content=body, headers=headers).status_code == 200
    assert _stored(session) == 1
    [kept] = _quarantined(session)
    assert (kept.reason, kept.page_external_id) == (QuarantineReason.OTHER_PAGE, "204723")
