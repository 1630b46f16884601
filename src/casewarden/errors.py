"""The whole exception tree of casewarden.

Domain errors never know HTTP or the terminal: ``web/errors.py`` maps them to
status codes and ``cli/`` maps them to exit codes, each in one place.

    CasewardenError
    ├── ConfigurationError          settings missing, malformed or placeholder
    ├── DatabaseUnavailable         the configured database cannot be reached
    │   └── SchemaNewerThanCode     migrated by a newer release than this one
    ├── NotFound                    a record does not exist (or is outside the caller's agency)
    ├── Conflict                    the record exists already / state does not allow it
    ├── InvalidInput                a value a person typed is not acceptable
    ├── AuthenticationFailed        wrong credentials, disabled account
    │   ├── LoginThrottled          too many failures: try again later
    │   └── SingleSignOnRefused     the directory's answer failed a check, or maps to no account
    ├── SessionExpired              idle or absolute timeout reached
    ├── PermissionDenied            the role lacks the permission
    ├── ScopeViolation              a read or write crossed an agency boundary
    ├── AuditChainBroken            verification found a tampered or missing entry
    └── BackupRefused               a backup is damaged, another deployment's, needs missing
                                    keys, or would overwrite data
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from casewarden.translatable import N_

if TYPE_CHECKING:
    from casewarden.audit.event import AuditEvent


class CasewardenError(Exception):
    """Base of every error casewarden raises on purpose."""

    #: A sentence safe to show to the person who caused the error.
    public_message: str = N_("The request could not be completed.")
    #: The public message as its English template and values, for a screen to translate
    #: (a message without values is translated as it is, when it was marked with ``N_``).
    wording: tuple[str, Mapping[str, str | int]] | None = None

    def __init__(
        self, message: str | None = None, *, values: Mapping[str, str | int] | None = None
    ) -> None:
        # With values, the message is an English template (marked N_) that a screen
        # translates before filling in; without, the message itself is looked up.
        if message and values is not None:
            self.wording = (message, dict(values))
            message = message % values
        super().__init__(message or self.public_message)
        if message:
            self.public_message = message
        #: Recorded by the unit of work after it rolls the failed work back.
        self.audit_event: AuditEvent | None = None

    def audited(self, event: AuditEvent) -> CasewardenError:
        """Attach the audit entry that must survive the rollback; returns self for ``raise``."""
        self.audit_event = event
        return self


class ConfigurationError(CasewardenError):
    """Settings are missing, malformed, or still placeholders in production."""


class DatabaseUnavailable(CasewardenError):
    """The configured database cannot be reached."""


class SchemaNewerThanCode(DatabaseUnavailable):
    """The database is at a schema revision this version of casewarden does not know."""

    def __init__(self, database_revision: str, code_revision: str) -> None:
        super().__init__(
            f"the database is at schema revision {database_revision}, which this version of "
            f"casewarden does not know (its newest is {code_revision}): a newer release "
            "migrated it. Run that release, or restore the backup taken before the upgrade; "
            "nothing was changed"
        )
        self.database_revision = database_revision
        self.code_revision = code_revision


class NotFound(CasewardenError):
    """The record does not exist, or is not visible to the caller."""

    public_message = N_("Not found.")


class Conflict(CasewardenError):
    """The record exists already, or its state does not allow the change."""


class InvalidInput(CasewardenError):
    """A value supplied by a person is not acceptable."""


class AuthenticationFailed(CasewardenError):
    """Credentials were wrong or the account cannot sign in."""

    public_message = N_("The username or password is incorrect.")


class LoginThrottled(AuthenticationFailed):
    """Too many failed sign-ins; the caller must wait."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, (retry_after_seconds + 59) // 60)
        super().__init__(
            N_("Too many failed sign-in attempts. Try again in %(minutes)d minute.")
            if minutes == 1
            else N_("Too many failed sign-in attempts. Try again in %(minutes)d minutes."),
            values={"minutes": minutes},
        )
        self.retry_after_seconds = retry_after_seconds


class SingleSignOnRefused(AuthenticationFailed):
    """A single sign-on did not identify an account that may sign in.

    ``reason`` is a short code for the audit trail (``wrong_issuer``, ``unknown_user``…);
    the person sees only the public message, which tells an attacker nothing.
    """

    public_message = N_(
        "Signing in through your directory did not work. Try again, or ask an "
        "administrator to check your account."
    )

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class SessionExpired(CasewardenError):
    """The sign-in session reached its idle or absolute timeout."""

    public_message = N_("Your session has ended. Please sign in again.")


class PermissionDenied(CasewardenError):
    """The actor's role does not grant the permission asked for."""

    public_message = N_("You do not have permission to do that.")


class ScopeViolation(CasewardenError):
    """A query or write crossed the boundary of the actor's agency."""

    public_message = N_("That record belongs to another agency.")


class AuditChainBroken(CasewardenError):
    """Audit verification found an entry whose hash or link does not match."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(f"audit entry #{seq} is broken: {reason}")
        self.seq = seq
        self.reason = reason


class BackupRefused(CasewardenError):
    """A backup cannot be written or restored as asked; nothing was changed."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        #: A short code for the audit trail and tests (``damaged``, ``other_deployment``...).
        self.reason = reason
