"""The result of an assessment as a picture: horizontal bars per area on a 0–3 scale, optionally with the
previous assessment as a second, thinner bar; and small multiples for the national comparison.

Pure geometry (no Django): the template draws the SVG from these numbers with presentation attributes
only (the CSP forbids inline styles). The data table under each picture says the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from strom.municipal.scoring import MAX_SCORE

NOW_COLOUR = "#1e5aa8"  # dark blue on white: 7.0:1
BEFORE_COLOUR = "#6b6b6b"  # grey on white: 5.3:1 (WCAG 1.4.11 asks 3:1 for graphics)


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: float
    value: str
    before_y: int | None = None
    before_width: float | None = None
    before_value: str | None = None


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_x: int
    plot_width: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (x, value)
    with_before: bool
    now_colour: str = NOW_COLOUR
    before_colour: str = BEFORE_COLOUR


def _width(value: Decimal | None, plot_width: int) -> float:
    return round(float(value or 0) / MAX_SCORE * plot_width, 1)


def bar_chart(rows: list[tuple[str, Decimal | None, Decimal | None]], *, with_before: bool, width: int = 640,
              label_width: int = 210, row_height: int = 34) -> BarChart:
    """rows: (area label, current mean, previous mean); a missing mean draws no bar and reads "—"."""
    plot_x, plot_width = label_width, width - label_width - 50
    bars, y = [], 30
    for label, now, before in rows:
        bar = Bar(label=label, y=y, width=_width(now, plot_width), value="—" if now is None else str(now))
        if with_before:
            bar = Bar(label, y, bar.width, bar.value, before_y=y + 16, before_width=_width(before, plot_width),
                      before_value="—" if before is None else str(before))
        bars.append(bar)
        y += row_height + (12 if with_before else 0)
    ticks = [(plot_x + round(plot_width * n / MAX_SCORE, 1), n) for n in range(MAX_SCORE + 1)]
    return BarChart(width=width, height=y + 10, plot_x=plot_x, plot_width=plot_width, bars=bars, ticks=ticks,
                    with_before=with_before)
