"""``casewarden worker``: the moderation worker as its own process."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
from casewarden.logging_setup import configure
from casewarden.moderation.runtime import ModerationRuntime


@handles_errors
def worker(ctx: typer.Context) -> None:
    """Scan queued comments and act on the platform until stopped (SIGTERM or Ctrl-C)."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    configure(settings.log_level)
    runtime = ModerationRuntime.build(settings, cli.get_database())
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()
        runtime.wakeup.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        runtime.worker().run_forever(stop)
    finally:
        runtime.close()
