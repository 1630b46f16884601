"""Published website statistics and their CSV files (only published months are ever read)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from casewarden import i18n
from casewarden.i18n import N_
from casewarden.privacy import statistics
from casewarden.privacy.content import load_content
from casewarden.privacy.statistics import Period
from casewarden.web.console import privacy_charts
from casewarden.web.deps import SettingsDep
from casewarden.web.public.deps import Visitor, VisitorDep, finish_headers, page
from casewarden.web.public.routing import choose, localized

router = APIRouter()


#: A publication's number: 1 is the first, later ones are corrections.
Number = Annotated[int | None, Query(ge=1, le=1000)]


def _page(
    request: Request,
    visitor: Visitor,
    settings: SettingsDep,
    period: Period | None,
    number: int | None = None,
) -> Response:
    session = visitor.portal.session
    periods = statistics.published_periods(session=session)
    if period is None and periods:
        period = Period.parse(periods[0].period)
    shown = (
        statistics.publication(session=session, period=period, number=number) if period else None
    )
    forms = load_content(settings.portal_content_dir).forms
    locale = i18n.current_locale()
    form_titles = {slug: form.title[locale] for slug, form in forms.items()}
    return page(
        request,
        visitor,
        "public/statistics.html",
        {
            "periods": periods,
            "publication": shown,
            "specs": statistics.SPECS,
            "form_titles": form_titles,
            "charts": privacy_charts.charts_for(shown.tables, form_titles) if shown else {},
            "totals": _totals(shown) if shown else [],
        },
    )


#: The headline figures, in the order shown: which table's total, under which words.
HEADLINE = (
    ("pages_by_day", N_("Page visits")),
    ("downloads", N_("Forms downloaded")),
    ("outbound", N_("Sites visited next")),
)


def _totals(shown: statistics.Publication) -> list[tuple[str, int | None]]:
    """The month's headline totals (None where the total itself is suppressed)."""
    by_key = {table.key: table.total for table in shown.tables}
    return [(label, by_key[key]) for key, label in HEADLINE if key in by_key]


@localized(router, "/statistics")
def latest(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """The list of published months and the newest one's tables."""
    return _page(request, visitor, settings, None)


@localized(router, "/statistics/{period}")
def month(
    request: Request,
    visitor: VisitorDep,
    settings: SettingsDep,
    period: str = Path(max_length=7),
    publication: Number = None,
) -> Response:
    """One published month: its latest publication, or an earlier one by number."""
    return _page(request, visitor, settings, Period.parse(period), publication)


@localized(router, "/statistics/{period}/{table}.csv")
def table_csv(
    request: Request,
    visitor: VisitorDep,
    period: str = Path(max_length=7),
    table: str = Path(max_length=20),
    publication: Number = None,
) -> Response:
    """One published table as CSV, headed in the page's language."""
    shown = statistics.publication(
        session=visitor.portal.session, period=Period.parse(period), number=publication
    )
    data = shown.table(table)
    spec = statistics.spec_for(table)
    body = statistics.to_csv(
        data,
        row_heading=i18n.gettext(spec.row_heading),
        count_label=i18n.gettext("Visits"),
        total_label=i18n.gettext("Total"),
        other_label=i18n.gettext(spec.other_label),
    )
    name = f"statistics-{shown.period.key}-{shown.number}-{table}.csv"
    response = Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
    finish_headers(response, choose(request))
    return response
