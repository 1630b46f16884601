"""Group commit: deliveries that arrive together share a transaction; a bad one fails alone."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select

from casewarden.agencies.models import Agency
from casewarden.db.engine import CasewardenSession, Database
from casewarden.db.scope import Scope
from casewarden.moderation.group_commit import _STOP, GroupCommitter, ShuttingDown
from casewarden.moderation.intake import IntakeReport
from casewarden.moderation.webhook import ParsedDelivery, parse_delivery
from casewarden.process.runtime import ProcessRuntime
from tests.factories import make_agency
from tests.moderation_payloads import feed_change, page_delivery


class Gate:
    """Holds the committer's thread inside its first store until the test opens it."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.open = threading.Event()

    def wrap(
        self, store: Callable[[CasewardenSession, str], str]
    ) -> Callable[[CasewardenSession, str], str]:
        def gated(session: CasewardenSession, item: str) -> str:
            if not self.entered.is_set():
                self.entered.set()
                assert self.open.wait(10)
            return store(session, item)

        return gated


def _store_agency(session: CasewardenSession, code: str) -> str:
    if code.startswith("bad"):
        make_agency(session, code=code)
        raise ValueError("this delivery cannot be stored")
    return f"{code}#{make_agency(session, code=code).id}"


def _codes(db: Database) -> set[str]:
    with db.session(Scope.system()) as session:
        return set(session.scalars(select(Agency.code)))


def test_deliveries_waiting_together_share_one_transaction(db: Database) -> None:
    gate = Gate()
    committer = GroupCommitter(db, gate.wrap(_store_agency))
    first = committer.submit("gc-first")
    assert gate.entered.wait(10)
    waiting = [committer.submit(f"gc-{n}") for n in range(10)]
    gate.open.set()
    results = [future.result(10) for future in [first, *waiting]]
    committer.stop()
    assert [r.split("#")[0] for r in results] == ["gc-first"] + [f"gc-{n}" for n in range(10)]
    assert (committer.transactions, committer.items) == (2, 11)
    assert {f"gc-{n}" for n in range(10)} | {"gc-first"} <= _codes(db)


def test_a_failing_delivery_fails_alone_and_its_neighbours_are_committed(db: Database) -> None:
    gate = Gate()
    committer = GroupCommitter(db, gate.wrap(_store_agency))
    first = committer.submit("gc-a")
    assert gate.entered.wait(10)
    before, bad, after = (committer.submit(c) for c in ("gc-b", "bad-c", "gc-d"))
    gate.open.set()
    assert first.result(10).startswith("gc-a#")
    assert before.result(10).startswith("gc-b#")
    assert after.result(10).startswith("gc-d#")
    with pytest.raises(ValueError, match="cannot be stored"):
        bad.result(10)
    committer.stop()
    codes = _codes(db)
    assert {"gc-a", "gc-b", "gc-d"} <= codes
    assert "bad-c" not in codes  # its transaction was rolled back, not half-kept


def test_stop_stores_what_is_queued_and_then_refuses(db: Database) -> None:
    gate = Gate()
    committer = GroupCommitter(db, gate.wrap(_store_agency))
    queued = [committer.submit(f"gc-stop-{n}") for n in range(3)]
    assert gate.entered.wait(10)
    stopper = threading.Thread(target=committer.stop)
    stopper.start()
    gate.open.set()
    stopper.join(10)
    assert [f.result(0).split("#")[0] for f in queued] == [f"gc-stop-{n}" for n in range(3)]
    late = committer.submit("gc-late")
    with pytest.raises(ShuttingDown):
        late.result(0)
    assert "gc-late" not in _codes(db)


def test_a_redelivery_in_the_same_group_is_a_duplicate(
    db: Database, runtime: ProcessRuntime, page: object
) -> None:
    """Two copies of one event committed in one transaction keep one version."""
    entered, release = threading.Event(), threading.Event()

    def store(session: CasewardenSession, delivery: ParsedDelivery | None) -> IntakeReport:
        if delivery is None:  # the first item holds the thread so both copies queue up
            entered.set()
            assert release.wait(10)
            return IntakeReport()
        return runtime.store_delivery(session, delivery)

    committer: GroupCommitter[ParsedDelivery | None, IntakeReport] = GroupCommitter(db, store)
    committer.submit(None)
    assert entered.wait(10)
    change = feed_change("c-group", "my SSN is 123-45-6789")
    copies = [committer.submit(parse_delivery(page_delivery(change))) for _ in range(2)]
    release.set()
    reports = [future.result(10) for future in copies]
    committer.stop()
    assert committer.transactions == 2
    assert [(r.stored, r.duplicates, r.queued) for r in reports] == [(1, 0, 1), (0, 1, 0)]


def test_a_dead_intake_thread_is_replaced(db: Database) -> None:
    """No delivery waits on a queue that nobody reads."""
    committer = GroupCommitter(db, _store_agency)
    assert committer.submit("gc-before").result(10).startswith("gc-before#")
    committer._queue.put(_STOP)  # the thread ends as if it had died
    assert committer._thread is not None
    committer._thread.join(10)
    assert committer.submit("gc-after").result(10).startswith("gc-after#")
    committer.stop()
    assert {"gc-before", "gc-after"} <= _codes(db)


def test_a_cancelled_delivery_is_not_stored_and_the_others_are(db: Database) -> None:
    gate = Gate()
    committer = GroupCommitter(db, gate.wrap(_store_agency))
    first = committer.submit("gc-hold")
    assert gate.entered.wait(10)
    given_up, kept = committer.submit("gc-given-up"), committer.submit("gc-kept")
    assert given_up.cancel()  # the request stopped waiting before its turn
    gate.open.set()
    assert first.result(10).startswith("gc-hold#")
    assert kept.result(10).startswith("gc-kept#")
    committer.stop()
    codes = _codes(db)
    assert "gc-kept" in codes
    assert "gc-given-up" not in codes
