"""casewarden — keeps child support case information where it belongs.

The public library API is deliberately small; the web app, the CLI and the
domain services are reached through their own modules.

The settings (pydantic) are imported on first use, not with the package: every command
line starts by importing ``casewarden``, and ``casewarden scan`` never needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casewarden.errors import CasewardenError

if TYPE_CHECKING:
    from casewarden.config import Settings, load_settings

__version__ = "0.1.0"

__all__ = ["CasewardenError", "Settings", "__version__", "load_settings"]


def __getattr__(name: str) -> object:
    """``Settings`` and ``load_settings``, imported the first time they are asked for."""
    if name in ("Settings", "load_settings"):
        from casewarden import config

        return getattr(config, name)
    raise AttributeError(f"module 'casewarden' has no attribute {name!r}")
