"""Charts drawn on the server as inline SVG: no script, no library, nothing fetched. Each chart
is an image with a title and a one-sentence summary for screen readers, and the page shows the
same numbers as a table beside it (the text alternative).

Every string that goes into the SVG is escaped here (markupsafe), like the templates' text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

ACCENT = "#1D4ED8"
INK = "#1F2933"
INK_SOFT = "#3E4C59"
LINE = "#D9D4C7"
FACE_COLOURS = ("#A61B1B", "#A34A00", "#5C5C66", "#2E6B3F", "#1D5C2E")
"""The kiosk's colours of the five faces, very bad to excellent."""


@dataclass(frozen=True)
class TrendPoint:
    label: str  # the bucket's date, formatted for the person
    cards: int
    average: float | None  # None: no cards in the bucket


def _svg(
    width: int, height: int, title: str, summary: str, body: list[str], ident: str, kind: str
) -> Markup:
    return Markup(
        f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="Atkinson Hyperlegible, sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(summary)}</desc>' + "".join(body) + "</svg>"
    )


def trend(
    points: Sequence[TrendPoint], title: str, summary: str, cards_word: str, ident: str = "trend"
) -> Markup:
    """Bars for the cards in each bucket, a line for their average rating (1 to 5, on the right
    axis). Labels under the bars are thinned out so that they never overlap."""
    width, height = 640, 260
    left, right, top, bottom = 48, 40, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max((p.cards for p in points), default=0) or 1
    slot = plot_w / max(len(points), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{INK_SOFT}" stroke-width="1"/>'
    ]
    for rating in range(1, 6):  # the right axis: the ratings
        y = top + plot_h - (rating - 1) / 4 * plot_h
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{LINE}" '
            f'stroke-width="1" stroke-dasharray="3 4"/>'
            f'<text x="{left + plot_w + 8}" y="{y + 5:.1f}" font-size="14" fill="{INK_SOFT}">'
            f"{rating}</text>"
        )
    body.append(
        f'<text x="{left - 8}" y="{top + 5}" font-size="14" fill="{INK_SOFT}" '
        f'text-anchor="end">{most}</text>'
        f'<text x="{left - 8}" y="{top + plot_h}" font-size="14" fill="{INK_SOFT}" '
        f'text-anchor="end">0</text>'
        f'<text x="4" y="{top + plot_h / 2:.1f}" font-size="13" fill="{INK_SOFT}" '
        f'transform="rotate(-90 12 {top + plot_h / 2:.1f})" text-anchor="middle">'
        f"{escape(cards_word)}</text>"
    )
    every = max(1, round(len(points) / 6))
    line: list[str] = []
    for i, p in enumerate(points):
        x = left + i * slot
        bar = p.cards / most * plot_h
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{top + plot_h - bar:.1f}" '
            f'width="{max(slot * 0.7, 1):.1f}" height="{bar:.1f}" fill="#BFD0F5"/>'
        )
        if p.average is not None:
            y = top + plot_h - (p.average - 1) / 4 * plot_h
            line.append(f"{x + slot / 2:.1f},{y:.1f}")
        if i % every == 0:
            body.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 22}" font-size="14" '
                f'fill="{INK}" text-anchor="middle">{escape(p.label)}</text>'
            )
    if len(line) > 1:
        body.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="{ACCENT}" '
            f'stroke-width="3" stroke-linejoin="round"/>'
        )
    for point in line:
        cx, cy = point.split(",")
        body.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{ACCENT}"/>')
    return _svg(width, height, title, summary, body, ident, "trend")


def heat_map(
    counts: Sequence[Sequence[int]],
    day_names: Sequence[str],
    title: str,
    summary: str,
    ident: str = "heat",
) -> Markup:
    """Weekdays (rows, Monday first) by hour of the day (columns, 0 to 23): the darker, the more
    cards. Only the hours that have any card in the week are drawn, so a school's opening hours
    fill the width."""
    hours = [h for h in range(24) if any(row[h] for row in counts)] or list(range(7, 18))
    cell, left, top = 26, 56, 28
    width = left + cell * len(hours) + 8
    height = top + cell * 7 + 8
    most = max((max(row) for row in counts), default=0) or 1
    body: list[str] = []
    for j, hour in enumerate(hours):
        if hour % 2 == 0 or len(hours) <= 12:
            body.append(
                f'<text x="{left + j * cell + cell / 2}" y="{top - 8}" font-size="13" '
                f'fill="{INK_SOFT}" text-anchor="middle">{hour}</text>'
            )
    for i, name in enumerate(day_names):
        y = top + i * cell
        body.append(
            f'<text x="{left - 8}" y="{y + cell / 2 + 5}" font-size="14" fill="{INK}" '
            f'text-anchor="end">{escape(name)}</text>'
        )
        for j, hour in enumerate(hours):
            n = counts[i][hour]
            shade = 0.08 + 0.92 * (n / most) if n else 0.0
            fill = ACCENT if n else "#FFFFFF"
            body.append(
                f'<rect x="{left + j * cell + 1}" y="{y + 1}" width="{cell - 2}" '
                f'height="{cell - 2}" rx="3" fill="{fill}" fill-opacity="{shade:.2f}" '
                f'stroke="{LINE}" stroke-width="1"/>'
                if n
                else f'<rect x="{left + j * cell + 1}" y="{y + 1}" width="{cell - 2}" '
                f'height="{cell - 2}" rx="3" fill="{fill}" stroke="{LINE}" stroke-width="1"/>'
            )
    return _svg(width, height, title, summary, body, ident, "heat")


def bar(share: float, colour: str = ACCENT) -> Markup:
    """A small horizontal bar of ``share`` (0 to 1) for a table cell; the cell beside it holds
    the number, so the bar itself is decoration (aria-hidden)."""
    share = min(max(share, 0.0), 1.0)
    return Markup(
        '<svg class="meter" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">'
        f'<rect x="0" y="0" width="100" height="10" fill="#EEF0F3"/>'
        f'<rect x="0" y="0" width="{share * 100:.1f}" height="10" fill="{escape(colour)}"/></svg>'
    )
