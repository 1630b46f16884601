"""A first-come, first-served lock for SQLite's single writer within one process.

``threading.Lock`` is not fair: under steady load the many request threads can keep
winning it while the moderation worker waits. Tickets make every writer wait its turn.
"""

from __future__ import annotations

import threading
import time


class FairLock:
    """A ticket lock; a waiter that times out gives its turn away."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._next = 0
        self._serving = 0
        self._abandoned: set[int] = set()

    def acquire(self, timeout: float) -> bool:
        """Wait for our turn; False if it did not come within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            ticket = self._next
            self._next += 1
            while self._serving != ticket:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._abandoned.add(ticket)
                    return False
                self._cond.wait(remaining)
            return True

    def release(self) -> None:
        """Hand the lock to the next ticket still waiting."""
        with self._cond:
            self._serving += 1
            while self._serving in self._abandoned:
                self._abandoned.discard(self._serving)
                self._serving += 1
            self._cond.notify_all()
