"""The strength-over-time chart, drawn on the server as SVG: the geometry here, the drawing in
templates/_strength_chart.html. The values come from `people.strength_over_time` (the domain's strength rule
replayed week by week); the chart only places them, and says them in words and as a table for those who cannot
see it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rapport.i18n import Translator

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 14, 30
ROWS_EVERY = 4  # the table: one row every four weeks


def strength(series: list[tuple[datetime, int]], t: Translator) -> dict[str, Any]:
    """Everything the template draws: the line and the area under it, the grid, the axis labels, the sentence that
    describes the chart and the table behind it."""
    if not series:
        return {"empty": True}
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    steps = max(1, len(series) - 1)

    def x(i: int) -> float:
        return LEFT + i * inner_w / steps

    def y(value: int) -> float:
        return TOP + (100 - value) * inner_h / 100

    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_at, v) in enumerate(series))
    bottom = TOP + inner_h
    area = f"{x(0):.1f},{bottom:.1f} {line} {x(len(series) - 1):.1f},{bottom:.1f}"

    def day(moment: datetime) -> str:
        return t.date(t.local(moment).date())

    values = [v for _at, v in series]
    high = max(range(len(values)), key=lambda i: (values[i], i))
    rows = [(day(at), v) for at, v in series[::ROWS_EVERY]]
    if (len(series) - 1) % ROWS_EVERY:
        rows.append((day(series[-1][0]), series[-1][1]))
    middle = len(series) // 2
    return {
        "empty": False,
        "width": WIDTH,
        "height": HEIGHT,
        "line": line,
        "area": area,
        "last": {"x": f"{x(len(series) - 1):.1f}", "y": f"{y(values[-1]):.1f}"},
        "grid": [{"y": f"{y(v):.1f}", "label": t("web.chart.percent", value=v)} for v in (0, 50, 100)],
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "ticks": [
            {"x": f"{x(i):.1f}", "label": day(series[i][0]), "anchor": anchor}
            for i, anchor in ((0, "start"), (middle, "middle"), (len(series) - 1, "end"))
        ],
        "label_y": HEIGHT - 8,
        "description": t(
            "web.chart.desc",
            start=day(series[0][0]),
            first=values[0],
            now=values[-1],
            high=values[high],
            high_on=day(series[high][0]),
        ),
        "rows": [{"on": on, "value": t("web.chart.percent", value=v)} for on, v in rows],
    }
