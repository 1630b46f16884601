"""Every audit tag, named ``area:subject:action``.

Tags are data in the chain: once written they are never renamed, only added.
"""

from __future__ import annotations

from enum import StrEnum


class AuditTag(StrEnum):
    """What happened, as a namespaced tag."""

    AUTH_LOGIN_SUCCESS = "auth:login:success"
    AUTH_LOGIN_FAILURE = "auth:login:failure"
    AUTH_LOGIN_THROTTLED = "auth:login:throttled"
    AUTH_LOGOUT = "auth:logout"
    AUTH_SESSION_EXPIRED = "auth:session:expired"
    AUTH_PASSWORD_CHANGE = "auth:password:change"  # noqa: S105 - a tag, not a secret
    AUTH_CSRF_REJECT = "auth:csrf:reject"
    AUTHZ_PERMISSION_DENY = "authz:permission:deny"
    AUTHZ_SCOPE_DENY = "authz:scope:deny"

    ACCOUNTS_USER_CREATE = "accounts:user:create"
    ACCOUNTS_USER_DISABLE = "accounts:user:disable"
    ACCOUNTS_USER_ENABLE = "accounts:user:enable"
    ACCOUNTS_USER_SET_ROLE = "accounts:user:set-role"
    ACCOUNTS_USER_RESET_PASSWORD = "accounts:user:reset-password"  # noqa: S105 - a tag

    AGENCY_CREATE = "tenancy:agency:create"

    AUDIT_CHAIN_VERIFY = "audit:chain:verify"
    AUDIT_CHAIN_EXPORT = "audit:chain:export"
    AUDIT_LOG_VIEW = "audit:log:view"

    DB_SCHEMA_UPGRADE = "system:schema:upgrade"

    PRIVACY_VISITS_DISCARD = "privacy:visits:discard"
    PRIVACY_VISITS_TRUNCATE = "privacy:visits:truncate"
    PRIVACY_VISITS_PURGE = "privacy:visits:purge"
    PRIVACY_LOGS_IMPORT = "privacy:logs:import"
    PRIVACY_MESSAGE_RECEIVE = "privacy:message:receive"
    PRIVACY_MESSAGE_VIEW = "privacy:message:view"
    PRIVACY_MESSAGE_STATUS = "privacy:message:status"
    PRIVACY_MESSAGE_FORWARD = "privacy:message:forward"
    PRIVACY_REVIEW_RECEIVE = "privacy:review:receive"
    PRIVACY_REVIEW_VIEW = "privacy:review:view"
    PRIVACY_REVIEW_VERIFY = "privacy:review:verify"
    PRIVACY_REVIEW_SEARCH = "privacy:review:search"
    PRIVACY_REVIEW_RESPOND = "privacy:review:respond"
    PRIVACY_REVIEW_CORRECT = "privacy:review:correct"
    PRIVACY_REVIEW_CLOSE = "privacy:review:close"
    PRIVACY_PERMISSION_RECORD = "privacy:permission:record"
    PRIVACY_PERMISSION_REVOKE = "privacy:permission:revoke"
    PRIVACY_DISCLOSURE_EXPORT = "privacy:disclosure:export"
    PRIVACY_DISCLOSURE_DENY = "privacy:disclosure:deny"
    PRIVACY_STATISTICS_PUBLISH = "privacy:statistics:publish"
    PRIVACY_STATISTICS_EXPORT = "privacy:statistics:export"

    @property
    def area(self) -> str:
        """The first part of the tag, e.g. ``auth``."""
        return self.value.split(":", 1)[0]


class Outcome(StrEnum):
    """How the action ended."""

    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"
