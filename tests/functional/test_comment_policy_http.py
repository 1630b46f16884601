"""The public comment policy is generated from the rules that hide posts, in both languages."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from casewarden.detect import comment_policy


@pytest.mark.parametrize(
    ("path", "locale"), [("/comment-policy", "en"), ("/es/comment-policy", "es")]
)
def test_every_rule_is_published(client: TestClient, path: str, locale: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert f'lang="{locale}"' in page.text
    policy = comment_policy(locale)
    body = html.unescape(page.text)
    assert policy.title in body
    assert policy.protected_speech in body
    for rule in policy.rules:
        assert rule.title in body
        assert rule.hidden in body


def test_the_policy_names_every_hiding_category(client: TestClient) -> None:
    body = client.get("/comment-policy").text
    for category in ("pii", "case_details", "profanity", "threat", "harassment", "scam"):
        assert f'id="rule-{category}"' in body
