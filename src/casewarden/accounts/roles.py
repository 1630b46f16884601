"""Roles and their permissions, declared in one place and checked by one function."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from casewarden.actor import Actor, ActorKind
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.errors import InvalidInput, PermissionDenied
from casewarden.i18n import N_


class Role(StrEnum):
    """The staff roles of an agency (see DESIGN.md, "Who uses it")."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    PAGE_MODERATOR = "page_moderator"
    CASEWORKER = "caseworker"
    PRIVACY_OFFICER = "privacy_officer"

    @classmethod
    def parse(cls, value: str) -> Role:
        """The role named ``value``, or a clear error listing the roles that exist."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            known = ", ".join(role.value for role in cls)
            raise InvalidInput(
                N_("Unknown role %(value)r. Roles are: %(known)s."),
                values={"value": value, "known": known},
            ) from None


class StatewideAccess(StrEnum):
    """Whether an account sees beyond its own agency."""

    NONE = "none"
    READ = "read"
    WRITE = "write"


class Permission(StrEnum):
    """What a role may do, named ``area:action``."""

    CONSOLE_USE = "console:use"
    ACCOUNTS_MANAGE = "accounts:manage"
    AUDIT_READ = "audit:read"
    AUDIT_VERIFY = "audit:verify"
    AUDIT_EXPORT = "audit:export"
    PAGES_MANAGE = "pages:manage"
    MODERATION_REVIEW = "moderation:review"
    MODERATION_DELETE = "moderation:delete"
    #: Restore a comment hidden for a disclosure (rule 1): supervisors only (DESIGN.md).
    MODERATION_RESTORE_DISCLOSURE = "moderation:restore_disclosure"
    #: See and acknowledge threats escalated to the supervisors (DESIGN.md, rules 1–2).
    MODERATION_THREATS = "moderation:threats"
    MODERATION_DASHBOARD = "moderation:dashboard"
    #: Take over a comment a colleague has open (their claim ends; audited): supervisors only.
    MODERATION_TAKE_OVER = "moderation:take_over"
    ARCHIVE_EXPORT = "archive:export"
    ARCHIVE_HOLD = "archive:hold"
    OUTREACH_COMPOSE = "outreach:compose"
    OUTREACH_APPROVE = "outreach:approve"
    OUTREACH_SETTINGS = "outreach:settings"
    LOCATE_VIEW = "locate:view"
    LOCATE_RECORD = "locate:record"
    LOCATE_VERIFY = "locate:verify"
    LOCATE_USE = "locate:use"
    LOCATE_EXPORT = "locate:export"
    LOCATE_ASSIGN = "locate:assign"
    EVIDENCE_PACKAGE = "evidence:package"
    PRIVACY_MESSAGES = "privacy:messages"
    PRIVACY_REQUESTS = "privacy:requests"
    PRIVACY_DISCLOSE = "privacy:disclose"
    #: Confirm or refuse a recorded permission to disclose to a third party: the second
    #: person of the two-person rule (a supervisor or an administrator).
    PRIVACY_DISCLOSURE_CONFIRM = "privacy:disclosure_confirm"
    PRIVACY_STATISTICS = "privacy:statistics"
    PRIVACY_PUBLISH = "privacy:publish"


_EVERY_ROLE = frozenset({Permission.CONSOLE_USE})
# Locate work is need-to-know: the caseworkers who research leads and the supervisors who
# see their unit's work. Administrators manage accounts but do not read leads.
_LOCATE_REVIEW = frozenset(
    {
        Permission.LOCATE_VIEW,
        Permission.LOCATE_VERIFY,
        Permission.LOCATE_USE,
        Permission.LOCATE_EXPORT,
        Permission.EVIDENCE_PACKAGE,
    }
)

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.ADMIN: _EVERY_ROLE
    | {
        Permission.ACCOUNTS_MANAGE,
        Permission.AUDIT_READ,
        Permission.AUDIT_VERIFY,
        Permission.AUDIT_EXPORT,
        Permission.PAGES_MANAGE,
        Permission.MODERATION_DASHBOARD,
        Permission.ARCHIVE_HOLD,
        Permission.OUTREACH_COMPOSE,
        Permission.OUTREACH_APPROVE,
        Permission.OUTREACH_SETTINGS,
        Permission.PRIVACY_STATISTICS,
        Permission.PRIVACY_DISCLOSURE_CONFIRM,
    },
    Role.SUPERVISOR: _EVERY_ROLE
    | {
        Permission.AUDIT_READ,
        Permission.AUDIT_VERIFY,
        Permission.MODERATION_REVIEW,
        Permission.MODERATION_DELETE,
        Permission.MODERATION_RESTORE_DISCLOSURE,
        Permission.MODERATION_THREATS,
        Permission.MODERATION_DASHBOARD,
        Permission.MODERATION_TAKE_OVER,
        Permission.ARCHIVE_EXPORT,
        Permission.OUTREACH_COMPOSE,
        Permission.OUTREACH_APPROVE,
        Permission.PRIVACY_MESSAGES,
        Permission.PRIVACY_STATISTICS,
        Permission.PRIVACY_DISCLOSURE_CONFIRM,
        # Leads recorded by someone in no unit would otherwise be seen by nobody else.
        Permission.LOCATE_ASSIGN,
    }
    | _LOCATE_REVIEW,
    # Communications staff answer the public's general questions (DESIGN.md, "Who uses it").
    Role.PAGE_MODERATOR: _EVERY_ROLE
    | {
        Permission.MODERATION_REVIEW,
        Permission.MODERATION_DASHBOARD,
        Permission.OUTREACH_COMPOSE,
        Permission.PRIVACY_MESSAGES,
    },
    Role.CASEWORKER: _EVERY_ROLE | _LOCATE_REVIEW | {Permission.LOCATE_RECORD},
    Role.PRIVACY_OFFICER: _EVERY_ROLE
    | {
        Permission.AUDIT_READ,
        Permission.AUDIT_VERIFY,
        Permission.AUDIT_EXPORT,
        Permission.ARCHIVE_EXPORT,
        Permission.ARCHIVE_HOLD,
        Permission.PRIVACY_MESSAGES,
        Permission.PRIVACY_REQUESTS,
        Permission.PRIVACY_DISCLOSE,
        Permission.PRIVACY_STATISTICS,
        Permission.PRIVACY_PUBLISH,
    },
}


# Every role sees case data: moderators read comments that disclose it, caseworkers and
# supervisors read leads, privacy officers read requests and the archive, administrators
# read the audit trail and the moderation dashboard. So every role signs in with two factors.
SECOND_FACTOR_ROLES: frozenset[Role] = frozenset(Role)


def requires_second_factor(role: Role | str) -> bool:
    """True when the role must give a second factor (TOTP or a recovery code) at sign-in."""
    try:
        return Role(role) in SECOND_FACTOR_ROLES
    except ValueError:
        return True


def permissions_of(role: Role | str) -> frozenset[Permission]:
    """Every permission the role grants (none for a role that does not exist)."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()


def has_permission(role: Role | str | None, permission: Permission) -> bool:
    """True when ``role`` grants ``permission``."""
    return role is not None and permission in permissions_of(role)


def authorize(actor: Actor, permission: Permission) -> None:
    """The one permission check: raise an audited PermissionDenied unless the actor may.

    casewarden itself (the system actor: workers and the operator's command line)
    holds every permission; staff hold their role's; nobody else holds any.
    """
    if actor.kind is ActorKind.SYSTEM:
        return
    if actor.kind is ActorKind.STAFF and has_permission(actor.role, permission):
        return
    raise PermissionDenied().audited(
        AuditEvent(
            actor=actor,
            tag=AuditTag.AUTHZ_PERMISSION_DENY,
            outcome=Outcome.DENIED,
            details={"permission": str(permission)},
        )
    )
