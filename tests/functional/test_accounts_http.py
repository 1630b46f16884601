"""Account management through the console."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from tests.factories import post_form, sign_in
from tests.functional.conftest import Staffed


def _last_tag(session: Session) -> str:
    session.expire_all()
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry is not None
    return entry.tag


def test_admin_creates_an_account_with_a_one_time_password(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(
        client,
        "/console/accounts",
        {"username": "maria.g", "display_name": "María G.", "role": "caseworker"},
        page="/console/accounts",
    )
    assert response.status_code == 201
    assert "One-time password for maria.g" in response.text
    created = session.scalars(select(StaffUser).where(StaffUser.username == "maria.g")).one()
    assert created.role is Role.CASEWORKER
    assert created.must_change_password
    assert created.agency_id == staffed.agency.id
    secret = re.search(r'<code class="secret">([^<]+)</code>', response.text)
    assert secret
    client.cookies.clear()
    assert sign_in(client, "maria.g", secret.group(1)).status_code == 303


@pytest.mark.parametrize(
    ("form", "complaint"),
    [
        ({"username": "x", "display_name": "X", "role": "caseworker"}, "Username must be"),
        ({"username": "okname", "display_name": "X", "role": "wizard"}, "Unknown role"),
    ],
)
def test_bad_account_forms_are_explained(
    client: TestClient, staffed: Staffed, form: dict[str, str], complaint: str
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(client, "/console/accounts", form, page="/console/accounts")
    assert response.status_code == 422
    assert complaint in response.text


def test_user_content_is_escaped(client: TestClient, staffed: Staffed) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    post_form(
        client,
        "/console/accounts",
        {
            "username": "xss.person",
            "display_name": "<script>alert(1)</script>",
            "role": "caseworker",
        },
        page="/console/accounts",
    )
    page = client.get("/console/accounts").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "role", [Role.SUPERVISOR, Role.PAGE_MODERATOR, Role.CASEWORKER, Role.PRIVACY_OFFICER]
)
def test_non_admins_are_refused_and_the_refusal_audited(
    client: TestClient, staffed: Staffed, session: Session, role: Role
) -> None:
    sign_in(client, staffed[role].username)
    assert client.get("/console/accounts").status_code == 403
    assert _last_tag(session) == "authz:permission:deny"
    response = post_form(
        client,
        "/console/accounts",
        {"username": "sneaky", "display_name": "S", "role": "admin"},
        page="/console/",
    )
    assert response.status_code == 403
    assert session.scalars(select(StaffUser).where(StaffUser.username == "sneaky")).first() is None
    assert _last_tag(session) == "authz:permission:deny"


@pytest.mark.parametrize(
    ("action", "data", "check", "tag"),
    [
        ("disable", {"confirmed": "yes"}, lambda u: not u.is_active, "accounts:user:disable"),
        (
            "role",
            {"role": "supervisor"},
            lambda u: u.role is Role.SUPERVISOR,
            "accounts:user:set-role",
        ),
        (
            "reset-password",
            {"confirmed": "yes"},
            lambda u: u.must_change_password,
            "accounts:user:reset-password",
        ),
        (
            "reset-second-factor",
            {"confirmed": "yes"},
            lambda u: u.totp_enrolled_at is None,
            "accounts:user:reset-second-factor",
        ),
    ],
)
def test_admin_actions_on_an_account(
    client: TestClient,
    staffed: Staffed,
    session: Session,
    action: str,
    data: dict[str, str],
    check: object,
    tag: str,
) -> None:
    target = staffed[Role.CASEWORKER]
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(
        client, f"/console/accounts/{target.id}/{action}", data, page="/console/accounts"
    )
    assert response.status_code in (200, 303)
    session.expire_all()
    assert check(session.get(StaffUser, target.id))  # type: ignore[operator]
    assert _last_tag(session) == tag


def test_disabled_account_is_signed_out_at_once(
    app: object, client: TestClient, staffed: Staffed
) -> None:
    from fastapi.testclient import TestClient as Client

    target = staffed[Role.CASEWORKER]
    with Client(app, base_url="http://testserver", follow_redirects=False) as other:  # type: ignore[arg-type]
        sign_in(other, target.username)
        assert other.get("/console/").status_code == 200
        sign_in(client, staffed[Role.ADMIN].username)
        post_form(
            client,
            f"/console/accounts/{target.id}/disable",
            {"confirmed": "yes"},
            page="/console/accounts",
        )
        assert other.get("/console/").status_code == 303


def test_unknown_account_id_is_404(client: TestClient, staffed: Staffed) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(client, "/console/accounts/999999/disable", {}, page="/console/accounts")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("action", "still", "warning"),
    [
        ("disable", lambda u: u.is_active, "sessions ended now cannot be given back"),
        (
            "reset-password",
            lambda u: not u.must_change_password,
            "current password stops working at once and cannot be restored",
        ),
        (
            "reset-second-factor",
            lambda u: u.totp_enrolled_at is not None,
            "authenticator app and recovery codes stop working at once",
        ),
    ],
)
def test_irreversible_account_actions_ask_first_and_say_what_cannot_be_undone(
    client: TestClient,
    staffed: Staffed,
    session: Session,
    action: str,
    still: object,
    warning: str,
) -> None:
    target = staffed[Role.CASEWORKER]
    sign_in(client, staffed[Role.ADMIN].username)
    response = post_form(
        client, f"/console/accounts/{target.id}/{action}", {}, page="/console/accounts"
    )
    assert response.status_code == 200
    assert "This cannot be undone." in response.text
    assert warning in response.text
    assert 'name="confirmed" value="yes"' in response.text
    session.expire_all()
    assert still(session.get(StaffUser, target.id))  # type: ignore[operator]


def test_a_new_account_has_no_default_role_and_the_form_says_what_each_does(
    client: TestClient, staffed: Staffed, session: Session
) -> None:
    sign_in(client, staffed[Role.ADMIN].username)
    page = client.get("/console/accounts").text
    assert '<option value="" selected disabled>Choose a role</option>' in page
    assert "Records, verifies and uses locate leads on participants." in page
    response = post_form(
        client,
        "/console/accounts",
        {"username": "no.role", "display_name": "No Role"},
        page="/console/accounts",
    )
    assert response.status_code == 422
    assert "Choose a role." in response.text
    assert session.scalars(select(StaffUser).where(StaffUser.username == "no.role")).first() is None
