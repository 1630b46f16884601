"""Meta's Graph API for Facebook pages and Instagram professional accounts.

Retries on 5xx, 429 and Graph's throttling error codes with exponential backoff and
jitter, honouring ``Retry-After`` and the usage headers. Tokens travel in the
Authorization header, never in URLs, and each call carries ``appsecret_proof`` when
the app secret is configured (Meta's "require app secret" setting).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx

from casewarden.platforms.interfaces import (
    PageRef,
    Platform,
    PlatformComment,
    PlatformRejected,
    PlatformUnavailable,
    TokenCheck,
)

log = logging.getLogger("casewarden.platforms.meta")

DEFAULT_GRAPH_URL = "https://graph.facebook.com/v21.0"
# Graph error codes that mean "slow down", not "you are wrong".
_THROTTLE_CODES = frozenset({4, 17, 32, 613, *range(80001, 80015)})
_TRANSIENT_CODES = frozenset({1, 2})
_MAX_RETRY_AFTER = 60.0
#: Rows per page of a listing (Graph's ceiling for these edges is 100).
_LIST_LIMIT = 100
_COMMENT_FIELDS = "id,message,from,created_time,parent"
#: An Instagram comment's fields; its replies come nested, first page only, with a cursor.
_IG_COMMENT_FIELDS = "id,text,timestamp,from,parent_id"
_IG_FIELDS = f"{_IG_COMMENT_FIELDS},replies{{{_IG_COMMENT_FIELDS}}}"


def _usage_wait(response: httpx.Response) -> float | None:
    """Seconds until access returns, from Meta's business-use-case usage header."""
    raw = response.headers.get("x-business-use-case-usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
        minutes = max(
            int(item.get("estimated_time_to_regain_access", 0))
            for items in usage.values()
            for item in items
        )
    except (ValueError, TypeError, AttributeError):
        return None
    return float(minutes * 60) if minutes else None


#: Above this share of an app or page call budget, calls are spaced out before Meta refuses.
_USAGE_CEILING = 90
_USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-ad-account-usage")


def usage_percent(response: httpx.Response) -> int:
    """The highest budget share (0-100) Meta reports in its usage headers."""
    highest = 0
    for name in _USAGE_HEADERS:
        raw = response.headers.get(name)
        if not raw:
            continue
        try:
            values = json.loads(raw)
            highest = max(highest, *(int(v) for v in values.values() if isinstance(v, int | float)))
        except (ValueError, TypeError, AttributeError):
            continue
    return min(highest, 100)


class GraphClient:
    """The Graph API adapter."""

    name = "meta"

    def __init__(
        self,
        http: httpx.Client,
        *,
        base_url: str = DEFAULT_GRAPH_URL,
        app_secret: str | None = None,
        max_attempts: int = 5,
        backoff_seconds: float = 0.25,
        sleep: Callable[[float], None] = time.sleep,
        owns_http: bool = False,
    ) -> None:
        self.http = http
        self.owns_http = owns_http
        self.base_url = base_url.rstrip("/")
        self.app_secret = app_secret
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.sleep = sleep
        #: When Meta says the budget is nearly spent, later calls wait until this time.
        self._pace_until = 0.0

    def close(self) -> None:
        """Close the HTTP client when this adapter created it."""
        if self.owns_http:
            self.http.close()

    def _proof(self, token: str) -> dict[str, str]:
        if not self.app_secret:
            return {}
        proof = hmac.new(self.app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
        return {"appsecret_proof": proof}

    def _call(
        self,
        method: str,
        path: str,
        page: PageRef,
        *,
        data: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        json_body: dict[str, Any] | None = None,
        wait_seconds: float | None = None,
    ) -> dict[str, Any]:
        """One Graph call, retried; with ``wait_seconds``, one attempt of at most that long
        (a person is waiting for the answer), unpaced."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        headers = {"Authorization": f"Bearer {page.access_token}"}
        query = {**(params or {}), **self._proof(page.access_token)}
        last_error = PlatformUnavailable("Graph API not called")
        pause = self._pace_until - time.monotonic()
        if pause > 0 and wait_seconds is None:
            self.sleep(min(pause, _MAX_RETRY_AFTER))
        attempts = 1 if wait_seconds is not None else self.max_attempts
        timeout = (
            httpx.Timeout(wait_seconds) if wait_seconds is not None else httpx.USE_CLIENT_DEFAULT
        )
        for attempt in range(1, attempts + 1):
            try:
                response = self.http.request(
                    method,
                    url,
                    headers=headers,
                    params=query,
                    data=data,
                    json=json_body,
                    timeout=timeout,
                )
            except httpx.TransportError as exc:
                last_error = PlatformUnavailable(f"Graph API unreachable: {type(exc).__name__}")
            else:
                self._pace(response)
                result = self._interpret(response)
                if not isinstance(result, PlatformUnavailable):
                    return result
                last_error = result
            if attempt == attempts:
                break
            delay = last_error.retry_after
            if delay is None:
                delay = self.backoff_seconds * 2 ** (attempt - 1) * (1 + random.random())  # noqa: S311 - jitter, not security
            log.warning(
                "graph %s %s attempt %d failed (%s); retrying in %.2fs",
                method,
                path,
                attempt,
                last_error.public_message,
                delay,
            )
            self.sleep(min(delay, _MAX_RETRY_AFTER))
        raise last_error

    def _pace(self, response: httpx.Response) -> None:
        """Honour the usage headers: near the budget, space calls out instead of being refused."""
        used = usage_percent(response)
        if used >= _USAGE_CEILING:
            # The budget is a rolling hour; waiting in proportion to the overshoot keeps the
            # hides flowing, just slower, rather than stopping them at 100%.
            delay = self.backoff_seconds * 2 ** ((used - _USAGE_CEILING) // 2)
            self._pace_until = max(
                self._pace_until, time.monotonic() + min(delay, _MAX_RETRY_AFTER)
            )

    def _interpret(self, response: httpx.Response) -> dict[str, Any] | PlatformUnavailable:
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        error = body.get("error") if isinstance(body.get("error"), dict) else None
        if response.status_code < 400 and error is None:
            return body
        code = error.get("code") if error else None
        retry_after = response.headers.get("retry-after")
        wait = (
            float(retry_after) if retry_after and retry_after.isdigit() else _usage_wait(response)
        )
        if (
            response.status_code == 429
            or response.status_code >= 500
            or code in _THROTTLE_CODES
            or (code in _TRANSIENT_CODES)
        ):
            return PlatformUnavailable(
                f"Graph API busy (HTTP {response.status_code}, code {code})", wait
            )
        message = str(error.get("message", "")) if error else ""
        status = response.status_code
        raise PlatformRejected(
            f"Graph API refused the call (HTTP {status}, code {code}): {message[:200]}",
            code=code if isinstance(code, int) else None,
        )

    # Moderation --------------------------------------------------------------------

    def _hide_field(self, page: PageRef) -> str:
        return "hide" if page.platform is Platform.INSTAGRAM else "is_hidden"

    def hide_comment(self, page: PageRef, comment_id: str) -> None:
        """Facebook: ``POST /{id}`` is_hidden=true; Instagram: ``POST /{id}`` hide=true."""
        self._call("POST", comment_id, page, data={self._hide_field(page): "true"})

    def unhide_comment(self, page: PageRef, comment_id: str) -> None:
        """The same call with false."""
        self._call("POST", comment_id, page, data={self._hide_field(page): "false"})

    def delete_comment(self, page: PageRef, comment_id: str) -> None:
        """``DELETE /{id}``."""
        self._call("DELETE", comment_id, page)

    def comment_is_hidden(self, page: PageRef, comment_id: str) -> bool | None:
        """Read the hidden flag back (used to reconcile after a crash)."""
        field = "hidden" if page.platform is Platform.INSTAGRAM else "is_hidden"
        try:
            body = self._call("GET", comment_id, page, params={"fields": field})
        except PlatformRejected:
            return None
        value = body.get(field)
        return value if isinstance(value, bool) else None

    # The page's token ---------------------------------------------------------------

    def inspect_token(self, page: PageRef, *, wait_seconds: float | None = None) -> TokenCheck:
        """``GET /debug_token?input_token=`` with the page token itself as the caller.

        Meta asks for a token of the same app as the one inspected; the page token is one,
        and casewarden keeps no app token. The token does travel in the query string here
        (debug_token takes no other form): ``logging_setup`` keeps httpx's request lines,
        which print URLs, out of the logs. ``wait_seconds``: one attempt, no retries.
        """
        body = self._call(
            "GET",
            "debug_token",
            page,
            params={"input_token": page.access_token},
            wait_seconds=wait_seconds,
        )
        raw = body.get("data")
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        # expires_at 0 means never; data_access_expires_at is when reading page data stops,
        # which stops moderation just the same: the earlier of the two is what counts.
        moments = [
            int(value)
            for value in (data.get("expires_at"), data.get("data_access_expires_at"))
            if isinstance(value, int) and value > 0
        ]
        expires = datetime.fromtimestamp(min(moments), UTC) if moments else None
        return TokenCheck(valid=data.get("is_valid") is True, expires_at=expires)

    # Speaking as the agency --------------------------------------------------------

    def publish_post(self, page: PageRef, message: str) -> str:
        """``POST /{page-id}/feed``; Instagram needs media, so text posts go to Facebook only."""
        if page.platform is Platform.INSTAGRAM:
            raise PlatformRejected("Instagram posts need an image; publish text posts on Facebook.")
        body = self._call("POST", f"{page.page_id}/feed", page, data={"message": message})
        return str(body.get("id", ""))

    def reply_to_comment(self, page: PageRef, comment_id: str, message: str) -> str:
        """Facebook ``POST /{id}/comments``; Instagram ``POST /{id}/replies``."""
        edge = "replies" if page.platform is Platform.INSTAGRAM else "comments"
        body = self._call("POST", f"{comment_id}/{edge}", page, data={"message": message})
        return str(body.get("id", ""))

    def answer_private_message(self, page: PageRef, thread_ref: str, message: str) -> None:
        """``POST /{page-id}/messages`` as a RESPONSE within the thread the person opened."""
        self._call(
            "POST",
            f"{page.page_id}/messages",
            page,
            json_body={
                "recipient": {"id": thread_ref},
                "messaging_type": "RESPONSE",
                "message": {"text": message},
            },
        )

    # Catching up after an outage ---------------------------------------------------

    def _listing(
        self, path: str, page: PageRef, params: dict[str, str]
    ) -> Iterator[dict[str, Any]]:
        """Every row of a Graph listing, following its ``after`` cursor while ``next`` says
        more follow (the ``next`` URL itself is not followed: it may carry a token)."""
        query = {**params, "limit": str(_LIST_LIMIT)}
        while True:
            body = self._call("GET", path, page, params=query)
            rows = body.get("data")
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict):
                    yield row
            paging = _object(body.get("paging"))
            after = _object(paging.get("cursors")).get("after")
            if not paging.get("next") or not isinstance(after, str) or not after:
                return
            query = {**query, "after": after}

    def recent_comments(
        self, page: PageRef, *, since: datetime, until: datetime, max_posts: int
    ) -> Iterator[PlatformComment]:
        """Facebook: ``GET /{page-id}/feed`` for the posts, then ``GET /{post-id}/comments``
        (filter=stream, so replies too) bounded by since/until, following the cursors.
        Instagram: see :meth:`_instagram_comments`."""
        if page.platform is Platform.INSTAGRAM:
            yield from self._instagram_comments(page, since=since, until=until, max_posts=max_posts)
            return
        window = {
            "since": str(int(since.timestamp())),
            "until": str(int(until.timestamp()) + 1),
        }
        posts = 0
        for post in self._listing(f"{page.page_id}/feed", page, {"fields": "id,updated_time"}):
            post_id = post.get("id")
            if not isinstance(post_id, str) or not post_id:
                continue
            posts += 1
            if posts > max_posts:
                return
            updated = graph_time(post.get("updated_time"))
            if updated is not None and updated < since:
                continue  # nothing on it since the window opened
            query = {"fields": _COMMENT_FIELDS, "filter": "stream", "order": "chronological"}
            for row in self._listing(f"{post_id}/comments", page, {**query, **window}):
                comment = _comment(row, post_id)
                created = comment.created_time if comment else None
                if comment is not None and (created is None or since <= created <= until):
                    yield comment

    def _instagram_comments(
        self, page: PageRef, *, since: datetime, until: datetime, max_posts: int
    ) -> Iterator[PlatformComment]:
        """``GET /{ig-user-id}/media`` (newest first), then each media's comments with their
        replies (:meth:`_instagram_threads`).

        Instagram's comments edge takes no since/until and a media has no last-activity
        time, so the ``max_posts`` newest media are read whole and the window applied here;
        a media created after the window cannot hold a comment from inside it.
        """
        media_read = 0
        for media in self._listing(f"{page.page_id}/media", page, {"fields": "id,timestamp"}):
            media_id = media.get("id")
            if not isinstance(media_id, str) or not media_id:
                continue
            media_read += 1
            if media_read > max_posts:
                return
            created = graph_time(media.get("timestamp"))
            if created is not None and created > until:
                continue
            for comment in self._instagram_threads(page, media_id):
                if comment.created_time is None or since <= comment.created_time <= until:
                    yield comment

    def _instagram_threads(self, page: PageRef, media_id: str) -> Iterator[PlatformComment]:
        """``GET /{media-id}/comments`` (top-level only) with ``replies{...}`` nested, and
        ``GET /{comment-id}/replies`` from the nested cursor for replies past its first page."""
        for row in self._listing(f"{media_id}/comments", page, {"fields": _IG_FIELDS}):
            comment = _instagram_comment(row, media_id)
            if comment is None:
                continue
            yield comment
            replies = _object(row.get("replies"))
            nested = replies.get("data")
            for reply_row in nested if isinstance(nested, list) else []:
                reply = _instagram_comment(_object(reply_row), media_id)
                if reply is not None:
                    yield reply
            paging = _object(replies.get("paging"))
            after = _object(paging.get("cursors")).get("after")
            if not paging.get("next") or not isinstance(after, str) or not after:
                continue
            rest = {"fields": _IG_COMMENT_FIELDS, "after": after}
            for reply_row in self._listing(f"{comment.comment_id}/replies", page, rest):
                reply = _instagram_comment(reply_row, media_id)
                if reply is not None:
                    yield reply


def graph_time(value: Any) -> datetime | None:
    """Graph's ``2026-03-01T12:00:00+0000`` as an aware datetime (None when unreadable)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None
    return moment.astimezone(UTC)


def _object(value: Any) -> dict[str, Any]:
    """``value`` when Graph sent an object there, else an empty one."""
    return value if isinstance(value, dict) else {}


def _comment(row: dict[str, Any], post_id: str) -> PlatformComment | None:
    comment_id = row.get("id")
    if not isinstance(comment_id, str) or not comment_id:
        return None
    author, parent = _object(row.get("from")), _object(row.get("parent"))
    message, author_id, author_name = row.get("message"), author.get("id"), author.get("name")
    parent_id = parent.get("id")
    return PlatformComment(
        comment_id=comment_id,
        post_id=post_id,
        parent_id=parent_id if isinstance(parent_id, str) and parent_id else None,
        message=message if isinstance(message, str) else None,
        author_id=str(author_id) if isinstance(author_id, str | int) else None,
        author_name=author_name if isinstance(author_name, str) else None,
        created_time=graph_time(row.get("created_time")),
    )


def _instagram_comment(row: dict[str, Any], media_id: str) -> PlatformComment | None:
    """An Instagram comment or reply (``text``, ``timestamp``, ``from.username``)."""
    comment_id = row.get("id")
    if not isinstance(comment_id, str) or not comment_id:
        return None
    author = _object(row.get("from"))
    text, author_id, parent_id = row.get("text"), author.get("id"), row.get("parent_id")
    username = author.get("username") or row.get("username")
    return PlatformComment(
        comment_id=comment_id,
        post_id=media_id,
        parent_id=parent_id if isinstance(parent_id, str) and parent_id else None,
        message=text if isinstance(text, str) else None,
        author_id=str(author_id) if isinstance(author_id, str | int) else None,
        author_name=username if isinstance(username, str) else None,
        created_time=graph_time(row.get("timestamp")),
    )
