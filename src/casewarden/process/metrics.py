"""What /metrics says: read from the database at each scrape, written by prometheus_client.

Gauges (queue depth and age, open threat alerts, days to expiry) are read live; totals
are the running totals of ``counters`` and the audit chain's sign-in failures, so every
web process answers the same figures for the whole deployment, workers included. Labels
are kinds only (platform, error kind, status class, a page's casewarden number): no
agency, no person, nothing a visitor sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.moderation.models import ModerationTask, TaskState, ThreatAlert
from casewarden.monitoring import counters
from casewarden.monitoring.expiry import VersionStatus, graph_version_status
from casewarden.monitoring.models import MetricCount
from casewarden.pages.models import AgencyPage

#: Audit tags that are sign-in failures, with the step and reason /metrics labels them by.
SIGN_IN_FAILURES: dict[str, tuple[str, str]] = {
    AuditTag.AUTH_LOGIN_FAILURE: ("password", "refused"),
    AuditTag.AUTH_LOGIN_THROTTLED: ("password", "throttled"),
    AuditTag.AUTH_SECOND_FACTOR_FAILURE: ("second_factor", "refused"),
    AuditTag.AUTH_SECOND_FACTOR_THROTTLED: ("second_factor", "throttled"),
}


@dataclass
class Snapshot:
    """The deployment's figures at one moment."""

    now: datetime
    totals: dict[tuple[str, str], int] = field(default_factory=dict)
    queue: dict[str, int] = field(default_factory=dict)
    oldest_queued_at: datetime | None = None
    threat_alerts_open: int = 0
    sign_in_failures: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Each connected page's casewarden number, platform and token expiry (known ones).
    tokens: list[tuple[int, str, datetime]] = field(default_factory=list)
    graph_version: VersionStatus | None = None

    def total(self, name: counters.Total) -> dict[str, int]:
        """One running total by label."""
        return {label: value for (key, label), value in self.totals.items() if key == name}


def take_snapshot(*, session: Session, graph_url: str, now: datetime) -> Snapshot:
    """Read every figure (a system-scoped session: the figures span agencies)."""
    snapshot = Snapshot(now=now, graph_version=graph_version_status(graph_url))
    for name, label, value in session.execute(
        select(MetricCount.name, MetricCount.label, MetricCount.value)
    ):
        snapshot.totals[(name, label)] = int(value)
    waiting = (TaskState.PENDING, TaskState.RUNNING)
    for state, count in session.execute(
        select(ModerationTask.state, func.count())
        .where(ModerationTask.state.in_(waiting))
        .group_by(ModerationTask.state)
    ):
        snapshot.queue[str(state)] = int(count)
    snapshot.oldest_queued_at = session.scalar(
        select(func.min(ModerationTask.created_at)).where(ModerationTask.state.in_(waiting))
    )
    snapshot.threat_alerts_open = int(
        session.scalar(
            select(func.count())
            .select_from(ThreatAlert)
            .where(ThreatAlert.acknowledged_at.is_(None))
        )
        or 0
    )
    for tag, count in session.execute(
        select(AuditEntry.tag, func.count())
        .where(AuditEntry.tag.in_(list(SIGN_IN_FAILURES)))
        .group_by(AuditEntry.tag)
    ):
        snapshot.sign_in_failures[SIGN_IN_FAILURES[tag]] = int(count)
    for page_pk, platform, expires in session.execute(
        select(AgencyPage.id, AgencyPage.platform, AgencyPage.token_expires_at)
        .where(AgencyPage.active.is_(True), AgencyPage.token_expires_at.is_not(None))
        .order_by(AgencyPage.id)
    ):
        if expires is not None:
            snapshot.tokens.append((int(page_pk), str(platform), expires))
    return snapshot


class _SnapshotCollector(Collector):
    """Hands one snapshot to prometheus_client as metric families."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        s = self.snapshot
        today: date = s.now.date()
        received = CounterMetricFamily(
            "casewarden_deliveries_received",
            "Comment events received from the platform's webhooks.",
            labels=["platform"],
        )
        for label, value in sorted(s.total(counters.Total.DELIVERIES_RECEIVED).items()):
            received.add_metric([label], value)
        yield received

        depth = GaugeMetricFamily(
            "casewarden_queue_depth", "Comment versions waiting to be scanned.", labels=["state"]
        )
        for state in (TaskState.PENDING, TaskState.RUNNING):
            depth.add_metric([str(state)], s.queue.get(str(state), 0))
        yield depth
        age = 0.0
        if s.oldest_queued_at is not None:
            age = max(0.0, (s.now - s.oldest_queued_at).total_seconds())
        yield GaugeMetricFamily(
            "casewarden_queue_oldest_age_seconds",
            "Age of the oldest comment version still waiting (0 when none waits).",
            value=age,
        )

        buckets = s.total(counters.Total.HIDE_LATENCY_BUCKET)
        cumulative, running = [], 0
        for bound in counters.HIDE_LATENCY_BOUNDS:
            label = counters.format_bound(bound)
            running += buckets.get(label, 0)
            cumulative.append((label, running))
        running += buckets.get(counters.INFINITY_LABEL, 0)
        cumulative.append((counters.INFINITY_LABEL, running))
        yield HistogramMetricFamily(
            "casewarden_hide_latency_seconds",
            "Seconds from receiving a comment to the platform hiding it (automatic hides).",
            buckets=cumulative,
            sum_value=s.total(counters.Total.HIDE_LATENCY_SUM_MS).get("", 0) / 1000,
        )

        errors = CounterMetricFamily(
            "casewarden_platform_errors",
            "Platform calls that failed, by kind (unavailable, rejected, page_unavailable).",
            labels=["kind"],
        )
        for label, value in sorted(s.total(counters.Total.PLATFORM_ERRORS).items()):
            errors.add_metric([label], value)
        yield errors

        portal = CounterMetricFamily(
            "casewarden_portal_requests",
            "Requests to the public portal answered, by status class.",
            labels=["code"],
        )
        for label, value in sorted(s.total(counters.Total.PORTAL_REQUESTS).items()):
            portal.add_metric([label], value)
        yield portal

        failures = CounterMetricFamily(
            "casewarden_sign_in_failures",
            "Staff sign-in attempts refused or throttled, by step.",
            labels=["step", "reason"],
        )
        for (step, reason), value in sorted(s.sign_in_failures.items()):
            failures.add_metric([step, reason], value)
        yield failures

        yield GaugeMetricFamily(
            "casewarden_threat_alerts_open",
            "Threat alerts no supervisor has acknowledged yet.",
            value=s.threat_alerts_open,
        )

        tokens = GaugeMetricFamily(
            "casewarden_page_token_expiry_days",
            "Days until a page's access token stops working (negative: it has).",
            labels=["page", "platform"],
        )
        for page_pk, platform, expires in s.tokens:
            tokens.add_metric([str(page_pk), platform], (expires.date() - today).days)
        yield tokens

        version = s.graph_version
        if version is not None:
            left = version.days_left(today)
            expiry = GaugeMetricFamily(
                "casewarden_graph_api_version_expiry_days",
                "Days until the configured Graph API version stops working.",
                labels=["version"],
            )
            if left is not None:
                expiry.add_metric([version.version or ""], left)
            yield expiry
            yield GaugeMetricFamily(
                "casewarden_graph_api_version_known",
                "1 when the configured Graph API version is in casewarden's table of versions.",
                value=1 if version.known else 0,
            )


def render(snapshot: Snapshot) -> bytes:
    """The snapshot in Prometheus' text format."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_SnapshotCollector(snapshot))
    return generate_latest(registry)
