"""Contact messages: stored from the form, read by staff, forwarded only with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.actor import Actor
from casewarden.audit.models import AuditEntry
from casewarden.detect import default_detector
from casewarden.errors import Conflict, InvalidInput, PermissionDenied
from casewarden.privacy import messages
from casewarden.privacy.models import (
    MESSAGE_BODY_PURPOSE,
    ContactMessage,
    ForwardReason,
    MessageStatus,
)
from casewarden.privacy.screening import ScreenChoice, ScreeningFound
from tests.factories import make_agency, make_user
from tests.privacy_factories import keyring, make_message


def _submit(session: Session, agency_id: int, message: str, **extra: object) -> ContactMessage:
    return messages.submit(
        session=session,
        agency_id=agency_id,
        submitted={"topic": "privacy", "message": message, "name": "Ana"},
        language="es",
        keyring=keyring(),
        scanner=default_detector(),
        **extra,  # type: ignore[arg-type]
    )


def test_a_message_is_stored_sealed_and_its_receipt_audited_without_content(
    session: Session,
) -> None:
    agency = make_agency(session)
    stored = _submit(session, agency.id, "Is the office open on Saturday 12/27?")
    assert stored.reference.startswith("C-")
    assert len(stored.reference) == 11
    assert (stored.topic.value, stored.language, stored.status) == (
        "privacy",
        "es",
        MessageStatus.NEW,
    )
    assert b"Saturday" not in stored.body_sealed
    assert keyring().open_text(stored.body_sealed, MESSAGE_BODY_PURPOSE).startswith("Is the")
    assert stored.marked is None
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:message:receive")
    ).one()
    assert entry.subject_id == str(stored.id)
    assert "Saturday" not in str(entry.details)
    assert "Ana" not in str(entry.details)


SSN_MESSAGE = "Is my SSN 536-22-4187 safe with you?"


@pytest.mark.parametrize(
    ("message", "kinds"),
    [
        (SSN_MESSAGE, {"US_SSN"}),
        ("mi numero de seguro social es 536-22-4187", {"US_SSN"}),
        ("My case number is 190000012345, when do I get paid?", {"CASE_NUMBER"}),
        ("John Smith works at Walmart and owes $4000 in child support", {"PERSON"}),
    ],
)
def test_what_the_form_asks_not_to_send_stores_nothing_and_is_marked(
    session: Session, message: str, kinds: set[str]
) -> None:
    agency = make_agency(session)
    with pytest.raises(ScreeningFound) as raised:
        _submit(session, agency.id, message)
    passages = raised.value.passages["message"]
    assert kinds <= {p.kind for p in passages}
    assert session.scalar(select(ContactMessage.id)) is None
    refusal = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:message:screen")
    ).one()
    assert refusal.outcome == "denied"
    assert message[passages[0].start : passages[0].end] not in str(refusal.details)


def test_a_message_without_identifiers_is_not_marked(session: Session) -> None:
    agency = make_agency(session)
    stored = _submit(session, agency.id, "Whoever runs this office should be fired. Call me.")
    assert stored.marked is None


def test_send_anyway_keeps_the_text_and_marks_it_for_the_officer(session: Session) -> None:
    agency = make_agency(session)
    stored = _submit(session, agency.id, SSN_MESSAGE, choice=ScreenChoice.SEND_ANYWAY)
    assert keyring().open_text(stored.body_sealed, MESSAGE_BODY_PURPOSE) == SSN_MESSAGE
    assert stored.marked == [{"type": "US_SSN", "start": 10, "end": 21}]
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    opened = messages.open_message(
        session=session, actor=officer, keyring=keyring(), message_id=stored.id
    )
    assert (opened.body, opened.marked) == (SSN_MESSAGE, stored.marked)


def test_remove_takes_the_marked_passages_out(session: Session) -> None:
    agency = make_agency(session)
    stored = _submit(session, agency.id, SSN_MESSAGE, choice=ScreenChoice.REMOVE)
    body = keyring().open_text(stored.body_sealed, MESSAGE_BODY_PURPOSE)
    assert body == "Is my SSN […] safe with you?"
    assert stored.marked is None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.PAGE_MODERATOR, True),
        (Role.PRIVACY_OFFICER, True),
        (Role.SUPERVISOR, True),
        (Role.CASEWORKER, False),
        (Role.ADMIN, False),
    ],
)
def test_who_reads_messages(session: Session, role: Role, allowed: bool) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    actor = actor_for(make_user(session, agency, role=role))
    if allowed:
        opened = messages.open_message(
            session=session, actor=actor, keyring=keyring(), message_id=message.id
        )
        assert (opened.message, opened.body) == (message, "When is the office open?")
    else:
        with pytest.raises(PermissionDenied):
            messages.open_message(
                session=session, actor=actor, keyring=keyring(), message_id=message.id
            )


def test_opening_a_message_is_audited(session: Session) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    reader = actor_for(make_user(session, agency, role=Role.PAGE_MODERATOR))
    messages.open_message(session=session, actor=reader, keyring=keyring(), message_id=message.id)
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:message:view")
    ).one()
    assert (entry.actor_id, entry.subject_id) == (reader.id, str(message.id))


def test_a_forward_is_recorded_with_its_reason(session: Session) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    forward = messages.forward(
        session=session,
        actor=officer,
        message_id=message.id,
        destination="  Department of   Health Care Services ",
        reason="authorized_action",
        explanation="Medical support question for the agency that administers Medi-Cal.",
    )
    assert forward.destination == "Department of Health Care Services"
    assert forward.reason is ForwardReason.AUTHORIZED_ACTION
    assert forward.forwarded_by_id == officer.id
    assert message.status is MessageStatus.FORWARDED
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:message:forward")
    ).one()
    assert entry.details == {"forward_id": forward.id, "reason": "authorized_action"}


@pytest.mark.parametrize(
    ("destination", "reason", "explanation", "error"),
    [
        ("DHCS", "curiosity", "A long enough explanation.", InvalidInput),
        ("", "authorized_action", "A long enough explanation.", InvalidInput),
        ("DHCS", "authorized_action", "short", InvalidInput),
        ("D" * 201, "authorized_action", "A long enough explanation.", InvalidInput),
    ],
)
def test_a_forward_needs_a_destination_and_a_reason(
    session: Session, destination: str, reason: str, explanation: str, error: type[Exception]
) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    with pytest.raises(error):
        messages.forward(
            session=session,
            actor=officer,
            message_id=message.id,
            destination=destination,
            reason=reason,
            explanation=explanation,
        )
    assert message.forwards == []


def test_closed_messages_stay_closed(session: Session) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    messages.set_status(
        session=session, actor=officer, message_id=message.id, status=MessageStatus.CLOSED
    )
    with pytest.raises(Conflict):
        messages.forward(
            session=session,
            actor=officer,
            message_id=message.id,
            destination="DHCS",
            reason="required_by_law",
            explanation="A long enough explanation.",
        )
    with pytest.raises(InvalidInput):
        messages.set_status(
            session=session, actor=officer, message_id=message.id, status=MessageStatus.NEW
        )


def test_the_system_cannot_decide_for_a_person(session: Session) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    with pytest.raises(PermissionDenied):
        messages.set_status(
            session=session,
            actor=Actor.system(),
            message_id=message.id,
            status=MessageStatus.ANSWERED,
        )
    assert session.get(ContactMessage, message.id).status is MessageStatus.NEW  # type: ignore[union-attr]
