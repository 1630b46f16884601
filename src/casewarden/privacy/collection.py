"""What each public form collects, whether each item is mandatory, and checking what was sent.

A :class:`FormSpec` is the single statement of a form's fields. The page renders
from it, the notice at collection must agree with it field by field
(``notices.check``), and submissions are validated against it here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from casewarden.errors import InvalidInput
from casewarden.i18n import N_


class Requirement(StrEnum):
    """Whether a person must give an item (Civil Code § 1798.17(d))."""

    MANDATORY = "mandatory"
    VOLUNTARY = "voluntary"
    #: At least one item of the form's ``one_of`` group must be given.
    ONE_OF = "one-of"


class FieldKind(StrEnum):
    """How an item is checked and shown."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    EMAIL = "email"
    PHONE = "phone"
    CHOICE = "choice"
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True, kw_only=True)
class FormField:
    """One item a form asks for (keyword arguments only: eight fields, several of one type)."""

    name: str
    label: str  # an English message id, translated when shown
    requirement: Requirement
    kind: FieldKind
    max_length: int
    hint: str | None = None  # an English message id
    choices: tuple[tuple[str, str], ...] = ()  # (value, English label)
    autocomplete: str | None = None


@dataclass(frozen=True, slots=True)
class FormSpec:
    """A public form that collects personal information."""

    name: str
    fields: tuple[FormField, ...]

    def field(self, name: str) -> FormField:
        """The field called ``name``."""
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def one_of(self) -> tuple[FormField, ...]:
        """The fields of which at least one is needed."""
        return tuple(f for f in self.fields if f.requirement is Requirement.ONE_OF)


class FormInvalid(InvalidInput):
    """Some items of a submission are missing or not acceptable.

    ``problems`` maps a field name (or ``"__form__"``) to an English message id; the
    web layer translates it and never echoes the submitted value back in a message.
    """

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("Some fields are missing or not valid: " + ", ".join(sorted(problems)))
        self.problems = dict(problems)


FORM_LEVEL = "__form__"
MISSING = N_("This item is required.")
TOO_LONG = N_("This is too long.")
NOT_EMAIL = N_("Enter an email address such as name@example.com.")
NOT_PHONE = N_("Enter a telephone number using digits, spaces, dashes or parentheses.")
NOT_CHOICE = N_("Choose one of the options.")
NOT_REFERENCE = N_("A visit reference is 32 letters and digits, as shown on the visit page.")
CONTROL_CHARACTERS = N_("This contains characters that cannot be accepted.")
NEED_ONE_OF = N_("Give at least one way to reach you.")

_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_PHONE = re.compile(r"^\+?[0-9 ().\-]{7,25}(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)
_REFERENCE = re.compile(r"^[0-9a-f]{32}$")
# Line separators and the bidirectional embedding, override and isolate controls, which
# can make text display differently from what it says (staff read these messages).
_REFUSED = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _clean_text(value: str, *, multiline: bool) -> str | None:
    """NFC text without control characters; None when it holds characters we refuse."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    allowed = {"\n", "\t"} if multiline else set()
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"} or char in _REFUSED:
            return None
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


def clean_reference(value: str) -> str:
    """A visit reference as typed (with spaces or dashes, any case) in its stored form."""
    return re.sub(r"[\s-]", "", value).lower()


def _check(item: FormField, raw: str) -> tuple[str | None, str | None]:
    """(cleaned value or None when empty, problem message id or None)."""
    if len(raw) > item.max_length * 2 + 100:  # far over: do not even normalise it
        return None, TOO_LONG
    cleaned = _clean_text(raw, multiline=item.kind is FieldKind.LONG_TEXT)
    if cleaned is None:
        return None, CONTROL_CHARACTERS
    if item.kind is FieldKind.REFERENCE:
        cleaned = clean_reference(cleaned)
    if not cleaned:
        return None, None
    if len(cleaned) > item.max_length:
        return None, TOO_LONG
    if item.kind is FieldKind.EMAIL and not _EMAIL.match(cleaned):
        return None, NOT_EMAIL
    if item.kind is FieldKind.PHONE and not _PHONE.match(cleaned):
        return None, NOT_PHONE
    if item.kind is FieldKind.CHOICE and cleaned not in {value for value, _ in item.choices}:
        return None, NOT_CHOICE
    if item.kind is FieldKind.REFERENCE and not _REFERENCE.match(cleaned):
        return None, NOT_REFERENCE
    return cleaned, None


def validate(spec: FormSpec, submitted: Mapping[str, str]) -> dict[str, str | None]:
    """Every field of ``spec``, cleaned; raises FormInvalid naming each problem."""
    values: dict[str, str | None] = {}
    problems: dict[str, str] = {}
    for item in spec.fields:
        value, problem = _check(item, submitted.get(item.name, "") or "")
        if problem:
            problems[item.name] = problem
        elif value is None and item.requirement is Requirement.MANDATORY:
            problems[item.name] = MISSING
        values[item.name] = value
    group = spec.one_of
    given = any(values.get(f.name) for f in group)
    if group and not given and not any(f.name in problems for f in group):
        problems[FORM_LEVEL] = NEED_ONE_OF
    if problems:
        raise FormInvalid(problems)
    return values


@dataclass(frozen=True, slots=True)
class FormState:
    """What a form page shows again after a failed submission (never in messages)."""

    values: Mapping[str, str] = field(default_factory=dict)
    problems: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def after(cls, spec: FormSpec, submitted: Mapping[str, str], error: FormInvalid) -> FormState:
        """Keep what the person typed (cut to each field's limit) so they need not retype."""
        values = {
            item.name: (submitted.get(item.name, "") or "")[: item.max_length]
            for item in spec.fields
        }
        return cls(values=values, problems=error.problems)


def clean_field(spec: FormSpec, name: str, value: str) -> str | None:
    """One field's value checked as the form checks it (corrections use the same rules)."""
    item = spec.field(name)
    cleaned, problem = _check(item, value)
    if problem:
        raise FormInvalid({name: problem})
    if cleaned is None and item.requirement is Requirement.MANDATORY:
        raise FormInvalid({name: MISSING})
    return cleaned
