"""The FastAPI application factory."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from casewarden import i18n
from casewarden.config import Settings, load_settings
from casewarden.db.engine import Database, create_database
from casewarden.errors import DatabaseUnavailable
from casewarden.web import errors
from casewarden.web.console import (
    accounts,
    audit,
    auth,
    dashboard,
    privacy_messages,
    privacy_requests,
    privacy_statistics,
)
from casewarden.web.csrf import csrf_protect
from casewarden.web.middleware import BodySizeLimit, RequestLog, SecurityHeaders
from casewarden.web.public import contact as public_contact
from casewarden.web.public import forms_library as public_forms_library
from casewarden.web.public import outbound as public_outbound
from casewarden.web.public import pages as public_pages
from casewarden.web.public import review as public_review
from casewarden.web.public import routing as public_routing
from casewarden.web.public import statistics as public_statistics
from casewarden.web.public import visits as public_visits
from casewarden.web.public.maintenance import privacy_maintenance
from casewarden.web.templating import build_templates

STATIC_DIR = Path(__file__).parent / "static"
# Forms and JSON are small; uploads (later: captured evidence) get their own prefix limits.
DEFAULT_BODY_LIMIT = 1024 * 1024

log = logging.getLogger("casewarden.web")

#: Every router the app serves; features add theirs here (tests walk this list).
ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    dashboard.router,
    accounts.router,
    audit.router,
    # The public privacy portal (casewarden.privacy) and its console pages.
    public_pages.router,
    public_forms_library.router,
    public_outbound.router,
    public_contact.router,
    public_review.router,
    public_visits.router,
    public_statistics.router,
    privacy_messages.router,
    privacy_requests.router,
    privacy_statistics.router,
)


async def _choose_locale(request: Request) -> None:
    """Per request: a /en/ or /es/ prefix, then ?lang=, then Accept-Language; never a cookie."""
    i18n.set_locale(public_routing.choose(request).locale)


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    """Build the web application around ``settings`` and a database (created when not given)."""
    settings = settings or load_settings()
    database = database or create_database(settings)
    app = FastAPI(
        title="casewarden",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        dependencies=[Depends(_choose_locale), Depends(csrf_protect)],
        lifespan=privacy_maintenance,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.templates = build_templates()

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
    app.add_middleware(BodySizeLimit, limit=DEFAULT_BODY_LIMIT)
    app.add_middleware(RequestLog)
    return app
