"""``/webhooks/meta``: Meta's subscription handshake and signed deliveries.

A delivery is verified against the raw bytes, parsed, and committed to the database
before the 200; the scanning and the platform calls happen after, in the worker.
Nothing of a refused or malformed body is stored or logged.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from casewarden.audit.unit import unit_of_work
from casewarden.db.scope import Scope
from casewarden.moderation.intake import IntakeReport, receive
from casewarden.moderation.runtime import ModerationRuntime
from casewarden.moderation.webhook import (
    SIGNATURE_HEADER,
    MalformedDelivery,
    ParsedDelivery,
    parse_delivery,
    signature_valid,
)
from casewarden.outreach.private import record_incoming
from casewarden.web.csrf import csrf_exempt

log = logging.getLogger("casewarden.webhooks")
router = APIRouter(prefix="/webhooks")


@router.get("/meta", include_in_schema=False)
def subscribe(
    request: Request,
    mode: Annotated[str | None, Query(alias="hub.mode", max_length=32)] = None,
    token: Annotated[str | None, Query(alias="hub.verify_token", max_length=512)] = None,
    challenge: Annotated[str | None, Query(alias="hub.challenge", max_length=512)] = None,
) -> Response:
    """Answer Meta's subscription check with the challenge, or 403."""
    expected = request.app.state.settings.meta_verify_token.get_secret_value()
    if (
        mode != "subscribe"
        or not token
        or not expected
        or not hmac.compare_digest(token.encode(), expected.encode())
        or not challenge
        or not challenge.isprintable()
    ):
        return PlainTextResponse("Forbidden", status_code=403)
    return PlainTextResponse(challenge)


def _store(runtime: ModerationRuntime, parsed: ParsedDelivery) -> IntakeReport:
    with unit_of_work(runtime.db, Scope.system()) as session:
        report = receive(
            session=session,
            keyring=runtime.keyring,
            secret=runtime.settings.secret_key,
            delivery=parsed,
        )
        if report.messages:
            # Only the sender, keyed-hashed, is kept: never the message.
            record_incoming(
                session=session, secret=runtime.settings.secret_key, messages=report.messages
            )
        return report


@router.post("/meta", include_in_schema=False)
@csrf_exempt
async def deliver(request: Request) -> Response:
    """Verify, parse and durably store a delivery; the worker does the rest."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        return PlainTextResponse("Expected application/json", status_code=415)
    body = await request.body()
    runtime: ModerationRuntime = request.app.state.moderation
    secret = runtime.settings.meta_app_secret.get_secret_value()
    if not signature_valid(secret, body, request.headers.get(SIGNATURE_HEADER)):
        log.warning("refused a webhook delivery with a missing or wrong signature")
        return PlainTextResponse("Forbidden", status_code=403)
    try:
        parsed = parse_delivery(json.loads(body))
    except (ValueError, RecursionError):
        log.warning("refused a signed webhook delivery that is not JSON")
        return PlainTextResponse("Malformed JSON", status_code=400)
    except MalformedDelivery as exc:
        log.warning("refused a signed webhook delivery: %s", exc.public_message)
        return PlainTextResponse(exc.public_message, status_code=400)
    report = await run_in_threadpool(_store, runtime, parsed)
    if report.queued or report.messages:
        runtime.wakeup.set()
    if parsed.skipped or report.unknown_pages or report.duplicates:
        log.info(
            "delivery: stored=%d queued=%d duplicates=%d unknown_pages=%d skipped=%s",
            report.stored,
            report.queued,
            report.duplicates,
            report.unknown_pages,
            ",".join(sorted(set(parsed.skipped)))[:200],
        )
    return PlainTextResponse("EVENT_RECEIVED")
