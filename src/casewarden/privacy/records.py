"""Where casewarden holds a person's information: finders searched for a review request.

Each domain that stores personal information supplied by, or about, a member of the
public registers a :class:`RecordFinder` (the contact messages and review requests
register theirs in their own modules; visit records are found here by the visit
reference the person copied from their "my visit information" page). A review
request's search asks every registered finder, so a new domain is covered by
registering, not by editing the review code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.privacy.models import VisitRecord


@dataclass(frozen=True, slots=True)
class Person:
    """Who a review request is about, as they described themselves."""

    name: str
    email: str | None
    phone: str | None
    visit_reference: str | None
    #: The review request being answered (its finder leaves it out of its own results).
    request_id: int | None = None


@dataclass(frozen=True, slots=True)
class PersonalRecord:
    """A record that holds the person's information: where, which, and what it is."""

    source: str
    record_id: str
    summary: str


class RecordFinder(Protocol):
    """A domain's search for a person's records, and its correction of them."""

    #: Stable name of the source, stored with each finding (e.g. ``contact_message``).
    source: str
    #: Fields a requested correction may change; empty when the source cannot be corrected.
    correctable: frozenset[str]

    def find(self, session: Session, person: Person) -> Iterable[PersonalRecord]:
        """The person's records in this source."""
        ...

    def correct(self, session: Session, record_id: str, field: str, value: str) -> None:
        """Change one field of one record (the value is already acceptable to ask for)."""
        ...


_FINDERS: dict[str, RecordFinder] = {}


def register(finder: RecordFinder) -> RecordFinder:
    """Add a finder (idempotent by source name)."""
    _FINDERS[finder.source] = finder
    return finder


def finders() -> tuple[RecordFinder, ...]:
    """Every registered finder, by source name."""
    return tuple(_FINDERS[name] for name in sorted(_FINDERS))


def finder_for(source: str) -> RecordFinder:
    """The finder for ``source``."""
    try:
        return _FINDERS[source]
    except KeyError:
        raise InvalidInput(
            N_("Unknown record source %(source)r."), values={"source": source[:40]}
        ) from None


def find_all(session: Session, person: Person) -> list[PersonalRecord]:
    """The person's records across every registered source."""
    found: list[PersonalRecord] = []
    for finder in finders():
        found.extend(finder.find(session, person))
    return found


def phone_digits(phone: str | None) -> str | None:
    """The last ten digits of a telephone number, for matching however it was typed."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone.split("x", 1)[0].split("ext", 1)[0])
    return digits[-10:] if len(digits) >= 7 else None


def same_name(left: str | None, right: str | None) -> bool:
    """Names compare case-insensitively, ignoring spacing."""
    if not left or not right:
        return False
    return " ".join(left.casefold().split()) == " ".join(right.casefold().split())


class VisitRecordFinder:
    """Visit records carrying the visit reference the person gave."""

    source = "visit_record"
    correctable: frozenset[str] = frozenset()

    def find(self, session: Session, person: Person) -> Iterable[PersonalRecord]:
        """One summary for all the records of the reference (they are one browser's)."""
        if not person.visit_reference:
            return []
        row = session.execute(
            select(
                func.count(), func.min(VisitRecord.occurred_at), func.max(VisitRecord.occurred_at)
            ).where(VisitRecord.session_ref == person.visit_reference)
        ).one()
        count, first, last = row
        if not count:
            return []
        summary = (
            f"{count} visit record(s) from {first:%Y-%m-%d} to {last:%Y-%m-%d} "
            "for the visit reference given"
        )
        return [PersonalRecord(self.source, person.visit_reference, summary)]

    def correct(self, session: Session, record_id: str, field: str, value: str) -> None:
        """Visit records are not corrected; the person may have them discarded instead."""
        raise InvalidInput(N_("Visit records cannot be corrected; they can be discarded."))


register(VisitRecordFinder())
