"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.formparsers import MultiPartParser

from casewarden import i18n
from casewarden.accounts.oidc import OidcClients
from casewarden.config import Settings, load_settings
from casewarden.db.engine import Database, create_database
from casewarden.errors import DatabaseUnavailable
from casewarden.monitoring.tally import FLUSH_SECONDS, RequestTally
from casewarden.platforms.interfaces import PlatformAdapter
from casewarden.process.runtime import ProcessRuntime
from casewarden.web import errors, metrics, webhooks
from casewarden.web.api import locate as locate_api
from casewarden.web.api import outreach as outreach_api
from casewarden.web.console import (
    accounts,
    audit,
    auth,
    dashboard,
    locate,
    locate_transfers,
    moderation,
    moderation_dashboard,
    moderation_teamwork,
    outreach,
    outreach_settings,
    pages,
    privacy_disclosures,
    privacy_messages,
    privacy_requests,
    privacy_statistics,
    sso,
    threats,
)
from casewarden.web.csrf import csrf_protect
from casewarden.web.middleware import (
    BodySizeLimit,
    PortalRequestCount,
    RequestLog,
    SecurityHeaders,
)
from casewarden.web.public import contact as public_contact
from casewarden.web.public import forms_library as public_forms_library
from casewarden.web.public import info_pages as public_info_pages
from casewarden.web.public import outbound as public_outbound
from casewarden.web.public import review as public_review
from casewarden.web.public import routing as public_routing
from casewarden.web.public import statistics as public_statistics
from casewarden.web.public import visits as public_visits
from casewarden.web.public.maintenance import privacy_maintenance
from casewarden.web.templating import build_templates

STATIC_DIR = Path(__file__).parent / "static"
# Forms and JSON are small; uploads (captured copies of postings) get their own prefix limits.
DEFAULT_BODY_LIMIT = 1024 * 1024
#: Path prefixes that take uploads: their limit is :func:`upload_body_limit`. The shipped
#: proxy configuration (deploy/nginx/casewarden.conf) repeats both; a test keeps them equal.
UPLOAD_PREFIXES = ("/console/locate", "/api/locate")

log = logging.getLogger("casewarden.web")


def upload_body_limit(settings: Settings) -> int:
    """Largest upload body: the configured number of captured copies of the configured size."""
    return settings.locate_capture_max_bytes * settings.locate_max_captures + 256 * 1024


#: Every router the app serves; features add theirs here (tests walk this list).
ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    sso.router,
    dashboard.router,
    accounts.router,
    audit.router,
    moderation_dashboard.router,
    threats.router,
    moderation.router,
    moderation_teamwork.router,
    pages.router,
    outreach_settings.router,
    outreach.router,
    outreach_api.router,
    webhooks.router,
    metrics.router,
    locate.router,
    locate_transfers.router,
    locate_api.router,
    # The public privacy portal (casewarden.privacy) and its console pages.
    public_info_pages.router,
    public_forms_library.router,
    public_outbound.router,
    public_contact.router,
    public_review.router,
    public_visits.router,
    public_statistics.router,
    privacy_messages.router,
    privacy_requests.router,
    privacy_disclosures.router,
    privacy_statistics.router,
)


async def _choose_locale(request: Request) -> None:
    """Per request: a /en/ or /es/ prefix, then ?lang=, then Accept-Language; never a cookie."""
    i18n.set_locale(public_routing.choose(request).locale)


async def _flush_tally(app: FastAPI) -> None:
    """Add this process's portal request tally to the shared totals every few seconds."""
    while True:
        await asyncio.sleep(FLUSH_SECONDS)
        await asyncio.to_thread(app.state.portal_requests.flush, app.state.database)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the moderation worker in this process when asked to (``serve``), and the
    privacy portal's periodic maintenance."""
    stop = threading.Event()
    thread = None
    if app.state.run_worker:
        worker = app.state.runtime.worker()
        thread = threading.Thread(
            target=worker.run_forever, args=(stop,), name="moderation-worker", daemon=True
        )
        thread.start()
    # On a database of one connection the tally is saved only when /metrics is read and at
    # shutdown: a flush from another thread would share the connection with a request.
    database: Database = app.state.database
    tally = None if database.one_connection else asyncio.create_task(_flush_tally(app))
    app.state.tally_flush = tally
    try:
        async with privacy_maintenance(app):
            yield
    finally:
        if tally is not None:
            tally.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await tally
        await asyncio.to_thread(app.state.portal_requests.flush, app.state.database)
        stop.set()
        app.state.runtime.wakeup.set()
        if thread is not None:
            thread.join(timeout=30)
        app.state.runtime.close()
        app.state.oidc.close()


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    adapter: PlatformAdapter | None = None,
    run_worker: bool = False,
) -> FastAPI:
    """Build the web application around ``settings`` and a database (created when not given).

    ``run_worker`` starts the moderation worker with the app (``casewarden serve``);
    ``adapter`` replaces the platform adapter the settings name (tests).
    """
    settings = settings or load_settings()
    database = database or create_database(settings)
    app = FastAPI(
        lifespan=_lifespan,
        title="casewarden",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        dependencies=[Depends(_choose_locale), Depends(csrf_protect)],
    )
    app.state.settings = settings
    app.state.database = database
    app.state.templates = build_templates()
    app.state.runtime = ProcessRuntime.build(settings, database, adapter)
    app.state.run_worker = run_worker
    app.state.portal_requests = RequestTally()
    # Outbound calls to the staff's directories (single sign-on), never following redirects.
    app.state.oidc = OidcClients(settings.oidc_providers, httpx.Client(follow_redirects=False))

    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/healthz", include_in_schema=False)
    def health() -> Response:
        """Liveness and database reachability for load balancers."""
        try:
            database.check()
        except DatabaseUnavailable:
            log.warning("health check: database unreachable")
            return PlainTextResponse("database unreachable", status_code=503)
        return PlainTextResponse("ok")

    app.add_middleware(SecurityHeaders)
    upload_limit = upload_body_limit(settings)
    # Starlette spools a file part above ``MultiPartParser.spool_max_size`` (1 MiB) to an
    # unencrypted temporary file. A captured copy of a posting must not touch disk before it
    # is sealed, and BodySizeLimit already bounds every body, so parts stay in memory up to
    # the largest body accepted (a class setting: Starlette offers no per-request one).
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, upload_limit)
    app.add_middleware(
        BodySizeLimit,
        limit=DEFAULT_BODY_LIMIT,
        larger=dict.fromkeys(UPLOAD_PREFIXES, upload_limit),
    )
    app.add_middleware(PortalRequestCount, tally=app.state.portal_requests)
    app.add_middleware(RequestLog)
    return app
