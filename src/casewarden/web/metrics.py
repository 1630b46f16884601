"""``/metrics`` for the operator's monitoring, and nobody else."""

from __future__ import annotations

import ipaddress
import logging

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from casewarden.actor import Actor
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.audit.unit import record_refusal
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.errors import PermissionDenied
from casewarden.monitoring.tally import RequestTally
from casewarden.process.metrics import render, take_snapshot

router = APIRouter()
log = logging.getLogger("casewarden.monitoring")


def allowed(settings: Settings, client: str | None) -> bool:
    """Whether ``client`` (as resolved behind the trusted proxies) may read the metrics."""
    try:
        address = ipaddress.ip_address(client or "")
    except ValueError:
        return False  # a Unix socket or an unparsable peer: not a network we know
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in settings.metrics_networks)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """The deployment's figures in Prometheus' text format, for the allowed networks only."""
    settings: Settings = request.app.state.settings
    database: Database = request.app.state.database
    if not allowed(settings, request.client.host if request.client else None):
        # The address is personal information: the refusal is audited without it.
        record_refusal(
            database,
            PermissionDenied().audited(
                AuditEvent(
                    actor=Actor.anonymous(),
                    tag=AuditTag.OPS_METRICS_REFUSE,
                    outcome=Outcome.DENIED,
                    details={"reason": "network"},
                )
            ),
        )
        return PlainTextResponse("Forbidden", status_code=403)
    tally: RequestTally = request.app.state.portal_requests
    tally.flush(database)
    with database.session(Scope.system()) as session:
        snapshot = take_snapshot(session=session, graph_url=settings.meta_graph_url, now=utcnow())
    return Response(render(snapshot), media_type=CONTENT_TYPE_LATEST)
