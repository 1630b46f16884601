"""Portal requests, counted in memory and added to the database's totals in batches.

A portal request writes nothing else to the database when the visitor asked not to be
counted, and the portal is the busiest face: a write per request would put every page
view in line for SQLite's one writer. So each web process tallies in memory and adds its
tally to the shared total every few seconds and before each /metrics answer; what a
process that dies hard had not yet added (seconds of requests) is lost, which a request
rate can bear.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter

from sqlalchemy.exc import SQLAlchemyError

from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.monitoring import counters

log = logging.getLogger("casewarden.monitoring")

#: Seconds between a web process's additions to the shared totals.
FLUSH_SECONDS = 10.0


class RequestTally:
    """Requests counted by status class (2xx ... 5xx) until the next flush."""

    def __init__(self) -> None:
        self._pending: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, status: int) -> None:
        """Count one answered request."""
        with self._lock:
            self._pending[f"{status // 100}xx"] += 1

    def flush(self, database: Database) -> None:
        """Add the tally to the shared total; on failure keep it for the next flush."""
        with self._lock:
            pending, self._pending = self._pending, Counter()
        if not pending:
            return
        try:
            with database.transaction(Scope.system()) as session:
                counters.add(session, counters.Total.PORTAL_REQUESTS, pending)
        except SQLAlchemyError as exc:
            log.warning("portal request tally not saved (%s); kept for later", type(exc).__name__)
            with self._lock:
                self._pending.update(pending)
