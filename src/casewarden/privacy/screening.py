"""Screening what the public types into a form, before anything is stored.

The contact form and the review request ask people not to send identifiers or the details
of a case. The detection engine moderation uses reads the free text on the server when
the form is posted; when it finds such a passage, nothing is stored and the form comes
back with the passage marked. The visitor then removes the marked passages, edits the
text, or sends it as written: an explicit choice. What is sent anyway keeps the offsets
of the marked passages (never their words in the clear) so the privacy officer sees them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from casewarden.audit.event import Details
from casewarden.detect import Category, EntityType, ScanResult
from casewarden.errors import InvalidInput
from casewarden.i18n import N_

#: Identifiers the forms ask people not to send. Telephone numbers and emails are not
#: among them (the forms have fields for them), nor names alone (conversation).
SCREENED_TYPES = frozenset(
    {
        EntityType.US_SSN,
        EntityType.CASE_NUMBER,
        EntityType.DATE_OF_BIRTH,
        EntityType.STREET_ADDRESS,
        EntityType.BANK_ACCOUNT,
        EntityType.ROUTING_NUMBER,
        EntityType.CREDIT_CARD,
        EntityType.DRIVER_LICENSE,
        EntityType.MEDICAL,
    }
)
#: The kind recorded for a passage that states a fact of someone's case.
CASE_DETAILS = Category.CASE_DETAILS.value


#: What the visitor is told each marked passage is (English message ids).
KIND_LABELS: Mapping[str, str] = {
    EntityType.US_SSN.value: N_("Social Security number"),
    EntityType.CASE_NUMBER.value: N_("case number"),
    EntityType.DATE_OF_BIRTH.value: N_("date of birth"),
    EntityType.STREET_ADDRESS.value: N_("street address"),
    EntityType.BANK_ACCOUNT.value: N_("bank account number"),
    EntityType.ROUTING_NUMBER.value: N_("bank routing number"),
    EntityType.CREDIT_CARD.value: N_("card number"),
    EntityType.DRIVER_LICENSE.value: N_("driver's license number"),
    EntityType.MEDICAL.value: N_("health information"),
    EntityType.PERSON.value: N_("a person's name"),
    CASE_DETAILS: N_("details of a case"),
}
#: The problem shown beside a field whose text was marked.
MARKED = N_(
    "This includes information the form asks you not to send; it is marked below. Remove "
    "it, or send it as written."
)


class FormScanner(Protocol):
    """The detection engine, as screening uses it."""

    def scan(self, text: str) -> ScanResult:
        """The engine's verdict on ``text``."""


class ScreenChoice(StrEnum):
    """What the visitor chose on the re-shown form."""

    REMOVE = "remove"
    SEND_ANYWAY = "send"


@dataclass(frozen=True, slots=True)
class Passage:
    """A marked passage: what kind of information, and where (offsets into the text)."""

    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """As stored with the record and read by ``web.highlight`` (offsets, no text)."""
        return {"type": self.kind, "start": self.start, "end": self.end}


def screen(scanner: FormScanner, text: str | None) -> tuple[Passage, ...]:
    """The passages of ``text`` that the form asks people not to send, in order."""
    if not text:
        return ()
    result = scanner.scan(text)
    passages = {
        Passage(str(f.type), f.start, f.end) for f in result.findings if f.type in SCREENED_TYPES
    }
    if Category.CASE_DETAILS in result.categories:
        # A case fact is a person's name with what is said about them: mark both.
        passages.update(
            Passage(str(f.type), f.start, f.end)
            for f in result.findings
            if f.type is EntityType.PERSON
        )
        passages.update(
            Passage(CASE_DETAILS, s.start, s.end)
            for s in result.signals
            if s.category is Category.CASE_DETAILS and s.start < s.end
        )
    return tuple(sorted(passages, key=lambda p: (p.start, p.end, p.kind)))


def remove_passages(text: str, passages: Sequence[Passage]) -> str:
    """``text`` without the marked passages (each replaced by "[…]")."""
    parts: list[str] = []
    cursor = 0
    for passage in sorted(passages, key=lambda p: p.start):
        if passage.end <= cursor:
            continue
        start = max(passage.start, cursor)
        parts.append(text[cursor:start])
        parts.append("[…]")
        cursor = passage.end
    parts.append(text[cursor:])
    return "".join(parts)


class ScreeningFound(InvalidInput):
    """A form's free text holds what the form asks not to send; nothing was stored.

    ``passages`` maps a field name to its marked passages (offsets into the cleaned text,
    which ``values`` holds, so the page can show the marks where they are).
    """

    def __init__(
        self, passages: Mapping[str, tuple[Passage, ...]], values: Mapping[str, str | None]
    ) -> None:
        kinds = sorted({p.kind for found in passages.values() for p in found})
        super().__init__("The form holds information it asks not to send: " + ", ".join(kinds))
        self.passages = dict(passages)
        self.values = dict(values)

    def audit_details(self) -> Details:
        """What the audit chain keeps of a sent-back form: the kinds found, never the text."""
        kinds = sorted({p.kind for found in self.passages.values() for p in found})
        return {"kinds": "+".join(kinds), "passages": sum(map(len, self.passages.values()))}


def screened_text(
    *,
    scanner: FormScanner,
    field: str,
    text: str | None,
    choice: ScreenChoice | None,
    values: Mapping[str, str | None],
) -> tuple[str | None, tuple[Passage, ...]]:
    """The text to store and the passages still marked in it, or ScreeningFound.

    Without a choice, a marked passage refuses the submission. ``REMOVE`` takes the marked
    passages out (and screens what is left: editing can leave more); ``SEND_ANYWAY``
    keeps the text as written, with its passages marked for the privacy officer.
    """
    passages = screen(scanner, text)
    if not passages or text is None:
        return text, ()
    if choice is None:
        raise ScreeningFound({field: passages}, values)
    if choice is ScreenChoice.REMOVE:
        text = remove_passages(text, passages)
        return text, screen(scanner, text)
    return text, passages


def parse_choice(raw: str | None) -> ScreenChoice | None:
    """The visitor's choice from the form (anything else is no choice)."""
    try:
        return ScreenChoice(raw) if raw else None
    except ValueError:
        return None
