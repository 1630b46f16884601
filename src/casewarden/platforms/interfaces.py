"""The one interface every platform adapter implements, and its errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from casewarden.errors import CasewardenError


class Platform(StrEnum):
    """The platforms an agency page can live on."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"


@dataclass(frozen=True, slots=True)
class PageRef:
    """A registered agency page and its (decrypted) access token, for one call."""

    platform: Platform
    page_id: str
    access_token: str

    def __repr__(self) -> str:
        # Tokens never reach logs or tracebacks through a repr.
        return f"PageRef(platform={self.platform!s}, page_id={self.page_id!r})"


@dataclass(frozen=True, slots=True)
class PlatformComment:
    """A comment or reply as the platform lists it (catching up after an outage)."""

    comment_id: str
    post_id: str
    parent_id: str | None
    message: str | None
    author_id: str | None
    author_name: str | None
    created_time: datetime | None

    def __repr__(self) -> str:
        # Neither the text nor the author reaches logs or tracebacks through a repr.
        return f"PlatformComment(comment_id={self.comment_id!r}, post_id={self.post_id!r})"


class PlatformError(CasewardenError):
    """The platform refused or failed a call."""

    retryable: bool = False


class PlatformUnavailable(PlatformError):
    """The platform is down, overloaded or rate-limiting; try again later."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PlatformRejected(PlatformError):
    """The platform answered that the call itself is wrong (bad token, no permission, gone)."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class PlatformAdapter(Protocol):
    """What casewarden may do on a platform: moderate the agency's page and speak as the agency."""

    name: str

    def hide_comment(self, page: PageRef, comment_id: str) -> None:
        """Hide a comment from everyone but its author and the page (reversible)."""

    def unhide_comment(self, page: PageRef, comment_id: str) -> None:
        """Show a hidden comment again."""

    def delete_comment(self, page: PageRef, comment_id: str) -> None:
        """Delete a comment (supervisors only, decided by casewarden before this call)."""

    def comment_is_hidden(self, page: PageRef, comment_id: str) -> bool | None:
        """Whether the platform shows the comment as hidden (None: unknown or gone)."""

    def publish_post(self, page: PageRef, message: str) -> str:
        """Publish a post on the agency's page; returns the platform's post id."""

    def reply_to_comment(self, page: PageRef, comment_id: str, message: str) -> str:
        """Reply publicly to a comment on the agency's page; returns the reply id."""

    def answer_private_message(self, page: PageRef, thread_ref: str, message: str) -> None:
        """Send the one automatic pointer to official channels in answer to an incoming message.

        This is a response within a thread the person opened, never a new conversation.
        """


@dataclass(frozen=True, slots=True)
class TokenCheck:
    """What the platform says about a page's access token."""

    valid: bool
    #: When it stops working; None when the platform says it never expires.
    expires_at: datetime | None


@runtime_checkable
class TokenInspector(Protocol):
    """An adapter that can ask the platform when a page token expires (Meta's debug_token)."""

    def inspect_token(self, page: PageRef, *, wait_seconds: float | None = None) -> TokenCheck:
        """Whether the page's token works, and until when; with ``wait_seconds``, one
        attempt of at most that long instead of the adapter's retries (a person waits)."""


@runtime_checkable
class CommentLister(Protocol):
    """Lists a page's recent comments: how casewarden catches up on missed deliveries."""

    def recent_comments(
        self, page: PageRef, *, since: datetime, until: datetime, max_posts: int
    ) -> Iterator[PlatformComment]:
        """Comments and replies created in [since, until] on the page's ``max_posts`` most
        recently active posts."""
        ...  # pragma: no cover - a Protocol
