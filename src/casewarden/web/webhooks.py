"""``/webhooks/meta``: Meta's subscription handshake and signed deliveries.

A delivery is verified against the raw bytes, parsed, and committed to the database
before the 200 (deliveries arriving together share a transaction: see
``moderation/group_commit.py``); the scanning and the platform calls happen after, in
the worker.
Nothing of a refused or malformed body is stored or logged.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from casewarden.moderation.group_commit import ShuttingDown
from casewarden.moderation.webhook import (
    SIGNATURE_HEADER,
    MalformedDelivery,
    parse_delivery,
    signature_valid,
)
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.csrf import csrf_exempt

log = logging.getLogger("casewarden.webhooks")
#: Seconds a delivery may wait for its transaction before Meta is told to try again.
INTAKE_TIMEOUT = 20.0
router = APIRouter(prefix="/webhooks")
#: The answers to unsigned and wrongly signed deliveries: they say what to check, and no
#: more than the request itself showed.
UNSIGNED_ANSWER = (
    "Forbidden: the delivery has no X-Hub-Signature-256 header. Meta signs every delivery; "
    "if this one came from Meta, a proxy in front of casewarden removed the header."
)
MISSIGNED_ANSWER = (
    "Forbidden: the X-Hub-Signature-256 signature does not match the body with this "
    "deployment's Meta app secret."
)


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


@router.post("/meta", include_in_schema=False)
@csrf_exempt
async def deliver(request: Request) -> Response:
    """Verify, parse and durably store a delivery; the worker does the rest."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        return PlainTextResponse("Expected application/json", status_code=415)
    body = await request.body()
    runtime: ProcessRuntime = request.app.state.runtime
    secret = runtime.settings.meta_app_secret.get_secret_value()
    signature = request.headers.get(SIGNATURE_HEADER)
    if signature is None:
        # Meta signs every delivery: one without the header was not sent by Meta, or a
        # proxy in front of casewarden removed it (docs/operations.md, TLS proxy).
        log.warning("refused a webhook delivery without an X-Hub-Signature-256 header")
        return PlainTextResponse(UNSIGNED_ANSWER, status_code=403)
    if not signature_valid(secret, body, signature):
        log.warning("refused a webhook delivery with a wrong signature")
        return PlainTextResponse(MISSIGNED_ANSWER, status_code=403)
    try:
        parsed = parse_delivery(json.loads(body))
    except (ValueError, RecursionError):
        log.warning("refused a signed webhook delivery that is not JSON")
        return PlainTextResponse("Malformed JSON", status_code=400)
    except MalformedDelivery as exc:
        log.warning("refused a signed webhook delivery: %s", exc.public_message)
        return PlainTextResponse(exc.public_message, status_code=400)
    try:
        report = await asyncio.wait_for(
            asyncio.wrap_future(runtime.intake.submit(parsed)), timeout=INTAKE_TIMEOUT
        )
    except (ShuttingDown, TimeoutError):
        # Not acknowledged: Meta delivers again after a failure, to this or another process,
        # and a late commit of this one makes that redelivery a duplicate.
        log.warning("a webhook delivery was not stored in time; Meta will deliver it again")
        return PlainTextResponse("Busy", status_code=503)
    if report.queued or report.messages:
        runtime.wakeup.set()
    if parsed.skipped or report.unknown_pages or report.duplicates or report.quarantined:
        log.info(
            "delivery: stored=%d queued=%d duplicates=%d unknown_pages=%d quarantined=%d "
            "skipped=%s",
            report.stored,
            report.queued,
            report.duplicates,
            report.unknown_pages,
            report.quarantined,
            ",".join(sorted(set(parsed.skipped)))[:200],
        )
    return PlainTextResponse("EVENT_RECEIVED")
