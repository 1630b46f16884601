"""Staff accounts, their second factors, sign-in sessions, and failed sign-in counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.agencies.models import Agency
from casewarden.db.base import AgencyScoped, Base, BigId, IdMixin, TimestampMixin, enum_column

TOTP_SECRET_PURPOSE = "staff_user.totp_secret"  # noqa: S105 - a sealing purpose, not a secret


class StaffUser(IdMixin, TimestampMixin, AgencyScoped, Base):
    """A member of an agency's staff who signs in to the console."""

    __tablename__ = "staff_user"
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_subject"),)

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    statewide: Mapped[StatewideAccess] = mapped_column(
        enum_column(StatewideAccess, 10), default=StatewideAccess.NONE
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    #: The work unit within the agency (e.g. ``locate-east``); locate leads are shared in it.
    unit: Mapped[str | None] = mapped_column(String(40))
    is_active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    password_changed_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    #: The authenticator app's TOTP secret, sealed; set but not enrolled while enrolment runs.
    totp_secret: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": TOTP_SECRET_PURPOSE}
    )
    totp_enrolled_at: Mapped[datetime | None]
    #: The last TOTP time step accepted: a code of that step or before is a replay.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    #: The work email a directory may vouch for at a first single sign-on (lowercase).
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    #: The directory and its subject this account is bound to after its first single sign-on.
    oidc_issuer: Mapped[str | None] = mapped_column(String(255))
    oidc_subject: Mapped[str | None] = mapped_column(String(255))

    agency: Mapped[Agency] = relationship(lazy="joined", innerjoin=True)


class StaffSession(IdMixin, Base):
    """A server-side sign-in session; the browser holds only a random token.

    Only the SHA-256 of the token is stored, so a copy of the database cannot be
    used to sign in.
    """

    __tablename__ = "staff_session"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    #: When the second factor was given; until then the session only reaches that step.
    second_factor_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))


class LoginThrottle(Base):
    """Recent failed sign-ins for one key (a username or a client address, keyed-hashed)."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class RecoveryCode(IdMixin, Base):
    """A one-time code that stands in for the authenticator app; only its argon2 hash is kept."""

    __tablename__ = "staff_recovery_code"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class SsoAttempt(IdMixin, Base):
    """One single sign-on begun in a browser: its state, nonce and PKCE verifier, used once.

    Only hashes of the state and of the browser's binding cookie are kept, so the row
    cannot finish a sign-in for anyone who does not hold both.
    """

    __tablename__ = "sso_attempt"

    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    binding_hash: Mapped[str] = mapped_column(String(64))
    provider: Mapped[str] = mapped_column(String(40))
    nonce: Mapped[str] = mapped_column(String(64))
    code_verifier: Mapped[str] = mapped_column(String(128))
    next_path: Mapped[str] = mapped_column(String(2048))
    created_at: Mapped[datetime] = mapped_column(index=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
