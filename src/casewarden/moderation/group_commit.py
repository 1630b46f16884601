"""Group commit for webhook intake: the deliveries that arrive together share a transaction.

Every delivery must be committed before Meta gets its 200. Committed one transaction
each, the transaction itself (a pool thread, BEGIN, SQLite's writer lock, COMMIT) cost
more than storing the delivery, and the request threads queued on the writer lock.
Here one thread stores what is waiting, up to ``max_batch`` deliveries, in one
transaction, commits, and then answers each waiting request. A delivery that arrives
alone is stored at once, so nothing waits for a batch to fill.

A failing transaction does not fail its neighbours: the batch is then stored again
one delivery per transaction, and only the delivery that fails again gets the error.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

from casewarden.audit.unit import unit_of_work
from casewarden.db.engine import CasewardenSession, Database
from casewarden.db.scope import Scope

log = logging.getLogger("casewarden.moderation.group_commit")

Item = TypeVar("Item")
Result = TypeVar("Result")

_STOP = object()


class ShuttingDown(RuntimeError):
    """The committer was stopped before the item was stored."""


class GroupCommitter(Generic[Item, Result]):
    """Stores submitted items with ``store`` in shared transactions, in arrival order."""

    def __init__(
        self,
        db: Database,
        store: Callable[[CasewardenSession, Item], Result],
        *,
        max_batch: int = 64,
        name: str = "intake-commit",
    ) -> None:
        self.db = db
        self.store = store
        self.max_batch = max_batch
        self.name = name
        self._queue: queue.SimpleQueue[tuple[Item, Future[Result]] | object] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stopped = False
        #: Transactions committed and items stored (the benchmark and tests read them).
        self.transactions = 0
        self.items = 0

    def submit(self, item: Item) -> Future[Result]:
        """Queue ``item``; the future completes once its transaction has committed."""
        future: Future[Result] = Future()
        with self._lock:
            if self._stopped:
                future.set_exception(ShuttingDown("intake is shutting down"))
                return future
            if self._thread is None or not self._thread.is_alive():
                # Started on first use, so an app that never receives a delivery (and a
                # test that never runs the app's lifespan) needs no thread; started again
                # if it ever died, so that no delivery waits on a queue nobody reads.
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()
            self._queue.put((item, future))
        return future

    def stop(self, timeout: float = 30.0) -> None:
        """Store what is queued, then end the thread."""
        with self._lock:
            self._stopped = True
            thread = self._thread
            if thread is not None:
                self._queue.put(_STOP)
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            entries = [first]
            stopping = False
            while len(entries) < self.max_batch:
                try:
                    following = self._queue.get_nowait()
                except queue.Empty:
                    break
                if following is _STOP:
                    stopping = True
                    break
                entries.append(following)
            # A request that gave up waiting cancelled its future: not stored (it was not
            # acknowledged, so Meta delivers it again). The others can no longer be cancelled.
            batch = [
                entry
                for entry in entries  # _STOP never enters: it ends the gathering above
                if entry[1].set_running_or_notify_cancel()  # type: ignore[index]
            ]
            if batch:
                self._commit(batch)  # type: ignore[arg-type]
            if stopping:
                return

    def _commit(self, batch: list[tuple[Item, Future[Result]]]) -> None:
        try:
            with unit_of_work(self.db, Scope.system()) as session:
                results = [self.store(session, item) for item, _ in batch]
        except Exception as exc:
            if len(batch) == 1:
                batch[0][1].set_exception(exc)
                return
            log.warning(
                "a group of %d deliveries failed to commit (%s); storing them one by one",
                len(batch),
                type(exc).__name__,
            )
            for entry in batch:
                self._commit([entry])
            return
        except BaseException as exc:  # pragma: no cover - interpreter shutdown
            for _, future in batch:
                future.set_exception(exc)
            raise
        self.transactions += 1
        self.items += len(batch)
        for (_, future), result in zip(batch, results, strict=True):
            future.set_result(result)
