"""A horizontal stacked bar chart as inline SVG, made at build time: no script,
no request to anyone. Each series has a pattern as well as a colour, and the
counts are written on the bars and in the legend, so nothing depends on
telling colours apart; the page puts a table of the same numbers after it.
"""

from __future__ import annotations

import hashlib

from ..outline import wording
from ..outline.blocks import BarChart
from .markup import esc

WIDTH = 640
LABEL_HEIGHT = 22
BAR_HEIGHT = 26
GAP = 14
# Below this width (in SVG units) a segment's count is left to the legend and the table.
MIN_LABELLED_WIDTH = 22

# Per styling tag: fill colour, pattern lines, text colour on it (AA contrast on the fill).
_LOOKS = {
    "done": ("#1b5e20", "", "#ffffff"),
    "continuing": ("#2e7d9a", "dots", "#ffffff"),
    "in-progress": ("#f2c14e", "stripes", "#1a1a1a"),
    "not-started": ("#ffffff", "", "#1a1a1a"),
    "suspended": ("#b23b3b", "cross", "#ffffff"),
    "not-reported": ("#d9d9d9", "grid", "#1a1a1a"),
}


def bar_chart_svg(chart: BarChart) -> str:
    ident = "c" + hashlib.sha256(chart.title.encode()).hexdigest()[:8]
    most = max((sum(bar.counts) for bar in chart.bars), default=0) or 1
    height = len(chart.bars) * (LABEL_HEIGHT + BAR_HEIGHT + GAP)
    parts = [
        f'<svg class="plan-chart-svg" role="img" aria-labelledby="{ident}-t {ident}-d" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{esc(chart.title)}</title><desc id="{ident}-d">{esc(chart.description)}</desc>',
        _patterns(ident, [series.tag for series in chart.series]),
    ]
    for index, bar in enumerate(chart.bars):
        top = index * (LABEL_HEIGHT + BAR_HEIGHT + GAP)
        total = sum(bar.counts)
        parts.append(f'<text x="0" y="{top + LABEL_HEIGHT - 6}" class="plan-chart-label">{esc(wording.chart_bar_label(bar.label, total))}</text>')
        x = 0.0
        for series, count in zip(chart.series, bar.counts, strict=True):
            if not count:
                continue
            width = (WIDTH - 2) * count / most
            fill, _pattern, ink = _LOOKS.get(series.tag, ("#ffffff", "", "#1a1a1a"))
            y = top + LABEL_HEIGHT
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="url(#{ident}-{series.tag})" stroke="#1a1a1a" stroke-width="1">'
                f"<title>{esc(wording.chart_segment_title(series.label, count))}</title></rect>"
            )
            if width >= MIN_LABELLED_WIDTH:
                parts.append(
                    f'<text x="{x + 1 + width / 2:.1f}" y="{y + BAR_HEIGHT / 2 + 5:.1f}" text-anchor="middle" fill="{ink}" '
                    f'class="plan-chart-count" paint-order="stroke" stroke="{fill}" stroke-width="3">{count}</text>'
                )
            x += width
    parts.append("</svg>")
    legend = "".join(
        f'<li><svg class="plan-chart-swatch" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">{_patterns(ident + "l", [series.tag])}'
        f'<rect x="0.5" y="0.5" width="15" height="15" fill="url(#{ident}l-{series.tag})" stroke="#1a1a1a"/></svg>{esc(series.label)}</li>'
        for series in chart.series
    )
    return f'<figure class="plan-chart">{"".join(parts)}<figcaption><ul class="plan-chart-legend">{legend}</ul></figcaption></figure>'


def _patterns(ident: str, tags: list[str]) -> str:
    """One pattern per series: its colour with lines, dots or a grid over it."""
    defs = []
    for tag in tags:
        fill, pattern, ink = _LOOKS.get(tag, ("#ffffff", "", "#1a1a1a"))
        lines = {
            "stripes": f'<path d="M0 8 L8 0" stroke="{ink}" stroke-width="1.5"/>',
            "cross": f'<path d="M0 0 L8 8 M0 8 L8 0" stroke="{ink}" stroke-width="1.2"/>',
            "dots": f'<circle cx="4" cy="4" r="1.6" fill="{ink}"/>',
            "grid": f'<path d="M0 4 H8 M4 0 V8" stroke="{ink}" stroke-width="0.8"/>',
        }.get(pattern, "")
        defs.append(
            f'<pattern id="{ident}-{tag}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{fill}"/>{lines}</pattern>'
        )
    return f"<defs>{''.join(defs)}</defs>"
