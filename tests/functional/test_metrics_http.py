"""/metrics over HTTP: the operator's networks only, behind the trusted proxy; the Pages
screen's expiry warnings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.web.app import create_app
from tests.factories import sign_in
from tests.functional.conftest import Staffed
from tests.moderation_factories import make_page

PROXY = "127.0.0.1"


def _client(app: FastAPI, peer: str) -> Iterator[TestClient]:
    """A client at ``peer``, through uvicorn's proxy headers as `serve` runs the app."""
    wrapped = ProxyHeadersMiddleware(app, trusted_hosts=PROXY)  # type: ignore[arg-type]
    with TestClient(wrapped, client=(peer, 40000), follow_redirects=False) as client:  # type: ignore[arg-type]
        yield client


def _refusals(session: Session) -> int:
    session.expire_all()
    return (
        session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.tag == "ops:metrics:refuse")
        )
        or 0
    )


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "networks", "allowed"),
    [
        ("127.0.0.1", None, None, True),  # the default: loopback only
        ("::1", None, None, True),
        ("203.0.113.9", None, None, False),
        ("testclient", None, None, False),  # not an address at all
        (PROXY, "203.0.113.9", None, False),  # a visitor through the trusted proxy
        (PROXY, "10.20.0.5", "10.20.0.0/16", True),  # the monitoring host through the proxy
        ("203.0.113.9", "127.0.0.1", None, False),  # an untrusted peer claiming loopback
        ("10.20.0.5", None, "10.20.0.0/16, 192.0.2.0/24", True),
        ("192.0.2.200", None, "10.20.0.0/16", False),
    ],
)
def test_only_the_allowed_networks_read_metrics(
    settings: Settings,
    db: Database,
    session: Session,
    peer: str,
    forwarded_for: str | None,
    networks: str | None,
    allowed: bool,
) -> None:
    if networks is not None:
        settings = settings.model_copy(update={"metrics_allowed_networks": networks})
    app = create_app(settings, database=db)
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    for client in _client(app, peer):
        response = client.get("/metrics", headers=headers)
    if allowed:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain; version=")
        assert "casewarden_queue_depth" in response.text
        assert _refusals(session) == 0
    else:
        assert (response.status_code, response.text) == (403, "Forbidden")
        assert _refusals(session) == 1
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.tag == "ops:metrics:refuse")
        ).one()
        assert peer not in str(entry.details)
        assert "203.0.113" not in str(entry.details)


def test_portal_requests_are_counted_by_status_class(settings: Settings, db: Database) -> None:
    app = create_app(settings, database=db)
    for client in _client(app, "127.0.0.1"):
        client.get("/")
        client.get("/no-such-page")
        client.get("/console/login")  # staff pages are not the portal
        text = client.get("/metrics").text
    assert 'casewarden_portal_requests_total{code="2xx"} 1.0' in text
    assert 'casewarden_portal_requests_total{code="4xx"} 1.0' in text


@pytest.mark.parametrize("one_connection", [True, False])
def test_the_tally_is_saved_periodically_except_on_one_shared_connection(
    settings: Settings, db: Database, *, one_connection: bool
) -> None:
    """A flush thread on the tests' one connection would race a request on it."""
    shared = replace(db, one_connection=one_connection)
    app = create_app(settings, database=shared)
    with TestClient(app) as client:
        assert client.get("/healthz").text == "ok"
        task = app.state.tally_flush
        assert (task is None) is one_connection
        if task is not None:
            assert not task.done()
    if task is not None:
        assert task.cancelled()


def test_the_pages_screen_warns_before_a_token_or_the_version_expires(
    settings: Settings, db: Database, session: Session, staffed: Staffed
) -> None:
    page = make_page(
        session, staffed.agency, Keyring.parse(settings.encryption_keys.get_secret_value())
    )
    # Noon nine days from today: nine whole days left whatever the hour the test runs (an
    # hour added to now crossed midnight after 23:00 UTC and made it ten).
    page.token_expires_at = datetime.combine(utcnow().date() + timedelta(days=9), time(12), UTC)
    page.token_checked_at = utcnow()
    session.commit()
    settings = settings.model_copy(update={"meta_graph_url": "https://graph.facebook.com/v99.0"})
    app = create_app(settings, database=db)
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, staffed[Role.PAGE_MODERATOR].username)
        text = client.get("/console/pages").text
    assert "expires on" in text
    assert "in 9 days" in text
    assert "(v99.0) is not in casewarden" in text


def test_no_warning_for_a_token_that_never_expires(
    client: TestClient, settings: Settings, session: Session, staffed: Staffed
) -> None:
    page = make_page(
        session, staffed.agency, Keyring.parse(settings.encryption_keys.get_secret_value())
    )
    page.token_checked_at = utcnow()
    session.commit()
    sign_in(client, staffed[Role.ADMIN].username)
    text = client.get("/console/pages").text
    assert "County Child Support" in text
    assert "access token of" not in text
