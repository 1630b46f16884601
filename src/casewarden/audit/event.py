"""What the audit chain records, as plain values: engines and errors import this alone.

No storage here: ``casewarden.audit.chain`` appends events to the database; the policy
engine and the error tree build them without loading it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from casewarden.actor import Actor
from casewarden.audit.tags import AuditTag, Outcome

# Details carry references (ids, codes, counts), never free text: a value that
# could hold a name, a comment body or an address does not pass this check.
_DETAIL_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_DETAIL_TEXT = re.compile(r"^[A-Za-z0-9_:.\-/@+=#§]{0,128}$")

Details = Mapping[str, str | int | bool | None]


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """What to record: who did what, on what, why, and how it ended."""

    actor: Actor
    tag: AuditTag
    subject_type: str | None = None
    subject_id: str | None = None
    agency_id: int | None = None
    purpose: str | None = None
    citation: str | None = None
    outcome: Outcome = Outcome.SUCCESS
    details: Details = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, value in self.details.items():
            if not _DETAIL_KEY.match(key):
                raise ValueError(f"audit detail key {key!r} is not a plain identifier")
            if isinstance(value, str) and not _DETAIL_TEXT.match(value):
                raise ValueError(f"audit detail {key!r} must be an id or code, not free text")
            if value is not None and not isinstance(value, str | int | bool):
                raise ValueError(f"audit detail {key!r} has unsupported type")


class Stored(Protocol):
    """A stored record an audited action is about: its id and the agency it belongs to."""

    @property
    def id(self) -> int:
        """The record's own number."""

    @property
    def agency_id(self) -> int | None:
        """The agency the record belongs to."""


@dataclass(frozen=True, slots=True)
class Subject:
    """What audited actions are about and why: what every entry about one record repeats.

    A domain keeps one per kind of record and purpose, such as
    ``Subject(type="review_request", purpose="privacy_request", citation=CITATION)``,
    and names the record at hand with :meth:`of`.
    """

    type: str | None = None
    id: str | None = None
    agency_id: int | None = None
    purpose: str | None = None
    citation: str | None = None

    def of(self, record: Stored | None) -> Subject:
        """This kind of subject, naming ``record`` (its id and agency); None names no record."""
        if record is None:
            return self
        return replace(self, id=str(record.id), agency_id=record.agency_id)

    def citing(self, citation: str | None) -> Subject:
        """This subject, with the law or policy an action on it rests on."""
        return replace(self, citation=citation)

    def event(
        self,
        *,
        actor: Actor,
        tag: AuditTag,
        outcome: Outcome = Outcome.SUCCESS,
        details: Details | None = None,
    ) -> AuditEvent:
        """The event of ``actor`` doing ``tag`` to this subject (a refusal's, or to record)."""
        return AuditEvent(
            actor=actor,
            tag=tag,
            subject_type=self.type,
            subject_id=self.id,
            agency_id=self.agency_id,
            purpose=self.purpose,
            citation=self.citation,
            outcome=outcome,
            details=dict(details or {}),
        )
