"""The development adapter: records what would have been sent, logging ids only."""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass, field

from casewarden.platforms.interfaces import PageRef

log = logging.getLogger("casewarden.platforms.console")


@dataclass
class ConsoleCall:
    """One operation the console adapter received."""

    operation: str
    page_id: str
    object_id: str


@dataclass
class ConsoleAdapter:
    """Pretends to be the platform: keeps the calls in memory and logs them by id."""

    name: str = "console"
    calls: list[ConsoleCall] = field(default_factory=list)
    hidden: set[str] = field(default_factory=set)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _record(self, operation: str, page: PageRef, object_id: str) -> None:
        with self._lock:
            self.calls.append(ConsoleCall(operation, page.page_id, object_id))
        log.info("console platform: %s page=%s object=%s", operation, page.page_id, object_id)

    def hide_comment(self, page: PageRef, comment_id: str) -> None:
        """Record a hide."""
        self._record("hide", page, comment_id)
        self.hidden.add(comment_id)

    def unhide_comment(self, page: PageRef, comment_id: str) -> None:
        """Record an unhide."""
        self._record("unhide", page, comment_id)
        self.hidden.discard(comment_id)

    def delete_comment(self, page: PageRef, comment_id: str) -> None:
        """Record a delete."""
        self._record("delete", page, comment_id)

    def comment_is_hidden(self, page: PageRef, comment_id: str) -> bool | None:
        """Whether this adapter hid the comment."""
        return comment_id in self.hidden

    def publish_post(self, page: PageRef, message: str) -> str:
        """Record a post; returns a made-up id."""
        post_id = f"{page.page_id}_{next(self._ids)}"
        self._record("publish", page, post_id)
        return post_id

    def reply_to_comment(self, page: PageRef, comment_id: str, message: str) -> str:
        """Record a reply; returns a made-up id."""
        reply_id = f"{comment_id}_{next(self._ids)}"
        self._record("reply", page, comment_id)
        return reply_id

    def answer_private_message(self, page: PageRef, thread_ref: str, message: str) -> None:
        """Record the automatic answer to a private message."""
        self._record("auto-answer", page, "thread")
