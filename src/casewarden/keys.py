"""Keyed references: stable, unguessable stand-ins for identifiers in logs and counters."""

from __future__ import annotations

import hashlib
import hmac

from pydantic import SecretStr


def keyed_ref(secret: SecretStr, purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``secret``, separated by ``purpose``; 32 hex characters.

    The same value gives the same reference (so repeated failures can be
    counted), but the reference cannot be reversed without the secret.
    """
    mac = hmac.new(
        secret.get_secret_value().encode(), f"{purpose}\x00{value}".encode(), hashlib.sha256
    )
    return mac.hexdigest()[:32]


def token_hash(token: str) -> str:
    """SHA-256 of a bearer token, as stored in the database instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()
