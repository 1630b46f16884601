"""The sealed-blob format and its errors."""

from __future__ import annotations

from casewarden.errors import CasewardenError

#: ``cw1`` | key-id length (1 byte) | key id | 12-byte nonce | ciphertext with 16-byte tag
MAGIC = b"cw1"
NONCE_BYTES = 12


class SealedBlobError(CasewardenError):
    """A sealed value cannot be opened: unknown key, wrong purpose, or tampered bytes."""
