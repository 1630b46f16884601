"""Small factories for test data; each makes exactly what a test names and nothing more."""

from __future__ import annotations

import itertools
import re
from functools import cache

from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.passwords import hash_password
from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.agencies.models import Agency, AgencyKind
from casewarden.clock import utcnow

PASSWORD = "correct horse battery staple"
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
) -> StaffUser:
    """A staff account whose password is :data:`PASSWORD`."""
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
    session.add(user)
    session.flush()
    return user


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
    """Sign in through the real form, as a browser does."""
    token = csrf_from(client.get("/console/login"))
    return client.post(
        "/console/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers=origin(client),
    )


def post_form(client: TestClient, path: str, data: dict[str, str], page: str) -> Response:
    """Submit a form on ``page`` (taking its CSRF token) to ``path``."""
    token = csrf_from(client.get(page))
    return client.post(path, data={**data, "csrf_token": token}, headers=origin(client))
