"""The webhook quarantine: signed changes the parser could not read, kept for a person.

Intake keeps them sealed (``intake.quarantine``); an administrator lists them, opens one
(audited: it may hold a comment's text) and marks it resolved once looked at.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.errors import Conflict, NotFound
from casewarden.i18n import N_
from casewarden.moderation.models import QUARANTINE_PURPOSE, QuarantinedChange


def waiting(session: Session, *, include_resolved: bool = False) -> list[QuarantinedChange]:
    """Quarantined changes, oldest first (only those not yet resolved, unless asked)."""
    query = select(QuarantinedChange).order_by(QuarantinedChange.received_at)
    if not include_resolved:
        query = query.where(QuarantinedChange.resolved_at.is_(None))
    return list(session.scalars(query))


def _get(session: Session, change_id: int) -> QuarantinedChange:
    change = session.get(QuarantinedChange, change_id)
    if change is None:
        raise NotFound(N_("No such quarantined change."))
    return change


def _quarantined(change: QuarantinedChange) -> Subject:
    # A change kept aside belongs to no agency yet: the entry takes the actor's.
    return Subject(type="quarantined_change", id=str(change.id), purpose="page_moderation")


def open_change(
    *, session: Session, keyring: Keyring, actor: Actor, change_id: int
) -> tuple[QuarantinedChange, str]:
    """A quarantined change and its payload as it arrived (JSON); the viewing is audited."""
    change = _get(session, change_id)
    payload = keyring.open_text(change.payload_sealed, QUARANTINE_PURPOSE)
    chain.record(
        session,
        subject=_quarantined(change),
        actor=actor,
        tag=AuditTag.MODERATION_QUARANTINE_VIEW,
        details={"reason": str(change.reason)},
    )
    return change, payload


def resolve(*, session: Session, actor: Actor, change_id: int) -> QuarantinedChange:
    """Mark a quarantined change as looked at (audited); the sealed payload stays."""
    change = _get(session, change_id)
    if change.resolved_at is not None:
        raise Conflict(N_("That change is resolved already."))
    change.resolved_at = utcnow()
    change.resolved_by = actor.ref
    chain.record(
        session,
        subject=_quarantined(change),
        actor=actor,
        tag=AuditTag.MODERATION_QUARANTINE_RESOLVE,
        details={"reason": str(change.reason)},
    )
    return change
