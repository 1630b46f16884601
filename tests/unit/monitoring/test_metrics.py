"""/metrics figures: read from the database, the same whichever process answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.monitoring import counters
from casewarden.platforms.fake_graph import FakeGraph
from casewarden.process.metrics import render, take_snapshot
from casewarden.process.runtime import ProcessRuntime
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

GRAPH_URL = "https://graph.facebook.com/v21.0"


def _samples(session: Session) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample /metrics would show, keyed by name and sorted labels."""
    text = render(take_snapshot(session=session, graph_url=GRAPH_URL, now=utcnow())).decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.mark.usefixtures("page")
def test_deliveries_queue_and_hide_latency(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(
        session,
        runtime,
        feed_change("c-1", "my ssn is 536-22-4187 can someone call me"),
        feed_change("c-2", "What are your office hours on Friday?"),
    )
    waiting = _samples(session)
    assert waiting[("casewarden_deliveries_received_total", (("platform", "facebook"),))] == 2
    assert waiting[("casewarden_queue_depth", (("state", "pending"),))] == 2
    assert waiting[("casewarden_queue_oldest_age_seconds", ())] >= 0
    assert waiting[("casewarden_hide_latency_seconds_count", ())] == 0

    runtime.worker().drain()
    done = _samples(session)
    assert done[("casewarden_queue_depth", (("state", "pending"),))] == 0
    assert done[("casewarden_queue_oldest_age_seconds", ())] == 0
    # One automatic hide, measured from receipt; the question stays up and is not measured.
    assert done[("casewarden_hide_latency_seconds_count", ())] == 1
    assert done[("casewarden_hide_latency_seconds_bucket", (("le", "+Inf"),))] == 1
    assert done[("casewarden_hide_latency_seconds_sum", ())] < 60


@pytest.mark.usefixtures("page")
@pytest.mark.parametrize(
    ("status", "code", "kind", "count"),
    [
        (400, 200, "rejected", 1),  # a permission error: refused once, not retried
        (503, None, "unavailable", 1),  # the client retried inside the call and gave up once
    ],
)
def test_platform_errors_are_counted_by_kind(
    session: Session,
    runtime: ProcessRuntime,
    fake: FakeGraph,
    status: int,
    code: int | None,
    kind: str,
    count: int,
) -> None:
    fake.fail_next(5, status, code=code)
    deliver(session, runtime, feed_change("c-3", "my ssn is 536-22-4187"))
    runtime.worker().run_once()
    samples = _samples(session)
    assert samples[("casewarden_platform_errors_total", (("kind", kind),))] == count


def test_counters_add_up_and_never_carry_labels_beyond_kinds(session: Session) -> None:
    counters.add(session, counters.Total.PORTAL_REQUESTS, {"2xx": 3, "4xx": 1})
    counters.add(session, counters.Total.PORTAL_REQUESTS, {"2xx": 2, "5xx": 0})
    counters.observe_hide_latencies(session, [0.2, 0.7, 4000])
    samples = _samples(session)
    assert samples[("casewarden_portal_requests_total", (("code", "2xx"),))] == 5
    assert samples[("casewarden_portal_requests_total", (("code", "4xx"),))] == 1
    assert ("casewarden_portal_requests_total", (("code", "5xx"),)) not in samples
    buckets = {
        dict(labels)["le"]: value
        for (name, labels), value in samples.items()
        if name == "casewarden_hide_latency_seconds_bucket"
    }
    assert (buckets["0.5"], buckets["1.0"], buckets["3600.0"], buckets["+Inf"]) == (1, 2, 2, 3)
    assert samples[("casewarden_hide_latency_seconds_sum", ())] == pytest.approx(4000.9)


@pytest.mark.parametrize(
    ("tag", "labels"),
    [
        (AuditTag.AUTH_LOGIN_FAILURE, (("reason", "refused"), ("step", "password"))),
        (AuditTag.AUTH_LOGIN_THROTTLED, (("reason", "throttled"), ("step", "password"))),
        (AuditTag.AUTH_SECOND_FACTOR_FAILURE, (("reason", "refused"), ("step", "second_factor"))),
    ],
)
def test_sign_in_failures_come_from_the_audit_chain(
    session: Session, tag: AuditTag, labels: tuple[tuple[str, str], ...]
) -> None:
    for _ in range(2):
        chain.append(
            session,
            AuditEvent(
                actor=Actor.anonymous(), tag=tag, outcome=Outcome.FAILURE, purpose="authentication"
            ),
        )
    assert _samples(session)[("casewarden_sign_in_failures_total", labels)] == 2


@pytest.mark.usefixtures("page")
def test_open_threat_alerts_are_a_gauge(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-4", "somebody ought to follow that worker to her car"))
    runtime.worker().drain()
    assert _samples(session)[("casewarden_threat_alerts_open", ())] == 1


def test_the_text_names_no_agency_page_or_person(session: Session) -> None:
    text = render(
        take_snapshot(session=session, graph_url=GRAPH_URL, now=utcnow() + timedelta(0))
    ).decode()
    for word in ("agency", "lcsa", "name", "author", "user"):
        assert f'{word}="' not in text
