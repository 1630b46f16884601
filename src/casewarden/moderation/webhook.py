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
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from casewarden.errors import InvalidInput
from casewarden.moderation.models import ItemKind, QuarantineReason, Verb
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


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A signed change (or entry) whose structure could not be read: kept for a person."""

    platform: Platform
    page_id: str | None
    reason: QuarantineReason
    fragment: Any  # as decoded from the delivery's JSON


@dataclass
class ParsedDelivery:
    """Everything usable in one delivery, what could not be read, and codes for what was
    skipped (kinds of events casewarden does not keep: reactions, its own comments...)."""

    items: list[IncomingItem] = field(default_factory=list)
    messages: list[IncomingMessage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)

    def quarantine(
        self, platform: Platform, page_id: str | None, reason: QuarantineReason, fragment: Any
    ) -> None:
        """Keep ``fragment`` aside for a person, and count it as skipped."""
        self.skipped.append(str(reason))
        self.unreadable.append(
            Unreadable(platform=platform, page_id=page_id, reason=reason, fragment=fragment)
        )


def signature_valid(app_secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of ``sha256=<hex HMAC-SHA256(app_secret, raw body)>``."""
    if not header or not app_secret or not header.startswith("sha256=") or not header.isascii():
        return False  # a header with other bytes is no hex digest (and compare_digest refuses it)
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


#: Event times outside these years are no times Meta sends: the event is kept, its time not.
_EARLIEST = datetime(2004, 1, 1, tzinfo=UTC)
_LATEST = datetime(2200, 1, 1, tzinfo=UTC)
# UTF-16 halves alone: JSON's "\ud800" escapes decode to them, and no text can be encoded
# with one (sealing, the database and the logs would fail on it).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _time(value: Any) -> datetime | None:
    try:
        moment: datetime | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            seconds = value / 1000 if value > 10**11 else value  # Meta mixes s and ms
            moment = datetime.fromtimestamp(seconds, UTC)
        elif isinstance(value, str) and value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("+0000", "+00:00"))
            moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        return None
    if moment is None or not _EARLIEST <= moment < _LATEST:
        return None
    return moment


def clean_text(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD: the rest is kept as sent."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _message(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_text(value[:MAX_MESSAGE_CHARS])
    return None


def _from(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, dict):
        return None, None
    name = value.get("name") or value.get("username")
    return _id(value.get("id")), clean_text(name[:200]) if isinstance(name, str) else None


def _facebook_change(page_id: str, value: dict[str, Any], out: ParsedDelivery) -> None:
    item = value.get("item")
    verb = _VERBS.get(str(value.get("verb")))
    if item != "comment" and item not in _POST_ITEMS:
        out.skipped.append(f"item:{str(item)[:20]}")
        return
    if verb is None:
        out.quarantine(
            Platform.FACEBOOK, page_id, QuarantineReason.VERB, {"field": "feed", "value": value}
        )
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
        out.quarantine(
            Platform.FACEBOOK, page_id, QuarantineReason.ID, {"field": "feed", "value": value}
        )
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
        change = {"field": "comments", "value": value}
        out.quarantine(Platform.INSTAGRAM, account_id, QuarantineReason.ID, change)
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
    platform = Platform.FACEBOOK if kind == "page" else Platform.INSTAGRAM
    for entry in payload["entry"][:1000]:
        if not isinstance(entry, dict) or _id(entry.get("id")) is None:
            if isinstance(entry, dict) and "messaging" in entry and "changes" not in entry:
                out.skipped.append("entry")  # private messages: never kept, even aside
            else:
                out.quarantine(platform, None, QuarantineReason.ENTRY, entry)
            continue
        page_id = str(_id(entry.get("id")))
        if kind == "page" and isinstance(entry.get("messaging"), list):
            _messaging(page_id, entry["messaging"], out)
        changes = entry.get("changes")
        if not isinstance(changes, list):
            continue
        for change in changes[:1000]:
            if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
                out.quarantine(platform, page_id, QuarantineReason.CHANGE, change)
                continue
            field_name, value = change.get("field"), change["value"]
            if kind == "page" and field_name == "feed":
                _facebook_change(page_id, value, out)
            elif kind == "instagram" and field_name in ("comments", "live_comments"):
                _instagram_change(page_id, value, out, entry.get("time"))
            else:
                out.skipped.append(f"field:{str(field_name)[:20]}")
    return out
