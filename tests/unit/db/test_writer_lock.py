"""The SQLite writer lock serves writers in arrival order and survives timeouts."""

from __future__ import annotations

import threading
import time

from casewarden.db.writer_lock import FairLock


def test_waiters_are_served_in_arrival_order() -> None:
    lock = FairLock()
    assert lock.acquire(1)
    order: list[int] = []
    ready = threading.Barrier(2)

    def waiter(n: int) -> None:
        if n == 0:
            ready.wait()
        assert lock.acquire(5)
        order.append(n)
        lock.release()

    threads = []
    for n in range(5):
        thread = threading.Thread(target=waiter, args=(n,))
        threads.append(thread)
        thread.start()
        if n == 0:
            ready.wait()
        while len(threads) > 0 and lock._next < n + 2:  # ticket taken before the next starts
            time.sleep(0.001)
    lock.release()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4]


def test_a_timed_out_waiter_gives_its_turn_away() -> None:
    lock = FairLock()
    assert lock.acquire(1)
    assert lock.acquire(0.01) is False  # abandons ticket 1
    got: list[bool] = []
    thread = threading.Thread(target=lambda: got.append(lock.acquire(2)))
    thread.start()
    time.sleep(0.05)
    lock.release()  # ticket 1 is skipped, ticket 2 is served
    thread.join(3)
    assert got == [True]
