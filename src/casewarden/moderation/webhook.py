"""Meta webhook deliveries: signature check and parsing into items. No storage here.

Facebook pages send ``object: page`` with ``changes`` of field ``feed`` (item
``comment``, ``status``, ``photo``, ``video`` or ``post``; verb ``add``, ``edited``
— sometimes ``edit`` — or ``remove``; ``message`` may be missing) and, when
subscribed, ``messaging`` events. Instagram sends ``object: instagram`` with
``comments`` changes. The page's own comments come back too and are dropped.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from casewarden.errors import InvalidInput
from casewarden.moderation.models import ItemKind, Verb
from casewarden.platforms.interfaces import Platform

log = logging.getLogger("casewarden.moderation.webhook")

SIGNATURE_HEADER = "x-hub-signature-256"
#: Meta caps comments far below this; anything longer is not a comment.
MAX_MESSAGE_CHARS = 65_536
_MAX_ID = 128
_POST_ITEMS = frozenset({"status", "photo", "video", "post"})
_VERBS = {"add": Verb.ADD, "edited": Verb.EDITED, "edit": Verb.EDITED, "remove": Verb.REMOVE}


class MalformedDelivery(InvalidInput):
    """The delivery is not the JSON shape Meta sends."""


@dataclass(frozen=True, slots=True)
class IncomingItem:
    """One comment, reply or visitor post event from a delivery."""

    platform: Platform
    page_id: str
    external_id: str
    kind: ItemKind
    verb: Verb
    post_id: str | None
    parent_id: str | None
    message: str | None
    author_id: str | None
    author_name: str | None
    event_time: datetime | None


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """A private message to the page: only the ids are kept, never the text."""

    page_id: str
    sender_ref: str
    message_ref: str


@dataclass
class ParsedDelivery:
    """Everything usable in one delivery, and codes for what was skipped."""

    items: list[IncomingItem] = field(default_factory=list)
    messages: list[IncomingMessage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def signature_valid(app_secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of ``sha256=<hex HMAC-SHA256(app_secret, raw body)>``."""
    if not header or not app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def sign(app_secret: str, body: bytes) -> str:
    """The header value Meta would send for ``body`` (tests, benchmarks, the import tool)."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def _id(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and 0 < len(value) <= _MAX_ID and value.isprintable():
        return value
    return None


def _time(value: Any) -> datetime | None:
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            seconds = value / 1000 if value > 10**11 else value  # Meta mixes s and ms
            return datetime.fromtimestamp(seconds, UTC)
        if isinstance(value, str) and value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("+0000", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return None


def _message(value: Any) -> str | None:
    if isinstance(value, str):
        return value[:MAX_MESSAGE_CHARS]
    return None


def _from(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, dict):
        return None, None
    name = value.get("name") or value.get("username")
    return _id(value.get("id")), name[:200] if isinstance(name, str) else None


def _facebook_change(page_id: str, value: dict[str, Any], out: ParsedDelivery) -> None:
    item = value.get("item")
    verb = _VERBS.get(str(value.get("verb")))
    if item != "comment" and item not in _POST_ITEMS:
        out.skipped.append(f"item:{str(item)[:20]}")
        return
    if verb is None:
        out.skipped.append("verb")
        return
    author_id, author_name = _from(value.get("from"))
    if author_id == page_id:
        out.skipped.append("own")
        return
    post_id = _id(value.get("post_id"))
    parent_id = _id(value.get("parent_id"))
    if item == "comment":
        external_id = _id(value.get("comment_id"))
        kind = ItemKind.REPLY if parent_id and parent_id != post_id else ItemKind.COMMENT
    else:
        external_id = post_id
        kind = ItemKind.POST
    if external_id is None:
        out.skipped.append("id")
        return
    out.items.append(
        IncomingItem(
            platform=Platform.FACEBOOK,
            page_id=page_id,
            external_id=external_id,
            kind=kind,
            verb=verb,
            post_id=post_id,
            parent_id=parent_id,
            message=_message(value.get("message")),
            author_id=author_id,
            author_name=author_name,
            event_time=_time(value.get("created_time")),
        )
    )


def _instagram_change(
    account_id: str, value: dict[str, Any], out: ParsedDelivery, when: Any
) -> None:
    external_id = _id(value.get("id"))
    if external_id is None:
        out.skipped.append("id")
        return
    author_id, author_name = _from(value.get("from"))
    if author_id == account_id:
        out.skipped.append("own")
        return
    media = value.get("media")
    media_id = _id(media.get("id")) if isinstance(media, dict) else None
    parent_id = _id(value.get("parent_id"))
    out.items.append(
        IncomingItem(
            platform=Platform.INSTAGRAM,
            page_id=account_id,
            external_id=external_id,
            kind=ItemKind.REPLY if parent_id else ItemKind.COMMENT,
            verb=Verb.ADD,
            post_id=media_id,
            parent_id=parent_id,
            message=_message(value.get("text")),
            author_id=author_id,
            author_name=author_name,
            event_time=_time(when),
        )
    )


def _messaging(page_id: str, events: list[Any], out: ParsedDelivery) -> None:
    for event in events[:1000]:
        if not isinstance(event, dict):
            out.skipped.append("messaging")
            continue
        message = event.get("message")
        sender = (
            _id((event.get("sender") or {}).get("id"))
            if isinstance(event.get("sender"), dict)
            else None
        )
        if not isinstance(message, dict) or message.get("is_echo") or sender in (None, page_id):
            out.skipped.append("messaging")
            continue
        out.messages.append(
            IncomingMessage(
                page_id=page_id, sender_ref=sender or "", message_ref=_id(message.get("mid")) or ""
            )
        )


def parse_delivery(payload: Any) -> ParsedDelivery:
    """Turn a decoded delivery into items; anything unusable is skipped with a code."""
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        raise MalformedDelivery("A delivery is a JSON object with an 'entry' list.")
    kind = payload.get("object")
    out = ParsedDelivery()
    if kind not in ("page", "instagram"):
        out.skipped.append(f"object:{str(kind)[:20]}")
        return out
    for entry in payload["entry"][:1000]:
        if not isinstance(entry, dict) or _id(entry.get("id")) is None:
            out.skipped.append("entry")
            continue
        page_id = str(_id(entry.get("id")))
        if kind == "page" and isinstance(entry.get("messaging"), list):
            _messaging(page_id, entry["messaging"], out)
        changes = entry.get("changes")
        if not isinstance(changes, list):
            continue
        for change in changes[:1000]:
            if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
                out.skipped.append("change")
                continue
            field_name, value = change.get("field"), change["value"]
            if kind == "page" and field_name == "feed":
                _facebook_change(page_id, value, out)
            elif kind == "instagram" and field_name in ("comments", "live_comments"):
                _instagram_change(page_id, value, out, entry.get("time"))
            else:
                out.skipped.append(f"field:{str(field_name)[:20]}")
    return out
