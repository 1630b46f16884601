"""The published comment policy, generated from the same rule data that hides comments.

Because the categories, the entity types and their wording all come from ``rules.toml``, the
page the public reads and the rules the engine applies cannot drift apart: a category with no
policy text fails to load. The moderation feature renders this structure as a public page in
English or Spanish; it is data, not HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from casewarden.detect.model import Category
from casewarden.detect.rules import Rules, default_rules


@dataclass(frozen=True, slots=True)
class CommentPolicyRule:
    """One reason a comment can be hidden: what is hidden and why."""

    category: Category
    title: str
    hidden: str
    why: str


@dataclass(frozen=True, slots=True)
class CommentPolicy:
    """The whole policy in one language."""

    locale: str
    title: str
    intro: str
    rules: list[CommentPolicyRule]
    protected_speech: str
    hide_note: str
    private_help: str


_AND = {"en": "and", "es": "y"}


def _join(items: list[str], locale: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_AND[locale]} " + items[-1]


def comment_policy_locale(locale: str) -> str:
    """``"es"`` for any Spanish locale ("es", "es-MX", "es_US"), else ``"en"``."""
    return "es" if locale.lower().replace("_", "-").split("-")[0] == "es" else "en"


def comment_policy(locale: str = "en", rules: Rules | None = None) -> CommentPolicy:
    """The comment policy in ``locale`` (English unless the locale is Spanish)."""
    rules = rules or default_rules()
    loc = comment_policy_locale(locale)
    text = rules.comment_policy[loc]
    items = []
    for category in Category:
        rule = rules.categories[category]
        labels = [
            rules.entity_labels[entity][loc]
            for entity, owner in rules.entity_category.items()
            if owner is category
        ]
        wording = rule.text[loc]
        items.append(
            CommentPolicyRule(
                category=category,
                title=wording.title,
                hidden=wording.hidden.replace("{entities}", _join(labels, loc)),
                why=wording.why,
            )
        )
    return CommentPolicy(
        locale=loc,
        title=text["title"],
        intro=text["intro"],
        rules=items,
        protected_speech=text["protected"],
        hide_note=text["hide_note"],
        private_help=text["private_help"],
    )
