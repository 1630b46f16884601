"""The deployment id: which casewarden installation a backup belongs to.

Set ``CASEWARDEN_DEPLOYMENT_ID``, or let the first ``casewarden db upgrade`` (or backup)
generate one into ``<data_dir>/deployment-id``. It is not a secret; keep it with the keys,
because a machine that replaces this one must be given the same id before it restores.
"""

from __future__ import annotations

import secrets

from casewarden.config import Settings
from casewarden.files import private_directory, private_file

DEPLOYMENT_FILE = "deployment-id"


def configured_deployment_id(settings: Settings) -> str | None:
    """The id from settings, else from the data directory's file; None when neither has one."""
    if settings.deployment_id:
        return settings.deployment_id
    path = settings.data_dir / DEPLOYMENT_FILE
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
        return value or None
    return None


def ensure_deployment_id(settings: Settings) -> tuple[str, bool]:
    """The configured id, or a new one written to the data directory; (id, generated)."""
    existing = configured_deployment_id(settings)
    if existing:
        return existing, False
    generated = f"cw-{secrets.token_hex(8)}"
    private_directory(settings.data_dir)
    path = private_file(settings.data_dir / DEPLOYMENT_FILE)
    path.write_text(generated + "\n", encoding="utf-8")
    return generated, True
