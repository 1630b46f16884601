"""The Pages screen: only administrators connect pages; per page the last delivery, the token
checked live against (fake) Graph, the legal hold and the actions each role may take."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.moderation.intake import receive
from casewarden.moderation.models import Comment, ItemKind, Verb
from casewarden.moderation.webhook import IncomingItem, ParsedDelivery
from casewarden.pages.models import AgencyPage
from casewarden.platforms.fake_graph import FakeGraph, FakeGraphServer, free_port
from casewarden.platforms.meta import GraphClient
from tests.conftest import TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS, post_form, sign_in
from tests.functional.conftest import Staffed
from tests.moderation_factories import PAGE_TOKEN, make_page

FORM = {"platform": "facebook", "page_id": "104723", "token": "EAAB" + "p" * 40, "name": "County"}


def test_an_admin_connects_a_page(client: TestClient, staffed: Staffed, session: Session) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(client, "/console/pages", FORM, page="/console/pages")
    assert response.status_code == 303
    page = client.get("/console/pages").text
    assert "County" in page
    assert FORM["token"] not in page
    assert session.scalar(select(func.count()).select_from(AgencyPage)) == 1


@pytest.mark.parametrize(
    "role", [Role.SUPERVISOR, Role.PAGE_MODERATOR, Role.CASEWORKER, Role.PRIVACY_OFFICER]
)
def test_staff_cannot_add_tokens(
    client: TestClient, staffed: Staffed, session: Session, role: Role
) -> None:
    sign_in(client, staffed[role].username)
    response = post_form(client, "/console/pages", FORM, page="/console/")
    assert response.status_code == 403
    assert session.scalar(select(func.count()).select_from(AgencyPage)) == 0
    session.expire_all()
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None
    assert last.tag == "authz:permission:deny"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("page_id", "my-profile", "numeric id"),
        ("token", "abc", "page access token"),
        ("platform", "tiktok", "facebook or instagram"),
    ],
)
def test_bad_page_forms_are_explained(
    client: TestClient, staffed: Staffed, field: str, value: str, message: str
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(client, "/console/pages", {**FORM, field: value}, page="/console/pages")
    assert response.status_code == 422
    assert message in response.text


# The Pages screen per page: last delivery, the token checked live, legal hold ----------------

TOKEN = PAGE_TOKEN


@pytest.fixture(scope="module")
def graph_server() -> Iterator[FakeGraphServer]:
    with FakeGraphServer() as server:
        yield server


@pytest.fixture
def fake(graph_server: FakeGraphServer) -> FakeGraph:
    graph_server.graph.reset()
    return graph_server.graph


def _app(settings: Settings, db: Database, base_url: str) -> Iterator[TestClient]:
    from casewarden.web.app import create_app

    with httpx.Client(timeout=2) as http:
        adapter = GraphClient(http, base_url=base_url, backoff_seconds=0, sleep=lambda _s: None)
        app = create_app(settings, database=db, adapter=adapter)
        with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
            yield client


@pytest.fixture
def graph_web(
    settings: Settings, db: Database, graph_server: FakeGraphServer, fake: FakeGraph
) -> Iterator[TestClient]:
    yield from _app(settings, db, graph_server.url)


@pytest.fixture
def page(session: Session, staffed: Staffed) -> AgencyPage:
    page = make_page(session, staffed.agency, Keyring.parse(TEST_ENCRYPTION_KEYS))
    session.commit()
    return page


def _check(client: TestClient, page: AgencyPage) -> Response:
    return post_form(client, f"/console/pages/{page.id}/check-token", {}, page="/console/pages")


def _in_a_year() -> int:
    return int((utcnow() + timedelta(days=365)).timestamp())


@pytest.mark.parametrize(
    ("setup", "words", "stored_expired"),
    [
        (lambda fake: None, "The token works. It does not expire.", False),
        (
            lambda fake: fake.token_expiry.update({TOKEN: _in_a_year()}),
            "The token works. It expires on",
            False,
        ),
        (
            lambda fake: fake.token_expiry.update({TOKEN: int(time.time()) - 60}),
            "Meta refused the token: it has expired or was revoked.",
            True,
        ),
        (
            lambda fake: setattr(fake, "tokens", {"some-other-token"}),
            "Meta refused the token: it has expired or was revoked.",
            True,
        ),
    ],
    ids=["never-expires", "expires", "expired", "invalid"],
)
def test_an_admin_checks_a_token_against_graph(
    graph_web: TestClient,
    fake: FakeGraph,
    staffed: Staffed,
    page: AgencyPage,
    session: Session,
    setup: Callable[[FakeGraph], None],
    words: str,
    stored_expired: bool,
) -> None:
    setup(fake)
    sign_in(graph_web, staffed[Role.ADMIN].username)

    response = _check(graph_web, page)

    assert response.status_code == 200
    assert words in response.text
    assert len(fake.calls_for("debug_token")) == (0 if stored_expired else 1)
    session.refresh(page)
    assert page.token_checked_at is not None
    assert (page.token_expires_at is not None and page.token_expires_at <= utcnow()) is (
        stored_expired
    )
    assert TOKEN not in response.text


def test_an_unreachable_graph_is_said_in_words(
    settings: Settings, db: Database, staffed: Staffed, page: AgencyPage, session: Session
) -> None:
    for client in _app(settings, db, f"http://127.0.0.1:{free_port()}/v21.0"):
        sign_in(client, staffed[Role.ADMIN].username)
        response = _check(client, page)
        assert response.status_code == 200
        assert "Meta's Graph API could not be reached: the token was not checked." in response.text
    session.refresh(page)
    assert page.token_checked_at is None


class _CountingTransport(httpx.BaseTransport):
    """Counts the requests sent and keeps the timeouts they were sent with."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.timeouts: list[dict[str, float | None]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.timeouts.append(dict(request.extensions.get("timeout", {})))
        return self.inner.handle_request(request)


def test_an_unreachable_graph_is_asked_once_with_a_short_timeout(
    settings: Settings, db: Database, staffed: Staffed, page: AgencyPage
) -> None:
    from casewarden.web.app import create_app

    transport = _CountingTransport(httpx.HTTPTransport())
    pauses: list[float] = []
    with httpx.Client(transport=transport, timeout=30) as http:
        # The worker's client: five attempts, with pauses between them.
        adapter = GraphClient(
            http, base_url=f"http://127.0.0.1:{free_port()}/v21.0", sleep=pauses.append
        )
        app = create_app(settings, database=db, adapter=adapter)
        with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
            sign_in(client, staffed[Role.ADMIN].username)
            response = _check(client, page)
    assert "Meta's Graph API could not be reached" in response.text
    assert (len(transport.timeouts), pauses) == (1, [])
    assert all(0 < (limit or 99) <= 5 for limit in transport.timeouts[0].values())


def test_a_busy_graph_is_asked_once(
    graph_web: TestClient, fake: FakeGraph, staffed: Staffed, page: AgencyPage
) -> None:
    fake.fail_next(1, 503)  # the worker's client would try again, and get an answer
    sign_in(graph_web, staffed[Role.ADMIN].username)
    response = _check(graph_web, page)
    assert "Meta's Graph API could not be reached" in response.text
    assert [call.operation for call in fake.calls] == ["failed"]  # one attempt, no second


def test_the_console_adapter_says_it_cannot_check(
    client: TestClient, staffed: Staffed, page: AgencyPage
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = _check(client, page)
    assert response.status_code == 200
    assert "cannot check tokens" in response.text


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.PAGE_MODERATOR, Role.PRIVACY_OFFICER])
def test_only_those_who_manage_pages_check_tokens(
    graph_web: TestClient, fake: FakeGraph, staffed: Staffed, page: AgencyPage, role: Role
) -> None:
    sign_in(graph_web, staffed[role].username)
    assert "/check-token" not in graph_web.get("/console/pages").text
    assert _check(graph_web, page).status_code == 403
    assert fake.calls_for("debug_token") == []


def test_the_check_in_spanish(
    graph_web: TestClient, fake: FakeGraph, staffed: Staffed, page: AgencyPage
) -> None:
    sign_in(graph_web, staffed[Role.ADMIN].username)
    graph_web.headers["Accept-Language"] = "es"
    response = _check(graph_web, page)
    assert "El token funciona. No caduca." in response.text
    assert "Comprobar el token" in response.text


def _deliver(session: Session, page: AgencyPage, external_id: str, *, hours_ago: float) -> None:
    receive(
        session=session,
        keyring=Keyring.parse(TEST_ENCRYPTION_KEYS),
        secret=load_settings(secret_key=TEST_SECRET).secret_key,
        delivery=ParsedDelivery(
            items=[
                IncomingItem(
                    platform=page.platform,
                    page_id=page.page_id,
                    external_id=external_id,
                    kind=ItemKind.COMMENT,
                    verb=Verb.ADD,
                    post_id=f"{page.page_id}_1",
                    parent_id=f"{page.page_id}_1",
                    message="When is the office open?",
                    author_id="9123",
                    author_name="Visitor",
                    event_time=utcnow(),
                )
            ]
        ),
        now=datetime(2026, 3, 2, 17, 5, tzinfo=UTC) - timedelta(hours=hours_ago),
    )
    session.commit()


def test_the_last_delivery_is_shown_in_words(
    client: TestClient, staffed: Staffed, page: AgencyPage, session: Session
) -> None:
    sign_in(client, staffed[Role.PAGE_MODERATOR].username)
    assert "No delivery received yet" in client.get("/console/pages").text
    _deliver(session, page, f"{page.page_id}_1_a", hours_ago=30)
    _deliver(session, page, f"{page.page_id}_1_b", hours_ago=0)

    english = client.get("/console/pages").text
    spanish = client.get("/console/pages?lang=es").text

    assert "Mar 2, 2026, 9:05:00" in english  # Pacific time, the month in words
    assert "Mar 1, 2026" not in english
    assert "2 mar 2026, 9:05:00" in spanish


def test_intake_keeps_the_last_delivery_on_the_page(
    client: TestClient, staffed: Staffed, page: AgencyPage, session: Session, db: Database
) -> None:
    _deliver(session, page, f"{page.page_id}_1_b", hours_ago=0)
    _deliver(session, page, f"{page.page_id}_1_a", hours_ago=30)  # an older one, stored later
    session.refresh(page)
    assert page.last_delivery_at == datetime(2026, 3, 2, 17, 5, tzinfo=UTC)

    sign_in(client, staffed[Role.PAGE_MODERATOR].username)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert "Mar 2, 2026, 9:05:00" in client.get("/console/pages").text
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert statements
    assert not [sql for sql in statements if "comment_version" in sql]  # no scan of versions


def _hold(client: TestClient, page: AgencyPage, action: str, reason: str | None = None) -> Response:
    form = {"action": action} | ({"reason": reason} if reason is not None else {})
    return post_form(client, f"/console/pages/{page.id}/hold", form, page="/console/pages")


def test_legal_hold_shows_since_when_and_by_whom(
    client: TestClient, staffed: Staffed, page: AgencyPage, session: Session
) -> None:
    _deliver(session, page, f"{page.page_id}_1_a", hours_ago=1)
    officer = staffed[Role.PRIVACY_OFFICER]
    sign_in(client, officer.username)
    before = client.get("/console/pages").text
    assert "Not on legal hold." in before
    assert 'value="place"' in before
    assert 'value="release"' not in before

    assert 'name="reason"' in before

    reason = "Request <b>PRR-2026-0142</b>"
    assert _hold(client, page, "place", reason).status_code == 303
    _deliver(session, page, f"{page.page_id}_1_b", hours_ago=0)  # after the hold
    held = client.get("/console/pages").text

    assert "On legal hold since" in held
    assert f"placed by {officer.display_name}" in held
    assert "Every comment of the page is held, those received after the hold included" in held
    assert "Reason: Request &lt;b&gt;PRR-2026-0142&lt;/b&gt;" in held
    assert 'value="place"' not in held
    assert 'value="release"' in held
    assert "Public-records release (redacted)" in held
    spanish = client.get("/console/pages?lang=es").text
    assert "En retención legal desde" in spanish
    assert "Motivo: Request &lt;b&gt;PRR-2026-0142&lt;/b&gt;" in spanish
    session.expire_all()
    assert all(c.held for c in session.scalars(select(Comment)))

    again = _hold(client, page, "place")
    assert again.status_code == 422
    assert "already on legal hold" in again.text

    assert _hold(client, page, "release").status_code == 303
    assert "Not on legal hold." in client.get("/console/pages").text


@pytest.mark.parametrize(
    ("role", "actions"),
    [
        (Role.ADMIN, {"place", "check-token", "retire"}),
        (Role.SUPERVISOR, {"export"}),
        (Role.PAGE_MODERATOR, set()),
        (Role.PRIVACY_OFFICER, {"place", "export"}),
    ],
)
def test_each_role_is_offered_the_actions_it_may_take(
    client: TestClient, staffed: Staffed, page: AgencyPage, role: Role, actions: set[str]
) -> None:
    sign_in(client, staffed[role].username)
    text = client.get("/console/pages").text
    offered = {
        "place": 'value="place"' in text,
        "export": f"/console/pages/{page.id}/export" in text,
        "check-token": f"/console/pages/{page.id}/check-token" in text,
        "retire": f"/console/pages/{page.id}/retire" in text,
    }
    assert {name for name, shown in offered.items() if shown} == actions


def test_a_hold_action_that_is_neither_place_nor_release_is_refused(
    client: TestClient, staffed: Staffed, page: AgencyPage, session: Session
) -> None:
    sign_in(client, staffed[Role.PRIVACY_OFFICER].username)
    response = _hold(client, page, "delete-everything")
    assert response.status_code == 422
    assert "place or release" in response.text
    tags = {AuditTag.ARCHIVE_HOLD_SET, AuditTag.ARCHIVE_HOLD_RELEASE}
    session.expire_all()
    assert session.scalars(select(AuditEntry).where(AuditEntry.tag.in_(tags))).all() == []
