"""The web process's share of privacy maintenance: truncating IPs and purging, on a timer.

Every ``privacy_maintenance_minutes`` (0 turns it off), starting one interval after
start-up, each web process runs ``casewarden.privacy.maintenance.run`` in a worker
thread. The steps are idempotent, so several processes may run them. ``casewarden
privacy maintain`` does the same from cron, for deployments that prefer that.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.privacy import maintenance

log = logging.getLogger("casewarden.privacy")


def run_once(database: Database, settings: Settings) -> maintenance.MaintenanceReport:
    """One maintenance pass in a transaction of its own."""
    with database.transaction(Scope.system()) as session:
        return maintenance.run(session=session, settings=settings, now=utcnow())


async def _every(app: FastAPI, seconds: float) -> None:
    while True:
        await asyncio.sleep(seconds)
        try:
            await asyncio.to_thread(run_once, app.state.database, app.state.settings)
        except Exception:
            log.exception("privacy maintenance failed; it will run again")


@contextlib.asynccontextmanager
async def privacy_maintenance(app: FastAPI) -> AsyncIterator[None]:
    """App lifespan: run maintenance periodically while the app serves."""
    settings: Settings = app.state.settings
    app.state.privacy_maintenance = None
    if settings.privacy_maintenance_minutes <= 0:
        yield
        return
    task = asyncio.create_task(_every(app, settings.privacy_maintenance_minutes * 60))
    app.state.privacy_maintenance = task
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
