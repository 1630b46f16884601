"""Notices at collection: configuration, in English and Spanish, checked before a form renders.

Every public form that asks for personal information shows, beside the form, the
items of Civil Code § 1798.17 and Government Code § 11015.5. Their texts are data
(one TOML file per form, ``<form>.toml`` in ``privacy_notices_dir`` or the shipped
``privacy/notices/``), because the responsible official, the address and the
authority differ between agencies. A notice that lacks any item in either
language, or that disagrees with the form about which items are mandatory, makes
the form refuse to render: collecting without the notice is what the law forbids.

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
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    problems: list[str] = []
    for key in sorted(set(data) - {"fields", *SUPPORTED_LOCALES}):
        problems.append(f"unknown section [{key}]")
    fields = data.get("fields")
    if not isinstance(fields, Mapping):
        problems.append("the [fields] table is missing")
        fields = {}
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
        for key in sorted(set(section) - ITEM_KEYS):
            problems.append(f"{locale}.{key} is not a notice item")
    return problems


def notice_path(form: str, directory: Path | None) -> Path:
    """Where the notice for ``form`` is read from."""
    return (directory or SHIPPED_NOTICES) / f"{form}.toml"


def load(spec: FormSpec, directory: Path | None = None) -> Notice:
    """The complete notice for ``spec``; NoticeIncomplete (logged for operators) otherwise."""
    path = notice_path(spec.name, directory)
    data: dict[str, Any] = {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        problems = [f"no notice file at {path}"]
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems = [f"{path} cannot be read: {exc}"]
    else:
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
