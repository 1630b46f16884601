"""An agency's day, seeded into a live server, and the pages each role walks through.

Shared by the layout walk (tests/functional/test_layout_browser.py) and ``make screenshots``
(tools/screenshots.py): the same data behind both, so the guides show what the suite checks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.locate import leads
from casewarden.moderation.models import Comment, ModerationTask, TaskState
from casewarden.platforms.fake_graph import FakeGraphServer
from casewarden.privacy import statistics
from casewarden.privacy.portal import portal_agency
from casewarden.privacy.statistics import Period
from tests.factories import PASSWORD, make_user, totp_code
from tests.functional.conftest import LiveServer, serving
from tests.locate_factories import RULES, draft, png
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery, signed
from tests.privacy_factories import make_message, make_review_request, make_visit

#: Both widths the issue judges every screen at.
VIEWPORTS = {"desktop": (1366, 768), "phone": (390, 844)}
#: Every public portal page, as a visitor reaches it.
PORTAL_PAGES = [
    "/",
    "/services",
    "/privacy",
    "/comment-policy",
    "/accessibility",
    "/forms",
    "/forms/change-of-address/notice",
    "/contact",
    "/privacy/review",
    "/privacy/my-visits",
    "/privacy/choices",
    "/statistics",
]
#: Comments as a page receives them: a disclosure, a rude one, a threat, and an ordinary one.
COMMENTS = [
    ("c-ssn", "my case number is 12-345678 and my ssn is 536-22-4187"),
    ("c-rude", "what the fuck is wrong with this office"),
    ("c-threat", "I will kill the caseworker tomorrow"),
    ("c-fine", "What time does the Fresno office open on Saturdays?"),
]


@dataclass
class AgencyDay:
    """The live server, one account per role, and the record pages worth opening."""

    server: LiveServer
    usernames: dict[Role, str]
    records: list[str] = field(default_factory=list)
    #: The published month, as the public statistics page addresses it.
    published: str = ""


def _database(server: LiveServer) -> Database:
    database = server.database
    assert isinstance(database, Database)
    return database


def _keyring(server: LiveServer) -> Keyring:
    return Keyring.parse(server.settings.encryption_keys.get_secret_value())  # type: ignore[attr-defined]


def _deliver_comments(server: LiveServer) -> None:
    secret = server.settings.meta_app_secret.get_secret_value()  # type: ignore[attr-defined]
    changes = [feed_change(key, text) for key, text in COMMENTS]
    body, headers = signed(page_delivery(*changes), secret)
    response = httpx.post(f"{server.url}/webhooks/meta", content=body, headers=headers, timeout=10)
    response.raise_for_status()
    deadline = time.monotonic() + 60
    while True:
        with _database(server).transaction(Scope.system()) as session:
            pending = session.scalar(
                select(func.count())
                .select_from(ModerationTask)
                .where(ModerationTask.state != TaskState.DONE)
            )
            stored = session.scalar(select(func.count()).select_from(Comment))
        if not pending and stored == len(COMMENTS):
            return
        if time.monotonic() > deadline:
            raise RuntimeError("the worker did not finish the seeded comments")
        time.sleep(0.2)


def seed(server: LiveServer) -> AgencyDay:
    """One account per role, comments the engine hid, a locate lead, visits and requests."""
    database = _database(server)
    keyring = _keyring(server)
    with database.transaction(Scope.system()) as session:
        agency = portal_agency(session=session, settings=server.settings)  # type: ignore[arg-type]
        make_page(session, agency, keyring)
        users = {role: make_user(session, agency, role=role) for role in Role}
        for role in (Role.CASEWORKER, Role.SUPERVISOR):
            users[role].unit = "east"
        usernames = {role: user.username for role, user in users.items()}
        for day in range(40):
            for page in ("/", "/forms", "/contact", "/privacy"):
                make_visit(session, agency, page=page, when=_days_ago(day))
        review = make_review_request(
            session, agency, details="My visits, please", sealed_with=keyring
        )
        message = make_message(session, agency, sealed_with=keyring)
        lead = leads.record_lead(
            session=session,
            actor=actor_for(users[Role.CASEWORKER]),
            keyring=keyring,
            rules=RULES,
            draft=draft(),
            uploads=[png()],
        )
        published = Period.containing(utcnow()).previous()
        statistics.publish(
            session=session,
            actor=actor_for(users[Role.PRIVACY_OFFICER]),
            period=published,
            threshold=server.settings.privacy_suppression_threshold,  # type: ignore[attr-defined]
        )
        records = [
            f"/console/privacy/requests/{review.id}",
            f"/console/privacy/messages/{message.id}",
            f"/console/locate/leads/{lead.id}",
        ]
    _deliver_comments(server)
    with database.transaction(Scope.system()) as session:
        records += [
            f"/console/moderation/comments/{n}"
            for n in session.scalars(select(Comment.id).order_by(Comment.id))
        ]
    return AgencyDay(server=server, usernames=usernames, records=records, published=published.key)


def _days_ago(days: int) -> datetime:
    return utcnow() - timedelta(days=days, hours=1)


@contextmanager
def agency_day(tmp_path: Path) -> Iterator[AgencyDay]:
    """A live server with its worker, acting on a fake Graph server, seeded with a day's work."""
    with (
        FakeGraphServer() as graph,
        serving(
            tmp_path, run_worker=True, platform_adapter="meta", meta_graph_url=graph.url
        ) as server,
    ):
        yield seed(server)


def sign_in(page: Any, url: str, username: str) -> None:
    """Sign in through the console's own forms (password, then the authenticator code)."""
    page.context.clear_cookies()
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.goto(f"{url}/console/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/login/second-factor**")
    page.get_by_label("Code").fill(totp_code(page, username))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{url}/console/")
