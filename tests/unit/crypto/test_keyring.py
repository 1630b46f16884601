"""AES-GCM sealing with a rotating keyring."""

from __future__ import annotations

import pytest

from casewarden.crypto import Keyring, SealedBlobError, generate_key

OLD, NEW = generate_key("old"), generate_key("new")


def test_seal_and_open_round_trip() -> None:
    ring = Keyring.parse(OLD)
    blob = ring.seal_text("mi número de caso es 123", "comment.body")
    assert b"123" not in blob
    assert ring.open_text(blob, "comment.body") == "mi número de caso es 123"
    assert ring.key_id_of(blob) == "old"


def test_same_text_seals_differently_each_time() -> None:
    ring = Keyring.parse(OLD)
    assert ring.seal_text("x", "p") != ring.seal_text("x", "p")


def test_rotation_opens_old_values_and_seals_with_the_new_key() -> None:
    old_blob = Keyring.parse(OLD).seal_text("before rotation", "p")
    rotated = Keyring.parse(f"{NEW},{OLD}")
    assert rotated.open_text(old_blob, "p") == "before rotation"
    assert rotated.needs_reseal(old_blob)
    assert not rotated.needs_reseal(rotated.seal_text("after", "p"))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]), "altered"),
        (lambda blob: b"xx" + blob, "not a sealed value"),
        (lambda blob: b"", "not a sealed value"),
    ],
)
def test_tampered_values_do_not_open(mutate: object, message: str) -> None:
    ring = Keyring.parse(OLD)
    blob = ring.seal_text("secret", "p")
    with pytest.raises(SealedBlobError, match=message):
        ring.open(mutate(blob), "p")  # type: ignore[operator]


def test_a_value_sealed_for_one_use_does_not_open_for_another() -> None:
    ring = Keyring.parse(OLD)
    with pytest.raises(SealedBlobError, match="another use"):
        ring.open(ring.seal_text("secret", "comment.body"), "page.token")


def test_a_removed_key_is_named() -> None:
    blob = Keyring.parse(OLD).seal_text("secret", "p")
    with pytest.raises(SealedBlobError, match="no key 'old'"):
        Keyring.parse(NEW).open(blob, "p")
