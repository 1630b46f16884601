"""Roles and permissions: declared in one place, checked by one function."""

from __future__ import annotations

import pytest

from casewarden.accounts.roles import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    authorize,
    has_permission,
    requires_second_factor,
)
from casewarden.actor import Actor, ActorKind
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.errors import InvalidInput, PermissionDenied

P = Permission
GRANTS = {
    (Role.ADMIN, P.ACCOUNTS_MANAGE),
    (Role.ADMIN, P.AUDIT_READ),
    (Role.ADMIN, P.AUDIT_VERIFY),
    (Role.ADMIN, P.AUDIT_EXPORT),
    (Role.SUPERVISOR, P.AUDIT_READ),
    (Role.SUPERVISOR, P.AUDIT_VERIFY),
    (Role.PRIVACY_OFFICER, P.AUDIT_READ),
    (Role.PRIVACY_OFFICER, P.AUDIT_VERIFY),
    (Role.PRIVACY_OFFICER, P.AUDIT_EXPORT),
    (Role.ADMIN, P.PAGES_MANAGE),
    (Role.ADMIN, P.MODERATION_DASHBOARD),
    (Role.ADMIN, P.ARCHIVE_HOLD),
    (Role.ADMIN, P.OUTREACH_COMPOSE),
    (Role.ADMIN, P.OUTREACH_APPROVE),
    (Role.ADMIN, P.OUTREACH_SETTINGS),
    (Role.SUPERVISOR, P.OUTREACH_COMPOSE),
    (Role.SUPERVISOR, P.OUTREACH_APPROVE),
    (Role.PAGE_MODERATOR, P.OUTREACH_COMPOSE),
    (Role.SUPERVISOR, P.MODERATION_REVIEW),
    (Role.SUPERVISOR, P.MODERATION_DELETE),
    (Role.SUPERVISOR, P.MODERATION_RESTORE_DISCLOSURE),
    (Role.SUPERVISOR, P.MODERATION_TAKE_OVER),
    (Role.SUPERVISOR, P.MODERATION_THREATS),
    (Role.SUPERVISOR, P.MODERATION_DASHBOARD),
    (Role.SUPERVISOR, P.ARCHIVE_EXPORT),
    (Role.PAGE_MODERATOR, P.MODERATION_REVIEW),
    (Role.PAGE_MODERATOR, P.MODERATION_DASHBOARD),
    (Role.PRIVACY_OFFICER, P.ARCHIVE_EXPORT),
    (Role.PRIVACY_OFFICER, P.ARCHIVE_HOLD),
    (Role.ADMIN, P.PRIVACY_STATISTICS),
    (Role.SUPERVISOR, P.PRIVACY_MESSAGES),
    (Role.SUPERVISOR, P.PRIVACY_STATISTICS),
    (Role.PAGE_MODERATOR, P.PRIVACY_MESSAGES),
    (Role.PRIVACY_OFFICER, P.PRIVACY_MESSAGES),
    (Role.PRIVACY_OFFICER, P.PRIVACY_REQUESTS),
    (Role.PRIVACY_OFFICER, P.PRIVACY_DISCLOSE),
    # The second person of a disclosure: never the privacy officer who recorded it.
    (Role.SUPERVISOR, P.PRIVACY_DISCLOSURE_CONFIRM),
    (Role.ADMIN, P.PRIVACY_DISCLOSURE_CONFIRM),
    (Role.PRIVACY_OFFICER, P.PRIVACY_STATISTICS),
    (Role.PRIVACY_OFFICER, P.PRIVACY_PUBLISH),
    *((role, P.CONSOLE_USE) for role in Role),
    (Role.CASEWORKER, P.LOCATE_RECORD),
    (Role.SUPERVISOR, P.LOCATE_ASSIGN),
    *(
        (role, permission)
        for role in (Role.CASEWORKER, Role.SUPERVISOR)
        for permission in (
            P.LOCATE_VIEW,
            P.LOCATE_VERIFY,
            P.LOCATE_USE,
            P.LOCATE_EXPORT,
            P.EVIDENCE_PACKAGE,
        )
    ),
}


def test_every_role_is_declared() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_role_grants_exactly_the_declared_permissions(role: Role, permission: Permission) -> None:
    assert has_permission(role, permission) is ((role, permission) in GRANTS)


def test_authorize_lets_the_role_through() -> None:
    authorize(Actor(kind=ActorKind.STAFF, id=1, role="admin"), Permission.ACCOUNTS_MANAGE)


@pytest.mark.parametrize(
    "actor",
    [
        Actor(kind=ActorKind.STAFF, id=1, role="caseworker"),
        Actor(kind=ActorKind.STAFF, id=1, role="no_such_role"),
        Actor(kind=ActorKind.STAFF, id=1, role=None),
        Actor.anonymous(),
        Actor(kind=ActorKind.PUBLIC),
    ],
)
def test_authorize_refuses_with_an_audit_event(actor: Actor) -> None:
    with pytest.raises(PermissionDenied) as caught:
        authorize(actor, Permission.ACCOUNTS_MANAGE)
    event = caught.value.audit_event
    assert event is not None
    assert event.tag is AuditTag.AUTHZ_PERMISSION_DENY
    assert event.outcome is Outcome.DENIED
    assert event.details["permission"] == "accounts:manage"


def test_the_system_actor_holds_every_permission() -> None:
    for permission in Permission:
        authorize(Actor.system(), permission)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Admin", Role.ADMIN),
        (" caseworker ", Role.CASEWORKER),
        ("PRIVACY_OFFICER", Role.PRIVACY_OFFICER),
        ("page_moderator", Role.PAGE_MODERATOR),
        ("Supervisor\n", Role.SUPERVISOR),
    ],
)
def test_role_names_parse_leniently_to_that_role(text: str, role: Role) -> None:
    assert Role.parse(text) is role


def test_unknown_role_lists_the_real_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        Role.parse("superuser")
    message = caught.value.public_message
    assert "superuser" in message
    for role in Role:
        assert role.value in message


@pytest.mark.parametrize("role", list(Role))
def test_every_role_that_sees_case_data_needs_a_second_factor(role: Role) -> None:
    assert requires_second_factor(role)
