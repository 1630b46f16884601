"""The moderation dashboard: volume, hidden by category, time to hide, with charts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from casewarden.moderation import stats
from casewarden.web.charts import bar_chart
from casewarden.web.deps import DbSession, Staff
from casewarden.web.templating import render

router = APIRouter(prefix="/console/moderation/dashboard")


@router.get("", include_in_schema=False)
def dashboard(request: Request, session: DbSession, staff: Staff, days: int = 30) -> Response:
    """Figures and charts for the last 7, 30 or 90 days."""
    window = days if days in (7, 30, 90) else 30
    figures = stats.dashboard(session=session, actor=staff.actor, days=window)
    volume = bar_chart(
        [(day.strftime("%m-%d"), count) for day, count in figures.received_per_day],
        title=f"Comments received per day, last {window} days",
        chart_id="volume",
        label_every=max(1, len(figures.received_per_day) // 10),
    )
    hidden = bar_chart(
        figures.hidden_by_category or [("none", 0)],
        title="Comments hidden, by category",
        chart_id="hidden",
    )
    return render(
        request,
        "console/moderation/dashboard.html",
        {"figures": figures, "volume_chart": volume, "hidden_chart": hidden, "window": window},
    )
