"""Adding to the running totals, in the transaction of the event counted.

Why totals live in the database rather than in each process (prometheus_client's own
counters): casewarden runs as several ``serve`` and ``worker`` processes, on one box or
many, and the worker has no HTTP port. prometheus_client's multi-process mode shares
counters through files in one directory, so it cannot add up workers on other hosts,
and every process's totals start again at zero when it restarts. A row per total, added
to in the same transaction as the delivery, the hide or the failure it counts, is exact across any
number of processes and hosts, never counts an event that was rolled back, and never
goes backwards when retention purges the rows counted (a counter that drops looks like
a restart to Prometheus and spikes every rate).

Each call is one upsert; callers add up a batch first, so a group commit of many
deliveries or a batch of hides costs one statement per label, not one per event.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import cast

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casewarden.monitoring.models import MetricCount


class Total(StrEnum):
    """The running totals casewarden keeps."""

    DELIVERIES_RECEIVED = "deliveries_received"
    PLATFORM_ERRORS = "platform_errors"
    PORTAL_REQUESTS = "portal_requests"
    HIDE_LATENCY_BUCKET = "hide_latency_bucket"
    HIDE_LATENCY_SUM_MS = "hide_latency_sum_ms"


#: Upper bounds (seconds) of the hide-latency histogram: the promise is "within seconds",
#: so the fine buckets sit below a minute; the coarse ones show a worker that fell behind.
HIDE_LATENCY_BOUNDS: tuple[float, ...] = (0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600)
INFINITY_LABEL = "+Inf"


def bucket_label(seconds: float) -> str:
    """The label of the one bucket an observation falls in (buckets are stored apart)."""
    index = bisect.bisect_left(HIDE_LATENCY_BOUNDS, seconds)
    if index == len(HIDE_LATENCY_BOUNDS):
        return INFINITY_LABEL
    return format_bound(HIDE_LATENCY_BOUNDS[index])


def format_bound(bound: float) -> str:
    """A bucket bound as Prometheus writes it (``1.0``, ``0.5``)."""
    return repr(float(bound))


def add(session: Session, total: Total, counts: Mapping[str, int]) -> None:
    """Add ``counts`` (label to amount) to a total; zero amounts are skipped."""
    table = cast(Table, MetricCount.__table__)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    for label, amount in counts.items():
        if amount <= 0:
            continue
        statement = insert(table).values(name=str(total), label=label[:40], value=amount)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["name", "label"],
                set_={"value": table.c.value + statement.excluded.value},
            )
        )


def observe_hide_latencies(session: Session, seconds: Iterable[float]) -> None:
    """Count hides in their latency buckets and add their total time (milliseconds)."""
    observed = [max(0.0, value) for value in seconds]
    if not observed:
        return
    add(session, Total.HIDE_LATENCY_BUCKET, Counter(bucket_label(s) for s in observed))
    add(session, Total.HIDE_LATENCY_SUM_MS, {"": round(sum(observed) * 1000)})
