"""The second factor: TOTP codes from an authenticator app (RFC 6238), and recovery codes.

The TOTP secret is sealed with the keyring (a copy of the database alone cannot make
codes); recovery codes are kept only as argon2id hashes, like passwords. A code is
accepted for the current 30-second step or the one either side (clock drift), and only
for a step later than the last one accepted, so a code seen once cannot be replayed.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casewarden.accounts import passwords
from casewarden.accounts.models import TOTP_SECRET_PURPOSE, RecoveryCode, StaffUser
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring

ISSUER = "casewarden"
RECOVERY_CODES = 10
# Lowercase letters and digits without look-alikes (0/o, 1/l/i): read aloud or typed from paper.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_GROUPS, _RECOVERY_GROUP_LENGTH = 3, 4  # 12 characters, about 59 bits
_TOTP_CODE = re.compile(r"^\d{6}$")
_DRIFT_STEPS = (0, -1, 1)
_MAX_CODE_LENGTH = 64


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What a person types into their authenticator app."""

    secret: str
    uri: str

    @property
    def grouped_secret(self) -> str:
        """The secret in groups of four, easier to type by hand."""
        return " ".join(self.secret[i : i + 4] for i in range(0, len(self.secret), 4))


def is_enrolled(user: StaffUser) -> bool:
    """True when the account has a confirmed authenticator app."""
    return user.totp_enrolled_at is not None and user.totp_secret is not None


def _secret(keyring: Keyring, user: StaffUser) -> str:
    assert user.totp_secret is not None
    return keyring.open_text(user.totp_secret, TOTP_SECRET_PURPOSE)


def pending_enrolment(*, keyring: Keyring, user: StaffUser) -> Enrolment:
    """The secret to enrol, made (and sealed) on first ask; the same one until confirmed."""
    if user.totp_secret is None:
        user.totp_secret = keyring.seal_text(pyotp.random_base32(), TOTP_SECRET_PURPOSE)
        user.totp_enrolled_at, user.totp_last_step = None, None
    secret = _secret(keyring, user)
    label = f"{user.agency.name} ({user.username})"
    uri = pyotp.TOTP(secret).provisioning_uri(name=label, issuer_name=ISSUER)
    return Enrolment(secret=secret, uri=uri)


def normalize_code(code: str) -> str:
    """A typed code without spaces or dashes, lowercase (authenticator apps group digits)."""
    return re.sub(r"[\s-]+", "", code[:_MAX_CODE_LENGTH]).lower()


def looks_like_totp(code: str) -> bool:
    """True for six digits: a code from the app rather than a recovery code."""
    return bool(_TOTP_CODE.match(normalize_code(code)))


def matching_step(*, keyring: Keyring, user: StaffUser, code: str, now: datetime) -> int | None:
    """The time step the code belongs to, if it is valid now and not a replay."""
    typed = normalize_code(code)
    if user.totp_secret is None or not _TOTP_CODE.match(typed):
        return None
    totp = pyotp.TOTP(_secret(keyring, user))
    current = totp.timecode(now)
    for offset in _DRIFT_STEPS:
        step = current + offset
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), typed):
            return step
    return None


def replayed(*, keyring: Keyring, user: StaffUser, code: str, now: datetime) -> bool:
    """True when the code is right for a step already used (said apart in the audit trail)."""
    typed = normalize_code(code)
    if user.totp_secret is None or user.totp_last_step is None or not _TOTP_CODE.match(typed):
        return False
    totp = pyotp.TOTP(_secret(keyring, user))
    current = totp.timecode(now)
    return any(
        current + offset <= user.totp_last_step
        and hmac.compare_digest(totp.generate_otp(current + offset), typed)
        for offset in _DRIFT_STEPS
    )


def _new_recovery_code() -> str:
    groups = (
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUP_LENGTH))
        for _ in range(_RECOVERY_GROUPS)
    )
    return "-".join(groups)


def issue_recovery_codes(*, session: Session, user: StaffUser) -> list[str]:
    """Replace the account's recovery codes with new ones; the plain codes are shown once."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    now = utcnow()
    for code in codes:
        session.add(
            RecoveryCode(
                user_id=user.id,
                code_hash=passwords.hash_password(normalize_code(code)),
                created_at=now,
            )
        )
    session.flush()
    return codes


def use_recovery_code(*, session: Session, user: StaffUser, code: str) -> int | None:
    """Spend a recovery code; returns how many are left, or None when it matches none unused."""
    typed = normalize_code(code)
    if not typed:
        return None
    unused = list(
        session.scalars(
            select(RecoveryCode).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        )
    )
    for record in unused:
        if passwords.verify_password(record.code_hash, typed):
            record.used_at = utcnow()
            session.flush()
            return len(unused) - 1
    return None


def forget(*, session: Session, user: StaffUser) -> None:
    """Remove the account's authenticator and recovery codes: it enrols again at sign-in."""
    user.totp_secret, user.totp_enrolled_at, user.totp_last_step = None, None, None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    session.flush()
