"""A keyring of AES-256-GCM keys: the first seals, every key opens what it sealed.

Rotation: put a new key first in ``CASEWARDEN_ENCRYPTION_KEYS`` (keeping the old ones
after it), restart, then run ``casewarden keys rotate`` to re-seal stored values with
the new key; afterwards the old key can be removed.

Each value is sealed for a *purpose* (e.g. ``comment_version.body``) that is bound in
as associated data, so a ciphertext copied into another column does not open.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casewarden.crypto.sealed import MAGIC, NONCE_BYTES, SealedBlobError
from casewarden.errors import ConfigurationError

_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def generate_key(key_id: str | None = None) -> str:
    """A new keyring entry ``id:base64url(32 random bytes)``."""
    kid = key_id or f"k{secrets.token_hex(4)}"
    if not _KEY_ID.match(kid):
        raise ConfigurationError("key id must be 1-32 letters, digits, '-' or '_'")
    return f"{kid}:{base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip('=')}"


@dataclass(frozen=True)
class Keyring:
    """Parsed keys, newest first."""

    keys: tuple[tuple[str, bytes], ...]

    @classmethod
    def parse(cls, setting: str) -> Keyring:
        """Read ``id:key,id:key`` (newest first); a clear error names what is wrong."""
        entries = []
        for position, raw in enumerate(part.strip() for part in setting.split(",")):
            if not raw:
                continue
            kid, sep, encoded = raw.partition(":")
            if not sep or not _KEY_ID.match(kid):
                raise ConfigurationError(
                    f"CASEWARDEN_ENCRYPTION_KEYS entry {position + 1} must look like id:base64key"
                )
            try:
                key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            except ValueError:
                key = b""
            if len(key) != 32:
                raise ConfigurationError(
                    f"CASEWARDEN_ENCRYPTION_KEYS key {kid!r} must be 32 bytes, base64url-encoded"
                )
            entries.append((kid, key))
        if not entries:
            raise ConfigurationError("CASEWARDEN_ENCRYPTION_KEYS holds no key")
        if len({kid for kid, _ in entries}) != len(entries):
            raise ConfigurationError("CASEWARDEN_ENCRYPTION_KEYS repeats a key id")
        return cls(tuple(entries))

    @property
    def current_id(self) -> str:
        """The id of the key new values are sealed with."""
        return self.keys[0][0]

    def seal(self, plaintext: bytes, purpose: str) -> bytes:
        """Encrypt with the current key, binding ``purpose``."""
        kid, key = self.keys[0]
        nonce = os.urandom(NONCE_BYTES)
        kid_bytes = kid.encode()
        return (
            MAGIC
            + bytes([len(kid_bytes)])
            + kid_bytes
            + nonce
            + AESGCM(key).encrypt(nonce, plaintext, purpose.encode())
        )

    def key_id_of(self, blob: bytes) -> str:
        """Which key sealed ``blob``."""
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 2:
            raise SealedBlobError("not a sealed value")
        length = blob[len(MAGIC)]
        return blob[len(MAGIC) + 1 : len(MAGIC) + 1 + length].decode("ascii", "replace")

    def open(self, blob: bytes, purpose: str) -> bytes:
        """Decrypt a value sealed for ``purpose`` by any key on the ring."""
        kid = self.key_id_of(blob)
        start = len(MAGIC) + 1 + len(kid.encode())
        nonce, body = blob[start : start + NONCE_BYTES], blob[start + NONCE_BYTES :]
        for candidate, key in self.keys:
            if candidate == kid:
                try:
                    return AESGCM(key).decrypt(nonce, body, purpose.encode())
                except InvalidTag:
                    raise SealedBlobError(
                        "sealed value was altered or sealed for another use"
                    ) from None
        raise SealedBlobError(f"no key {kid!r} on the keyring (was it removed too early?)")

    def seal_text(self, text: str, purpose: str) -> bytes:
        """Seal a string (UTF-8)."""
        return self.seal(text.encode(), purpose)

    def open_text(self, blob: bytes, purpose: str) -> str:
        """Open a sealed string."""
        return self.open(blob, purpose).decode()

    def needs_reseal(self, blob: bytes) -> bool:
        """True when ``blob`` was sealed with an older key."""
        return self.key_id_of(blob) != self.current_id
