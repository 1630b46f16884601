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
    # The password was right; the session waits for the second factor.
    AUTH_LOGIN_PASSWORD = "auth:login:password"  # noqa: S105 - a tag, not a secret
    AUTH_SECOND_FACTOR_ENROL = "auth:second-factor:enrol"
    AUTH_SECOND_FACTOR_FAILURE = "auth:second-factor:failure"
    AUTH_SECOND_FACTOR_THROTTLED = "auth:second-factor:throttled"
    AUTH_RECOVERY_CODE_USE = "auth:recovery-code:use"
    AUTH_LOGOUT = "auth:logout"
    # A directory identified the account; the session waits for casewarden's second factor.
    AUTH_SSO_IDENTIFIED = "auth:sso:identified"
    AUTH_SSO_REFUSED = "auth:sso:refused"
    # A first single sign-on by verified email bound the directory's subject to the account.
    AUTH_SSO_LINK = "auth:sso:link"
    AUTH_SESSION_EXPIRED = "auth:session:expired"
    AUTH_PASSWORD_CHANGE = "auth:password:change"  # noqa: S105 - a tag, not a secret
    AUTH_CSRF_REJECT = "auth:csrf:reject"
    OPS_METRICS_REFUSE = "ops:metrics:refuse"
    AUTHZ_PERMISSION_DENY = "authz:permission:deny"
    AUTHZ_SCOPE_DENY = "authz:scope:deny"

    ACCOUNTS_USER_CREATE = "accounts:user:create"
    ACCOUNTS_USER_DISABLE = "accounts:user:disable"
    ACCOUNTS_USER_ENABLE = "accounts:user:enable"
    ACCOUNTS_USER_SET_ROLE = "accounts:user:set-role"
    ACCOUNTS_USER_RESET_PASSWORD = "accounts:user:reset-password"  # noqa: S105 - a tag
    ACCOUNTS_USER_SET_UNIT = "accounts:user:set-unit"
    ACCOUNTS_USER_RESET_SECOND_FACTOR = "accounts:user:reset-second-factor"
    ACCOUNTS_USER_SET_SSO = "accounts:user:set-sso"

    AGENCY_CREATE = "tenancy:agency:create"
    AGENCY_UPDATE = "tenancy:agency:update"

    AUDIT_CHAIN_VERIFY = "audit:chain:verify"
    AUDIT_CHAIN_EXPORT = "audit:chain:export"
    AUDIT_LOG_VIEW = "audit:log:view"

    DB_SCHEMA_UPGRADE = "system:schema:upgrade"
    BACKUP_CREATE = "system:backup:create"
    BACKUP_RESTORE = "system:backup:restore"
    BACKUP_RESTORE_REFUSE = "system:backup:restore-refuse"

    POLICY_DECISION_DENY = "policy:decision:deny"

    PAGES_PAGE_REGISTER = "pages:page:register"
    PAGES_PAGE_RETIRE = "pages:page:retire"
    PAGES_PAGE_SYNC = "pages:page:sync"
    PAGES_PAGE_SET_TOKEN = "pages:page:set-token"  # noqa: S105 - a tag, not a secret
    KEYS_RING_ROTATE = "keys:ring:rotate"
    KEYS_RING_EXPORT = "keys:ring:export"

    MODERATION_COMMENT_HIDE = "moderation:comment:hide"
    MODERATION_COMMENT_UNHIDE = "moderation:comment:unhide"
    MODERATION_COMMENT_DELETE = "moderation:comment:delete"
    MODERATION_COMMENT_CONFIRM = "moderation:comment:confirm"
    MODERATION_COMMENT_ESCALATE = "moderation:comment:escalate"
    MODERATION_COMMENT_DECIDE = "moderation:comment:decide"
    MODERATION_COMMENT_RESTORE_REQUEST = "moderation:comment:restore_request"
    MODERATION_COMMENT_DISMISS = "moderation:comment:dismiss"
    MODERATION_COMMENT_VIEW = "moderation:comment:view"
    # Teamwork: a supervisor took over a colleague's open comment; assignments; internal notes.
    MODERATION_COMMENT_TAKE_OVER = "moderation:comment:take-over"
    MODERATION_COMMENT_ASSIGN = "moderation:comment:assign"
    MODERATION_COMMENT_NOTE = "moderation:comment:note"
    MODERATION_ACTION_FAIL = "moderation:action:fail"
    DETECTION_MODEL_TRAIN = "detection:model:train"
    DETECTION_MODEL_ON = "detection:model:switch-on"
    DETECTION_MODEL_OFF = "detection:model:switch-off"
    MODERATION_QUARANTINE_VIEW = "moderation:quarantine:view"
    MODERATION_QUARANTINE_RESOLVE = "moderation:quarantine:resolve"
    MODERATION_THREAT_ESCALATE = "moderation:threat:escalate"
    MODERATION_THREAT_ACKNOWLEDGE = "moderation:threat:acknowledge"
    MODERATION_THREAT_EMAIL = "moderation:threat:email"
    ARCHIVE_EXPORT_CREATE = "archive:export:create"
    OUTREACH_MESSAGE_SUBMIT = "outreach:message:submit"
    OUTREACH_MESSAGE_APPROVE = "outreach:message:approve"
    OUTREACH_MESSAGE_REJECT = "outreach:message:reject"
    OUTREACH_MESSAGE_CANCEL = "outreach:message:cancel"
    OUTREACH_MESSAGE_PUBLISH = "outreach:message:publish"
    OUTREACH_MESSAGE_FAIL = "outreach:message:fail"
    OUTREACH_PRIVATE_ANSWER = "outreach:private:auto-answer"
    OUTREACH_PROFILE_UPDATE = "outreach:profile:update"
    ARCHIVE_HOLD_SET = "archive:hold:set"
    ARCHIVE_HOLD_RELEASE = "archive:hold:release"
    ARCHIVE_RETENTION_PURGE = "archive:retention:purge"
    LOCATE_LEAD_RECORD = "locate:lead:record"
    LOCATE_LEAD_LIST = "locate:lead:list"
    LOCATE_LEAD_VIEW = "locate:lead:view"
    LOCATE_LEAD_VERIFY = "locate:lead:verify"
    LOCATE_LEAD_USE = "locate:lead:use"
    LOCATE_LEAD_ASSIGN = "locate:lead:assign"
    LOCATE_LEAD_EXPORT = "locate:lead:export"
    LOCATE_LEAD_PURGE = "locate:lead:purge"
    LOCATE_CAPTURE_ADD = "locate:capture:add"
    LOCATE_CAPTURE_DOWNLOAD = "locate:capture:download"
    LOCATE_EVIDENCE_PACKAGE = "locate:evidence:package"

    PRIVACY_VISITS_DISCARD = "privacy:visits:discard"
    PRIVACY_VISITS_TRUNCATE = "privacy:visits:truncate"
    PRIVACY_VISITS_PURGE = "privacy:visits:purge"
    PRIVACY_ERASURE_REPLAY = "privacy:erasure:replay"
    PRIVACY_LOGS_IMPORT = "privacy:logs:import"
    PRIVACY_MESSAGE_RECEIVE = "privacy:message:receive"
    PRIVACY_MESSAGE_SCREEN = "privacy:message:screen"
    PRIVACY_MESSAGE_VIEW = "privacy:message:view"
    PRIVACY_MESSAGE_STATUS = "privacy:message:status"
    PRIVACY_MESSAGE_FORWARD = "privacy:message:forward"
    PRIVACY_REVIEW_RECEIVE = "privacy:review:receive"
    PRIVACY_REVIEW_SCREEN = "privacy:review:screen"
    PRIVACY_REVIEW_VIEW = "privacy:review:view"
    PRIVACY_REVIEW_VERIFY = "privacy:review:verify"
    PRIVACY_REVIEW_SEARCH = "privacy:review:search"
    PRIVACY_REVIEW_RESPOND = "privacy:review:respond"
    PRIVACY_REVIEW_CORRECT = "privacy:review:correct"
    PRIVACY_REVIEW_CLOSE = "privacy:review:close"
    PRIVACY_PERMISSION_RECORD = "privacy:permission:record"
    PRIVACY_PERMISSION_REVOKE = "privacy:permission:revoke"
    PRIVACY_PERMISSION_CONFIRM = "privacy:permission:confirm"
    PRIVACY_PERMISSION_REFUSE = "privacy:permission:refuse"
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
