"""Server-rendered SVG bar charts: no script, so they work under the strict CSP.

Written here rather than with a charting library because the console needs only bars,
and every JavaScript charting library would need a script (and, for most, inline
styles) that the Content-Security-Policy forbids.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

_BAR = "#0b4f8a"


def bar_chart(
    series: Sequence[tuple[str, float]],
    *,
    title: str,
    chart_id: str,
    width: int = 640,
    height: int = 220,
    label_every: int = 1,
) -> Markup:
    """A vertical bar chart with a text alternative (title, description, per-bar titles)."""
    top = max((value for _, value in series), default=0) or 1
    margin_left, margin_bottom, margin_top = 40, 36, 12
    plot_w, plot_h = width - margin_left - 8, height - margin_bottom - margin_top
    step = plot_w / max(len(series), 1)
    bar_w = max(step * 0.7, 1)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">'
        + escape("; ".join(f"{label}: {value:g}" for label, value in series))
        + "</desc>",
        f'<line x1="{margin_left}" y1="{margin_top + plot_h}" x2="{width - 8}" '
        f'y2="{margin_top + plot_h}" stroke="#6b7380"/>',
        f'<text x="{margin_left - 6}" y="{margin_top + 10}" text-anchor="end" '
        f'font-size="11" fill="#1b1f24">{top:g}</text>',
        f'<text x="{margin_left - 6}" y="{margin_top + plot_h}" text-anchor="end" '
        'font-size="11" fill="#1b1f24">0</text>',
    ]
    for index, (label, value) in enumerate(series):
        bar_h = plot_h * (value / top)
        x = margin_left + index * step + (step - bar_w) / 2
        y = margin_top + plot_h - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
            f'fill="{_BAR}"><title>{escape(label)}: {value:g}</title></rect>'
        )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - margin_bottom + 14}" '
                f'text-anchor="middle" font-size="10" fill="#1b1f24">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is a number or escaped
