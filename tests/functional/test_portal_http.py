"""The public portal over HTTP: languages without cookies, the one cookie, GPC/DNT, opt-out."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden import i18n
from casewarden.privacy.models import VisitRecord
from tests.factories import csrf_from, origin

PAGES = [
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


def _prefixed(page: str, prefix: str) -> str:
    return prefix + ("/" if page == "/" else page) if prefix else page


def _visits(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(VisitRecord)) or 0


def _html_lang(body: str) -> str:
    match = re.search(r'<html lang="([a-z]+)">', body)
    assert match, "page has no <html lang>"
    return match.group(1)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ({}, "en"),
        ({"prefix": "/en"}, "en"),
        ({"prefix": "/es"}, "es"),
        ({"query": "?lang=es"}, "es"),
        ({"headers": {"Accept-Language": "es-MX,es;q=0.9"}}, "es"),
        ({"headers": {"Accept-Language": "es-MX"}, "prefix": "/en"}, "en"),
        ({"headers": {"Accept-Language": "fr-FR"}}, "en"),
    ],
)
def test_every_page_in_both_languages(
    client: TestClient, page: str, how: dict[str, object], expected: str
) -> None:
    path = _prefixed(page, str(how.get("prefix", ""))) + str(how.get("query", ""))
    response = client.get(path, headers=how.get("headers", {}))  # type: ignore[arg-type]
    assert response.status_code == 200, path
    assert _html_lang(response.text) == expected
    assert response.headers["content-language"] == expected
    other = "es" if expected == "en" else "en"
    # The switch link to the other language is on every page, marked with its language.
    assert re.search(rf'<a href="/{other}[^"]*" lang="{other}" hreflang="{other}">', response.text)
    # The language is never remembered in a cookie.
    for cookie in response.headers.get_list("set-cookie"):
        assert cookie.startswith("cw_visit="), cookie


def test_negotiated_pages_vary_on_accept_language(client: TestClient) -> None:
    assert "Accept-Language" in client.get("/forms").headers["vary"]
    assert "vary" not in client.get("/es/forms").headers


def _english_sentences() -> set[str]:
    """English messages (long enough to be unambiguous) that Spanish pages must not show."""
    path = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    return {
        message.id
        for message in catalog
        if isinstance(message.id, str)
        and len(message.id) > 25
        and "%" not in message.id
        and message.string != message.id
    }


@pytest.mark.parametrize("page", PAGES)
def test_spanish_pages_show_no_english_sentences(client: TestClient, page: str) -> None:
    body = client.get(_prefixed(page, "/es")).text
    english = {s for s in _english_sentences() if s in body.replace("&#39;", "'")}
    assert english == set()


def test_the_check_for_english_sentences_can_fail(client: TestClient) -> None:
    body = client.get("/forms").text
    assert any(sentence in body for sentence in _english_sentences())


@pytest.mark.parametrize("page", PAGES)
def test_pages_carry_no_inline_script_or_style(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert "<script" not in response.text
    assert " style=" not in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_session_cookie_holds_a_random_tag_only(client: TestClient) -> None:
    response = client.get("/")
    (cookie,) = response.headers.get_list("set-cookie")
    name, value = cookie.split(";")[0].split("=", 1)
    assert name == "cw_visit"
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value)
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "path=/", "samesite=lax"} <= attributes
    assert not any(a.startswith(("max-age", "expires", "domain")) for a in attributes)
    # Kept for the session: the next page neither replaces it nor sets another.
    assert client.get("/forms").headers.get_list("set-cookie") == []


def test_over_https_the_cookie_is_host_prefixed_and_secure(app: FastAPI) -> None:
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as secure:
        (cookie,) = secure.get("/").headers.get_list("set-cookie")
    assert cookie.startswith("__Host-cw_visit=")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path=/", "samesite=lax"} <= attributes


def test_every_page_works_with_cookies_refused(client: TestClient, session: Session) -> None:
    for page in PAGES:
        client.cookies.clear()
        assert client.get(page).status_code == 200, page
        assert client.get(_prefixed(page, "/es")).status_code == 200, page
    client.cookies.clear()
    token = csrf_from(client.get("/contact"))
    client.cookies.clear()
    sent = client.post(
        "/contact",
        data={"topic": "general", "message": "Hello", "csrf_token": token},
        headers=origin(client),
    )
    assert sent.status_code == 200
    assert "C-" in sent.text


@pytest.mark.parametrize("headers", [{"Sec-GPC": "1"}, {"DNT": "1"}, {"Sec-GPC": "1", "DNT": "0"}])
def test_gpc_and_dnt_stop_collection_without_cookies(
    client: TestClient, session: Session, headers: dict[str, str]
) -> None:
    before = _visits(session)
    for page in ("/", "/forms", "/es/privacy"):
        response = client.get(page, headers=headers)
        assert response.status_code == 200
        assert response.headers.get_list("set-cookie") == []
        assert "Visit statistics are off" in response.text or "desactivadas" in response.text
    assert client.get("/out/dcss", headers=headers).status_code == 303
    assert client.get("/forms/change-of-address/download", headers=headers).status_code == 200
    assert _visits(session) == before


def test_dnt_0_does_not_stop_collection(client: TestClient, session: Session) -> None:
    before = _visits(session)
    client.get("/", headers={"DNT": "0", "Sec-GPC": "0"})
    assert _visits(session) == before + 1


def test_the_visible_opt_out_needs_no_tracking(client: TestClient, session: Session) -> None:
    client.get("/")
    token = csrf_from(client.get("/privacy/choices"))
    stopped = client.post(
        "/privacy/choices", data={"choice": "stop", "csrf_token": token}, headers=origin(client)
    )
    assert stopped.status_code == 200
    (cookie,) = stopped.headers.get_list("set-cookie")
    assert cookie.startswith("cw_visit=optout;")  # the same value for everyone
    assert "max-age=31536000" in cookie.lower()
    before = _visits(session)
    for page in ("/", "/forms", "/es/services"):
        assert client.get(page).headers.get_list("set-cookie") == []
    assert _visits(session) == before
    assert "as you chose" in client.get("/").text

    token = csrf_from(client.get("/privacy/choices"))
    resumed = client.post(
        "/privacy/choices", data={"choice": "resume", "csrf_token": token}, headers=origin(client)
    )
    (cookie,) = resumed.headers.get_list("set-cookie")
    assert cookie.startswith("cw_visit=")
    assert "max-age=0" in cookie.lower()
    client.get("/")
    assert _visits(session) == before + 1


@pytest.mark.parametrize("choice", ["", "maybe", "x" * 11])
def test_bad_choices_are_refused(client: TestClient, choice: str) -> None:
    token = csrf_from(client.get("/privacy/choices"))
    response = client.post(
        "/privacy/choices", data={"choice": choice, "csrf_token": token}, headers=origin(client)
    )
    assert response.status_code == 422
    assert response.headers.get_list("set-cookie") == []


@pytest.mark.parametrize(
    ("path", "status", "lang"),
    [
        ("/nope", 404, "en"),
        ("/es/nope", 404, "es"),
        ("/es/forms/<script>alert(1)</script>/download", 404, "es"),
        ("/forms/" + "a" * 61 + "/download", 422, "en"),
        ("/out/../../etc/passwd", 404, "en"),
        ("/out/https:%2F%2Fevil.example", 404, "en"),
        ("/statistics/<script>", 422, "en"),
        ("/statistics/2026-13", 422, "en"),
        ("/statistics/2026-10", 404, "en"),
        ("/statistics/2026-10/pages_by_day.csv", 404, "en"),
        ("/es/statistics/2026-10/nope.csv", 404, "es"),
    ],
)
def test_hostile_and_unknown_paths(client: TestClient, path: str, status: int, lang: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert "location" not in response.headers
    assert "<script>alert" not in response.text
    assert _html_lang(response.text) == lang
    assert "/console/" not in response.text  # the public error page, not the console's


def test_query_strings_never_reach_a_record(client: TestClient, session: Session) -> None:
    client.get("/forms?case=1234&ssn=123-45-6789&name=Rosa")
    client.get("/es/privacy?q=" + "x" * 5000)
    session.expire_all()
    pages = list(session.scalars(select(VisitRecord.page)))
    assert pages[-2:] == ["/forms", "/privacy"]


def test_the_home_page_is_public(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Child support services" in response.text
    assert client.get("/es").status_code == 308
