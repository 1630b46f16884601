"""Contact-form messages: received from the public, read and answered by the agency's staff.

Messages never leave the agency through casewarden: there is no export. When
staff forward one to another state agency "for authorized action" (privacy policy,
principle 6), they record the destination and the reason, and the forward is audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import Details, Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.db.scope import elevated, ensure_writable
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.i18n import N_
from casewarden.privacy.collection import (
    FieldKind,
    FormField,
    FormSpec,
    Requirement,
    clean_field,
    validate,
)
from casewarden.privacy.models import (
    MESSAGE_BODY_PURPOSE,
    ContactForward,
    ContactMessage,
    ForwardReason,
    MessageStatus,
    MessageTopic,
)
from casewarden.privacy.records import Person, PersonalRecord, phone_digits, register, same_name
from casewarden.privacy.screening import (
    FormScanner,
    Passage,
    ScreenChoice,
    ScreeningFound,
    screened_text,
)

#: Every entry about a contact message: the message is the subject.
_CONTACT = Subject(type="contact_message", purpose="public_contact")

TOPIC_LABELS: Mapping[MessageTopic, str] = {
    MessageTopic.GENERAL: N_("A general question about child support"),
    MessageTopic.WEBSITE: N_("This website"),
    MessageTopic.ACCESSIBILITY: N_("Accessibility"),
    MessageTopic.PRIVACY: N_("Privacy"),
    MessageTopic.OTHER: N_("Something else"),
}

CONTACT_FORM = FormSpec(
    name="contact",
    fields=(
        FormField(
            name="topic",
            label=N_("Topic"),
            requirement=Requirement.MANDATORY,
            kind=FieldKind.CHOICE,
            max_length=20,
            choices=tuple((topic.value, label) for topic, label in TOPIC_LABELS.items()),
        ),
        FormField(
            name="message",
            label=N_("Your message"),
            requirement=Requirement.MANDATORY,
            kind=FieldKind.LONG_TEXT,
            max_length=4000,
            hint=N_(
                "Do not include case numbers, Social Security numbers or other private "
                "details: this form is for general questions."
            ),
        ),
        FormField(
            name="name",
            label=N_("Your name"),
            requirement=Requirement.VOLUNTARY,
            kind=FieldKind.TEXT,
            max_length=120,
            autocomplete="name",
        ),
        FormField(
            name="email",
            label=N_("Email address"),
            requirement=Requirement.VOLUNTARY,
            kind=FieldKind.EMAIL,
            max_length=254,
            hint=N_("Needed only if you want an answer by email."),
            autocomplete="email",
        ),
        FormField(
            name="phone",
            label=N_("Telephone number"),
            requirement=Requirement.VOLUNTARY,
            kind=FieldKind.PHONE,
            max_length=30,
            hint=N_("Needed only if you want us to call you."),
            autocomplete="tel",
        ),
    ),
)

FORWARD_REASONS: Mapping[ForwardReason, str] = {
    ForwardReason.AUTHORIZED_ACTION: N_("Another state agency, for authorized action"),
    ForwardReason.LAW_ENFORCEMENT: N_("An authorized law enforcement investigation"),
    ForwardReason.REQUIRED_BY_LAW: N_("Required by law"),
}


def _reference(prefix: str) -> str:
    # 40 random bits in Crockford-style base32: easy to read aloud, unguessable enough
    # for a correspondence number (it grants nothing by itself).
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    body = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def new_reference(session: Session, prefix: str, column: InstrumentedAttribute[str]) -> str:
    """A reference not yet in ``column`` (a clash in 2^40 is retried, not trusted away)."""
    for _ in range(5):
        reference = _reference(prefix)
        # Unique across agencies: look beyond the session's scope.
        with elevated(session):
            taken = session.scalar(select(column).where(column == reference))
        if taken is None:
            return reference
    raise Conflict(N_("Could not allocate a reference number; please try again."))


def acting_staff_id(actor: Actor) -> int:
    """The staff member's id; decisions about personal information are a person's, on record."""
    if actor.kind is not ActorKind.STAFF or actor.id is None:
        raise PermissionDenied(N_("Only a signed-in staff member can do that."))
    return actor.id


def screen_submission(
    session: Session,
    *,
    form: Subject,
    tag: AuditTag,
    scanner: FormScanner,
    field: str,
    choice: ScreenChoice | None,
    values: Mapping[str, str | None],
) -> tuple[str | None, tuple[Passage, ...]]:
    """A public form's free-text ``field`` screened; a form sent back is audited on ``form``."""
    try:
        return screened_text(
            scanner=scanner, field=field, text=values[field], choice=choice, values=values
        )
    except ScreeningFound as error:
        chain.record(
            session,
            subject=form,
            actor=Actor(kind=ActorKind.PUBLIC, agency_id=form.agency_id),
            tag=tag,
            outcome=Outcome.DENIED,
            details=error.audit_details(),
        )
        raise


def submission_details(marked: tuple[Passage, ...], choice: ScreenChoice | None) -> Details:
    """What the trail keeps of a received submission: how much was marked and the choice."""
    return {"marked": len(marked), "choice": str(choice) if marked and choice else None}


def submit(
    *,
    session: Session,
    agency_id: int,
    submitted: Mapping[str, str],
    language: str,
    keyring: Keyring,
    scanner: FormScanner,
    choice: ScreenChoice | None = None,
) -> ContactMessage:
    """Store a message from the contact form (validated against CONTACT_FORM), sealed.

    The message is screened first: what the form asks not to send raises
    :class:`ScreeningFound` (and nothing is stored) unless the sender made ``choice``.
    """
    values = validate(CONTACT_FORM, submitted)
    body, marked = screen_submission(
        session,
        form=Subject(type="contact_form", agency_id=agency_id, purpose=_CONTACT.purpose),
        tag=AuditTag.PRIVACY_MESSAGE_SCREEN,
        scanner=scanner,
        field="message",
        choice=choice,
        values=values,
    )
    message = ContactMessage(
        agency_id=agency_id,
        reference=new_reference(session, "C", ContactMessage.reference),
        received_at=utcnow(),
        topic=MessageTopic(values["topic"] or MessageTopic.OTHER),
        name=values["name"],
        email=values["email"],
        phone=values["phone"],
        body_sealed=keyring.seal_text(body or "", MESSAGE_BODY_PURPOSE),
        marked=[p.to_dict() for p in marked] or None,
        language=language,
        status=MessageStatus.NEW,
    )
    session.add(message)
    session.flush()
    chain.record(
        session,
        subject=_CONTACT.of(message),
        actor=Actor(kind=ActorKind.PUBLIC, agency_id=agency_id),
        tag=AuditTag.PRIVACY_MESSAGE_RECEIVE,
        details=submission_details(marked, choice),
    )
    return message


def list_messages(
    *, session: Session, actor: Actor, status: MessageStatus | None = None
) -> list[ContactMessage]:
    """The agency's messages, newest first (names and bodies are shown only on opening one)."""
    authorize(actor, Permission.PRIVACY_MESSAGES)
    query = select(ContactMessage).order_by(ContactMessage.received_at.desc()).limit(500)
    if status is not None:
        query = query.where(ContactMessage.status == status)
    return list(session.scalars(query))


def _message(session: Session, message_id: int) -> ContactMessage:
    message = session.scalar(select(ContactMessage).where(ContactMessage.id == message_id))
    if message is None:
        raise NotFound(N_("No such message."))
    return message


@dataclass(frozen=True, slots=True)
class OpenedMessage:
    """A message with its text unsealed, and the passages its sender sent anyway."""

    message: ContactMessage
    body: str
    marked: list[dict[str, Any]]


def open_message(
    *, session: Session, actor: Actor, keyring: Keyring, message_id: int
) -> OpenedMessage:
    """One message with its forwards; each opening is audited (it holds personal information)."""
    authorize(actor, Permission.PRIVACY_MESSAGES)
    message = _message(session, message_id)
    chain.record(
        session, subject=_CONTACT.of(message), actor=actor, tag=AuditTag.PRIVACY_MESSAGE_VIEW
    )
    body = keyring.open_text(message.body_sealed, MESSAGE_BODY_PURPOSE)
    return OpenedMessage(message, body, list(message.marked or []))


def set_status(
    *, session: Session, actor: Actor, message_id: int, status: MessageStatus
) -> ContactMessage:
    """Mark a message answered or closed."""
    authorize(actor, Permission.PRIVACY_MESSAGES)
    if status not in (MessageStatus.ANSWERED, MessageStatus.CLOSED):
        raise InvalidInput(N_("A message can be marked answered or closed."))
    staff_id = acting_staff_id(actor)
    message = _message(session, message_id)
    ensure_writable(session, message)
    if message.status is status:
        return message
    previous = message.status
    message.status = status
    message.handled_by_id = staff_id
    message.handled_at = utcnow()
    session.flush()
    chain.record(
        session,
        subject=_CONTACT.of(message),
        actor=actor,
        tag=AuditTag.PRIVACY_MESSAGE_STATUS,
        details={"old_status": str(previous), "new_status": str(status)},
    )
    return message


def forward(
    *,
    session: Session,
    actor: Actor,
    message_id: int,
    destination: str,
    reason: ForwardReason | str,
    explanation: str,
) -> ContactForward:
    """Record that a message went to another state agency, and why."""
    authorize(actor, Permission.PRIVACY_MESSAGES)
    try:
        reason = ForwardReason(reason)
    except ValueError:
        raise InvalidInput(N_("Choose the reason for forwarding.")) from None
    destination = " ".join(destination.split())
    explanation = " ".join(explanation.split())
    if not 2 <= len(destination) <= 200:
        raise InvalidInput(N_("Name the state agency the message goes to (2-200 characters)."))
    if not 10 <= len(explanation) <= 1000:
        raise InvalidInput(
            N_("Explain the authorized action or legal requirement (10-1000 characters).")
        )
    staff_id = acting_staff_id(actor)
    message = _message(session, message_id)
    ensure_writable(session, message)
    if message.status is MessageStatus.CLOSED:
        raise Conflict(N_("A closed message cannot be forwarded."))
    record = ContactForward(
        message_id=message.id,
        agency_id=message.agency_id,
        destination=destination,
        reason=reason,
        explanation=explanation,
        forwarded_by_id=staff_id,
        forwarded_at=utcnow(),
    )
    session.add(record)
    message.status = MessageStatus.FORWARDED
    message.handled_by_id = staff_id
    message.handled_at = record.forwarded_at
    session.flush()
    chain.record(
        session,
        subject=_CONTACT.of(message),
        actor=actor,
        tag=AuditTag.PRIVACY_MESSAGE_FORWARD,
        details={"forward_id": record.id, "reason": str(reason)},
    )
    return record


class ContactMessageFinder:
    """Contact messages that carry the person's email, telephone or exact name."""

    source = "contact_message"
    correctable = frozenset({"name", "email", "phone"})

    def find(self, session: Session, person: Person) -> Iterable[PersonalRecord]:
        """Messages matched on email, telephone digits or name."""
        email = (person.email or "").casefold()
        phone = phone_digits(person.phone)
        rows = session.execute(
            select(
                ContactMessage.id,
                ContactMessage.reference,
                ContactMessage.received_at,
                ContactMessage.name,
                ContactMessage.email,
                ContactMessage.phone,
            ).order_by(ContactMessage.received_at)
        )
        for row in rows:
            matched = [
                label
                for label, hit in (
                    ("email", bool(email) and (row.email or "").casefold() == email),
                    ("telephone", phone is not None and phone_digits(row.phone) == phone),
                    ("name", same_name(row.name, person.name)),
                )
                if hit
            ]
            if matched:
                yield PersonalRecord(
                    self.source,
                    str(row.id),
                    f"Contact message {row.reference} received {row.received_at:%Y-%m-%d}, "
                    f"matched on {' and '.join(matched)}",
                )

    def correct(self, session: Session, record_id: str, field: str, value: str) -> None:
        """Correct the sender's name, email or telephone on one message."""
        if field not in self.correctable or not record_id.isdigit():
            raise InvalidInput(N_("That field of a contact message cannot be corrected."))
        message = _message(session, int(record_id))
        ensure_writable(session, message)
        setattr(message, field, clean_field(CONTACT_FORM, field, value))
        session.flush()


register(ContactMessageFinder())


def new_count(*, session: Session, actor: Actor) -> int:
    """Contact messages nobody has handled yet (the console's home page)."""
    authorize(actor, Permission.PRIVACY_MESSAGES)
    return (
        session.scalar(
            select(func.count())
            .select_from(ContactMessage)
            .where(ContactMessage.status == MessageStatus.NEW)
        )
        or 0
    )
