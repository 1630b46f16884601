"""An agency's configuration of the engine, loadable from TOML with no code change.

The agency's own public phone numbers, office addresses, email addresses and the names of
its public officials are not personal information: findings that match them are dropped
(and the drop is recorded in the result's explanation). Agencies can also add terms that
hide a post and regex patterns for their own identifier formats.

Example (``agency.toml``)::

    [agency]
    name = "Del Oro County Department of Child Support Services"
    phone_numbers = ["(866) 901-3212", "(530) 555-0142"]
    addresses = ["2450 Meridian Ave, Suite 100, Del Oro, CA 95999"]
    emails = ["info@deloro-dcss.example.gov"]
    email_domains = ["deloro-dcss.example.gov"]
    officials = ["Maria Delgado", "Gavin Newsom"]

    [terms]
    scam = ["fast case fixers"]
    profanity = []
    not_names = ["Meridian"]

    [[patterns]]
    name = "legacy_case_number"
    entity = "CASE_NUMBER"
    regex = "\\bLC-[0-9]{6}\\b"
    score = 0.9

    [thresholds]
    report = 0.4
    hide = 0.6
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casewarden.detect.errors import DetectorConfigError
from casewarden.detect.model import Category, EntityType

# A quantified group whose body is itself quantified ("(a+)+", "(\w*)*", "(x|y+){2,}") is
# the shape of catastrophic backtracking in a backtracking engine. Agency patterns with it
# are refused; atomic groups (?>...) and possessive quantifiers (*+, ++) are the safe way.
_NESTED_QUANTIFIER = re.compile(r"\((?!\?>)[^()]*[+*}][^()]*\)[+*{]")
_MAX_PATTERN_LENGTH = 500


@dataclass(frozen=True, slots=True)
class ExtraPattern:
    """An agency-defined regex for one entity type (e.g. a legacy case-number format)."""

    name: str
    entity: EntityType
    regex: str
    score: float = 0.85
    case_sensitive: bool = False
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    """What an agency tells the engine about itself. Every field is optional."""

    agency_name: str = ""
    public_phone_numbers: tuple[str, ...] = ()
    public_addresses: tuple[str, ...] = ()
    public_emails: tuple[str, ...] = ()
    public_email_domains: tuple[str, ...] = ()
    public_officials: tuple[str, ...] = ()
    #: Terms that hide a post on their own, by category name ("scam", "profanity"...).
    extra_terms: Mapping[Category, tuple[str, ...]] = field(default_factory=dict)
    #: Capitalised words never to be read as a person's name (local places, programmes).
    not_names: tuple[str, ...] = ()
    extra_patterns: tuple[ExtraPattern, ...] = ()
    disabled_recognizers: tuple[str, ...] = ()
    report_threshold: float | None = None
    hide_threshold: float | None = None

    def __post_init__(self) -> None:
        for pattern in self.extra_patterns:
            check_pattern(pattern.regex, pattern.name)
            if not 0 < pattern.score <= 1:
                raise DetectorConfigError(f"pattern {pattern.name!r}: score must be in (0, 1]")
        for value in (self.report_threshold, self.hide_threshold):
            if value is not None and not 0 < value <= 1:
                raise DetectorConfigError("thresholds must be in (0, 1]")

    @classmethod
    def from_toml(cls, path: str | Path) -> DetectorConfig:
        """Read an agency configuration file; raises :class:`DetectorConfigError`."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise DetectorConfigError(f"{path}: cannot read ({exc.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise DetectorConfigError(f"{path}: not valid TOML ({exc})") from None
        try:
            return cls.from_mapping(data)
        except DetectorConfigError as exc:
            raise DetectorConfigError(f"{path}: {exc}") from None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DetectorConfig:
        """Build from a parsed mapping with the same shape as the TOML file."""
        _only(data, {"agency", "terms", "patterns", "thresholds", "recognizers"}, "top level")
        agency = _table(data, "agency")
        _only(
            agency,
            {"name", "phone_numbers", "addresses", "emails", "email_domains", "officials"},
            "[agency]",
        )
        terms = _table(data, "terms")
        extra_terms: dict[Category, tuple[str, ...]] = {}
        not_names: tuple[str, ...] = ()
        for key, value in terms.items():
            words = _strings(value, f"[terms].{key}")
            if key == "not_names":
                not_names = words
                continue
            try:
                extra_terms[Category(key)] = words
            except ValueError:
                raise DetectorConfigError(
                    f"[terms].{key}: unknown category (one of "
                    f"{', '.join(c.value for c in Category)} or not_names)"
                ) from None
        patterns = []
        raw_patterns = data.get("patterns", [])
        if not isinstance(raw_patterns, list):
            raise DetectorConfigError("[[patterns]] must be an array of tables")
        for index, item in enumerate(raw_patterns):
            where = f"[[patterns]] #{index + 1}"
            if not isinstance(item, dict):
                raise DetectorConfigError(f"{where}: must be a table")
            _only(item, {"name", "entity", "regex", "score", "case_sensitive", "context"}, where)
            try:
                entity = EntityType(str(item.get("entity", "")))
            except ValueError:
                raise DetectorConfigError(
                    f"{where}: unknown entity {item.get('entity')!r}"
                ) from None
            name, regex = item.get("name"), item.get("regex")
            if not isinstance(name, str) or not isinstance(regex, str):
                raise DetectorConfigError(f"{where}: name and regex must be strings")
            score = item.get("score", 0.85)
            if not isinstance(score, int | float) or isinstance(score, bool):
                raise DetectorConfigError(f"{where}: score must be a number")
            patterns.append(
                ExtraPattern(
                    name=name,
                    entity=entity,
                    regex=regex,
                    score=float(score),
                    case_sensitive=bool(item.get("case_sensitive", False)),
                    context=_strings(item.get("context", []), f"{where}.context"),
                )
            )
        thresholds = _table(data, "thresholds")
        _only(thresholds, {"report", "hide"}, "[thresholds]")
        recognizers = _table(data, "recognizers")
        _only(recognizers, {"disabled"}, "[recognizers]")
        return cls(
            agency_name=str(agency.get("name", "")),
            public_phone_numbers=_strings(agency.get("phone_numbers", []), "phone_numbers"),
            public_addresses=_strings(agency.get("addresses", []), "addresses"),
            public_emails=_strings(agency.get("emails", []), "emails"),
            public_email_domains=_strings(agency.get("email_domains", []), "email_domains"),
            public_officials=_strings(agency.get("officials", []), "officials"),
            extra_terms=extra_terms,
            not_names=not_names,
            extra_patterns=tuple(patterns),
            disabled_recognizers=_strings(recognizers.get("disabled", []), "disabled"),
            report_threshold=_number(thresholds.get("report"), "report"),
            hide_threshold=_number(thresholds.get("hide"), "hide"),
        )


def check_pattern(regex: str, name: str) -> re.Pattern[str]:
    """Compile an agency pattern, refusing ones that are too long or can backtrack badly."""
    if len(regex) > _MAX_PATTERN_LENGTH:
        raise DetectorConfigError(f"pattern {name!r}: longer than {_MAX_PATTERN_LENGTH} chars")
    if _NESTED_QUANTIFIER.search(regex):
        raise DetectorConfigError(
            f"pattern {name!r}: a quantified group contains a quantifier (catastrophic "
            "backtracking risk); use an atomic group (?>...) or a possessive quantifier"
        )
    try:
        return re.compile(regex)  # the agency's own patterns are compiled as they are
    except re.error as exc:
        raise DetectorConfigError(f"pattern {name!r}: not a valid regex ({exc})") from None


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise DetectorConfigError(f"[{key}] must be a table")
    return value


def _only(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise DetectorConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DetectorConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise DetectorConfigError(f"[thresholds].{where}: must be a number")
    return float(value)
