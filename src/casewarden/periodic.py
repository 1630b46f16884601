"""A job the moderation worker runs beside its queue, at most once per interval."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Periodic:
    """A ride-along job that runs at most once per ``interval`` seconds."""

    def __init__(self, name: str, interval: float, run: Callable[[], int]) -> None:
        self.__name__ = name  # how the worker's log names this job
        self.interval = interval
        self.run = run
        self._last: float | None = None
        self._lock = threading.Lock()

    def __call__(self) -> int:
        """Run when due; returns what the job did (0 when not due)."""
        with self._lock:
            now = time.monotonic()
            if self._last is not None and now - self._last < self.interval:
                return 0
            self._last = now
        return self.run()
