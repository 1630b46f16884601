"""Audit events as plain values, and recording an action on a subject."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent, Subject
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag, Outcome

STAFF = Actor(kind=ActorKind.STAFF, id=7, agency_id=3, role="admin")
NOBODY = Actor(kind=ActorKind.STAFF, id=7, agency_id=None, role="admin")
REVIEW = Subject(type="review_request", purpose="privacy_request", citation="Civ. Code § 1798.34")


@dataclass(frozen=True)
class _Row:
    id: int
    agency_id: int | None


CITED = ("privacy_request", "Civ. Code § 1798.34")


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (REVIEW.of(_Row(12, 4)), ("review_request", "12", 4, *CITED)),
        (REVIEW.of(None), ("review_request", None, None, *CITED)),
        (REVIEW.of(_Row(5, None)), ("review_request", "5", None, *CITED)),
        (Subject(type="contact_form", agency_id=9), ("contact_form", None, 9, None, None)),
    ],
)
def test_a_subject_names_the_record_and_keeps_its_kind_and_purpose(
    subject: Subject, expected: tuple[object, ...]
) -> None:
    event = subject.event(actor=STAFF, tag=AuditTag.PRIVACY_REVIEW_VIEW)
    named = (event.subject_type, event.subject_id, event.agency_id, event.purpose, event.citation)
    assert named == expected


def test_a_subject_event_is_the_event_spelled_out() -> None:
    built = REVIEW.of(_Row(12, 4)).event(
        actor=STAFF, tag=AuditTag.PRIVACY_REVIEW_VERIFY, details={"method": "in_person"}
    )
    assert built == AuditEvent(
        actor=STAFF,
        tag=AuditTag.PRIVACY_REVIEW_VERIFY,
        subject_type="review_request",
        subject_id="12",
        agency_id=4,
        purpose="privacy_request",
        citation="Civ. Code § 1798.34",
        outcome=Outcome.SUCCESS,
        details={"method": "in_person"},
    )


def test_details_stay_references_not_text() -> None:
    with pytest.raises(ValueError, match="not free text"):
        REVIEW.event(actor=STAFF, tag=AuditTag.PRIVACY_REVIEW_VIEW, details={"name": "Ana Pérez"})


def test_record_appends_what_append_would(session: Session) -> None:
    # No agency: the chain's agency column refers to a stored agency.
    spelled = REVIEW.of(_Row(12, None)).event(
        actor=NOBODY, tag=AuditTag.PRIVACY_REVIEW_CLOSE, outcome=Outcome.DENIED, details={"n": 1}
    )
    chain.append(session, spelled)
    seq = chain.record(
        session,
        subject=REVIEW.of(_Row(12, None)),
        actor=NOBODY,
        tag=AuditTag.PRIVACY_REVIEW_CLOSE,
        outcome=Outcome.DENIED,
        details={"n": 1},
    )
    first, second = session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
    assert seq == second.seq == first.seq + 1
    varying = {"seq", "prev_hash", "occurred_at"}
    spelled_body, recorded_body = (
        {key: value for key, value in chain.body_of(entry).items() if key not in varying}
        for entry in (first, second)
    )
    assert recorded_body == spelled_body
