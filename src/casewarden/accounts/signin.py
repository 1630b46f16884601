"""Signing in and out: credential checks, the second factor, throttling, server-side sessions.

Signing in takes two steps. The right password opens a session that reaches only the
second-factor step (enrolling an authenticator app the first time); a TOTP code or a
recovery code completes it. Failed steps are ordinary outcomes, not exceptions: they
return a result and their counters and audit entries commit with the request.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts import passwords, second_factor
from casewarden.accounts.models import LoginThrottle, StaffSession, StaffUser
from casewarden.accounts.roles import requires_second_factor
from casewarden.accounts.service import actor_for, normalize_username
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Details, Subject
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.crypto.sealed import SealedBlobError
from casewarden.db.scope import elevated
from casewarden.errors import AuthenticationFailed, LoginThrottled
from casewarden.keys import keyed_ref, token_hash

# A shared office address must not lock out a whole unit after one person's typos.
_CLIENT_FAILURE_FACTOR = 4
# Touching last_seen_at on every request would turn every page view into a write.
_TOUCH_INTERVAL = timedelta(seconds=60)
_MAX_TOKEN_LENGTH = 128
#: Every entry about signing in: the account is the subject (none when unknown).
SIGN_IN = Subject(type="staff_user", purpose="authentication")
# Time to open the authenticator app after the password; past it, the password again.
_SECOND_FACTOR_WINDOW = timedelta(minutes=10)
WRONG_CODE = (
    "That code is not right. Type the current code from your authenticator app, "
    "or one of your recovery codes."
)


class SecondFactorStep(StrEnum):
    """What the second step of a sign-in asks for."""

    ENROL = "enrol"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class SignInResult:
    """What a sign-in attempt produced."""

    user: StaffUser | None = None
    token: str | None = None
    message: str | None = None
    retry_after_seconds: int = 0
    #: Set when the session waits for a second factor before it can be used.
    second_factor: SecondFactorStep | None = None

    @property
    def ok(self) -> bool:
        """True when the password was right and a session is open (maybe awaiting a code)."""
        return self.user is not None and self.token is not None


@dataclass(frozen=True, slots=True)
class SecondFactorResult:
    """What giving a second factor produced."""

    ok: bool
    message: str | None = None
    retry_after_seconds: int = 0
    #: The session's new token: a whole session never keeps the token of a half one.
    token: str | None = None
    #: The new recovery codes, after enrolment only: shown once, never stored in the clear.
    recovery_codes: tuple[str, ...] = ()
    #: After a recovery code was used: how many are left.
    recovery_codes_left: int | None = None


class SessionState(StrEnum):
    """What a presented session token turned out to be."""

    ACTIVE = "active"
    SECOND_FACTOR = "second_factor"
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


def _count_failures(
    session: Session, settings: Settings, keys: tuple[str, str], now: datetime
) -> None:
    """One more failure against the account's key and, with a looser limit, the client's."""
    _count_failure(session, keys[0], settings.login_max_failures, settings, now)
    _count_failure(
        session, keys[1], settings.login_max_failures * _CLIENT_FAILURE_FACTOR, settings, now
    )
    session.flush()


def _record_staff(
    session: Session,
    user: StaffUser,
    *,
    tag: AuditTag,
    outcome: Outcome = Outcome.SUCCESS,
    details: Details | None = None,
) -> None:
    """An audit entry on a known account's sign-in, in that person's name."""
    chain.record(
        session,
        subject=SIGN_IN.of(user),
        actor=actor_for(user),
        tag=tag,
        outcome=outcome,
        details=details,
    )


def _live_session(session: Session, hashed: str) -> StaffSession | None:
    """The open session whose token hashes to ``hashed``, if any."""
    return session.scalar(
        select(StaffSession).where(
            StaffSession.token_hash == hashed, StaffSession.ended_at.is_(None)
        )
    )


def _end_session(
    session: Session,
    record: StaffSession,
    user: StaffUser | None,
    now: datetime,
    *,
    reason: str | None,
    tag: AuditTag,
    outcome: Outcome = Outcome.SUCCESS,
    details: Details | None = None,
) -> None:
    """End a staff session and record it, in its owner's name while the account exists."""
    record.ended_at, record.end_reason = now, reason
    session.flush()
    chain.record(
        session,
        subject=Subject(
            type="staff_session",
            id=str(record.id),
            agency_id=user.agency_id if user else None,
            purpose="authentication",
        ),
        actor=actor_for(user) if user else Actor.anonymous(),
        tag=tag,
        outcome=outcome,
        details=details,
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
            chain.record(
                session,
                subject=SIGN_IN,
                actor=Actor.anonymous(),
                tag=AuditTag.AUTH_LOGIN_THROTTLED,
                outcome=Outcome.DENIED,
                details={"username_ref": keys[0]},
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
            _count_failures(session, settings, keys, now)
            chain.record(
                session,
                subject=SIGN_IN.of(user),
                actor=Actor.anonymous(),
                tag=AuditTag.AUTH_LOGIN_FAILURE,
                outcome=Outcome.FAILURE,
                details={"username_ref": keys[0], "reason": reason},
            )
            return SignInResult(message=AuthenticationFailed.public_message)

        for key in keys[:1]:
            row = session.get(LoginThrottle, key)
            if row is not None:
                session.delete(row)
        if passwords.needs_rehash(user.password_hash):
            user.password_hash = passwords.hash_password(password)
        step = _second_factor_step(user)
        token, record = _open_session(session, user, now)
        if step is None:
            _complete(session, settings, record, user, now, method="password")
        else:
            _record_staff(
                session,
                user,
                tag=AuditTag.AUTH_LOGIN_PASSWORD,
                details={"username_ref": keys[0], "reason": str(step)},
            )
        return SignInResult(user=user, token=token, second_factor=step)


def _second_factor_step(user: StaffUser) -> SecondFactorStep | None:
    if not requires_second_factor(user.role):
        return None
    return SecondFactorStep.CODE if second_factor.is_enrolled(user) else SecondFactorStep.ENROL


def _open_session(session: Session, user: StaffUser, now: datetime) -> tuple[str, StaffSession]:
    """A session that reaches only the second step until it is completed."""
    token = secrets.token_urlsafe(32)
    record = StaffSession(
        token_hash=token_hash(token),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + _SECOND_FACTOR_WINDOW,
    )
    session.add(record)
    session.flush()
    return token, record


def open_identified_session(
    *,
    session: Session,
    settings: Settings,
    user: StaffUser,
    method: str,
    second_factor_given: bool,
) -> SignInResult:
    """Open a session for an account identified another way (a directory's single sign-on).

    When the directory vouched for a second factor the session is whole at once; otherwise
    it waits for casewarden's own, as after a password.
    """
    now = utcnow()
    with elevated(session):
        step = None if second_factor_given else _second_factor_step(user)
        token, record = _open_session(session, user, now)
        if step is None:
            _complete(session, settings, record, user, now, method=method)
        else:
            _record_staff(
                session,
                user,
                tag=AuditTag.AUTH_SSO_IDENTIFIED,
                details={"step": str(step)},
            )
        return SignInResult(user=user, token=token, second_factor=step)


def _complete(
    session: Session,
    settings: Settings,
    record: StaffSession,
    user: StaffUser,
    now: datetime,
    *,
    method: str,
) -> None:
    """The sign-in is whole: the session lives its full length from now."""
    record.second_factor_at = now
    record.last_seen_at = now
    record.expires_at = now + timedelta(hours=settings.session_absolute_hours)
    user.last_login_at = now
    session.flush()
    _record_staff(
        session,
        user,
        tag=AuditTag.AUTH_LOGIN_SUCCESS,
        details={"method": method},
    )


def enrolment(*, session: Session, keyring: Keyring, user: StaffUser) -> second_factor.Enrolment:
    """The authenticator secret a person at the enrolment step is to add to their app."""
    with elevated(session):
        enrolling = second_factor.pending_enrolment(keyring=keyring, user=user)
        session.flush()
    return enrolling


def give_second_factor(
    *,
    session: Session,
    settings: Settings,
    keyring: Keyring,
    session_id: int,
    code: str,
    client: str,
) -> SecondFactorResult:
    """Check a TOTP or recovery code for a session at the second step; complete it if right.

    Failures count against the account and the client address as password failures do.
    """
    now = utcnow()
    with elevated(session):
        record = session.get(StaffSession, session_id)
        user = session.get(StaffUser, record.user_id) if record is not None else None
        if record is None or user is None or record.second_factor_at is not None:
            return SecondFactorResult(ok=False, message=AuthenticationFailed.public_message)
        keys = (
            keyed_ref(settings.secret_key, "throttle-code", str(user.id)),
            _throttle_keys(settings, user.username, client)[1],
        )
        wait = _locked_seconds(session, keys, now)
        if wait:
            _record_staff(
                session,
                user,
                tag=AuditTag.AUTH_SECOND_FACTOR_THROTTLED,
                outcome=Outcome.DENIED,
            )
            return SecondFactorResult(
                ok=False, message=LoginThrottled(wait).public_message, retry_after_seconds=wait
            )
        try:
            outcome = _check_code(session, keyring, user, code, now)
        except SealedBlobError:
            # The secret was sealed with a key no longer on the ring: only a reset helps.
            outcome = _Checked(reason="secret_unreadable")
        if outcome.method is None:
            _count_failures(session, settings, keys, now)
            _record_staff(
                session,
                user,
                tag=AuditTag.AUTH_SECOND_FACTOR_FAILURE,
                outcome=Outcome.FAILURE,
                details={"reason": outcome.reason},
            )
            return SecondFactorResult(ok=False, message=WRONG_CODE)
        row = session.get(LoginThrottle, keys[0])
        if row is not None:
            session.delete(row)
        token = secrets.token_urlsafe(32)
        record.token_hash = token_hash(token)
        _complete(session, settings, record, user, now, method=outcome.method)
        return SecondFactorResult(
            ok=True,
            token=token,
            recovery_codes=outcome.recovery_codes,
            recovery_codes_left=outcome.recovery_codes_left,
        )


@dataclass(frozen=True, slots=True)
class _Checked:
    method: str | None = None
    reason: str = ""
    recovery_codes: tuple[str, ...] = ()
    recovery_codes_left: int | None = None


def _check_code(
    session: Session, keyring: Keyring, user: StaffUser, code: str, now: datetime
) -> _Checked:
    enrolled = second_factor.is_enrolled(user)
    if user.totp_secret is None:
        return _Checked(reason="not_enrolling")
    if second_factor.looks_like_totp(code):
        step = second_factor.matching_step(keyring=keyring, user=user, code=code, now=now)
        if step is None:
            replay = second_factor.replayed(keyring=keyring, user=user, code=code, now=now)
            return _Checked(reason="replayed_code" if replay else "wrong_code")
        user.totp_last_step = step
        if enrolled:
            return _Checked(method="totp")
        user.totp_enrolled_at = now
        codes = second_factor.issue_recovery_codes(session=session, user=user)
        _record_staff(
            session,
            user,
            tag=AuditTag.AUTH_SECOND_FACTOR_ENROL,
            details={"recovery_codes": len(codes)},
        )
        return _Checked(method="totp_enrolment", recovery_codes=tuple(codes))
    if not enrolled:
        return _Checked(reason="wrong_code")
    left = second_factor.use_recovery_code(session=session, user=user, code=code)
    if left is None:
        return _Checked(reason="wrong_recovery_code")
    _record_staff(
        session,
        user,
        tag=AuditTag.AUTH_RECOVERY_CODE_USE,
        details={"remaining": left},
    )
    return _Checked(method="recovery_code", recovery_codes_left=left)


def resolve_session(*, session: Session, settings: Settings, token: str | None) -> ResolvedSession:
    """Look up a presented token; end it here when it passed a timeout or its account closed."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return ResolvedSession(SessionState.MISSING)
    hashed = token_hash(token)
    now = utcnow()
    with elevated(session):
        record = _live_session(session, hashed)
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
            _end_session(
                session,
                record,
                user,
                now,
                reason=reason,
                tag=AuditTag.AUTH_SESSION_EXPIRED,
                outcome=Outcome.DENIED,
                details={"reason": reason},
            )
            return ResolvedSession(SessionState.EXPIRED)
        if record.second_factor_at is None:
            return ResolvedSession(
                SessionState.SECOND_FACTOR, user=user, session_id=record.id, token_hash=hashed
            )
        if now - record.last_seen_at >= _TOUCH_INTERVAL:
            record.last_seen_at = now
            session.flush()
        return ResolvedSession(
            SessionState.ACTIVE, user=user, session_id=record.id, token_hash=hashed
        )


def sign_out(*, session: Session, token: str | None) -> int | None:
    """End the session behind ``token``; returns its user's id (None when none was open)."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    now = utcnow()
    with elevated(session):
        record = _live_session(session, token_hash(token))
        if record is None:
            return None
        user = session.get(StaffUser, record.user_id)
        _end_session(session, record, user, now, reason="logout", tag=AuditTag.AUTH_LOGOUT)
        return record.user_id
