"""Horizontal bar charts as plain geometry for a server-rendered SVG (pure; no JavaScript library).

The chart repeats what the table beneath it says: a suppressed value gets no bar, only the mark, so the
picture cannot show more than the table (a bar's length would give the number away).
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 220
BAR_AREA = 360
VALUE_WIDTH = 60
ROW_HEIGHT = 24
BAR_HEIGHT = 16
PADDING = 8
COLOUR = "#1e5b96"  # 7.0:1 against white


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value as the table shows it
    y: int
    width: int
    suppressed: bool
    text_x: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_x: int = LABEL_WIDTH - PADDING
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    colour: str = COLOUR


def bar_chart(series: list[tuple[str, int | None]], mark: str) -> BarChart:
    """One bar per (label, value); None (suppressed) draws no bar and writes `mark`."""
    largest = max((value for _label, value in series if value), default=0)
    bars = []
    for index, (label, value) in enumerate(series):
        width = round(BAR_AREA * value / largest) if value and largest else 0
        bars.append(Bar(label=label, text=mark if value is None else str(value), y=PADDING + index * ROW_HEIGHT,
                        width=width, suppressed=value is None, text_x=LABEL_WIDTH + width + 4))
    return BarChart(bars, LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, 2 * PADDING + len(series) * ROW_HEIGHT)
