"""The privacy officer's statistics page: a month's suppressed tables with charts; publishing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from casewarden import i18n
from casewarden.accounts.roles import Permission, has_permission
from casewarden.clock import utcnow
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.privacy import statistics
from casewarden.privacy.content import load_content
from casewarden.privacy.statistics import Period
from casewarden.web.console import privacy_charts
from casewarden.web.deps import DbSession, SettingsDep, Staff
from casewarden.web.refusals import words_for
from casewarden.web.templating import render

router = APIRouter(prefix="/console/privacy/statistics")

NOTICES = {
    "published": N_("The month is published; the public page and CSV files show it."),
}


@router.get("", include_in_schema=False)
def overview(
    request: Request,
    session: DbSession,
    staff: Staff,
    settings: SettingsDep,
    period: str = "",
    notice: str = "",
) -> Response:
    """A month's tables and charts, as they would be published."""
    error = None
    current = Period.containing(utcnow())
    try:
        chosen = Period.parse(period) if period else current
    except InvalidInput as exc:
        error, chosen = words_for(exc), current
    threshold = settings.privacy_suppression_threshold
    tables = statistics.statistics_for(
        session=session, actor=staff.actor, period=chosen, threshold=threshold
    )
    locale = i18n.current_locale()
    forms = load_content(settings.portal_content_dir).forms
    form_titles = {slug: form.title.get(locale, slug) for slug, form in forms.items()}
    charts = privacy_charts.charts_for(tables, form_titles)
    published = {item.period for item in statistics.published_periods(session=session)}
    return render(
        request,
        "console/privacy/statistics.html",
        {
            "period": chosen,
            "previous": chosen.previous(),
            "next": chosen.next() if chosen.first_day < current.first_day else None,
            "tables": tables,
            "specs": statistics.SPECS,
            "charts": charts,
            "form_titles": form_titles,
            "threshold": threshold,
            "is_published": chosen.key in published,
            "can_publish": has_permission(staff.role, Permission.PRIVACY_PUBLISH),
            "month_open": chosen.first_day >= current.first_day,
            "notice": NOTICES.get(notice),
            "error": error,
        },
        status_code=422 if error else 200,
    )


@router.post("/publish", include_in_schema=False)
def publish(
    session: DbSession,
    staff: Staff,
    settings: SettingsDep,
    period: Annotated[str, Form(max_length=7)],
) -> Response:
    """Freeze the month's suppressed tables for the public statistics page."""
    chosen = Period.parse(period)
    statistics.publish(
        session=session,
        actor=staff.actor,
        period=chosen,
        threshold=settings.privacy_suppression_threshold,
    )
    return RedirectResponse(
        f"/console/privacy/statistics?period={chosen.key}&notice=published", status_code=303
    )
