"""Builders of Meta webhook payloads, shaped as Meta sends them (tests and benchmarks)."""

from __future__ import annotations

import json
from typing import Any

from casewarden.moderation.webhook import sign

PAGE_ID = "104723"
IG_ACCOUNT = "178414"


def feed_change(
    comment_id: str,
    message: str | None,
    *,
    verb: str = "add",
    item: str = "comment",
    page_id: str = PAGE_ID,
    post_id: str | None = None,
    parent_id: str | None = None,
    from_id: str = "9001",
    from_name: str = "A Visitor",
    created_time: int = 1_795_000_000,
) -> dict[str, Any]:
    """One ``feed`` change value for a Facebook page."""
    post = post_id or f"{page_id}_5001"
    value: dict[str, Any] = {
        "item": item,
        "verb": verb,
        "post_id": post,
        "created_time": created_time,
        "from": {"id": from_id, "name": from_name},
    }
    if item == "comment":
        value["comment_id"] = comment_id
        value["parent_id"] = parent_id or post
    else:
        value["post_id"] = comment_id
    if message is not None:
        value["message"] = message
    return {"field": "feed", "value": value}


def page_delivery(*changes: dict[str, Any], page_id: str = PAGE_ID) -> dict[str, Any]:
    """A whole ``object: page`` delivery."""
    return {
        "object": "page",
        "entry": [{"id": page_id, "time": 1_795_000_001, "changes": list(changes)}],
    }


def instagram_delivery(comment_id: str, text: str, *, from_id: str = "5555") -> dict[str, Any]:
    """An ``object: instagram`` comments delivery."""
    return {
        "object": "instagram",
        "entry": [
            {
                "id": IG_ACCOUNT,
                "time": 1_795_000_002,
                "changes": [
                    {
                        "field": "comments",
                        "value": {
                            "id": comment_id,
                            "text": text,
                            "from": {"id": from_id, "username": "visitor"},
                            "media": {"id": "1790000", "media_product_type": "FEED"},
                        },
                    }
                ],
            }
        ],
    }


def signed(payload: dict[str, Any] | bytes, secret: str) -> tuple[bytes, dict[str, str]]:
    """The raw body and the headers Meta would send with it."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return body, {"content-type": "application/json", "x-hub-signature-256": sign(secret, body)}
