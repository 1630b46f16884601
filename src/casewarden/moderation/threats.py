"""Threats are a safety matter, not only a moderation one (DESIGN.md, rules 1–2).

A comment hidden as a threat — by the engine or by a person naming the threat rule — is at
once escalated to all of the agency's supervisors: marked urgent, placed on legal hold,
counted on their home pages until one of them acknowledges it and owns the follow-up, and
announced to the agency's alert address when SMTP is configured (ids and a link only).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.agencies.models import Agency
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.errors import Conflict, NotFound
from casewarden.i18n import N_
from casewarden.mail import Mail, MailSender
from casewarden.moderation.grounds import MODERATED_COMMENT
from casewarden.moderation.models import Comment, ReviewState, ThreatAlert
from casewarden.policy.citations import COMMENT_POLICY

log = logging.getLogger(__name__)

THREAT = "threat"
#: Attempts at the alert email before it is left to the screen alone (it stays counted there).
MAX_EMAIL_ATTEMPTS = 5


def escalate(session: Session, *, comment: Comment, actor: Actor, now: datetime) -> bool:
    """Escalate a comment hidden as a threat, once; True when this call escalated it."""
    if THREAT not in comment.categories:
        return False
    known = session.scalar(select(ThreatAlert.id).where(ThreatAlert.comment_id == comment.id))
    if known is not None:
        return False
    session.add(ThreatAlert(agency_id=comment.agency_id, comment_id=comment.id, raised_at=now))
    comment.legal_hold = True
    comment.review_state = ReviewState.ESCALATED
    chain.record(
        session,
        subject=MODERATED_COMMENT.citing(COMMENT_POLICY).of(comment),
        actor=actor,
        tag=AuditTag.MODERATION_THREAT_ESCALATE,
        details={"legal_hold": True},
    )
    return True


def open_count(*, session: Session, actor: Actor) -> int:
    """Threats no supervisor has acknowledged yet (the home page's urgent count)."""
    authorize(actor, Permission.MODERATION_THREATS)
    return (
        session.scalar(
            select(func.count())
            .select_from(ThreatAlert)
            .where(ThreatAlert.acknowledged_at.is_(None))
        )
        or 0
    )


def alerts(*, session: Session, actor: Actor, limit: int = 100) -> list[ThreatAlert]:
    """The agency's threat alerts, unacknowledged first, newest first."""
    authorize(actor, Permission.MODERATION_THREATS)
    return list(
        session.scalars(
            select(ThreatAlert)
            .order_by(ThreatAlert.acknowledged_at.is_not(None), ThreatAlert.raised_at.desc())
            .limit(limit)
        )
    )


def acknowledge(
    *, session: Session, actor: Actor, alert_id: int, now: datetime | None = None
) -> ThreatAlert:
    """A supervisor acknowledges a threat and takes ownership of its follow-up; audited."""
    authorize(actor, Permission.MODERATION_THREATS)
    alert = session.scalar(select(ThreatAlert).where(ThreatAlert.id == alert_id))
    if alert is None:
        raise NotFound(N_("No such threat alert."))
    if alert.acknowledged_at is not None:
        raise Conflict(N_("Another supervisor acknowledged this threat already."))
    alert.acknowledged_at = now or utcnow()
    alert.owner_id = actor.id
    chain.record(
        session,
        subject=replace(MODERATED_COMMENT, id=str(alert.comment_id), agency_id=alert.agency_id),
        actor=actor,
        tag=AuditTag.MODERATION_THREAT_ACKNOWLEDGE,
        details={"alert": alert.id, "owner": actor.id},
    )
    return alert


def alert_mail(*, settings: Settings, comment_id: int, to: str) -> Mail:
    """The alert email: ids and a console link, never the comment's text or author."""
    link = f"{settings.console_url.rstrip('/')}/console/moderation/comments/{comment_id}"
    return Mail(
        to=to,
        subject=f"[casewarden] Threat hidden on your page: comment #{comment_id}",
        body=(
            f"casewarden hid comment #{comment_id} as a threat of violence and placed it "
            "on legal hold.\n\n"
            "A supervisor must acknowledge it and own the follow-up:\n"
            f"{link}\n\n"
            "This message carries no text of the comment. Sign in to read it.\n"
        ),
    )


def send_alerts(*, db: Database, settings: Settings, sender: MailSender, limit: int = 20) -> int:
    """Email the alerts not yet announced (the worker's ride-along job); returns how many went.

    The mail goes out between two short transactions, so a slow mail server never holds the
    database; a failure is retried on later passes, up to ``MAX_EMAIL_ATTEMPTS``.
    """
    with db.session(Scope.system()) as session:
        pending = [
            (alert_id, comment_id, address)
            for alert_id, comment_id, address in session.execute(
                select(ThreatAlert.id, ThreatAlert.comment_id, Agency.alert_email)
                .join(Agency, Agency.id == ThreatAlert.agency_id)
                .where(
                    ThreatAlert.emailed_at.is_(None),
                    ThreatAlert.email_attempts < MAX_EMAIL_ATTEMPTS,
                    Agency.alert_email.is_not(None),
                )
                .order_by(ThreatAlert.id)
                .limit(limit)
            ).all()
            if address
        ]
    if not pending:
        return 0
    delivered: dict[int, bool] = {}
    for alert_id, comment_id, address in pending:
        try:
            sender.send(alert_mail(settings=settings, comment_id=comment_id, to=address))
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("threat alert %s: email failed (%s)", alert_id, type(exc).__name__)
            delivered[alert_id] = False
        else:
            delivered[alert_id] = True
    with db.transaction(Scope.system()) as session:
        for alert in session.scalars(select(ThreatAlert).where(ThreatAlert.id.in_(delivered))):
            alert.email_attempts += 1
            if delivered[alert.id]:
                alert.emailed_at = utcnow()
            chain.record(
                session,
                subject=replace(
                    MODERATED_COMMENT, id=str(alert.comment_id), agency_id=alert.agency_id
                ),
                actor=Actor.system(),
                tag=AuditTag.MODERATION_THREAT_EMAIL,
                outcome=Outcome.SUCCESS if delivered[alert.id] else Outcome.FAILURE,
                details={"alert": alert.id, "attempt": alert.email_attempts},
            )
    return sum(delivered.values())
