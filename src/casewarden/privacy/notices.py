"""Notices at collection: configuration, in English and Spanish, checked before a form renders.

Every public form that asks for personal information shows, beside the form, the
items of Civil Code § 1798.17 and Government Code § 11015.5. Their texts are data
(one TOML file per form, ``<form>.toml`` in ``privacy_notices_dir`` or the shipped
``privacy/notices/``), because the responsible official, the address and the
authority differ between agencies. A notice that lacks any item in either
language, or that disagrees with the form about which items are mandatory, makes
the form refuse to render: collecting without the notice is what the law forbids.
An item that is only a placeholder ("TBD", "TODO", "xxx", "[...]", "lorem ipsum"…)
is as good as missing, and the official's telephone and address must be a real US
telephone number (``phonenumbers``) and a California postal address: a street or
PO box, a city, CA and a ZIP code (``usaddress``).

A downloadable form of the forms library that asks for personal information either
carries its notice in its own file (``forms.toml`` says where) or names a notice file
here, shown beside the download at ``/forms/<slug>/notice``. Its ``[fields]`` table
states each item the paper form asks for, with its label in both languages:
``name = { requirement = "mandatory", en = "Your name", es = "Su nombre" }``.

File layout::

    [fields]                       # every item the form asks for (§ 1798.17(d))
    name = "mandatory"             # "mandatory", "voluntary" or "one-of"
    [en]
    agency = "…"                   # each key of ITEMS, non-empty
    [es]
    agency = "…"
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
import usaddress

from casewarden.errors import ConfigurationError
from casewarden.i18n import N_, SUPPORTED_LOCALES
from casewarden.privacy.collection import FormSpec, Requirement

log = logging.getLogger("casewarden.privacy")

SHIPPED_NOTICES = Path(__file__).parent / "notices"
#: Longest text accepted for one item: a notice is read beside a form, not a treatise.
MAX_ITEM_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """One thing the notice must say, with the law that requires it."""

    key: str
    heading: str  # an English message id
    law: str  # an English message id


ITEMS: tuple[NoticeItem, ...] = (
    NoticeItem("agency", N_("Agency"), N_("Civil Code § 1798.17(a)")),
    NoticeItem("division", N_("Division"), N_("Civil Code § 1798.17(a)")),
    NoticeItem("official_title", N_("Responsible official"), N_("Civil Code § 1798.17(b)")),
    NoticeItem(
        "official_address", N_("Official's business address"), N_("Civil Code § 1798.17(b)")
    ),
    NoticeItem("official_phone", N_("Official's telephone"), N_("Civil Code § 1798.17(b)")),
    NoticeItem("authority", N_("Authority"), N_("Civil Code § 1798.17(c)")),
    NoticeItem("consequences", N_("If you do not provide it"), N_("Civil Code § 1798.17(e)")),
    NoticeItem("purposes", N_("Principal purposes"), N_("Civil Code § 1798.17(f)")),
    NoticeItem("disclosures", N_("Foreseeable disclosures"), N_("Civil Code § 1798.17(g)")),
    NoticeItem("access", N_("Your right of access"), N_("Civil Code § 1798.17(h)")),
    NoticeItem("collection", N_("How information is collected"), N_("Government Code § 11015.5")),
    NoticeItem("identifier", N_("Identifier on your computer"), N_("Government Code § 11015.5")),
    NoticeItem("discard", N_("Having it discarded"), N_("Government Code § 11015.5")),
    NoticeItem("no_sale", N_("No sale or distribution"), N_("Government Code § 11015.5")),
)
ITEM_KEYS = frozenset(item.key for item in ITEMS)


class NoticeIncomplete(ConfigurationError):
    """A form's notice at collection is missing, incomplete or disagrees with the form."""

    public_message = (
        "This form is not available right now because its privacy notice is incomplete. "
        "Please try again later."
    )

    def __init__(self, form: str, problems: list[str]) -> None:
        super().__init__(self.public_message)
        self.form = form
        self.problems = problems

    def __str__(self) -> str:
        return f"notice for form {self.form!r} is incomplete: " + "; ".join(self.problems)


@dataclass(frozen=True, slots=True)
class Notice:
    """A complete notice at collection for one form."""

    form: str
    texts: Mapping[str, Mapping[str, str]]  # locale -> item key -> text
    requirements: Mapping[str, Requirement]

    def in_locale(self, locale: str) -> Mapping[str, str]:
        """The item texts in ``locale`` (English when the locale is not supported)."""
        return self.texts.get(locale) or self.texts["en"]


def check(spec: FormSpec, data: Mapping[str, object]) -> list[str]:
    """Every problem with a notice's data for ``spec``; an empty list means complete."""
    problems, fields = _sections(data)
    for item in spec.fields:
        stated = fields.get(item.name)
        if stated is None:
            problems.append(f"field {item.name!r} is not listed as mandatory or voluntary")
        elif stated != item.requirement.value:
            problems.append(
                f"field {item.name!r} is listed as {stated!r} but the form makes it "
                f"{item.requirement.value!r}"
            )
    for name in sorted(set(fields) - {item.name for item in spec.fields}):
        problems.append(f"field {name!r} is listed but the form does not ask for it")
    return problems + _items(data)


def _sections(data: Mapping[str, object]) -> tuple[list[str], Mapping[str, Any]]:
    problems = [
        f"unknown section [{key}]" for key in sorted(set(data) - {"fields", *SUPPORTED_LOCALES})
    ]
    fields = data.get("fields")
    if not isinstance(fields, Mapping):
        problems.append("the [fields] table is missing")
        fields = {}
    return problems, fields


def _items(data: Mapping[str, object]) -> list[str]:
    problems: list[str] = []
    for locale in SUPPORTED_LOCALES:
        section = data.get(locale)
        if not isinstance(section, Mapping):
            problems.append(f"the [{locale}] section is missing")
            continue
        for notice_item in ITEMS:
            key = notice_item.key
            text = section.get(key)
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{locale}.{key} ({notice_item.law}) is missing or empty")
            elif len(text) > MAX_ITEM_LENGTH:
                problems.append(f"{locale}.{key} is longer than {MAX_ITEM_LENGTH} characters")
            elif (found := placeholder_in(text)) is not None:
                problems.append(
                    f"{locale}.{key} ({notice_item.law}) is a placeholder ({found!r}), "
                    "not the text the notice must give"
                )
            elif problem := _FORMAT_CHECKS.get(key, _no_problem)(text):
                problems.append(f"{locale}.{key} ({notice_item.law}) {problem}")
        for key in sorted(set(section) - ITEM_KEYS):
            problems.append(f"{locale}.{key} is not a notice item")
    return problems


# Words and marks that stand in for text still to be written. Matched on whole words, so
# "taxes" or "Texas" never match "xxx" or "TBD"; "for example" is prose and stays allowed,
# and only a capitalised TODO counts ("todo" is Spanish for "all").
_PLACEHOLDER = re.compile(
    r"""(?ix)
    (?<![\w/])(?:tbd|tba|tbc|(?-i:TODO|To[Dd]o:)|fixme|xxx+|n/a|lorem\s+ipsum|placeholder|changeme
      |to\s+be\s+(?:determined|decided|confirmed|added)|por\s+(?:definir|determinar)
      |(?<!for\s)(?<!for\s\s)example(?:\.(?:com|org|net|gov))?)(?![\w/])
    | (?:\(|\b)x{2,}[-.\s)]*x{3,}            # (xxx) xxx-xxxx, 916-xxx-xxxx
    | \[[^\]]*\] | <[^>]*> | \{[^}]*\}       # [...], <insert here>, {{official}}
    | (?<!\S)\?+(?!\S) | \?{2,}               # a "?" standing alone, "??"
    """
)
# A whole item this short, or made only of these, is a stand-in, never the real text.
_BLANKISH = re.compile(r"^[\W_]*(?:na|none|null|nil|unknown|pending|\.\.\.|…)?[\W_]*$", re.I)
_MIN_LETTERS = 3


def placeholder_in(text: str) -> str | None:
    """The placeholder ``text`` holds instead of real text, or None."""
    stripped = " ".join(text.split())
    if _BLANKISH.match(stripped) or sum(c.isalnum() for c in stripped) < _MIN_LETTERS:
        return stripped
    match = _PLACEHOLDER.search(stripped)
    return match.group(0) if match else None


_DIGIT_RUN = re.compile(r"\d[\d\s().-]{2,}\d")


def phone_problem(text: str) -> str | None:
    """Why ``text`` does not give a valid US telephone number, or None when it does."""
    matches = list(phonenumbers.PhoneNumberMatcher(text, "US"))
    valid = [
        m
        for m in matches
        if phonenumbers.is_valid_number(m.number)
        and phonenumbers.region_code_for_number(m.number) == "US"
    ]
    if not valid:
        return "is not a valid US telephone number (for example 1-866-901-3212)"
    rest = text
    for match in valid:
        rest = rest.replace(match.raw_string, " ")
    if leftover := _DIGIT_RUN.search(rest):
        return f"holds {leftover.group(0)!r}, which is not a valid US telephone number"
    return None


_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_CALIFORNIA = frozenset({"ca", "calif", "california"})


def address_problem(text: str) -> str | None:
    """Why ``text`` is not a California postal address, or None when it is one."""
    parts: dict[str, list[str]] = {}
    # parse (unlike tag) never refuses a name before or an "Attn:" line after the address.
    for token, label in usaddress.parse(text):
        parts.setdefault(label, []).append(token.strip(" ,;.\n\t"))
    missing = []
    street = "AddressNumber" in parts and "StreetName" in parts
    box = "USPSBoxType" in parts and "USPSBoxID" in parts
    if not (street or box):
        missing.append("a street address or PO box")
    if "PlaceName" not in parts:
        missing.append("a city")
    states = {" ".join(parts.get("StateName", [])).casefold().strip(".")}
    if not states & _CALIFORNIA:
        missing.append("the state (CA)")
    zips = parts.get("ZipCode", [])
    if len(zips) != 1 or not _ZIP.match(zips[0]):
        missing.append("a ZIP code (95741 or 95741-9064)")
    if not missing:
        return None
    return "is not a California postal address: it lacks " + ", ".join(missing)


def _no_problem(text: str) -> None:
    return None


#: Items with a form of their own: the official's telephone and postal address.
_FORMAT_CHECKS: Mapping[str, Callable[[str], str | None]] = {
    "official_phone": phone_problem,
    "official_address": address_problem,
}


def notice_path(form: str, directory: Path | None) -> Path:
    """Where the notice for ``form`` is read from."""
    return (directory or SHIPPED_NOTICES) / f"{form}.toml"


def _read(path: Path) -> tuple[dict[str, Any], list[str]]:
    """A notice file's TOML, or no data and why it cannot be read."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), []
    except FileNotFoundError:
        return {}, [f"no notice file at {path}"]
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [f"{path} cannot be read: {exc}"]


def load(spec: FormSpec, directory: Path | None = None) -> Notice:
    """The complete notice for ``spec``; NoticeIncomplete (logged for operators) otherwise."""
    path = notice_path(spec.name, directory)
    data, problems = _read(path)
    if not problems:
        problems = check(spec, data)
    if problems:
        error = NoticeIncomplete(spec.name, problems)
        log.error("%s", error)
        raise error
    return Notice(
        form=spec.name,
        texts={
            locale: {key: " ".join(str(data[locale][key]).split()) for key in ITEM_KEYS}
            for locale in SUPPORTED_LOCALES
        },
        requirements={item.name: item.requirement for item in spec.fields},
    )


@dataclass(frozen=True, slots=True)
class PaperField:
    """One item a downloadable form asks for, as its notice states it."""

    name: str
    requirement: Requirement
    label: Mapping[str, str]  # locale -> label


@dataclass(frozen=True, slots=True)
class DownloadNotice:
    """A complete notice at collection for a downloadable form of the forms library."""

    name: str
    texts: Mapping[str, Mapping[str, str]]  # locale -> item key -> text
    fields: tuple[PaperField, ...]

    def in_locale(self, locale: str) -> Mapping[str, str]:
        """The item texts in ``locale`` (English when the locale is not supported)."""
        return self.texts.get(locale) or self.texts["en"]


_REQUIREMENTS = ", ".join(repr(r.value) for r in Requirement)


def _paper_fields(fields: Mapping[str, Any], problems: list[str]) -> tuple[PaperField, ...]:
    if not fields:
        problems.append("[fields] lists nothing: name every item the form asks for")
    found = []
    for name, entry in fields.items():
        if not isinstance(entry, Mapping):
            problems.append(
                f"field {name!r} must be a table: {{ requirement = ..., en = ..., es = ... }}"
            )
            continue
        try:
            requirement = Requirement(str(entry.get("requirement")))
        except ValueError:
            problems.append(f"field {name!r}: requirement must be one of {_REQUIREMENTS}")
            continue
        labels: dict[str, str] = {}
        for locale in SUPPORTED_LOCALES:
            label = entry.get(locale)
            if not isinstance(label, str) or not label.strip():
                problems.append(f"field {name!r}: the {locale} label is missing or empty")
            elif (placeholder := placeholder_in(label)) is not None:
                problems.append(
                    f"field {name!r}: the {locale} label is a placeholder ({placeholder!r})"
                )
            else:
                labels[locale] = " ".join(label.split())
        if len(labels) == len(SUPPORTED_LOCALES):
            found.append(PaperField(str(name), requirement, labels))
    return tuple(found)


def load_for_download(name: str, directory: Path | None = None) -> DownloadNotice:
    """The complete notice called ``name`` for a downloadable form; NoticeIncomplete otherwise."""
    path = notice_path(name, directory)
    data, problems = _read(path)
    fields: tuple[PaperField, ...] = ()
    if not problems:
        problems, stated = _sections(data)
        fields = _paper_fields(stated, problems)
        problems += _items(data)
    if problems:
        error = NoticeIncomplete(name, problems)
        log.error("%s", error)
        raise error
    return DownloadNotice(
        name=name,
        texts={
            locale: {key: " ".join(str(data[locale][key]).split()) for key in ITEM_KEYS}
            for locale in SUPPORTED_LOCALES
        },
        fields=fields,
    )
