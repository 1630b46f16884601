"""The console's home page shows each person the work waiting for their role, as counts."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from casewarden.accounts.roles import Role
from tests.factories import sign_in
from tests.functional.conftest import Staffed

EXPECTED = {
    Role.ADMIN: {"Posts awaiting approval"},
    Role.SUPERVISOR: {
        "Comments to review",
        "Posts awaiting approval",
        "Leads not yet verified",
        "New contact messages",
    },
    Role.PAGE_MODERATOR: {"Comments to review", "New contact messages"},
    Role.CASEWORKER: {"Leads not yet verified"},
    Role.PRIVACY_OFFICER: {"New contact messages", "Open review requests"},
}
ALL = set().union(*EXPECTED.values())


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_own_work(client: TestClient, staffed: Staffed, role: Role) -> None:
    sign_in(client, staffed[role].username)
    page = client.get("/console/")
    assert page.status_code == 200
    shown = {
        label for label in ALL if re.search(rf'<span class="count">0</span> {label}', page.text)
    }
    assert shown == EXPECTED[role]


def test_the_home_page_is_spanish_on_request(client: TestClient, staffed: Staffed) -> None:
    sign_in(client, staffed[Role.CASEWORKER].username)
    page = client.get("/console/?lang=es")
    assert "Pistas sin verificar" in page.text
    assert '<html lang="es">' in page.text
