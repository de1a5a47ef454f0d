"""``docs/benchmark*.svg``: F1 (y) against pages per second on one core (log x), one per set.

Written by hand (no plotting library): one labelled point per extractor; the region that is
both faster and more accurate than the reference extractor (trafilatura) is shaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 760, 500
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 50, 60
FONT = "font-family='DejaVu Sans, Helvetica, Arial, sans-serif'"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One extractor on the chart: its name, pages per second and F1."""

    name: str
    pages_per_s: float
    f1: float


@dataclass(frozen=True, slots=True)
class Axes:
    """Data ranges of the plot: x in log10 decades, y linear."""

    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float

    def px(self, pages_per_s: float) -> float:
        """Horizontal pixel of a pages-per-second value (log scale)."""
        span = math.log10(self.x_hi) - math.log10(self.x_lo)
        frac = (math.log10(pages_per_s) - math.log10(self.x_lo)) / span
        return LEFT + frac * (WIDTH - LEFT - RIGHT)

    def py(self, f1: float) -> float:
        """Vertical pixel of an F1 value."""
        frac = (f1 - self.y_lo) / (self.y_hi - self.y_lo)
        return HEIGHT - BOTTOM - frac * (HEIGHT - TOP - BOTTOM)


def axes_for(points: list[ChartPoint]) -> Axes:
    """Axes that hold every point: whole decades in x, tenths in y (top at least 1.0)."""
    xs = [p.pages_per_s for p in points]
    ys = [p.f1 for p in points]
    x_lo = 10 ** math.floor(math.log10(min(xs)))
    x_hi = 10 ** math.ceil(math.log10(max(xs)))
    if x_hi <= x_lo:
        x_hi = x_lo * 10
    y_lo = max(0.0, math.floor(min(ys) * 10 - 0.5) / 10)
    return Axes(x_lo, x_hi, y_lo, max(1.0, math.ceil(max(ys) * 10) / 10))


def _grid(axes: Axes) -> list[str]:
    """Grid lines and tick labels of both axes."""
    parts = []
    decade = axes.x_lo
    while decade <= axes.x_hi * 1.0001:
        for mult in range(1, 10):
            value = decade * mult
            if value > axes.x_hi * 1.0001:
                break
            x = axes.px(value)
            major = mult == 1
            parts.append(
                f"<line x1='{x:.1f}' y1='{TOP}' x2='{x:.1f}' y2='{HEIGHT - BOTTOM}' "
                f"stroke='{'#c8c8c8' if major else '#ececec'}' stroke-width='1'/>"
            )
            if major or mult in (2, 5):
                label = f"{value:g}"
                parts.append(
                    f"<text x='{x:.1f}' y='{HEIGHT - BOTTOM + 18}' text-anchor='middle' "
                    f"font-size='12' fill='#333' {FONT}>{label}</text>"
                )
        decade *= 10
    steps = round((axes.y_hi - axes.y_lo) * 10)
    for i in range(steps + 1):
        value = axes.y_lo + i / 10
        y = axes.py(value)
        parts.append(
            f"<line x1='{LEFT}' y1='{y:.1f}' x2='{WIDTH - RIGHT}' y2='{y:.1f}' "
            f"stroke='#d8d8d8' stroke-width='1'/>"
        )
        parts.append(
            f"<text x='{LEFT - 8}' y='{y + 4:.1f}' text-anchor='end' font-size='12' "
            f"fill='#333' {FONT}>{value:.1f}</text>"
        )
    return parts


def _label_width(name: str, bold: bool) -> float:
    """Estimated width in pixels of ``name`` at 13 px (DejaVu Sans is wide)."""
    return len(name) * (8.4 if bold else 7.8) + 2


def _place_labels(
    points: list[ChartPoint], axes: Axes, highlight: str
) -> list[tuple[ChartPoint, float, float, str]]:
    """Label positions (point, x, y, anchor) that overlap neither other labels nor points.

    Tries right, left, above, below and diagonal spots around each point (from the top of
    the chart down), keeping the first free one inside the plot; else the right-hand spot.
    """
    dots = [
        (axes.px(p.pages_per_s) - 8, axes.py(p.f1) - 8, axes.px(p.pages_per_s) + 8,
         axes.py(p.f1) + 8)
        for p in points
    ]  # fmt: skip
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for p in sorted(points, key=lambda q: axes.py(q.f1)):
        x, y = axes.px(p.pages_per_s), axes.py(p.f1)
        width = _label_width(p.name, p.name == highlight)
        spots = [
            (x + 10, y + 4, "start"), (x - 10, y + 4, "end"), (x, y - 11, "middle"),
            (x, y + 20, "middle"), (x + 8, y - 9, "start"), (x + 8, y + 17, "start"),
            (x - 8, y - 9, "end"), (x - 8, y + 17, "end"),
        ]  # fmt: skip
        chosen = spots[0]
        for lx, ly, anchor in spots:
            left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
            box = (left, ly - 12, left + width, ly + 3)
            inside = box[0] >= LEFT + 2 and box[2] <= WIDTH - RIGHT - 2 and box[1] >= TOP + 2
            inside = inside and box[3] <= HEIGHT - BOTTOM - 2
            if inside and not any(_overlap(box, o) for o in placed + dots):
                chosen = (lx, ly, anchor)
                break
        lx, ly, anchor = chosen
        left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
        placed.append((left, ly - 12, left + width, ly + 3))
        out.append((p, lx, ly, anchor))
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def render_svg(
    points: list[ChartPoint],
    title: str = "Word-F1 against speed (WCXB dev, all pages, one core)",
    y_label: str = "word-F1 (mean over pages)",
    reference: str | None = "trafilatura",
    highlight: str = "dehusk",
) -> str:
    """The chart as an SVG document, headed ``title``, its y axis named ``y_label``.

    ``reference`` names the point whose upper-right quadrant (faster and more accurate) is
    shaded; ``highlight`` names the point drawn in the accent colour. Points with a
    non-positive speed are left out (a log axis cannot show them).
    """
    shown = [p for p in points if p.pages_per_s > 0]
    if not shown:
        return (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='80'>"
            f"<text x='10' y='40' {FONT}>no extractor to plot</text></svg>\n"
        )
    axes = axes_for(shown)
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"viewBox='0 0 {WIDTH} {HEIGHT}'>",
        f"<rect width='{WIDTH}' height='{HEIGHT}' fill='white'/>",
        f"<text x='{WIDTH / 2}' y='24' text-anchor='middle' font-size='16' font-weight='bold' "
        f"fill='#222' {FONT}>{escape(title)}</text>",
    ]
    ref = next((p for p in shown if p.name == reference), None)
    if ref is not None:
        x, y = axes.px(ref.pages_per_s), axes.py(ref.f1)
        parts.append(
            f"<rect x='{x:.1f}' y='{TOP}' width='{WIDTH - RIGHT - x:.1f}' height='{y - TOP:.1f}' "
            f"fill='#d9f2d9' stroke='#6dbb6d' stroke-dasharray='5,4'/>"
        )
        parts.append(
            f"<text x='{WIDTH - RIGHT - 6}' y='{TOP + 16}' text-anchor='end' font-size='12' "
            f"fill='#2f7a2f' {FONT}>best: faster and more accurate than {escape(ref.name)}</text>"
        )
    parts.extend(_grid(axes))
    parts.append(
        f"<rect x='{LEFT}' y='{TOP}' width='{WIDTH - LEFT - RIGHT}' "
        f"height='{HEIGHT - TOP - BOTTOM}' fill='none' stroke='#555'/>"
    )
    for p, lx, ly, anchor in _place_labels(shown, axes, highlight):
        x, y = axes.px(p.pages_per_s), axes.py(p.f1)
        accent = p.name == highlight
        colour = "#d1495b" if accent else "#2e5c8a"
        radius = 7 if accent else 5
        parts.append(
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{radius}' fill='{colour}' stroke='white'/>"
        )
        parts.append(
            f"<text x='{lx:.1f}' y='{ly:.1f}' text-anchor='{anchor}' font-size='13' "
            f"fill='{colour}' font-weight='{'bold' if accent else 'normal'}' {FONT}>"
            f"{escape(p.name)}</text>"
        )
    parts.append(
        f"<text x='{(LEFT + WIDTH - RIGHT) / 2}' y='{HEIGHT - 18}' text-anchor='middle' "
        f"font-size='13' fill='#222' {FONT}>pages per second on one core (log scale)</text>"
    )
    mid_y = (TOP + HEIGHT - BOTTOM) / 2
    parts.append(
        f"<text x='18' y='{mid_y}' text-anchor='middle' font-size='13' fill='#222' "
        f"transform='rotate(-90 18 {mid_y})' {FONT}>{escape(y_label)}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
