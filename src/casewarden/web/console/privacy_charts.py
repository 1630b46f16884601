"""Bar charts for the statistics page, drawn as SVG on the server.

The Content Security Policy allows no inline script or style, so charts are plain
SVG elements laid out here and styled by classes in ``static/privacy-console.css``.
A suppressed count is drawn as an empty dashed box marked ``*``, never as a bar
whose height would give the count away. Each chart sits beside its table, which is
the accessible form of the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from casewarden import i18n
from casewarden.privacy import statistics
from casewarden.privacy.statistics import OTHER, Table


@dataclass(frozen=True, slots=True, kw_only=True)
class Bar:
    """One bar: its label, count (None when suppressed) and geometry in SVG units."""

    label: str
    value: int | None
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    """A chart's bars, size and scale."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    scale_max: int
    horizontal: bool
    label_width: int


SUPPRESSED_SHARE = 0.04  # the dashed placeholder's size, as a share of the scale


def _nice_max(value: int) -> int:
    """A round scale maximum at or above ``value``."""
    if value <= 10:
        return 10
    magnitude: int = 10 ** (len(str(value)) - 1)
    return next(step * magnitude for step in (1, 2, 5, 10) if value <= step * magnitude)


def columns(labels: Sequence[str], values: Sequence[int | None], *, height: int = 200) -> Chart:
    """Vertical bars, one per label (days of a month)."""
    slot, gap, top, bottom = 22, 4, 10, 24
    scale = _nice_max(max((v for v in values if v is not None), default=0))
    plot = height - top - bottom
    bars = []
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        share = SUPPRESSED_SHARE if value is None else value / scale
        bar_height = max(share * plot, 1 if value else 0)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=n * slot + gap / 2,
                y=top + plot - bar_height,
                width=slot - gap,
                height=bar_height,
            )
        )
    return Chart(
        bars=tuple(bars),
        width=max(len(labels) * slot, 100),
        height=height,
        scale_max=scale,
        horizontal=False,
        label_width=0,
    )


def rows(labels: Sequence[str], values: Sequence[int | None], *, width: int = 640) -> Chart:
    """Horizontal bars with their labels at the left (pages, browsers, sites)."""
    slot, gap, label_width = 22, 5, 220
    scale = _nice_max(max((v for v in values if v is not None), default=0))
    plot = width - label_width - 60
    bars = []
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        share = SUPPRESSED_SHARE if value is None else value / scale
        bar_width = max(share * plot, 1 if value else 0)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=label_width,
                y=n * slot + gap / 2,
                width=bar_width,
                height=slot - gap,
            )
        )
    return Chart(
        bars=tuple(bars),
        width=width,
        height=max(len(labels) * slot, slot),
        scale_max=scale,
        horizontal=True,
        label_width=label_width,
    )


def _labels(table: Table, form_titles: Mapping[str, str]) -> list[str]:
    spec = statistics.spec_for(table.key)
    return [
        i18n.gettext(spec.other_label)
        if row.label == OTHER
        else form_titles.get(row.label, row.label)
        if table.key == "downloads"
        else row.label
        for row in table.rows
    ]


def charts_for(tables: Sequence[Table], form_titles: Mapping[str, str]) -> dict[str, Chart]:
    """Visits per day (from the first table's column totals), then one chart per table."""
    pages = tables[0]
    return {
        "days": columns(list(pages.columns), list(pages.column_totals)),
        **{
            table.key: rows(_labels(table, form_titles), [row.total for row in table.rows])
            for table in tables
        },
    }
