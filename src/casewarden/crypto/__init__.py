"""Encryption at rest: AES-GCM with a keyring that supports rotation."""

from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.crypto.sealed import SealedBlobError

__all__ = ["Keyring", "SealedBlobError", "generate_key"]
