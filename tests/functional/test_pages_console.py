"""Only administrators connect agency pages; nobody else can add a token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.pages.models import AgencyPage
from tests.factories import post_form, sign_in
from tests.functional.conftest import Staffed

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
