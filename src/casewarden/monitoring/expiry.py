"""Warnings before a page token or the configured Graph API version stops working.

Token expiry comes from the platform (Meta's debug_token, asked by the worker once a day
per page and stored on the page); the Graph API version's end comes from a shipped table
(``data/graph_versions.toml``, with its source), compared with ``meta_graph_url``.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.errors import CasewardenError
from casewarden.pages.models import AgencyPage
from casewarden.pages.service import page_ref
from casewarden.platforms.interfaces import (
    PlatformAdapter,
    PlatformError,
    PlatformRejected,
    TokenInspector,
)

log = logging.getLogger("casewarden.monitoring")

VERSIONS_FILE = Path(__file__).parent / "data" / "graph_versions.toml"
#: Days ahead a page token's expiry is shown: time to get a new token from the page's admin.
TOKEN_WARNING_DAYS = 30
#: Days ahead the Graph API version's end is shown: time to test and deploy a new version.
VERSION_WARNING_DAYS = 90
#: How often the worker asks the platform again about a page's token.
TOKEN_CHECK_INTERVAL = timedelta(days=1)

_VERSION = re.compile(r"/(v[0-9]+\.[0-9]+)/?$")


@cache
def graph_versions() -> dict[str, date | None]:
    """The shipped table: each Graph API version and the day it expires (None: not set)."""
    with VERSIONS_FILE.open("rb") as handle:
        table = tomllib.load(handle)["versions"]
    return {name: entry.get("expires") for name, entry in table.items()}


def days_left(moment: date | datetime, today: date) -> int:
    """Whole days from ``today`` until ``moment`` (negative once it has passed)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return (day - today).days


@dataclass(frozen=True, slots=True)
class VersionStatus:
    """The configured Graph API version and what the shipped table says of it."""

    version: str | None
    known: bool
    expires: date | None

    def days_left(self, today: date) -> int | None:
        """Days until the version stops working (None: no date published)."""
        return days_left(self.expires, today) if self.expires else None

    def warn(self, today: date) -> bool:
        """Whether the Pages screen should say so now."""
        left = self.days_left(today)
        return not self.known or (left is not None and left <= VERSION_WARNING_DAYS)


def graph_version_status(graph_url: str) -> VersionStatus:
    """The version named at the end of ``meta_graph_url`` (``…/v21.0``), looked up."""
    match = _VERSION.search(graph_url)
    version = match.group(1) if match else None
    table = graph_versions()
    if version is None or version not in table:
        return VersionStatus(version=version, known=False, expires=None)
    return VersionStatus(version=version, known=True, expires=table[version])


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """What is known of one page's token."""

    page_pk: int
    checked: bool
    expires_at: datetime | None

    def days_left(self, today: date) -> int | None:
        """Days until the token stops working (None: never, or not asked yet)."""
        return days_left(self.expires_at, today) if self.expires_at else None

    def warn(self, today: date) -> bool:
        """Whether the Pages screen should say so now."""
        left = self.days_left(today)
        return left is not None and left <= TOKEN_WARNING_DAYS


def token_status(page: AgencyPage) -> TokenStatus:
    """The stored answer about a page's token."""
    return TokenStatus(
        page_pk=page.id, checked=page.token_checked_at is not None, expires_at=page.token_expires_at
    )


def check_tokens(
    *, db: Database, keyring: Keyring, adapter: PlatformAdapter, now: datetime, limit: int = 20
) -> int:
    """Ask the platform about tokens not asked about for a day; store each answer.

    The call is made outside any transaction; an adapter that cannot ask (the console
    adapter) leaves the tokens unknown.
    """
    if not isinstance(adapter, TokenInspector):
        return 0
    with db.session(Scope.system()) as session:
        due = list(
            session.scalars(
                select(AgencyPage)
                .where(
                    AgencyPage.active.is_(True),
                    AgencyPage.token_sealed.is_not(None),
                    or_(
                        AgencyPage.token_checked_at.is_(None),
                        AgencyPage.token_checked_at < now - TOKEN_CHECK_INTERVAL,
                    ),
                )
                .order_by(AgencyPage.id)
                .limit(limit)
            )
        )
        refs = {}
        for page in due:
            try:
                refs[page.id] = page_ref(page, keyring)
            except CasewardenError:
                continue
    answers = {}
    for page_pk, ref in refs.items():
        try:
            answers[page_pk] = adapter.inspect_token(ref)
        except PlatformError as exc:
            log.warning("token of page %s not checked: %s", page_pk, type(exc).__name__)
    if not answers:
        return 0
    with db.transaction(Scope.system()) as session:
        for page in session.scalars(select(AgencyPage).where(AgencyPage.id.in_(answers))):
            answer = answers[page.id]
            # A token the platform calls invalid has, for the operator, already expired.
            page.token_expires_at = answer.expires_at if answer.valid else now
            page.token_checked_at = now
    return len(answers)


#: How long the Pages screen's "Check token" waits for Meta, in one attempt.
CHECK_NOW_WAIT_SECONDS = 3.0


class TokenVerdict(StrEnum):
    """What a live check of one page's token found."""

    WORKS = "works"
    REFUSED = "refused"  # Meta refused it or calls it invalid: expired or revoked
    UNREACHABLE = "unreachable"  # Meta did not answer: nothing is known
    CANNOT_CHECK = "cannot-check"  # the console adapter has no platform to ask


@dataclass(frozen=True, slots=True)
class TokenCheckResult:
    """A live check's verdict and, for a working token, when it stops working."""

    verdict: TokenVerdict
    expires_at: datetime | None = None


def check_token_now(
    *,
    session: Session,
    actor: Actor,
    keyring: Keyring,
    adapter: PlatformAdapter,
    page: AgencyPage,
    now: datetime,
) -> TokenCheckResult:
    """Ask the platform about one page's token now (the Pages screen's button) and store
    the answer as the daily check does; an unanswered call changes nothing."""
    authorize(actor, Permission.PAGES_MANAGE)
    if not isinstance(adapter, TokenInspector):
        return TokenCheckResult(TokenVerdict.CANNOT_CHECK)
    ref = page_ref(page, keyring)
    try:
        # One short attempt: the worker's retries would keep the person waiting 10-15 s
        # for an answer that is no better than "try again".
        answer = adapter.inspect_token(ref, wait_seconds=CHECK_NOW_WAIT_SECONDS)
    except PlatformRejected as exc:
        # Meta answers a call made with an expired or revoked token with an error (190)
        # rather than with is_valid false: for the operator, the token has expired.
        log.info("token of page %s refused: code %s", page.id, exc.code)
        page.token_expires_at, page.token_checked_at = now, now
        session.flush()
        return TokenCheckResult(TokenVerdict.REFUSED)
    except PlatformError as exc:
        log.warning("token of page %s not checked: %s", page.id, type(exc).__name__)
        return TokenCheckResult(TokenVerdict.UNREACHABLE)
    page.token_checked_at = now
    page.token_expires_at = answer.expires_at if answer.valid else now
    session.flush()
    if not answer.valid or (answer.expires_at is not None and answer.expires_at <= now):
        return TokenCheckResult(TokenVerdict.REFUSED)
    return TokenCheckResult(TokenVerdict.WORKS, answer.expires_at)
