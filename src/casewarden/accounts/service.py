"""Managing staff accounts: create, list, disable, enable, change role and password."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from casewarden.accounts import passwords, second_factor
from casewarden.accounts.models import StaffSession, StaffUser
from casewarden.accounts.roles import Permission, Role, StatewideAccess, authorize
from casewarden.actor import Actor, ActorKind
from casewarden.agencies.models import Agency, AgencyKind
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.db.scope import Scope, elevated, ensure_writable
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
_UNIT = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def actor_for(user: StaffUser) -> Actor:
    """The audit and policy identity of a staff member."""
    return Actor(kind=ActorKind.STAFF, id=user.id, agency_id=user.agency_id, role=user.role)


#: Every entry about administering an account: the account is the subject.
_ADMINISTRATION = Subject(type="staff_user", purpose="administration")


def normalize_username(username: str) -> str:
    """Usernames compare case-insensitively and without surrounding spaces."""
    return username.strip().lower()


def password_names(*, username: str, agency: Agency) -> tuple[str, ...]:
    """What a password must not be built from: the username and the agency's name and code."""
    return (username, agency.name, agency.code)


def _username_taken(session: Session, username: str) -> bool:
    # Usernames are unique across the deployment, so look beyond the caller's agency.
    with elevated(session):
        return (
            session.scalar(select(StaffUser.id).where(StaffUser.username == username)) is not None
        )


def create_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    display_name: str,
    role: Role | str,
    password: str,
    agency: Agency,
    must_change_password: bool = False,
    statewide: StatewideAccess = StatewideAccess.NONE,
) -> StaffUser:
    """Create a staff account in ``agency``."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    username = normalize_username(username)
    if not _USERNAME.match(username):
        raise InvalidInput(
            N_("Username must be 3-64 characters: lowercase letters, digits, '.', '_' or '-'.")
        )
    display_name = " ".join(display_name.split())
    if not display_name or len(display_name) > 120:
        raise InvalidInput(N_("Display name must be 1-120 characters."))
    role = Role.parse(role) if isinstance(role, str) else role
    if statewide is not StatewideAccess.NONE and agency.kind is not AgencyKind.STATE:
        raise InvalidInput(N_("Only accounts of the state department can have statewide access."))
    passwords.check_strength(password, names=password_names(username=username, agency=agency))
    if _username_taken(session, username):
        raise Conflict(N_("The username %(username)r is taken."), values={"username": username})
    user = StaffUser(
        agency_id=agency.id,
        username=username,
        display_name=display_name,
        role=role,
        statewide=statewide,
        password_hash=passwords.hash_password(password),
        must_change_password=must_change_password,
        password_changed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor,
        tag=AuditTag.ACCOUNTS_USER_CREATE,
        details={"role": str(role)},
    )
    return user


def list_users(*, session: Session, actor: Actor) -> list[StaffUser]:
    """Accounts visible to the actor, by username."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))


def get_user(*, session: Session, username: str) -> StaffUser:
    """The account with this username, if visible in the session's scope."""
    user = session.scalar(
        select(StaffUser).where(StaffUser.username == normalize_username(username))
    )
    if user is None:
        raise NotFound(
            N_("No user %(username)r."), values={"username": normalize_username(username)}
        )
    return user


def get_user_by_id(*, session: Session, user_id: int) -> StaffUser:
    """The account with this id, if visible in the session's scope."""
    user = session.scalar(select(StaffUser).where(StaffUser.id == user_id))
    if user is None:
        raise NotFound(N_("No such user."))
    return user


def _user_to_change(session: Session, username: str) -> StaffUser:
    user = get_user(session=session, username=username)
    ensure_writable(session, user)
    return user


def _active_admins(session: Session, agency_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(StaffUser)
            .where(
                StaffUser.agency_id == agency_id,
                StaffUser.role == Role.ADMIN,
                StaffUser.is_active.is_(True),
            )
        )
        or 0
    )


def _refuse_losing_last_admin(session: Session, user: StaffUser) -> None:
    if user.role is Role.ADMIN and user.is_active and _active_admins(session, user.agency_id) <= 1:
        raise Conflict(N_("This is the agency's last active administrator; add another first."))


def end_sessions(*, session: Session, user_id: int, reason: str) -> int:
    """End every open sign-in session of a user; returns how many."""
    result = session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user_id, StaffSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason=reason)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def disable_user(*, session: Session, actor: Actor, username: str) -> StaffUser:
    """Disable an account and end its sessions; its history stays."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    user = _user_to_change(session, username)
    if actor.kind is ActorKind.STAFF and actor.id == user.id:
        raise Conflict(N_("You cannot disable your own account."))
    if not user.is_active:
        return user
    _refuse_losing_last_admin(session, user)
    user.is_active = False
    session.flush()
    end_sessions(session=session, user_id=user.id, reason="disabled")
    chain.record(
        session, subject=_ADMINISTRATION.of(user), actor=actor, tag=AuditTag.ACCOUNTS_USER_DISABLE
    )
    return user


def enable_user(*, session: Session, actor: Actor, username: str) -> StaffUser:
    """Allow a disabled account to sign in again."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    user = _user_to_change(session, username)
    if user.is_active:
        return user
    user.is_active = True
    session.flush()
    chain.record(
        session, subject=_ADMINISTRATION.of(user), actor=actor, tag=AuditTag.ACCOUNTS_USER_ENABLE
    )
    return user


def set_role(*, session: Session, actor: Actor, username: str, role: Role | str) -> StaffUser:
    """Give an account a different role; its open sessions end so the change applies at once."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    new_role = Role.parse(role) if isinstance(role, str) else role
    user = _user_to_change(session, username)
    if user.role is new_role:
        return user
    if new_role is not Role.ADMIN:
        _refuse_losing_last_admin(session, user)
    old_role = user.role
    user.role = new_role
    session.flush()
    end_sessions(session=session, user_id=user.id, reason="role_changed")
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor,
        tag=AuditTag.ACCOUNTS_USER_SET_ROLE,
        details={"old_role": str(old_role), "new_role": str(new_role)},
    )
    return user


def normalize_unit(unit: str | None) -> str | None:
    """A unit code in canonical form, None for "no unit", or a clear error."""
    if unit is None or not unit.strip():
        return None
    code = unit.strip().lower()
    if not _UNIT.match(code):
        raise InvalidInput(N_("A unit is 1-40 lowercase letters, digits or '-', e.g. locate-east."))
    return code


def set_unit(*, session: Session, actor: Actor, username: str, unit: str | None) -> StaffUser:
    """Put an account in a work unit of its agency (None: in no unit)."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    code = normalize_unit(unit)
    user = _user_to_change(session, username)
    if user.unit == code:
        return user
    old_unit = user.unit
    user.unit = code
    session.flush()
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor,
        tag=AuditTag.ACCOUNTS_USER_SET_UNIT,
        details={"old_unit": old_unit or "", "new_unit": code or ""},
    )
    return user


_EMAIL = re.compile(r"^[^@\s]{1,64}@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+$")


def set_sso_email(*, session: Session, actor: Actor, username: str, email: str | None) -> StaffUser:
    """Set the work email a directory may vouch for (None: none), and forget the bound subject.

    The next single sign-on then finds the account by this email again and binds the
    directory's subject afresh: the way to move a person to a new directory identity.
    """
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    user = _user_to_change(session, username)
    address = email.strip().lower() if email else None
    if address is not None:
        if len(address) > 254 or not _EMAIL.match(address):
            raise InvalidInput(N_("That is not an email address."))
        with elevated(session):
            holder = session.scalar(select(StaffUser.id).where(StaffUser.email == address))
        if holder is not None and holder != user.id:
            raise Conflict(N_("Another account has that email."))
    unbound = user.oidc_subject is not None
    user.email, user.oidc_issuer, user.oidc_subject = address, None, None
    session.flush()
    # The email is an identifier: the trail says only that one is set.
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor,
        tag=AuditTag.ACCOUNTS_USER_SET_SSO,
        details={
            "email_set": str(address is not None).lower(),
            "subject_unbound": str(unbound).lower(),
        },
    )
    return user


def reset_password(*, session: Session, actor: Actor, username: str) -> tuple[StaffUser, str]:
    """Set a random temporary password that must be changed at the next sign-in."""
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    user = _user_to_change(session, username)
    temporary = secrets.token_urlsafe(15)
    # Random, so it meets the rule; checked all the same, as every password set is.
    passwords.check_strength(
        temporary, names=password_names(username=user.username, agency=user.agency)
    )
    user.password_hash = passwords.hash_password(temporary)
    user.must_change_password = True
    user.password_changed_at = utcnow()
    session.flush()
    end_sessions(session=session, user_id=user.id, reason="password_reset")
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor,
        tag=AuditTag.ACCOUNTS_USER_RESET_PASSWORD,
    )
    return user, temporary


def reset_second_factor(*, session: Session, actor: Actor, username: str) -> StaffUser:
    """Forget an account's authenticator app and recovery codes; it enrols again at sign-in.

    Its sessions end, so the reset takes effect at once.
    """
    authorize(actor, Permission.ACCOUNTS_MANAGE)
    user = _user_to_change(session, username)
    had_one = second_factor.is_enrolled(user)
    second_factor.forget(session=session, user=user)
    end_sessions(session=session, user_id=user.id, reason="second_factor_reset")
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor,
        tag=AuditTag.ACCOUNTS_USER_RESET_SECOND_FACTOR,
        details={"was_enrolled": "yes" if had_one else "no"},
    )
    return user


def change_own_password(
    *, session: Session, user: StaffUser, current: str, new: str, keep_session_id: int | None
) -> None:
    """A signed-in person replaces their password; their other sessions end."""
    if not passwords.verify_password(user.password_hash, current):
        raise InvalidInput(N_("The current password is incorrect."))
    if current == new:
        raise InvalidInput(N_("The new password must differ from the current one."))
    passwords.check_strength(new, names=password_names(username=user.username, agency=user.agency))
    user.password_hash = passwords.hash_password(new)
    user.must_change_password = False
    user.password_changed_at = utcnow()
    session.flush()
    session.execute(
        update(StaffSession)
        .where(
            StaffSession.user_id == user.id,
            StaffSession.ended_at.is_(None),
            StaffSession.id != (keep_session_id or -1),
        )
        .values(ended_at=utcnow(), end_reason="password_changed")
    )
    chain.record(
        session,
        subject=_ADMINISTRATION.of(user),
        actor=actor_for(user),
        tag=AuditTag.AUTH_PASSWORD_CHANGE,
    )


@dataclass(frozen=True, slots=True)
class BootstrapResult:
    """The first administrator, with the one-time password to hand to its owner."""

    user: StaffUser
    password: str


def bootstrap_admin(*, session: Session, agency: Agency) -> BootstrapResult | None:
    """Create an ``admin`` account when the deployment has no administrator at all."""
    with elevated(session):
        any_admin = session.scalar(select(StaffUser.id).where(StaffUser.role == Role.ADMIN))
        if any_admin is not None:
            return None
        username = "admin" if not _username_taken(session, "admin") else f"admin-{agency.code}"
        password = secrets.token_urlsafe(15)
        user = create_user(
            session=session,
            actor=Actor.system(),
            username=username,
            display_name="Administrator",
            role=Role.ADMIN,
            password=password,
            agency=agency,
            must_change_password=True,
        )
        session.flush()
    return BootstrapResult(user=user, password=password)


def scope_of(user: StaffUser) -> Scope:
    """The agency scope a signed-in staff member works in."""
    if user.statewide is StatewideAccess.WRITE:
        return Scope.statewide(user.agency_id, writable=True)
    if user.statewide is StatewideAccess.READ:
        return Scope.statewide(user.agency_id)
    return Scope.for_agency(user.agency_id)
