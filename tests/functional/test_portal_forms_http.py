"""The contact and review forms: notice first, strict input, CSRF without cookies, refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.agencies.models import Agency
from casewarden.config import load_settings
from casewarden.db.engine import Database
from casewarden.privacy.models import MESSAGE_BODY_PURPOSE, ContactMessage, ReviewRequest
from casewarden.privacy.notices import ITEMS, SHIPPED_NOTICES
from tests.conftest import TEST_SECRET
from tests.factories import csrf_from, make_user, origin, sign_in

FORMS = {
    "/contact": {"topic": "general", "message": "When is the Sacramento office open?"},
    "/privacy/review": {"name": "Rosa Díaz", "email": "rosa@example.org"},
}
MODELS = {"/contact": ContactMessage, "/privacy/review": ReviewRequest}


def _count(session: Session, model: type) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model)) or 0


def _post(client: TestClient, path: str, data: dict[str, str]) -> object:
    token = csrf_from(client.get(path))
    return client.post(path, data={**data, "csrf_token": token}, headers=origin(client))


@pytest.mark.parametrize("path", list(FORMS))
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_notice_is_shown_with_every_item(client: TestClient, path: str, prefix: str) -> None:
    page = client.get(prefix + path).text
    assert 'class="notice-at-collection"' in page
    law = "Código Civil" if prefix else "Civil Code"
    assert page.count(law + " § 1798.17") >= 8
    assert page.count("11015.5") >= 4
    for heading in ("Required", "Voluntary") if not prefix else ("Obligatorio", "Voluntario"):
        assert heading in page
    assert len(ITEMS) == 14
    # The notice comes before the form's fields.
    assert page.index("notice-at-collection") < page.index('name="csrf_token"')


@pytest.mark.parametrize("path", list(FORMS))
def test_a_submission_is_stored_and_acknowledged(
    client: TestClient, session: Session, path: str
) -> None:
    before = _count(session, MODELS[path])
    response = _post(client, "/es" + path, FORMS[path])
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert _count(session, MODELS[path]) == before + 1
    stored = session.scalars(select(MODELS[path]).order_by(MODELS[path].id.desc())).first()
    assert stored.reference in response.text  # type: ignore[attr-defined, union-attr]
    assert stored.language == "es"  # type: ignore[union-attr]
    assert "Número de referencia" in response.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "change", "field"),
    [
        ("/contact", {"topic": ""}, "f-topic"),
        ("/contact", {"message": ""}, "f-message"),
        ("/contact", {"email": "not-an-email"}, "f-email"),
        ("/contact", {"message": "x" * 4001}, "f-message"),
        ("/privacy/review", {"email": ""}, None),  # at least one way to reach the person
        ("/privacy/review", {"visit_reference": "zz"}, "f-visit_reference"),
        ("/privacy/review", {"name": "\u202eevil"}, "f-name"),
    ],
)
def test_problems_are_explained_field_by_field(
    client: TestClient, session: Session, path: str, change: dict[str, str], field: str | None
) -> None:
    before = _count(session, MODELS[path])
    response = _post(client, path, {**FORMS[path], **change})
    assert response.status_code == 422  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert 'id="error-summary"' in text
    if field:
        assert f'href="#{field}"' in text
        assert f'id="{field}"' in text
        if field != "f-topic":  # a radio group: its legend carries the id, not an input
            assert 'aria-invalid="true"' in text
    assert _count(session, MODELS[path]) == before


def test_typed_values_come_back_escaped(client: TestClient) -> None:
    hostile = '"><script>alert(1)</script>'
    response = _post(client, "/contact", {"topic": "", "message": hostile, "name": hostile})
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "<script>alert(1)</script>" not in response.text  # type: ignore[attr-defined]
    assert "&lt;script&gt;" in response.text  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", list(FORMS))
def test_oversized_fields_are_refused_without_echo(
    client: TestClient, session: Session, path: str
) -> None:
    field = "message" if path == "/contact" else "details"
    huge = "SECRET-" + "x" * 30_000
    response = _post(client, "/es" + path, {**FORMS[path], field: huge})
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "SECRET-" not in response.text  # type: ignore[attr-defined]
    assert '<html lang="es">' in response.text  # type: ignore[attr-defined]
    assert _count(session, MODELS[path]) == 0


@pytest.mark.parametrize(
    ("headers", "token"),
    [
        ({}, None),  # no token
        ({"Origin": "https://evil.example"}, "page"),  # cross-site
        ({"Origin": "null"}, "page"),
        ({}, "a.1.forged"),
    ],
)
def test_csrf_is_required_even_without_cookies(
    client: TestClient,
    session: Session,
    headers: dict[str, str],
    token: str | None,
) -> None:
    data = dict(FORMS["/contact"])
    if token == "page":
        data["csrf_token"] = csrf_from(client.get("/contact"))
    elif token:
        data["csrf_token"] = token
    client.cookies.clear()
    response = client.post("/contact", data=data, headers=headers)
    assert response.status_code == 403
    assert _count(session, ContactMessage) == 0


@pytest.fixture
def broken_notices(tmp_path: Path) -> Path:
    directory = tmp_path / "notices"
    shutil.copytree(SHIPPED_NOTICES, directory)
    text = (directory / "contact.toml").read_text(encoding="utf-8")
    start = text.index("[es]")
    authority = text.index("authority", start)
    end = text.index("\n", authority)
    (directory / "contact.toml").write_text(text[:authority] + text[end + 1 :], encoding="utf-8")
    return directory


def test_a_form_with_an_incomplete_notice_refuses_to_render_or_collect(
    db: Database, session: Session, tmp_path: Path, broken_notices: Path
) -> None:
    from casewarden.web.app import create_app

    settings = load_settings(
        data_dir=tmp_path / "var", secret_key=TEST_SECRET, privacy_notices_dir=broken_notices
    )
    with TestClient(create_app(settings, database=db), follow_redirects=False) as client:
        for path in ("/contact", "/es/contact"):
            page = client.get(path)
            assert page.status_code == 503
            assert page.headers["retry-after"] == "3600"
            assert 'name="message"' not in page.text
        token = csrf_from(client.get("/privacy/review"))  # the other form still works
        refused = client.post(
            "/contact",
            data={**FORMS["/contact"], "csrf_token": token},
            headers=origin(client),
        )
        assert refused.status_code == 503
        assert client.get("/privacy/review").status_code == 200
    assert _count(session, ContactMessage) == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"topic=general&message=%FF%FE%FD", 200),  # not UTF-8: kept as U+FFFD, no crash
        (b"topic=general&message=" + b"%00" * 10, 422),  # NUL characters
        (b"topic=general&topic=website&message=twice", 200),  # a repeated field: the last wins
        (b"\x00\x01\x02", 422),  # not a form at all
    ],
)
def test_malformed_form_bodies(
    client: TestClient, session: Session, body: bytes, status: int
) -> None:
    token = csrf_from(client.get("/contact")).encode()
    response = client.post(
        "/contact",
        content=body + b"&csrf_token=" + token,
        headers={"content-type": "application/x-www-form-urlencoded", **origin(client)},
    )
    assert response.status_code == status
    assert _count(session, ContactMessage) == (1 if status == 200 else 0)


def test_an_oversized_body_is_refused_before_it_is_read(
    client: TestClient, session: Session
) -> None:
    response = client.post(
        "/es/contact",
        content=b"message=" + b"a" * (2 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded", **origin(client)},
    )
    assert response.status_code == 413
    assert _count(session, ContactMessage) == 0


SSN_TEXT = "Is my SSN 536-22-4187 safe with you?"
SCREENED = {
    "/contact": {"topic": "general", "message": SSN_TEXT},
    "/privacy/review": {"name": "Rosa Díaz", "email": "rosa@example.org", "details": SSN_TEXT},
}


@pytest.mark.parametrize("path", list(SCREENED))
@pytest.mark.parametrize(
    ("prefix", "heading", "send_anyway"),
    [
        ("", "We marked what this form asks you not to send", "Send it as written"),
        ("/es", "Marcamos lo que este formulario le pide no enviar", "Enviarlo tal como está"),
    ],
)
def test_an_identifier_brings_the_form_back_marked_in_the_visitors_language(
    client: TestClient, session: Session, path: str, prefix: str, heading: str, send_anyway: str
) -> None:
    response = _post(client, prefix + path, SCREENED[path])
    assert response.status_code == 422  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert heading in text
    assert "<mark>536-22-4187<span" in text
    assert 'name="screening" value="send"' in text
    assert send_anyway in text
    assert 'name="screening" value="remove"' in text
    assert _count(session, MODELS[path]) == 0


@pytest.mark.parametrize("path", list(SCREENED))
def test_sent_anyway_it_is_stored_sealed_and_the_officer_sees_the_mark(
    client: TestClient, session: Session, path: str
) -> None:
    response = _post(client, path, {**SCREENED[path], "screening": "send"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    stored = session.scalars(select(MODELS[path])).one()
    sealed = stored.body_sealed if path == "/contact" else stored.details_sealed
    assert b"4187" not in sealed
    portal_agency = session.get(Agency, stored.agency_id)
    officer = make_user(session, portal_agency, role=Role.PRIVACY_OFFICER)  # type: ignore[arg-type]
    session.commit()
    sign_in(client, officer.username)
    section = "messages" if path == "/contact" else "requests"
    page = client.get(f"/console/privacy/{section}/{stored.id}").text
    assert '<mark class="screened" title="Social Security number">536-22-4187' in page
    assert "chose to send them anyway" in page


def test_remove_sends_the_message_without_the_passage(
    client: TestClient, session: Session, app: FastAPI
) -> None:
    response = _post(client, "/contact", {**SCREENED["/contact"], "screening": "remove"})
    assert response.status_code == 200  # type: ignore[attr-defined]
    stored = session.scalars(select(ContactMessage)).one()
    body = app.state.runtime.keyring.open_text(stored.body_sealed, MESSAGE_BODY_PURPOSE)
    assert body == "Is my SSN […] safe with you?"
