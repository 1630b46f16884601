"""Jinja2 templates with Babel translations, autoescaping everywhere, and the shared context."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from babel.dates import format_datetime, get_timezone
from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from casewarden import i18n
from casewarden.web import labels

TEMPLATE_DIR = Path(__file__).parent / "templates"


# Every California child support agency works in Pacific time; the database keeps UTC.
_DISPLAY_ZONE = get_timezone("America/Los_Angeles")


def _when(value: datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return "—"
    return format_datetime(value, format=fmt, tzinfo=_DISPLAY_ZONE, locale=i18n.current_locale())


def build_templates() -> Jinja2Templates:
    """The template set: every ``.html`` autoescaped, undefined variables an error."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True
    )
    env.filters["when"] = _when
    env.filters.update(labels.FILTERS)
    return Jinja2Templates(env=env)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render a page with the request, the signed-in person, the CSRF token and the navigation."""
    from casewarden.web import csrf
    from casewarden.web.console.nav import items_for

    templates: Jinja2Templates = request.app.state.templates
    staff = getattr(request.state, "staff", None)
    page: dict[str, Any] = {
        "request": request,
        "staff": staff,
        "csrf_token": csrf.token_for(request, request.app.state.settings),
        "nav": items_for(staff.role if staff else None, request.url.path),
        "lang": i18n.current_locale(),
        "notice": None,
        "error": None,
    }
    page.update(context or {})
    return templates.TemplateResponse(request, template, page, status_code=status_code)
