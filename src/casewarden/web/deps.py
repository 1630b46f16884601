"""Typed dependencies for every router: settings, the request's unit of work, who is signed in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Path, Request

from casewarden.accounts.models import StaffUser
from casewarden.accounts.oidc import OidcClients
from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for, scope_of
from casewarden.accounts.signin import SessionState, resolve_session
from casewarden.actor import Actor
from casewarden.audit.unit import unit_of_work
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import CasewardenSession, Database
from casewarden.db.scope import Scope, set_scope
from casewarden.web.session_cookie import session_token


class SignInRequired(Exception):
    """No valid console session: send the person to the sign-in page."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("sign-in required")
        self.expired = expired


class SecondFactorRequired(Exception):
    """The password was right but the sign-in waits for its second factor."""


class PasswordChangeRequired(Exception):
    """The account must choose a new password before doing anything else."""


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The staff member behind this request.

    ``user`` is the live record for services; the other fields are a snapshot that
    pages (error pages included, after a rollback has expired ``user``) can show.
    """

    user: StaffUser
    session_id: int
    user_id: int
    username: str
    display_name: str
    role: Role
    agency_id: int
    agency_name: str
    last_login_at: datetime | None
    actor: Actor

    @classmethod
    def of(cls, user: StaffUser, session_id: int) -> SignedIn:
        """Snapshot a signed-in account."""
        return cls(
            user=user,
            session_id=session_id,
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            agency_id=user.agency_id,
            agency_name=user.agency.name,
            last_login_at=user.last_login_at,
            actor=actor_for(user),
        )


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    """The app's database."""
    database: Database = request.app.state.database
    return database


def get_keyring(request: Request) -> Keyring:
    """The keyring that seals data at rest (TOTP secrets among it)."""
    keyring: Keyring = request.app.state.runtime.keyring
    return keyring


def get_oidc(request: Request) -> OidcClients:
    """The clients of the directories staff may sign in through."""
    clients: OidcClients = request.app.state.oidc
    return clients


def request_session(
    database: Annotated[Database, Depends(get_database)],
) -> Iterator[CasewardenSession]:
    """One unit of work per request; it sees no agency until a person is signed in."""
    with unit_of_work(database, Scope.nobody()) as session:
        yield session


# Both databases store ids as signed 64-bit integers; larger numbers name nothing.
MAX_ID = 2**63 - 1
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]

SettingsDep = Annotated[Settings, Depends(get_settings)]
KeyringDep = Annotated[Keyring, Depends(get_keyring)]
OidcDep = Annotated[OidcClients, Depends(get_oidc)]
DbSession = Annotated[CasewardenSession, Depends(request_session)]


def signed_in_any(request: Request, session: DbSession, settings: SettingsDep) -> SignedIn:
    """The signed-in staff member, even one who must still change their password."""
    resolved = resolve_session(session=session, settings=settings, token=session_token(request))
    # Expiry and last-seen updates must survive whatever the route does next.
    session.commit()
    if resolved.state is SessionState.EXPIRED:
        raise SignInRequired(expired=True)
    if resolved.state is SessionState.SECOND_FACTOR:
        raise SecondFactorRequired()
    if resolved.user is None or resolved.session_id is None:
        raise SignInRequired()
    set_scope(session, scope_of(resolved.user))
    staff = SignedIn.of(resolved.user, resolved.session_id)
    request.state.staff = staff
    return staff


def signed_in(staff: Annotated[SignedIn, Depends(signed_in_any)]) -> SignedIn:
    """The signed-in staff member, once their password is their own."""
    if staff.user.must_change_password:
        raise PasswordChangeRequired()
    return staff


@dataclass(frozen=True, slots=True)
class AwaitingSecondFactor:
    """A session whose password step is done and whose second factor is not yet given."""

    user: StaffUser
    session_id: int


def awaiting_second_factor(
    request: Request, session: DbSession, settings: SettingsDep
) -> AwaitingSecondFactor:
    """The account at the second step of signing in; anyone else is sent to sign in."""
    resolved = resolve_session(session=session, settings=settings, token=session_token(request))
    session.commit()
    if resolved.state is SessionState.ACTIVE:
        raise AlreadySignedIn()
    if (
        resolved.state is not SessionState.SECOND_FACTOR
        or resolved.user is None
        or resolved.session_id is None
    ):
        raise SignInRequired(expired=resolved.state is SessionState.EXPIRED)
    return AwaitingSecondFactor(user=resolved.user, session_id=resolved.session_id)


class AlreadySignedIn(Exception):
    """The second-factor page was asked for by a session that is already whole."""


AnyStaff = Annotated[SignedIn, Depends(signed_in_any)]
Pending = Annotated[AwaitingSecondFactor, Depends(awaiting_second_factor)]
Staff = Annotated[SignedIn, Depends(signed_in)]
