"""Hours per week as vertical bars, one per week, drawn with eighth blocks so small differences
show even a few rows high. Plotext's bars blur together at this size, so this draws its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

EIGHTHS = " ▁▂▃▄▅▆▇█"


def nice_top(value: float) -> float:
    """A round number at or above `value` for the axis: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15..."""
    if value <= 0:
        return 1.0
    step = 1.0
    while True:
        for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            if factor * step >= value:
                return factor * step
        step *= 10


class WeekBars(Widget):
    """Set the weeks with `set_weeks(starts, hours)`; the last week is this week (accented)."""

    DEFAULT_CSS = """
    WeekBars {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.starts: tuple[date, ...] = ()
        self.hours: tuple[float, ...] = ()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def set_weeks(self, starts: Sequence[date], hours: Sequence[float]) -> None:
        self.starts = tuple(starts)
        self.hours = tuple(hours)
        self.refresh()

    def _style(self, variable: str) -> Style:
        theme_color = getattr(self.app, "theme_color", None)
        colour = theme_color(variable) if theme_color else None
        return Style(color=colour or "blue")

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        count = len(self.hours)
        if not count or height < 3:
            return Text("no weeks yet", style="dim")
        top = nice_top(max(self.hours))
        axis = [f"{top:g}h", f"{top / 2:g}h", "0"]
        axis_width = max(len(label) for label in axis) + 1
        pitch = max(2, (width - axis_width) // count)
        bar = max(1, pitch - 1)
        rows = height - 1  # the last line holds the week labels
        cells = [round(hours / top * rows * 8) for hours in self.hours]
        bar_style, now_style, dim = self._style("primary"), self._style("accent"), Style(dim=True)
        lines = []
        for row in range(rows):
            level = rows - 1 - row  # 0 is the bottom row
            label = axis[0] if row == 0 else axis[1] if row == rows // 2 else axis[2] if row == rows - 1 else ""
            line = Text(label.rjust(axis_width - 1) + "▕", style=dim)
            for index, eighths in enumerate(cells):
                filled = max(0, min(8, eighths - 8 * level))
                style = now_style if index == count - 1 else bar_style
                line.append(EIGHTHS[filled] * bar, style)
                line.append(" " * (pitch - bar))
            lines.append(line)
        lines.append(self._labels(axis_width, pitch))
        return Text("\n").join(lines)

    def _labels(self, axis_width: int, pitch: int) -> Text:
        """'dd Mon' under every few weeks, as often as they fit without touching."""
        every = 1
        while every * pitch < 7:
            every += 1
        line = [" "] * (axis_width + pitch * len(self.starts) + 6)
        for index in range(0, len(self.starts), every):
            text = f"{self.starts[index]:%d %b}"
            at = axis_width + index * pitch
            line[at:at + len(text)] = list(text)
        return Text("".join(line).rstrip()[: self.size.width], style=Style(dim=True))
