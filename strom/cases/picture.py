"""The status timeline of a case as a picture: the stages along a line, where the case has been,
where it is, and what lies ahead.

`lay_out(visited, current)` is pure: the same stages give the same picture. The main path of the
referral mechanism (stages.MAIN_PATH) runs left to right; a side stage (not a victim, transferred)
appears only when the case has been there, after the stage it left from. Labels alternate above and
below the line so that long names do not collide. The page draws it as inline SVG (presentation
attributes only, as the CSP wants) next to an ordered list of the changes that says the same in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from strom.cases.stages import MAIN_PATH, SIDE_STAGES, Stage

STEP = 112
MARGIN = 64
HEIGHT = 170
LINE_Y = 85
DONE, CURRENT, AHEAD = "done", "current", "ahead"
# At least 3:1 against white (WCAG 1.4.11 non-text contrast); the state is also in the shape and text.
COLOURS = {DONE: "#1e4f91", CURRENT: "#9c3d00", AHEAD: "#595959"}


@dataclass(frozen=True)
class Node:
    stage: str
    label: str
    state: str
    x: int
    y: int
    radius: int
    colour: str
    filled: bool
    label_y: int


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: tuple[Node, ...]
    line: tuple[int, int, int]  # x1, x2, y


def stage_order(visited: Sequence[str]) -> list[str]:
    """The main path with each visited side stage placed after the stage the case left for it."""
    order = list(MAIN_PATH)
    for index, stage in enumerate(visited):
        if stage in SIDE_STAGES and stage not in order:
            before = visited[index - 1] if index > 0 else MAIN_PATH[0]
            order.insert(order.index(before) + 1 if before in order else len(order) - 1, stage)
    return order


def lay_out(visited: Sequence[str], current: str) -> Picture:
    """`visited`: the stages in the order the case reached them (the first is where it opened)."""
    seen = set(visited)
    order = stage_order(visited)
    nodes = []
    for index, stage in enumerate(order):
        state = CURRENT if stage == current else DONE if stage in seen else AHEAD
        x = MARGIN + index * STEP
        above = index % 2 == 0
        nodes.append(Node(stage=stage, label=str(Stage(stage).label), state=state, x=x, y=LINE_Y,
                          radius=14 if state == CURRENT else 10, colour=COLOURS[state], filled=state != AHEAD,
                          label_y=LINE_Y - 28 if above else LINE_Y + 40))
    width = MARGIN * 2 + STEP * (len(order) - 1)
    return Picture(width=width, height=HEIGHT, nodes=tuple(nodes), line=(MARGIN, width - MARGIN, LINE_Y))
