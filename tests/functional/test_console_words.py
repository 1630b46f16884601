"""Every console page, as every role, in English and Spanish: words, never raw codes."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.moderation.models import Comment
from casewarden.process.runtime import ProcessRuntime
from casewarden.web import labels
from casewarden.web.app import ROUTERS
from tests.factories import make_agency, make_user, post_form, sign_in
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

#: Codes as the database and the audit chain keep them: snake_case, SHOUTING_CASE, a:b(:c).
RAW_CODE = re.compile(
    r"\b[a-z]+(?:_[a-z]+)+\b"
    # Setting names (CASEWARDEN_...) are what an administrator types, so they stay as they are.
    r"|\b(?!CASEWARDEN_)[A-Z]+(?:_[A-Z]+)+\b"
    r"|\b[a-z]+(?:-[a-z]+)*:[a-z_-]+(?::[a-z_-]+)?\b"
)
#: Pages that are part of signing in, or that answer with a file rather than a screen.
NOT_SCREENS = ("/console/login", "/console/logout", "/console/sso")


def visible_text(html: str) -> str:
    """The text a person reads: no tags, scripts, styles or attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<svg\b.*?</svg>", " ", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", html)


def console_screens() -> list[str]:
    """Every console address a person opens with a plain GET (no record id in it)."""
    return sorted(
        {
            route.path
            for router in ROUTERS
            for route in router.routes
            if isinstance(route, APIRoute)
            and "GET" in route.methods
            and route.path.startswith("/console")
            and "{" not in route.path
            and not route.path.startswith(NOT_SCREENS)
        }
    )


@pytest.fixture
def walked(app: FastAPI, session: Session) -> dict[Role, str]:
    """An agency with one account per role, a page, and comments the engine hid and flagged."""
    runtime: ProcessRuntime = app.state.runtime
    agency = make_agency(session)
    make_page(session, agency, runtime.keyring)
    users = {role: make_user(session, agency, role=role).username for role in Role}
    session.commit()
    deliver(
        session,
        runtime,
        feed_change("c-ssn", "my case number is 12-345678 and my ssn is 536-22-4187"),
        feed_change("c-rude", "what the fuck is wrong with this office"),
        feed_change("c-threat", "I will kill the caseworker tomorrow"),
    )
    runtime.worker().drain()  # the engine's decisions and platform actions, to be worded too
    return users


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("role", list(Role))
def test_no_console_screen_shows_a_raw_code(
    app: FastAPI,
    client: TestClient,
    session: Session,
    walked: dict[Role, str],
    role: Role,
    language: str,
) -> None:
    sign_in(client, walked[role])
    client.headers["Accept-Language"] = language
    # An entry for a refusal and an account change, so the audit log has codes to word.
    client.get("/console/accounts")
    comments = list(session.scalars(select(Comment.id)))
    screens = console_screens() + [f"/console/moderation/comments/{n}" for n in comments]
    shown, raw = 0, {}
    for path in screens:
        response = client.get(path)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        shown += 1
        codes = sorted(set(RAW_CODE.findall(visible_text(response.text))))
        if codes:
            raw[path] = codes
    assert raw == {}, f"raw codes shown to a {role} in {language}"
    assert shown >= 10


def test_the_walk_sees_a_raw_code_when_one_is_shown() -> None:
    """The checker itself: each kind of code is caught, words and times are not."""
    for code in ("page_moderator", "case_details", "moderation:comment:view", "US_SSN"):
        assert RAW_CODE.findall(visible_text(f"<td>{code}</td>")) == [code]
    assert RAW_CODE.findall(visible_text("<td>Page moderator, 10:30 a.m.</td>")) == []


def test_account_actions_are_worded_in_the_audit_log(
    client: TestClient, walked: dict[Role, str], session: Session
) -> None:
    sign_in(client, walked[Role.ADMIN])
    post_form(
        client,
        "/console/accounts",
        {"username": "new.person", "display_name": "New Person", "role": "page_moderator"},
        page="/console/accounts",
    )
    text = visible_text(client.get("/console/audit").text)
    assert "Account created" in text
    client.headers["Accept-Language"] = "es"
    assert "Cuenta creada" in visible_text(client.get("/console/audit").text)


@pytest.mark.parametrize(
    ("language", "words", "english"),
    [
        ("en", ["Hide", "Social Security number", "Hide on the page"], []),
        ("es", ["Ocultar", "Seguro Social", "Ocultar en la página"], ["Hide", "Us ssn"]),
    ],
)
def test_the_comment_pages_word_decisions_rules_and_platform_actions(
    client: TestClient,
    session: Session,
    walked: dict[Role, str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    words: list[str],
    english: list[str],
) -> None:
    # A code no table knows is humanised ("us_ssn" as "Us ssn"): English, and not a word.
    humanised: list[str] = []
    original = labels.humanise
    monkeypatch.setattr(labels, "humanise", lambda code: humanised.append(code) or original(code))
    sign_in(client, walked[Role.SUPERVISOR])
    client.headers["Accept-Language"] = language
    text = " ".join(
        visible_text(client.get(f"/console/moderation/comments/{n}").text)
        for n in session.scalars(select(Comment.id))
    )
    assert humanised == []
    for word in words:
        assert word in text, text[text.find("Decision") :][:600]
    for word in english:
        assert not re.search(rf"\b{word}\b", text)


def test_every_rule_a_decision_names_has_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recognizers, the policy's rules and the published rules: none falls back to a code."""
    from casewarden.detect.registry import CLASSIFIERS, RECOGNIZERS
    from casewarden.moderation.grounds import PublishedRule
    from casewarden.policy.rules import DEFAULT, RULES

    names = [*RECOGNIZERS, *CLASSIFIERS, "agency_pattern", "agency_terms", "case_specific"]
    names += [rule.id for rule in (*RULES, DEFAULT)]
    names += [f"published:{rule}" for rule in PublishedRule]
    humanised: list[str] = []
    original = labels.humanise
    monkeypatch.setattr(labels, "humanise", lambda code: humanised.append(code) or original(code))
    for name in names:
        labels.decision_rule(name)
    assert humanised == []
