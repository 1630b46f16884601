"""The rule data (``data/rules.toml``) as typed, validated objects.

Which recognizers and classifiers run, their context words, the thresholds and the text of
the published comment policy are data, so an agency's policy and the engine's behaviour are
read from the same file and cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from casewarden.detect.errors import RulesError
from casewarden.detect.model import Action, Category, EntityType
from casewarden.detect.pattern_cache import parsed_toml

LOCALES = ("en", "es")


@dataclass(frozen=True, slots=True)
class RecognizerRule:
    """One recognizer to run: its entity, languages and context words (both languages)."""

    name: str
    entity: EntityType
    languages: tuple[str, ...]
    context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClassifierRule:
    """One post-level classifier to run and the category it reports."""

    name: str
    category: Category
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PolicyText:
    """How the comment policy words one category in one language."""

    title: str
    hidden: str
    why: str


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """What a strong signal of this category does, and its policy text per locale."""

    category: Category
    action: Action
    text: dict[str, PolicyText]


@dataclass(frozen=True, slots=True)
class ModelRule:
    """How the trained comment classifier's probabilities count: each label's ``hide_at``,
    and the rules' score at which the rules decide a category on their own."""

    hide_at: dict[str, float]
    rules_stand_at: dict[str, float]
    # Categories that go to review, never hide, when the only people a comment names are
    # public officials and no slur is used: criticism of officials by name stays up
    # (DESIGN.md rule 2).
    review_at_officials: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything in ``rules.toml``."""

    report_threshold: float
    hide_threshold: float
    recognizers: tuple[RecognizerRule, ...]
    classifiers: tuple[ClassifierRule, ...]
    entity_category: dict[EntityType, Category]
    #: Entities that never decide a post alone ("alone = false"), with the patterns that
    #: still count, under which category and with which score.
    companion_only: dict[EntityType, dict[str, tuple[Category, float]]]
    entity_labels: dict[EntityType, dict[str, str]]
    categories: dict[Category, CategoryRule]
    comment_policy: dict[str, dict[str, str]]
    model: ModelRule

    def category_of(self, entity: EntityType) -> Category:
        """The category a finding of ``entity`` counts towards."""
        return self.entity_category[entity]


def _require(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = table.get(key)
    if not isinstance(value, kind):
        raise RulesError(f"{where}: {key!r} must be a {kind.__name__}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"{where}: expected a list of strings")
    return tuple(value)


def parse_rules(data: dict[str, Any]) -> Rules:
    """Validate the parsed TOML and build :class:`Rules`; raises :class:`RulesError`."""
    try:
        thresholds = _require(data, "thresholds", dict, "rules")
        report = float(_require(thresholds, "report", float, "thresholds"))
        hide = float(_require(thresholds, "hide", float, "thresholds"))
        if not 0 < report <= hide <= 1:
            raise RulesError("thresholds: need 0 < report <= hide <= 1")

        recognizers = []
        for index, item in enumerate(_require(data, "recognizers", list, "rules")):
            where = f"recognizers[{index}]"
            context = _require(item, "context", dict, where)
            words: list[str] = []
            for locale in LOCALES:
                words.extend(_strings(context.get(locale, []), f"{where}.context.{locale}"))
            recognizers.append(
                RecognizerRule(
                    name=_require(item, "name", str, where),
                    entity=EntityType(_require(item, "entity", str, where)),
                    languages=_strings(item.get("languages", list(LOCALES)), where),
                    context=tuple(dict.fromkeys(words)),
                )
            )

        classifiers = tuple(
            ClassifierRule(
                name=_require(item, "name", str, f"classifiers[{i}]"),
                category=Category(_require(item, "category", str, f"classifiers[{i}]")),
                languages=_strings(item.get("languages", list(LOCALES)), f"classifiers[{i}]"),
            )
            for i, item in enumerate(_require(data, "classifiers", list, "rules"))
        )

        entity_category: dict[EntityType, Category] = {}
        entity_labels: dict[EntityType, dict[str, str]] = {}
        companion_only: dict[EntityType, dict[str, tuple[Category, float]]] = {}
        for name, item in _require(data, "entities", dict, "rules").items():
            entity = EntityType(name)
            entity_category[entity] = Category(_require(item, "category", str, name))
            entity_labels[entity] = {loc: _require(item, loc, str, name) for loc in LOCALES}
            alone = item.get("alone", True)
            if not isinstance(alone, bool):
                raise RulesError(f"{name}: 'alone' must be true or false")
            if not alone:
                patterns = item.get("alone_patterns", {})
                if not isinstance(patterns, dict):
                    raise RulesError(f"{name}: 'alone_patterns' must be a table")
                companion_only[entity] = {
                    str(pattern): (
                        Category(_require(rule, "category", str, f"{name}.{pattern}")),
                        float(_require(rule, "score", float, f"{name}.{pattern}")),
                    )
                    for pattern, rule in patterns.items()
                }
        missing = set(EntityType) - set(entity_category)
        if missing:
            raise RulesError(f"entities: no entry for {sorted(missing)}")

        categories: dict[Category, CategoryRule] = {}
        for name, item in _require(data, "categories", dict, "rules").items():
            category = Category(name)
            text = {}
            for locale in LOCALES:
                table = _require(item, locale, dict, f"categories.{name}")
                text[locale] = PolicyText(
                    title=_require(table, "title", str, f"categories.{name}.{locale}"),
                    hidden=_require(table, "hidden", str, f"categories.{name}.{locale}"),
                    why=_require(table, "why", str, f"categories.{name}.{locale}"),
                )
            categories[category] = CategoryRule(
                category=category,
                action=Action(_require(item, "action", str, f"categories.{name}")),
                text=text,
            )
        missing_categories = set(Category) - set(categories)
        if missing_categories:
            raise RulesError(f"categories: no entry for {sorted(missing_categories)}")

        model_table = _require(data, "model", dict, "rules")
        hide_at = {
            str(label): float(value)
            for label, value in _require(model_table, "hide_at", dict, "model").items()
        }
        if any(not 0 < value <= 1 for value in hide_at.values()):
            raise RulesError("model.hide_at: each value must be in (0, 1]")
        rules_stand_at = {
            str(label): float(value)
            for label, value in model_table.get("rules_stand_at", {}).items()
        }

        review_at_officials = frozenset(
            str(label) for label in model_table.get("review_at_officials", [])
        )
        unknown = review_at_officials - set(hide_at)
        if unknown:
            raise RulesError(f"model.review_at_officials: not model labels {sorted(unknown)}")

        policy_table = _require(data, "comment_policy", dict, "rules")
        comment_policy = {
            locale: {
                key: _require(policy_table[locale], key, str, f"comment_policy.{locale}")
                for key in ("title", "intro", "protected", "hide_note", "private_help")
            }
            for locale in LOCALES
        }
    except (KeyError, ValueError, TypeError) as exc:
        # ValueError covers an unknown EntityType/Category/Action name.
        raise RulesError(f"rules data is malformed: {exc}") from None
    return Rules(
        report_threshold=report,
        hide_threshold=hide,
        recognizers=tuple(recognizers),
        classifiers=classifiers,
        entity_category=entity_category,
        companion_only=companion_only,
        entity_labels=entity_labels,
        categories=categories,
        comment_policy=comment_policy,
        model=ModelRule(
            hide_at=hide_at,
            rules_stand_at=rules_stand_at,
            review_at_officials=review_at_officials,
        ),
    )


def read_data_file(*parts: str) -> str:
    """A text file shipped in ``casewarden/detect/data`` (path given as parts)."""
    path = resources.files("casewarden.detect").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    return path.read_text("utf-8")


@cache
def default_rules() -> Rules:
    """The rules shipped with the engine, parsed once per process."""
    return parse_rules(parsed_toml(read_data_file("rules.toml")))
