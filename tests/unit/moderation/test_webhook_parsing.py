"""Meta deliveries parsed into items: every documented shape, and every malformed one."""

from __future__ import annotations

from typing import Any

import pytest

from casewarden.moderation.models import ItemKind, Verb
from casewarden.moderation.webhook import (
    MalformedDelivery,
    parse_delivery,
    sign,
    signature_valid,
)
from casewarden.platforms.interfaces import Platform
from tests.moderation_payloads import PAGE_ID, feed_change, instagram_delivery, page_delivery

SECRET = "app-secret-" + "x" * 21


@pytest.mark.parametrize(
    ("change", "kind", "verb", "message"),
    [
        (feed_change("c1", "hello"), ItemKind.COMMENT, Verb.ADD, "hello"),
        (
            feed_change("c1", "edited text", verb="edited"),
            ItemKind.COMMENT,
            Verb.EDITED,
            "edited text",
        ),
        (feed_change("c1", "old api", verb="edit"), ItemKind.COMMENT, Verb.EDITED, "old api"),
        (feed_change("c1", None, verb="remove"), ItemKind.COMMENT, Verb.REMOVE, None),
        (feed_change("c1", "a reply", parent_id="c0"), ItemKind.REPLY, Verb.ADD, "a reply"),
        (feed_change("p1", "visitor post", item="status"), ItemKind.POST, Verb.ADD, "visitor post"),
        (feed_change("p1", None, item="photo"), ItemKind.POST, Verb.ADD, None),
        (
            feed_change("p1", "video caption", item="video"),
            ItemKind.POST,
            Verb.ADD,
            "video caption",
        ),
    ],
)
def test_facebook_feed_changes(
    change: dict[str, Any], kind: ItemKind, verb: Verb, message: str | None
) -> None:
    parsed = parse_delivery(page_delivery(change))
    (item,) = parsed.items
    assert (item.platform, item.page_id, item.kind, item.verb, item.message) == (
        Platform.FACEBOOK,
        PAGE_ID,
        kind,
        verb,
        message,
    )
    assert item.event_time is not None


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (feed_change("c1", "from the page itself", from_id=PAGE_ID), "own"),
        (feed_change("c1", "x", item="reaction"), "item:reaction"),
        (feed_change("c1", "x", verb="hide"), "verb"),
        ({"field": "feed", "value": {"item": "comment", "verb": "add"}}, "id"),
        ({"field": "mention", "value": {}}, "field:mention"),
        ({"field": "feed", "value": "not an object"}, "change"),
    ],
)
def test_unusable_changes_are_skipped_with_a_code(change: dict[str, Any], code: str) -> None:
    parsed = parse_delivery(page_delivery(change))
    assert parsed.items == []
    assert parsed.skipped == [code]


def test_instagram_comments() -> None:
    (item,) = parse_delivery(instagram_delivery("1789", "nice")).items
    assert (item.platform, item.external_id, item.message, item.post_id) == (
        Platform.INSTAGRAM,
        "1789",
        "nice",
        "1790000",
    )


def test_instagram_own_comments_are_dropped() -> None:
    from tests.moderation_payloads import IG_ACCOUNT

    assert parse_delivery(instagram_delivery("1789", "ours", from_id=IG_ACCOUNT)).items == []


def test_private_messages_keep_ids_only() -> None:
    payload = {
        "object": "page",
        "entry": [
            {
                "id": PAGE_ID,
                "messaging": [
                    {
                        "sender": {"id": "77"},
                        "recipient": {"id": PAGE_ID},
                        "message": {"mid": "m.1", "text": "my case number is 123"},
                    },
                    {
                        "sender": {"id": PAGE_ID},
                        "recipient": {"id": "77"},
                        "message": {"mid": "m.2", "text": "echo", "is_echo": True},
                    },
                ],
            }
        ],
    }
    parsed = parse_delivery(payload)
    (message,) = parsed.messages
    assert (message.sender_ref, message.message_ref) == ("77", "m.1")
    assert "123" not in repr(message)


@pytest.mark.parametrize(
    "payload",
    [None, [], "page", 42, {"object": "page"}, {"object": "page", "entry": "x"}],
)
def test_malformed_deliveries_are_refused(payload: Any) -> None:
    with pytest.raises(MalformedDelivery):
        parse_delivery(payload)


def test_unknown_objects_are_skipped_not_refused() -> None:
    assert parse_delivery({"object": "user", "entry": []}).skipped == ["object:user"]


@pytest.mark.parametrize(
    "hostile",
    [
        {"object": "page", "entry": [{"id": "x" * 5000, "changes": []}]},
        {"object": "page", "entry": [{"id": PAGE_ID, "changes": [feed_change("\x00bad", "x")]}]},
        {
            "object": "page",
            "entry": [{"id": PAGE_ID, "changes": [feed_change("c1", "y" * 200_000)]}],
        },
        {
            "object": "page",
            "entry": [
                {
                    "id": PAGE_ID,
                    "changes": [
                        {
                            "field": "feed",
                            "value": {
                                "item": "comment",
                                "verb": "add",
                                "comment_id": "c1",
                                "created_time": "not a time",
                            },
                        }
                    ],
                }
            ],
        },
    ],
)
def test_hostile_values_are_bounded(hostile: dict[str, Any]) -> None:
    parsed = parse_delivery(hostile)
    for item in parsed.items:
        assert len(item.external_id) <= 128
        assert item.message is None or len(item.message) <= 65_536


@pytest.mark.parametrize(
    ("header", "valid"),
    [
        (None, False),
        ("", False),
        ("sha1=abc", False),
        ("sha256=" + "0" * 64, False),
        ("sha256=deadbeef", False),
    ],
)
def test_signature_checks(header: str | None, valid: bool) -> None:
    assert signature_valid(SECRET, b'{"object":"page"}', header) is valid


def test_a_correct_signature_passes_and_a_changed_body_fails() -> None:
    body = b'{"object":"page","entry":[]}'
    header = sign(SECRET, body)
    assert signature_valid(SECRET, body, header)
    assert signature_valid(SECRET, body, header.upper().replace("SHA256=", "sha256="))
    assert not signature_valid(SECRET, body + b" ", header)
    assert not signature_valid("another-secret", body, header)
