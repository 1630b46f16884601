"""Signing in and out: credentials, throttling, idle and absolute timeouts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts import signin
from casewarden.accounts.models import StaffSession
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.keys import token_hash
from tests.factories import PASSWORD, make_agency, make_user, totp_code


def _last_audit(session: Session) -> AuditEntry:
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry is not None
    return entry


def _sign_in(
    session: Session,
    settings: Settings,
    username: str,
    password: str = PASSWORD,
    client: str = "10.0.0.1",
) -> signin.SignInResult:
    """Both steps: the password, then (when it was right) a valid TOTP code."""
    result = signin.sign_in(
        session=session, settings=settings, username=username, password=password, client=client
    )
    if result.second_factor is not signin.SecondFactorStep.CODE or result.token is None:
        return result
    resolved = signin.resolve_session(session=session, settings=settings, token=result.token)
    assert resolved.session_id is not None
    given = signin.give_second_factor(
        session=session,
        settings=settings,
        keyring=Keyring.parse(settings.encryption_keys.get_secret_value()),
        session_id=resolved.session_id,
        code=totp_code(session, username.lower()),
        client=client,
    )
    assert given.ok, given.message
    return replace(result, token=given.token, second_factor=None)


def test_sign_in_opens_a_session_holding_only_a_hash(session: Session, settings: Settings) -> None:
    user = make_user(session, make_agency(session))
    result = _sign_in(session, settings, user.username.upper())
    assert result.ok
    assert result.token is not None
    record = session.scalars(select(StaffSession)).one()
    assert record.token_hash == token_hash(result.token)
    assert result.token not in record.token_hash
    assert user.last_login_at is not None
    entry = _last_audit(session)
    assert (entry.tag, entry.actor_id, entry.subject_id) == (
        "auth:login:success",
        user.id,
        str(user.id),
    )


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("wrong_password", "bad_password"),
        ("unknown_user", "unknown_user"),
        ("disabled", "disabled"),
    ],
)
def test_failed_sign_in_says_the_same_thing_and_audits_why(
    session: Session, settings: Settings, setup: str, reason: str
) -> None:
    user = make_user(session, make_agency(session), active=setup != "disabled")
    username = "nobody-here" if setup == "unknown_user" else user.username
    password = "not the password" if setup == "wrong_password" else PASSWORD
    result = _sign_in(session, settings, username, password)
    assert not result.ok
    assert result.message == "The username or password is incorrect."
    assert session.scalar(select(StaffSession.id)) is None
    entry = _last_audit(session)
    assert entry.tag == "auth:login:failure"
    assert entry.details["reason"] == reason
    assert username not in str(entry.details)  # a keyed reference, not the name


def test_repeated_failures_lock_the_account_for_a_while(
    session: Session, settings: Settings
) -> None:
    user = make_user(session, make_agency(session))
    for _ in range(settings.login_max_failures):
        assert not _sign_in(session, settings, user.username, "wrong wrong wrong").ok
    locked = _sign_in(session, settings, user.username)  # even the right password waits
    assert not locked.ok
    assert locked.retry_after_seconds > 0
    assert "Too many failed sign-in attempts" in (locked.message or "")
    assert _last_audit(session).tag == "auth:login:throttled"
    later = utcnow() + timedelta(minutes=settings.login_lockout_minutes, seconds=1)
    with time_machine.travel(later, tick=False):
        assert _sign_in(session, settings, user.username).ok


def test_failures_outside_the_window_do_not_add_up(session: Session, settings: Settings) -> None:
    user = make_user(session, make_agency(session))
    start = utcnow()
    for n in range(settings.login_max_failures - 1):
        with time_machine.travel(
            start + timedelta(minutes=n * settings.login_window_minutes), tick=False
        ):
            _sign_in(session, settings, user.username, "wrong wrong wrong")
    with time_machine.travel(start + timedelta(hours=10), tick=False):
        assert _sign_in(session, settings, user.username).ok


def test_one_address_guessing_many_names_is_throttled(session: Session, settings: Settings) -> None:
    agency = make_agency(session)
    limit = settings.login_max_failures * 4
    users = [make_user(session, agency) for _ in range(limit + 1)]
    for user in users[:limit]:
        _sign_in(session, settings, user.username, "wrong wrong wrong", client="203.0.113.9")
    blocked = _sign_in(session, settings, users[-1].username, client="203.0.113.9")
    assert blocked.retry_after_seconds > 0
    assert _sign_in(session, settings, users[-1].username, client="198.51.100.1").ok


def _open(session: Session, settings: Settings) -> tuple[str, int]:
    user = make_user(session, make_agency(session))
    result = _sign_in(session, settings, user.username)
    assert result.token is not None
    return result.token, user.id


def test_active_session_resolves_to_its_user(session: Session, settings: Settings) -> None:
    token, user_id = _open(session, settings)
    resolved = signin.resolve_session(session=session, settings=settings, token=token)
    assert resolved.state is signin.SessionState.ACTIVE
    assert resolved.user is not None
    assert resolved.user.id == user_id


@pytest.mark.parametrize(
    ("advance", "reason"),
    [("idle", "idle_timeout"), ("absolute", "absolute_timeout")],
)
def test_sessions_end_after_their_timeouts(
    session: Session, settings: Settings, advance: str, reason: str
) -> None:
    token, _ = _open(session, settings)
    start = utcnow()
    if advance == "absolute":
        # Stay active (never idle) until the absolute limit passes.
        step = timedelta(minutes=settings.session_idle_minutes - 1)
        moment = start
        while moment < start + timedelta(hours=settings.session_absolute_hours):
            moment += step
            with time_machine.travel(moment, tick=False):
                signin.resolve_session(session=session, settings=settings, token=token)
    else:
        with time_machine.travel(
            start + timedelta(minutes=settings.session_idle_minutes + 1), tick=False
        ):
            resolved = signin.resolve_session(session=session, settings=settings, token=token)
            assert resolved.state is signin.SessionState.EXPIRED
    record = session.scalars(select(StaffSession)).one()
    assert record.end_reason == reason
    assert _last_audit(session).tag == "auth:session:expired"
    again = signin.resolve_session(session=session, settings=settings, token=token)
    assert again.state is signin.SessionState.MISSING


@pytest.mark.parametrize("token", [None, "", "not-a-token", "x" * 5000])
def test_unknown_tokens_are_missing(
    session: Session, settings: Settings, token: str | None
) -> None:
    resolved = signin.resolve_session(session=session, settings=settings, token=token)
    assert resolved.state is signin.SessionState.MISSING


def test_sign_out_ends_the_session(session: Session, settings: Settings) -> None:
    token, user_id = _open(session, settings)
    assert signin.sign_out(session=session, token=token) == user_id  # whose claims to release
    assert signin.sign_out(session=session, token=token) is None
    assert _last_audit(session).tag == "auth:logout"
    resolved = signin.resolve_session(session=session, settings=settings, token=token)
    assert resolved.state is signin.SessionState.MISSING
