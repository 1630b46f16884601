"""Contact messages: stored from the form, read by staff, forwarded only with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.actor import Actor
from casewarden.audit.models import AuditEntry
from casewarden.errors import Conflict, InvalidInput, PermissionDenied
from casewarden.privacy import messages
from casewarden.privacy.models import ContactMessage, ForwardReason, MessageStatus
from tests.factories import make_agency, make_user
from tests.privacy_factories import make_message


def test_a_message_is_stored_and_its_receipt_audited_without_content(session: Session) -> None:
    agency = make_agency(session)
    stored = messages.submit(
        session=session,
        agency_id=agency.id,
        submitted={"topic": "privacy", "message": "Is my SSN 123-45-6789 safe?", "name": "Ana"},
        language="es",
    )
    assert stored.reference.startswith("C-")
    assert len(stored.reference) == 11
    assert (stored.topic.value, stored.language, stored.status) == (
        "privacy",
        "es",
        MessageStatus.NEW,
    )
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:message:receive")
    ).one()
    assert entry.subject_id == str(stored.id)
    assert "123-45" not in str(entry.details)
    assert "Ana" not in str(entry.details)


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
        assert messages.open_message(session=session, actor=actor, message_id=message.id) is message
    else:
        with pytest.raises(PermissionDenied):
            messages.open_message(session=session, actor=actor, message_id=message.id)


def test_opening_a_message_is_audited(session: Session) -> None:
    agency = make_agency(session)
    message = make_message(session, agency)
    reader = actor_for(make_user(session, agency, role=Role.PAGE_MODERATOR))
    messages.open_message(session=session, actor=reader, message_id=message.id)
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
