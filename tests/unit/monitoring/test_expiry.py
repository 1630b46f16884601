"""Warnings before a page token or the configured Graph API version stops working."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from casewarden.clock import utcnow
from casewarden.monitoring import expiry
from casewarden.pages.models import AgencyPage
from casewarden.platforms.console import ConsoleAdapter
from casewarden.platforms.fake_graph import FakeGraph
from casewarden.process.metrics import render, take_snapshot
from casewarden.process.runtime import ProcessRuntime
from tests.moderation_factories import PAGE_TOKEN


@pytest.mark.parametrize(
    ("url", "version", "known", "expires"),
    [
        ("https://graph.facebook.com/v21.0", "v21.0", True, date(2027, 1, 21)),
        ("https://graph.facebook.com/v18.0/", "v18.0", True, date(2026, 1, 26)),
        ("https://graph.facebook.com/v26.0", "v26.0", True, None),  # no date published yet
        ("https://graph.facebook.com/v99.0", "v99.0", False, None),
        ("http://127.0.0.1:9999", None, False, None),
    ],
)
def test_the_configured_version_is_looked_up_in_the_shipped_table(
    url: str, version: str | None, known: bool, expires: date | None
) -> None:
    status = expiry.graph_version_status(url)
    assert (status.version, status.known, status.expires) == (version, known, expires)


@pytest.mark.parametrize(
    ("today", "days", "warn"),
    [
        (date(2026, 6, 1), 234, False),
        (date(2026, 10, 24), 89, True),
        (date(2027, 1, 22), -1, True),
    ],
)
def test_a_version_warns_ninety_days_ahead(today: date, days: int, warn: bool) -> None:
    status = expiry.graph_version_status("https://graph.facebook.com/v21.0")
    assert (status.days_left(today), status.warn(today)) == (days, warn)


def test_the_shipped_table_names_its_source() -> None:
    text = expiry.VERSIONS_FILE.read_text()
    assert "developers.facebook.com/docs/graph-api/changelog/versions" in text
    assert all(name.startswith("v") for name in expiry.graph_versions())


def _now() -> datetime:
    return utcnow().replace(microsecond=0)


@pytest.mark.parametrize(
    ("expires_in", "stored", "warn"),
    [
        (timedelta(days=10), timedelta(days=10), True),
        (timedelta(days=200), timedelta(days=200), False),
        (None, None, False),  # Meta's 0: never expires
    ],
)
def test_the_worker_asks_debug_token_and_stores_the_expiry(
    session: Session,
    runtime: ProcessRuntime,
    fake: FakeGraph,
    page: AgencyPage,
    expires_in: timedelta | None,
    stored: timedelta | None,
    warn: bool,
) -> None:
    now = _now()
    if expires_in is not None:
        fake.token_expiry[PAGE_TOKEN] = int((now + expires_in).timestamp())
    checked = expiry.check_tokens(
        db=runtime.db, keyring=runtime.keyring, adapter=runtime.adapter, now=now
    )
    assert checked == 1
    assert [call.params for call in fake.calls_for("debug_token")] == [{}]
    session.refresh(page)
    assert page.token_checked_at == now
    assert page.token_expires_at == (now + stored if stored is not None else None)
    assert expiry.token_status(page).warn(now.date()) is warn
    # Asked once a day, not on every pass.
    assert (
        expiry.check_tokens(
            db=runtime.db, keyring=runtime.keyring, adapter=runtime.adapter, now=now
        )
        == 0
    )


def test_token_expiry_days_reach_metrics(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph, page: AgencyPage
) -> None:
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    fake.token_expiry[PAGE_TOKEN] = int((now + timedelta(days=12)).timestamp())
    expiry.check_tokens(db=runtime.db, keyring=runtime.keyring, adapter=runtime.adapter, now=now)
    text = render(
        take_snapshot(session=session, graph_url="https://graph.facebook.com/v21.0", now=now)
    ).decode()
    assert f'casewarden_page_token_expiry_days{{page="{page.id}",platform="facebook"}} 12.0' in text
    assert 'casewarden_graph_api_version_expiry_days{version="v21.0"} 51.0' in text
    assert "casewarden_graph_api_version_known 1.0" in text


def test_an_adapter_that_cannot_ask_leaves_tokens_unknown(
    session: Session, runtime: ProcessRuntime, page: AgencyPage
) -> None:
    assert (
        expiry.check_tokens(
            db=runtime.db, keyring=runtime.keyring, adapter=ConsoleAdapter(), now=_now()
        )
        == 0
    )
    session.refresh(page)
    assert page.token_checked_at is None
