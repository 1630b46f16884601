"""Signing in and out: credential checks, throttling, server-side sessions.

Failed sign-ins are ordinary outcomes, not exceptions: they return a result and
their counters and audit entries commit with the request.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts import passwords
from casewarden.accounts.models import LoginThrottle, StaffSession, StaffUser
from casewarden.accounts.service import actor_for, normalize_username
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.db.scope import elevated
from casewarden.errors import AuthenticationFailed, LoginThrottled
from casewarden.keys import keyed_ref, token_hash

# A shared office address must not lock out a whole unit after one person's typos.
_CLIENT_FAILURE_FACTOR = 4
# Touching last_seen_at on every request would turn every page view into a write.
_TOUCH_INTERVAL = timedelta(seconds=60)
_MAX_TOKEN_LENGTH = 128


@dataclass(frozen=True, slots=True)
class SignInResult:
    """What a sign-in attempt produced."""

    user: StaffUser | None = None
    token: str | None = None
    message: str | None = None
    retry_after_seconds: int = 0

    @property
    def ok(self) -> bool:
        """True when the person is now signed in."""
        return self.user is not None and self.token is not None


class SessionState(StrEnum):
    """What a presented session token turned out to be."""

    ACTIVE = "active"
    MISSING = "missing"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class ResolvedSession:
    """A presented session token, and the account behind it when active."""

    state: SessionState
    user: StaffUser | None = None
    session_id: int | None = None
    token_hash: str | None = None


def _throttle_keys(settings: Settings, username: str, client: str) -> tuple[str, str]:
    return (
        keyed_ref(settings.secret_key, "throttle-user", username),
        keyed_ref(settings.secret_key, "throttle-client", client),
    )


def _locked_seconds(session: Session, keys: tuple[str, ...], now: datetime) -> int:
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))
    waits = [
        int((row.locked_until - now).total_seconds()) + 1
        for row in rows
        if row.locked_until is not None and row.locked_until > now
    ]
    return max(waits, default=0)


def _count_failure(
    session: Session, key: str, limit: int, settings: Settings, now: datetime
) -> None:
    window = timedelta(minutes=settings.login_window_minutes)
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_started_at=now)
        session.add(row)
    if now - row.window_started_at > window:
        row.failures, row.window_started_at, row.locked_until = 0, now, None
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)


def _audit_attempt(
    session: Session,
    *,
    actor: Actor,
    tag: AuditTag,
    outcome: Outcome,
    user: StaffUser | None,
    username_ref: str,
    reason: str | None = None,
) -> None:
    details: dict[str, str | int | bool | None] = {"username_ref": username_ref}
    if reason:
        details["reason"] = reason
    chain.append(
        session,
        chain.AuditEvent(
            actor=actor,
            tag=tag,
            subject_type="staff_user",
            subject_id=str(user.id) if user else None,
            agency_id=user.agency_id if user else None,
            purpose="authentication",
            outcome=outcome,
            details=details,
        ),
    )


def sign_in(
    *, session: Session, settings: Settings, username: str, password: str, client: str
) -> SignInResult:
    """Check credentials and open a session, or say why not (throttled, wrong, disabled)."""
    now = utcnow()
    username = normalize_username(username)[:_MAX_TOKEN_LENGTH]
    keys = _throttle_keys(settings, username, client)
    with elevated(session):
        wait = _locked_seconds(session, keys, now)
        if wait:
            _audit_attempt(
                session,
                actor=Actor.anonymous(),
                tag=AuditTag.AUTH_LOGIN_THROTTLED,
                outcome=Outcome.DENIED,
                user=None,
                username_ref=keys[0],
            )
            return SignInResult(
                message=LoginThrottled(wait).public_message, retry_after_seconds=wait
            )

        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        # Verify against a dummy hash for unknown users so the answer takes as long.
        matched = passwords.verify_password(
            user.password_hash if user else passwords.dummy_hash(), password
        )
        if user is None or not matched or not user.is_active:
            reason = (
                "unknown_user" if user is None else "bad_password" if not matched else "disabled"
            )
            _count_failure(session, keys[0], settings.login_max_failures, settings, now)
            _count_failure(
                session,
                keys[1],
                settings.login_max_failures * _CLIENT_FAILURE_FACTOR,
                settings,
                now,
            )
            session.flush()
            _audit_attempt(
                session,
                actor=Actor.anonymous(),
                tag=AuditTag.AUTH_LOGIN_FAILURE,
                outcome=Outcome.FAILURE,
                user=user,
                username_ref=keys[0],
                reason=reason,
            )
            return SignInResult(message=AuthenticationFailed.public_message)

        for key in keys[:1]:
            row = session.get(LoginThrottle, key)
            if row is not None:
                session.delete(row)
        if passwords.needs_rehash(user.password_hash):
            user.password_hash = passwords.hash_password(password)
        user.last_login_at = now
        token = secrets.token_urlsafe(32)
        record = StaffSession(
            token_hash=token_hash(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
        )
        session.add(record)
        session.flush()
        _audit_attempt(
            session,
            actor=actor_for(user),
            tag=AuditTag.AUTH_LOGIN_SUCCESS,
            outcome=Outcome.SUCCESS,
            user=user,
            username_ref=keys[0],
        )
        return SignInResult(user=user, token=token)


def resolve_session(*, session: Session, settings: Settings, token: str | None) -> ResolvedSession:
    """Look up a presented token; end it here when it passed a timeout or its account closed."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return ResolvedSession(SessionState.MISSING)
    hashed = token_hash(token)
    now = utcnow()
    with elevated(session):
        record = session.scalar(
            select(StaffSession).where(
                StaffSession.token_hash == hashed, StaffSession.ended_at.is_(None)
            )
        )
        if record is None:
            return ResolvedSession(SessionState.MISSING)
        user = session.get(StaffUser, record.user_id)
        reason = None
        if now >= record.expires_at:
            reason = "absolute_timeout"
        elif now - record.last_seen_at >= timedelta(minutes=settings.session_idle_minutes):
            reason = "idle_timeout"
        elif user is None or not user.is_active:
            reason = "account_disabled"
        if reason is not None or user is None:
            record.ended_at, record.end_reason = now, reason
            session.flush()
            chain.append(
                session,
                chain.AuditEvent(
                    actor=actor_for(user) if user else Actor.anonymous(),
                    tag=AuditTag.AUTH_SESSION_EXPIRED,
                    subject_type="staff_session",
                    subject_id=str(record.id),
                    agency_id=user.agency_id if user else None,
                    purpose="authentication",
                    outcome=Outcome.DENIED,
                    details={"reason": reason},
                ),
            )
            return ResolvedSession(SessionState.EXPIRED)
        if now - record.last_seen_at >= _TOUCH_INTERVAL:
            record.last_seen_at = now
            session.flush()
        return ResolvedSession(
            SessionState.ACTIVE, user=user, session_id=record.id, token_hash=hashed
        )


def sign_out(*, session: Session, token: str | None) -> bool:
    """End the session behind ``token``; True when one was open."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return False
    now = utcnow()
    with elevated(session):
        record = session.scalar(
            select(StaffSession).where(
                StaffSession.token_hash == token_hash(token), StaffSession.ended_at.is_(None)
            )
        )
        if record is None:
            return False
        user = session.get(StaffUser, record.user_id)
        record.ended_at, record.end_reason = now, "logout"
        session.flush()
        chain.append(
            session,
            chain.AuditEvent(
                actor=actor_for(user) if user else Actor.anonymous(),
                tag=AuditTag.AUTH_LOGOUT,
                subject_type="staff_session",
                subject_id=str(record.id),
                agency_id=user.agency_id if user else None,
                purpose="authentication",
            ),
        )
        return True
