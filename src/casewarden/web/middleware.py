"""Pure ASGI middleware: security headers, body size limit, request ids and access log.

Written as raw ASGI rather than Starlette's BaseHTTPMiddleware, which buffers
streaming responses and costs a task per request.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casewarden.monitoring.tally import RequestTally

log = logging.getLogger("casewarden.access")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)

_BASE_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


_NO_STORE = (b"cache-control", b"no-store")
# Paths that only signed-in staff or API clients reach; and the session cookie's names.
_PRIVATE_PREFIXES = ("/console", "/api/")
_SESSION_COOKIES = (b"cw_session=", b"__Host-cw_session=")


def _authenticated(scope: Scope) -> bool:
    """Whether the request is a staff one: a private path, a session cookie or a bearer."""
    path = str(scope.get("path", ""))
    if path.startswith("/static/"):
        return False  # the same stylesheet for everyone: cacheable
    if path.startswith(_PRIVATE_PREFIXES):
        return True
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            return True
        if name == b"cookie" and any(cookie in value for cookie in _SESSION_COOKIES):
            return True
    return False


class SecurityHeaders:
    """Adds the security headers to every response; HSTS only over HTTPS; ``no-store`` on
    every authenticated response (a comment page showing an SSN must not sit in a browser
    or proxy cache)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        private = _authenticated(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if private:
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append(_NO_STORE)
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in _BASE_HEADERS if h[0] not in present)
                if https:
                    headers.append(_HSTS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """The request body passed the configured limit."""


class BodySizeLimit:
    """Refuses request bodies over the limit with 413, without reading the rest.

    ``larger`` raises the limit for path prefixes that take uploads.
    """

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.larger = sorted((larger or {}).items(), key=lambda item: -len(item[0]))

    def _limit_for(self, path: str) -> int:
        for prefix, limit in self.larger:
            if path.startswith(prefix):
                return limit
        return self.limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self._limit_for(path)
        api = path.startswith("/api/")
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _plain(send, 413, "Request body too large.", as_json=api)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, "Request body too large.", as_json=api)


class RequestLog:
    """Gives each request an id and logs method, route, status and time: never bodies or queries."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = secrets.token_hex(8)
        state: MutableMapping[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            route = scope.get("route")
            # The route template (/console/users/{user_id}) rather than the path keeps ids
            # and anything a visitor typed into a URL out of the log.
            path = getattr(route, "path", None) or "<unmatched>"
            log.info(
                "%s %s %s %.1fms id=%s",
                scope.get("method"),
                path,
                status,
                (time.perf_counter() - started) * 1000,
                request_id,
                extra={"request_id": request_id},
            )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


async def _plain(send: Send, status: int, text: str, *, as_json: bool = False) -> None:
    # The API documents one JSON error body for every answer, 413 included.
    body = json.dumps({"error": text}).encode() if as_json else text.encode()
    content_type = b"application/json" if as_json else b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


#: Paths that are not the public portal: staff, API, webhooks, files and the operator's.
_NOT_PORTAL = ("/console", "/api/", "/static/", "/webhooks/", "/metrics", "/healthz")


class PortalRequestCount:
    """Counts answered portal requests by status class for /metrics (nothing else)."""

    def __init__(self, app: ASGIApp, tally: RequestTally) -> None:
        self.app = app
        self.tally = tally

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(_NOT_PORTAL):
            await self.app(scope, receive, send)
            return
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            self.tally.count(status)
