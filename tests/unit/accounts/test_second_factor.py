"""TOTP codes: the drift window, and no step accepted twice."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy.orm import Session

from casewarden.accounts import second_factor
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from tests.factories import TEST_ENCRYPTION_KEYS, TOTP_SECRET, make_agency, make_user

KEYRING = Keyring.parse(TEST_ENCRYPTION_KEYS)


@pytest.mark.parametrize(
    ("offset_steps", "accepted"),
    [(0, True), (-1, True), (1, True), (-2, False), (2, False)],
)
def test_a_code_is_accepted_one_step_either_side(
    session: Session, offset_steps: int, accepted: bool
) -> None:
    user = make_user(session, make_agency(session))
    now = utcnow()
    totp = pyotp.TOTP(TOTP_SECRET)
    code = totp.generate_otp(totp.timecode(now) + offset_steps)
    step = second_factor.matching_step(keyring=KEYRING, user=user, code=code, now=now)
    assert (step is not None) is accepted


def test_a_step_at_or_before_the_last_accepted_is_a_replay(session: Session) -> None:
    user = make_user(session, make_agency(session))
    now = utcnow()
    totp = pyotp.TOTP(TOTP_SECRET)
    current = totp.timecode(now)
    user.totp_last_step = current
    for step in (current - 1, current):
        code = totp.generate_otp(step)
        assert second_factor.matching_step(keyring=KEYRING, user=user, code=code, now=now) is None
        assert second_factor.replayed(keyring=KEYRING, user=user, code=code, now=now)
    later = totp.generate_otp(current + 1)
    assert (
        second_factor.matching_step(
            keyring=KEYRING, user=user, code=later, now=now + timedelta(seconds=1)
        )
        == current + 1
    )


@pytest.mark.parametrize("typed", ["123 456", "123-456", " 123456 "])
def test_grouped_digits_read_as_a_totp_code(typed: str) -> None:
    assert second_factor.looks_like_totp(typed)


def test_recovery_codes_are_hashed_and_spent_once(session: Session) -> None:
    user = make_user(session, make_agency(session))
    codes = second_factor.issue_recovery_codes(session=session, user=user)
    assert len(set(codes)) == second_factor.RECOVERY_CODES
    assert second_factor.use_recovery_code(session=session, user=user, code=codes[0]) == 9
    assert second_factor.use_recovery_code(session=session, user=user, code=codes[0]) is None
    assert second_factor.use_recovery_code(session=session, user=user, code="nope") is None
