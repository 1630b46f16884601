"""``casewarden worker``: the moderation worker as its own process."""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import handles_errors
from casewarden.db import migrate
from casewarden.logging_setup import configure
from casewarden.process.runtime import ProcessRuntime

#: How often a worker started by ``serve`` checks that ``serve`` is still there.
_PARENT_CHECK_SECONDS = 1.0


@handles_errors
def worker(
    ctx: typer.Context,
    parent: Annotated[
        int | None,
        typer.Option(
            "--exit-with-parent",
            hidden=True,
            help="Stop when this process id is no longer our parent (set by serve).",
        ),
    ] = None,
) -> None:
    """Scan queued comments and act on the platform until stopped (SIGTERM or Ctrl-C)."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    configure(settings.log_level, fmt=settings.log_format)
    database = cli.get_database()
    # A worker of an older release must not act on a schema a newer one migrated.
    migrate.check_schema(database)
    runtime = ProcessRuntime.build(settings, database)
    runtime.scanner()  # a missing or altered model stops the start, with its reason
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()
        runtime.wakeup.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if parent is not None:
        # uvicorn ends `serve` by re-raising the signal it caught, so `serve` cannot always
        # stop its worker itself: the worker notices it was orphaned instead.
        def _watch() -> None:
            while not stop.wait(_PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    _stop(signal.SIGTERM, None)

        threading.Thread(target=_watch, name="parent-watch", daemon=True).start()
    try:
        runtime.worker().run_forever(stop)
    finally:
        runtime.close()
