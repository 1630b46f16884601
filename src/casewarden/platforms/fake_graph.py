"""A local fake of Meta's Graph API, for tests, benchmarks and development.

It speaks the same HTTP as the real API for the calls casewarden makes (hide, unhide,
delete, read the hidden flag, publish, reply, answer a message, inspect a token, list a
Facebook page's posts and their comments, list an Instagram account's media, their
comments and replies, all with cursor paging) and records every call with its arrival
time. Control endpoints under ``/_fake/`` let a test read the calls, inject
failures (5xx, 429 with Retry-After, Graph throttling codes), restrict the accepted
tokens and set when a token expires (past that moment, every call made with it is refused
with Graph's code 190, as Meta refuses it); a test puts comments on a page with
:meth:`FakeGraph.add_comment`, and on an Instagram account with
:meth:`FakeGraph.add_instagram_comment`.

Run it alone with ``casewarden dev fake-graph``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


@dataclass
class FakeCall:
    """One Graph call the fake received."""

    method: str
    path: str
    operation: str
    object_id: str
    params: dict[str, str]
    at: float

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        return {
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "object_id": self.object_id,
            "params": self.params,
            "at": self.at,
        }


@dataclass
class FakeComment:
    """A comment (or a reply, with ``parent_id``) someone left on a post of a page."""

    comment_id: str
    post_id: str
    message: str
    author_id: str
    author_name: str
    created_time: datetime
    parent_id: str | None = None

    def as_graph(self) -> dict[str, Any]:
        """The comment as Graph lists it (``fields=id,message,from,created_time,parent``)."""
        body: dict[str, Any] = {
            "id": self.comment_id,
            "message": self.message,
            "from": {"id": self.author_id, "name": self.author_name},
            "created_time": _graph_time(self.created_time),
        }
        if self.parent_id:
            body["parent"] = {"id": self.parent_id}
        return body

    def as_instagram(self) -> dict[str, Any]:
        """The comment as Instagram's comments and replies edges list it (``text``,
        ``timestamp``, ``from`` with a ``username``, ``parent_id`` on a reply)."""
        body: dict[str, Any] = {
            "id": self.comment_id,
            "text": self.message,
            "timestamp": _graph_time(self.created_time),
            "from": {"id": self.author_id, "username": self.author_name},
            "username": self.author_name,
        }
        if self.parent_id:
            body["parent_id"] = self.parent_id
        return body


def _graph_time(moment: datetime) -> str:
    """Graph's time format: ``2026-03-01T12:00:00+0000``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


@dataclass
class _Failure:
    status: int
    remaining: int
    code: int | None = None
    retry_after: int | None = None


@dataclass
class FakeGraph:
    """The fake's state and its ASGI app."""

    calls: list[FakeCall] = field(default_factory=list)
    hidden: dict[str, bool] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    #: Page id -> its post ids, newest first (as Graph lists a feed).
    posts: dict[str, list[str]] = field(default_factory=dict)
    #: Post id -> the comments and replies on it, oldest first.
    comments: dict[str, list[FakeComment]] = field(default_factory=dict)
    #: Instagram account id -> its media ids, newest first (as Graph lists an account's media).
    media: dict[str, list[str]] = field(default_factory=dict)
    tokens: set[str] | None = None
    latency_seconds: float = 0.0
    #: debug_token's answer per token: seconds since the epoch when it expires (0: never).
    token_expiry: dict[str, int] = field(default_factory=dict)
    #: Sent as Meta's X-App-Usage header on every answer when set (call_count percent).
    app_usage: int | None = None
    _failures: list[_Failure] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        """Forget every call, object and failure."""
        with self._lock:
            self.calls.clear()
            self.hidden.clear()
            self.deleted.clear()
            self.posts.clear()
            self.comments.clear()
            self.media.clear()
            self._failures.clear()
            self.tokens = None
            self.app_usage = None
            self.token_expiry.clear()

    def fail_next(
        self,
        count: int,
        status: int = 500,
        *,
        code: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Answer the next ``count`` Graph calls with an error."""
        with self._lock:
            self._failures.append(
                _Failure(status=status, remaining=count, code=code, retry_after=retry_after)
            )

    def add_comment(self, page_id: str, comment: FakeComment) -> None:
        """Put a comment on a post of ``page_id`` (the post is created on first use)."""
        with self._lock:
            posts = self.posts.setdefault(page_id, [])
            if comment.post_id not in posts:
                posts.insert(0, comment.post_id)
            self.comments.setdefault(comment.post_id, []).append(comment)

    def add_instagram_comment(self, account_id: str, comment: FakeComment) -> None:
        """Put a comment (a reply, with ``parent_id``) on a media of an Instagram account."""
        with self._lock:
            media = self.media.setdefault(account_id, [])
            if comment.post_id not in media:
                media.insert(0, comment.post_id)
            self.comments.setdefault(comment.post_id, []).append(comment)

    def calls_for(self, operation: str) -> list[FakeCall]:
        """Every recorded call of one operation (hide, unhide, delete, publish, ...)."""
        with self._lock:
            return [call for call in self.calls if call.operation == operation]

    def _pending_failure(self) -> _Failure | None:
        with self._lock:
            while self._failures and self._failures[0].remaining <= 0:
                self._failures.pop(0)
            if not self._failures:
                return None
            failure = self._failures[0]
            failure.remaining -= 1
            return failure

    def _record(
        self, request: Request, operation: str, object_id: str, params: dict[str, str]
    ) -> None:
        with self._lock:
            self.calls.append(
                FakeCall(
                    method=request.method,
                    path=request.url.path,
                    operation=operation,
                    object_id=object_id,
                    params=params,
                    at=time.time(),
                )
            )

    async def _graph(self, request: Request) -> Response:
        if self.latency_seconds:
            await asyncio.sleep(self.latency_seconds)
        failure = self._pending_failure()
        if failure is not None:
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            self._record(request, "failed", "", {})
            return JSONResponse(
                {
                    "error": {
                        "message": "fake failure",
                        "type": "FakeError",
                        "code": failure.code or 2,
                    }
                },
                status_code=failure.status,
                headers=headers,
            )
        token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not token or (self.tokens is not None and token not in self.tokens):
            return JSONResponse(
                {
                    "error": {
                        "message": "Invalid OAuth access token.",
                        "type": "OAuthException",
                        "code": 190,
                    }
                },
                status_code=400,
            )
        expires = self.token_expiry.get(token, 0)
        if expires and expires <= time.time():
            # As Meta answers any call made with a token past its expiry.
            return JSONResponse(
                {
                    "error": {
                        "message": "Error validating access token: Session has expired.",
                        "type": "OAuthException",
                        "code": 190,
                        "error_subcode": 463,
                    }
                },
                status_code=400,
            )
        parts = request.path_params["rest"].strip("/").split("/")
        # The first segment is the API version (v21.0); the rest name the object and edge.
        object_id, edge = parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
        form = (
            {k: str(v) for k, v in (await request.form()).items()}
            if request.method == "POST"
            else {}
        )
        if request.headers.get("content-type", "").startswith("application/json"):
            form = {"json": json.dumps(await request.json())}
        query = {k: v for k, v in request.query_params.items() if k != "appsecret_proof"}
        response = self._dispatch(request, object_id, edge, {**query, **form})
        if self.app_usage is not None:
            response.headers["x-app-usage"] = json.dumps(
                {"call_count": self.app_usage, "total_time": 1, "total_cputime": 1}
            )
        return response

    def _dispatch(
        self, request: Request, object_id: str, edge: str, params: dict[str, str]
    ) -> Response:
        method = request.method
        if not object_id:
            return JSONResponse(
                {"error": {"message": "Unknown path", "code": 100}}, status_code=400
            )
        if method == "GET" and object_id == "debug_token":
            return self._debug_token(request, params)
        if method == "POST" and not edge and ("is_hidden" in params or "hide" in params):
            value = (params.get("is_hidden") or params.get("hide")) == "true"
            self._record(request, "hide" if value else "unhide", object_id, params)
            with self._lock:
                self.hidden[object_id] = value
            return JSONResponse({"success": True})
        if method == "GET" and not edge:
            self._record(request, "read", object_id, params)
            if object_id in self.deleted:
                return JSONResponse(
                    {"error": {"message": "Object does not exist", "code": 100}}, 400
                )
            hidden = self.hidden.get(object_id, False)
            return JSONResponse({"id": object_id, "is_hidden": hidden, "hidden": hidden})
        if method == "DELETE" and not edge:
            self._record(request, "delete", object_id, params)
            with self._lock:
                self.deleted.add(object_id)
            return JSONResponse({"success": True})
        if method == "GET" and edge == "feed":
            self._record(request, "list_posts", object_id, params)
            with self._lock:
                posts = [
                    {"id": post_id, "updated_time": _graph_time(self._updated(post_id))}
                    for post_id in self.posts.get(object_id, [])
                ]
            return _page_of(request, posts, params)
        if method == "GET" and edge == "media":
            self._record(request, "list_media", object_id, params)
            with self._lock:
                media = [
                    {"id": media_id, "timestamp": _graph_time(self._first(media_id))}
                    for media_id in self.media.get(object_id, [])
                ]
            return _page_of(request, media, params)
        if method == "GET" and edge == "comments" and self._is_instagram_media(object_id):
            self._record(request, "list_comments", object_id, params)
            return _page_of(
                request, self._instagram_comments_of(request, object_id, params), params
            )
        if method == "GET" and edge == "comments":
            self._record(request, "list_comments", object_id, params)
            return _page_of(request, self._comments_of(object_id, params), params)
        if method == "GET" and edge == "replies":
            self._record(request, "list_replies", object_id, params)
            return _page_of(request, self._instagram_replies(object_id), params)
        if method == "POST" and edge == "feed":
            new_id = f"{object_id}_{next(self._ids)}"
            self._record(request, "publish", new_id, params)
            return JSONResponse({"id": new_id})
        if method == "POST" and edge in {"comments", "replies"}:
            new_id = f"{object_id}_{next(self._ids)}"
            self._record(request, "reply", object_id, params)
            return JSONResponse({"id": new_id})
        if method == "POST" and edge == "messages":
            self._record(request, "message", object_id, params)
            return JSONResponse({"recipient_id": "x", "message_id": f"m_{next(self._ids)}"})
        # Graph has no follow, friend or like operations for pages acting on people;
        # neither does the fake.
        return JSONResponse(
            {"error": {"message": "Unsupported request", "code": 100}}, status_code=400
        )

    def _debug_token(self, request: Request, params: dict[str, str]) -> Response:
        """Meta's token inspection: validity and expiry, never the token itself."""
        token = params.get("input_token", "")
        self._record(request, "debug_token", "", {})
        if not token:
            return JSONResponse(
                {"error": {"message": "input_token is required", "code": 100}}, status_code=400
            )
        valid = self.tokens is None or token in self.tokens
        expires = self.token_expiry.get(token, 0)
        return JSONResponse(
            {
                "data": {
                    "app_id": "1000",
                    "type": "PAGE",
                    "is_valid": valid,
                    "expires_at": expires,
                    "data_access_expires_at": 0,
                    "scopes": ["pages_manage_engagement", "pages_read_user_content"],
                }
            }
        )

    def _updated(self, post_id: str) -> datetime:
        """A post's last activity: its newest comment (the caller holds the lock)."""
        times = [comment.created_time for comment in self.comments.get(post_id, [])]
        return max(times, default=datetime(2020, 1, 1, tzinfo=UTC))

    def _first(self, media_id: str) -> datetime:
        """A media's creation: before its first comment (the caller holds the lock)."""
        times = [comment.created_time for comment in self.comments.get(media_id, [])]
        return min(times, default=datetime(2020, 1, 1, tzinfo=UTC))

    def _is_instagram_media(self, object_id: str) -> bool:
        with self._lock:
            return any(object_id in media for media in self.media.values())

    def _instagram_replies(self, comment_id: str) -> list[dict[str, Any]]:
        with self._lock:
            everything = [c for comments in self.comments.values() for c in comments]
        return [reply.as_instagram() for reply in everything if reply.parent_id == comment_id]

    def _instagram_comments_of(
        self, request: Request, media_id: str, params: dict[str, str]
    ) -> list[dict[str, Any]]:
        """A media's top-level comments as Instagram lists them: no ``since``, ``until`` or
        ``filter``; the replies only when ``fields`` asks for ``replies{...}``, nested with
        their own first page and cursor (the rest from ``/{comment-id}/replies``)."""
        with self._lock:
            comments = [c for c in self.comments.get(media_id, []) if c.parent_id is None]
        nested = "replies{" in params.get("fields", "")
        rows = []
        for comment in comments:
            row = comment.as_instagram()
            replies = self._instagram_replies(comment.comment_id) if nested else []
            if replies:
                shown = replies[:_NESTED_LIMIT]
                paging: dict[str, Any] = {"cursors": {"before": "0", "after": str(len(shown))}}
                if len(replies) > len(shown):
                    base = str(request.base_url).rstrip("/")
                    version = request.url.path.strip("/").split("/")[0]
                    paging["next"] = (
                        f"{base}/{version}/{comment.comment_id}/replies?after={len(shown)}"
                    )
                row["replies"] = {"data": shown, "paging": paging}
            rows.append(row)
        return rows

    def _comments_of(self, post_id: str, params: dict[str, str]) -> list[dict[str, Any]]:
        """A post's comments as Graph's comments edge lists them: ``filter=stream`` adds the
        replies, ``since`` and ``until`` (Unix seconds) bound the creation time."""
        since = float(params.get("since", "0") or 0)
        until = float(params.get("until", "inf") or "inf")
        with self._lock:
            comments = list(self.comments.get(post_id, []))
        return [
            comment.as_graph()
            for comment in comments
            if (params.get("filter") == "stream" or comment.parent_id is None)
            and since <= comment.created_time.timestamp() <= until
        ]

    async def _calls(self, request: Request) -> Response:
        with self._lock:
            return JSONResponse([call.as_json() for call in self.calls])

    async def _control(self, request: Request) -> Response:
        action = request.path_params["action"]
        body = await request.json() if request.headers.get("content-length", "0") != "0" else {}
        if action == "reset":
            self.reset()
        elif action == "failures":
            self.fail_next(
                int(body.get("count", 1)),
                int(body.get("status", 500)),
                code=body.get("code"),
                retry_after=body.get("retry_after"),
            )
        elif action == "tokens":
            self.tokens = set(body.get("tokens", []))
        elif action == "token-expiry":
            self.token_expiry[str(body["token"])] = int(body.get("expires_at", 0))
        else:
            return JSONResponse({"error": "unknown control"}, status_code=404)
        return JSONResponse({"ok": True})

    @property
    def app(self) -> Starlette:
        """The ASGI application."""
        return Starlette(
            routes=[
                Route("/_fake/calls", self._calls, methods=["GET"]),
                Route("/_fake/{action}", self._control, methods=["POST"]),
                Route("/{rest:path}", self._graph, methods=["GET", "POST", "DELETE"]),
            ]
        )


#: Rows Graph nests in a field expansion (``replies{...}``) before its own cursor takes over.
_NESTED_LIMIT = 25


def _page_of(request: Request, rows: list[dict[str, Any]], params: dict[str, str]) -> Response:
    """One page of ``rows`` with Graph's cursor paging (``limit``, ``after``; ``paging.next``
    only when more follow)."""
    limit = max(1, min(int(params.get("limit", "25") or 25), 100))
    start = int(params.get("after", "0") or 0)
    chunk = rows[start : start + limit]
    paging: dict[str, Any] = {"cursors": {"before": str(start), "after": str(start + len(chunk))}}
    if start + limit < len(rows):
        paging["next"] = str(request.url.include_query_params(after=start + limit))
    return JSONResponse({"data": chunk, "paging": paging})


def free_port() -> int:
    """An unused local TCP port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FakeGraphServer:
    """Serve a :class:`FakeGraph` over real HTTP on localhost, in a thread."""

    def __init__(self, graph: FakeGraph | None = None, port: int | None = None) -> None:
        self.graph = graph or FakeGraph()
        self.port = port or free_port()
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL including a Graph-like version segment."""
        return f"http://127.0.0.1:{self.port}/v21.0"

    def start(self) -> FakeGraphServer:
        """Start serving; returns when the socket accepts connections."""
        import uvicorn

        self._server = uvicorn.Server(
            uvicorn.Config(
                self.graph.app, host="127.0.0.1", port=self.port, log_config=None, access_log=False
            )
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("fake Graph server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> FakeGraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
