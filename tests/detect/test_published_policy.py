"""The published comment policy is generated from the rule data, in English and Spanish."""

from __future__ import annotations

import pytest

from casewarden.detect import Category, CommentPolicy, EntityType, comment_policy
from casewarden.detect.rules import default_rules


@pytest.mark.parametrize("locale", ["en", "es"])
def test_comment_policy_has_one_rule_per_category(locale: str) -> None:
    policy = comment_policy(locale)
    assert isinstance(policy, CommentPolicy)
    assert [rule.category for rule in policy.rules] == list(Category)
    for rule in policy.rules:
        assert rule.title
        assert rule.hidden
        assert rule.why
        assert "{" not in rule.hidden  # every placeholder filled


@pytest.mark.parametrize(
    ("locale", "phrase"),
    [("en", "Criticism of the agency"), ("es", "Las críticas a la agencia")],
)
def test_comment_policy_states_that_criticism_stays_up(locale: str, phrase: str) -> None:
    assert phrase in comment_policy(locale).protected_speech


@pytest.mark.parametrize("locale", ["en", "es"])
def test_every_entity_type_is_named_in_the_policy(locale: str) -> None:
    rules = default_rules()
    text = " ".join(rule.hidden for rule in comment_policy(locale).rules)
    for entity in EntityType:
        assert rules.entity_labels[entity][locale] in text


@pytest.mark.parametrize(
    ("requested", "served"),
    [("en", "en"), ("es", "es"), ("es-MX", "es"), ("es_US", "es"), ("fr", "en"), ("EN-us", "en")],
)
def test_locale_negotiation(requested: str, served: str) -> None:
    assert comment_policy(requested).locale == served


def test_spanish_policy_is_in_spanish() -> None:
    policy = comment_policy("es")
    assert policy.title == "Política de comentarios"
    assert "Código de Familia § 17212" in policy.rules[0].why


def test_comment_policy_cites_the_confidentiality_law() -> None:
    assert "Family Code § 17212" in comment_policy("en").rules[0].why
