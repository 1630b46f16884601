"""The moderation dashboard: volume, hidden by category, time to hide, with charts."""

from __future__ import annotations

from babel.dates import format_date
from fastapi import APIRouter, Request
from fastapi.responses import Response

from casewarden import i18n
from casewarden.i18n import gettext
from casewarden.moderation import stats
from casewarden.web import labels
from casewarden.web.charts import bar_chart
from casewarden.web.deps import DbSession, Staff
from casewarden.web.templating import render

router = APIRouter(prefix="/console/moderation/dashboard")


@router.get("", include_in_schema=False)
def dashboard(request: Request, session: DbSession, staff: Staff, days: int = 30) -> Response:
    """Figures and charts for the last 7, 30 or 90 days."""
    window = days if days in (7, 30, 90) else 30
    figures = stats.dashboard(session=session, actor=staff.actor, days=window)
    locale = i18n.current_locale()
    volume = bar_chart(
        [
            (format_date(day, format="MMM d", locale=locale), count)
            for day, count in figures.received_per_day
        ],
        title=gettext("Comments received per day, last %(n)s days") % {"n": window},
        chart_id="volume",
        label_every=max(1, len(figures.received_per_day) // 10),
    )
    hidden = bar_chart(
        [(labels.label(category), n) for category, n in figures.hidden_by_category]
        or [(gettext("None"), 0)],
        title=gettext("Comments hidden, by category"),
        chart_id="hidden",
    )
    return render(
        request,
        "console/moderation/dashboard.html",
        {"figures": figures, "volume_chart": volume, "hidden_chart": hidden, "window": window},
    )
