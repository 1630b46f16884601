"""Account management rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts import passwords, service
from casewarden.accounts.models import StaffSession, StaffUser
from casewarden.accounts.roles import Role, StatewideAccess
from casewarden.actor import Actor
from casewarden.agencies.models import AgencyKind
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.errors import Conflict, InvalidInput, PermissionDenied
from tests.factories import PASSWORD, make_agency, make_user

SYSTEM = Actor.system()
GOOD_PASSWORD = "a sturdy passphrase 42"


def _create(session: Session, **overrides: object) -> StaffUser:
    values: dict[str, object] = {
        "session": session,
        "actor": SYSTEM,
        "username": "ana.r",
        "display_name": "Ana R.",
        "role": Role.PAGE_MODERATOR,
        "password": GOOD_PASSWORD,
        "agency": overrides.pop("agency", None) or make_agency(session),
    }
    values.update(overrides)
    return service.create_user(**values)  # type: ignore[arg-type]


def _tags(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))


def test_create_user_hashes_the_password_and_audits(session: Session) -> None:
    user = _create(session, username="  Ana.R ")
    assert user.username == "ana.r"
    assert user.password_hash.startswith("$argon2id$")
    assert passwords.verify_password(user.password_hash, GOOD_PASSWORD)
    assert GOOD_PASSWORD not in user.password_hash
    assert _tags(session) == ["accounts:user:create"]


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"username": "a"}, "Username must be"),
        ({"username": "has space"}, "Username must be"),
        ({"username": "x" * 65}, "Username must be"),
        ({"display_name": "   "}, "Display name"),
        ({"role": "superuser"}, "Unknown role"),
        ({"password": "short"}, "at least 12"),
        ({"password": "a" * 300}, "at most"),
        ({"password": "aaaaaaaaaaaaaaaa"}, "repeat"),
        ({"password": "password1234"}, "common or breached"),
        ({"password": "Ana.R-2024!!!!"}, "built from the username"),
    ],
)
def test_create_user_refuses_bad_input(
    session: Session, overrides: dict[str, object], complaint: str
) -> None:
    with pytest.raises(InvalidInput, match=complaint):
        _create(session, **overrides)
    assert session.scalar(select(StaffUser.id)) is None


def test_usernames_are_unique_across_agencies(session: Session) -> None:
    _create(session, agency=make_agency(session))
    with pytest.raises(Conflict, match="taken"):
        _create(session, agency=make_agency(session))


def test_only_state_accounts_get_statewide_access(session: Session) -> None:
    with pytest.raises(InvalidInput, match="state department"):
        _create(session, statewide=StatewideAccess.READ)
    state = make_agency(session, kind=AgencyKind.STATE)
    assert _create(session, agency=state, statewide=StatewideAccess.READ).statewide is (
        StatewideAccess.READ
    )


def test_non_admin_cannot_manage_accounts(session: Session) -> None:
    agency = make_agency(session)
    moderator = make_user(session, agency, role=Role.PAGE_MODERATOR)
    with pytest.raises(PermissionDenied):
        _create(session, actor=service.actor_for(moderator), agency=agency)


def test_disable_ends_sessions_and_keeps_the_record(session: Session) -> None:
    agency = make_agency(session)
    make_user(session, agency, role=Role.ADMIN)
    user = make_user(session, agency)
    now = utcnow()
    session.add(
        StaffSession(
            token_hash="f" * 64, user_id=user.id, created_at=now, last_seen_at=now, expires_at=now
        )
    )
    session.flush()
    service.disable_user(session=session, actor=SYSTEM, username=user.username)
    assert user.is_active is False
    record = session.scalars(select(StaffSession).where(StaffSession.user_id == user.id)).one()
    assert record.end_reason == "disabled"
    service.enable_user(session=session, actor=SYSTEM, username=user.username)
    assert user.is_active is True
    assert _tags(session)[-2:] == ["accounts:user:disable", "accounts:user:enable"]


def test_the_last_admin_can_be_neither_disabled_nor_demoted(session: Session) -> None:
    agency = make_agency(session)
    admin = make_user(session, agency, role=Role.ADMIN)
    with pytest.raises(Conflict, match="last active administrator"):
        service.disable_user(session=session, actor=SYSTEM, username=admin.username)
    with pytest.raises(Conflict, match="last active administrator"):
        service.set_role(session=session, actor=SYSTEM, username=admin.username, role="caseworker")
    make_user(session, agency, role=Role.ADMIN)
    service.set_role(session=session, actor=SYSTEM, username=admin.username, role="caseworker")
    assert admin.role is Role.CASEWORKER


def test_admins_cannot_disable_themselves(session: Session) -> None:
    agency = make_agency(session)
    admin = make_user(session, agency, role=Role.ADMIN)
    make_user(session, agency, role=Role.ADMIN)
    with pytest.raises(Conflict, match="your own"):
        service.disable_user(
            session=session, actor=service.actor_for(admin), username=admin.username
        )


def test_set_role_audits_old_and_new(session: Session) -> None:
    agency = make_agency(session)
    user = make_user(session, agency, role=Role.CASEWORKER)
    service.set_role(session=session, actor=SYSTEM, username=user.username, role="supervisor")
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry is not None
    assert entry.details == {"old_role": "caseworker", "new_role": "supervisor"}


def test_reset_password_issues_a_one_time_password(session: Session) -> None:
    user = make_user(session, make_agency(session))
    _, temporary = service.reset_password(session=session, actor=SYSTEM, username=user.username)
    assert user.must_change_password is True
    assert passwords.verify_password(user.password_hash, temporary)
    assert not passwords.verify_password(user.password_hash, PASSWORD)


@pytest.mark.parametrize(
    ("current", "new", "complaint"),
    [
        ("wrong password!!", "another good phrase 1", "current password is incorrect"),
        (PASSWORD, PASSWORD, "must differ"),
        (PASSWORD, "tiny", "at least 12"),
        (PASSWORD, "password1234", "common or breached"),
        (PASSWORD, "Test County!! 2024", "built from the username or the agency's name"),
    ],
)
def test_change_own_password_checks(
    session: Session, current: str, new: str, complaint: str
) -> None:
    user = make_user(session, make_agency(session))
    with pytest.raises(InvalidInput, match=complaint):
        service.change_own_password(
            session=session, user=user, current=current, new=new, keep_session_id=None
        )


def test_bootstrap_creates_one_admin_only_once(session: Session) -> None:
    agency = make_agency(session)
    result = service.bootstrap_admin(session=session, agency=agency)
    assert result is not None
    assert result.user.role is Role.ADMIN
    assert result.user.must_change_password is True
    assert passwords.verify_password(result.user.password_hash, result.password)
    assert service.bootstrap_admin(session=session, agency=agency) is None
