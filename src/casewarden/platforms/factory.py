"""Choosing the platform adapter from settings."""

from __future__ import annotations

import httpx

from casewarden.config import PlatformChoice, Settings
from casewarden.platforms.console import ConsoleAdapter
from casewarden.platforms.interfaces import PlatformAdapter
from casewarden.platforms.meta import GraphClient

# Graph calls must finish well inside the one-second hide target, or be retried.
_TIMEOUT = httpx.Timeout(5.0, connect=2.0)


def build_adapter(settings: Settings, http: httpx.Client | None = None) -> PlatformAdapter:
    """The adapter the settings name; Graph calls go through ``http`` when given."""
    if settings.platform is PlatformChoice.CONSOLE:
        return ConsoleAdapter()
    client = http or httpx.Client(
        timeout=_TIMEOUT,
        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
        headers={"User-Agent": "casewarden"},
    )
    return GraphClient(
        client,
        base_url=settings.meta_graph_url,
        app_secret=settings.meta_app_secret.get_secret_value() or None,
        owns_http=http is None,
    )
