"""Small factories for test data; each makes exactly what a test names and nothing more."""

from __future__ import annotations

import itertools
import re
import time
import weakref
from functools import cache
from typing import Any
from urllib.parse import unquote, urlsplit

import pyotp
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy.orm import Session

from casewarden.accounts.models import TOTP_SECRET_PURPOSE, StaffUser
from casewarden.accounts.passwords import hash_password
from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.agencies.models import Agency, AgencyKind
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring

PASSWORD = "correct horse battery staple"
#: The authenticator secret of every account made with ``second_factor=True``.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
#: The keyring of the test settings (``tests.conftest``), so factories can seal secrets.
TEST_ENCRYPTION_KEYS = "test1:dGVzdC1rZXktZm9yLWNhc2V3YXJkZW4tdGVzdHMtMzI"
_sequence = itertools.count(1)


@cache
def _password_hash() -> str:
    # argon2 is slow on purpose; hash the shared test password once per run.
    return hash_password(PASSWORD)


def make_agency(
    session: Session, *, code: str | None = None, kind: AgencyKind = AgencyKind.LOCAL
) -> Agency:
    """An agency with a unique code."""
    n = next(_sequence)
    agency = Agency(code=code or f"lcsa-{n}", name=f"Test County {n} LCSA", kind=kind)
    session.add(agency)
    session.flush()
    return agency


def make_user(
    session: Session,
    agency: Agency,
    *,
    role: Role = Role.PAGE_MODERATOR,
    username: str | None = None,
    active: bool = True,
    must_change_password: bool = False,
    statewide: StatewideAccess = StatewideAccess.NONE,
    second_factor: bool = True,
) -> StaffUser:
    """A staff account whose password is :data:`PASSWORD`.

    With ``second_factor`` (the default) its authenticator app is enrolled with
    :data:`TOTP_SECRET`; without, it enrols at its first sign-in.
    """
    n = next(_sequence)
    user = StaffUser(
        agency_id=agency.id,
        username=username or f"user{n}",
        display_name=f"Staff Member {n}",
        role=role,
        statewide=statewide,
        password_hash=_password_hash(),
        is_active=active,
        must_change_password=must_change_password,
        password_changed_at=utcnow(),
    )
    if second_factor:
        user.totp_secret = _test_keyring().seal_text(TOTP_SECRET, TOTP_SECRET_PURPOSE)
        user.totp_enrolled_at = utcnow()
    session.add(user)
    session.flush()
    return user


@cache
def _test_keyring() -> Keyring:
    return Keyring.parse(TEST_ENCRYPTION_KEYS)


# The last time step each client's app accepted per username: a code is good once.
_used_steps: weakref.WeakKeyDictionary[Any, dict[str, int]] = weakref.WeakKeyDictionary()


def totp_code(client: Any, username: str, secret: str = TOTP_SECRET) -> str:
    """A code the app accepts now for ``username``: never one of a step it has already taken.

    The app takes the step after the current one too, so two sign-ins of one account fit in
    one 30-second step; a third waits for the next step. The step before is never used: a
    busy machine may cross into the next step before the app checks the code.
    """
    totp = pyotp.TOTP(secret)
    used = _used_steps.setdefault(getattr(client, "app", client), {})
    now = totp.timecode(utcnow())
    step = max(now, used.get(username, now - 1) + 1)
    if step > now + 1:
        time.sleep(totp.interval - time.time() % totp.interval + 0.05)
        return totp_code(client, username, secret)
    used[username] = step
    return totp.generate_otp(step)


def give_code(client: Any, code: str, next_path: str = "/console/") -> Response:
    """Submit a second-factor code on its page, as a browser does."""
    page = client.get("/console/login/second-factor")
    return client.post(
        "/console/login/second-factor",
        data={"code": code, "next": next_path, "csrf_token": csrf_from(page)},
        headers=origin(client),
    )


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(page: Response | str) -> str:
    """The CSRF token embedded in a rendered page."""
    body = page if isinstance(page, str) else page.text
    match = _CSRF.search(body)
    assert match, "page has no CSRF token"
    return match.group(1)


def origin(client: TestClient) -> dict[str, str]:
    """The Origin header a browser sends with a same-site form post."""
    return {"Origin": str(client.base_url).rstrip("/")}


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Response:
    """Sign in through the real forms, as a browser does: the password, then a TOTP code.

    An account made without a second factor is left at its enrolment page.
    """
    token = csrf_from(client.get("/console/login"))
    response = client.post(
        "/console/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers=origin(client),
    )
    location = response.headers.get("location", "")
    if response.status_code != 303 or not location.startswith("/console/login/second-factor"):
        return response
    page = client.get(location)
    if 'id="totp-secret"' in page.text:
        return response
    next_path = urlsplit(location).query.partition("next=")[2]
    return client.post(
        "/console/login/second-factor",
        data={
            "code": totp_code(client, username.strip().lower()),
            "next": unquote(next_path) or "/console/",
            "csrf_token": csrf_from(page),
        },
        headers=origin(client),
    )


def post_form(client: TestClient, path: str, data: dict[str, str], page: str) -> Response:
    """Submit a form on ``page`` (taking its CSRF token) to ``path``."""
    token = csrf_from(client.get(page))
    return client.post(path, data={**data, "csrf_token": token}, headers=origin(client))
