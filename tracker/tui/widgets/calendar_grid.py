"""A habit calendar: one column per week, one row per weekday, each day a cell coloured by its
minutes against the daily minimum (GitHub-contributions style), in the theme's colours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tracker.charts.terminal import CalendarDay

CELL = "■"
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


class CalendarGrid(Widget):
    """Set the days with `set_days`; the grid is as wide as its weeks (two cells a week)."""

    DEFAULT_CSS = """
    CalendarGrid {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.days: tuple[CalendarDay, ...] = ()
        self.first_week: date | None = None
        self.weeks = 0
        self.week_start_index = 0
        self.minimum = 30
        self.today: date | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def set_days(
        self, days: Sequence[CalendarDay], first_week: date, weeks: int, *, week_start_index: int, minimum: int,
        today: date,
    ) -> None:
        """`first_week` is the first day of the first column; days outside the grid are ignored."""
        self.days = tuple(days)
        self.first_week = first_week
        self.weeks = weeks
        self.week_start_index = week_start_index
        self.minimum = minimum
        self.today = today
        self.refresh(layout=True)

    # -- drawing ----------------------------------------------------------------------------------
    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(self._grid_width(), self._legend().cell_len)

    def _grid_width(self) -> int:
        """The weekday names, then two cells a week."""
        return 3 + 2 * self.weeks

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 9

    def _colours(self) -> dict[str, Style]:
        dark = self.app.current_theme.dark
        # More study is a stronger green: brighter on a dark background, darker on a light one.
        variables = {
            "none": "foreground-disabled",
            "under": "warning",
            "met": "success-darken-2" if dark else "success-lighten-2",
            "double": "success",
            "quadruple": "success-lighten-2" if dark else "success-darken-2",
            "rest": "primary",
        }
        theme_color = getattr(self.app, "theme_color", None)
        styles = {}
        for level, variable in variables.items():
            colour = theme_color(variable) if theme_color else None
            styles[level] = Style(color=colour or "grey50")
        return styles

    def _legend(self) -> Text:
        minimum = self.minimum
        # Minutes a day, as the daily minimum counts them; short enough for the grid's width.
        labels = (
            ("none", "0"), ("under", f"<{minimum}"), ("met", f"{minimum}+"),
            ("double", f"{2 * minimum}+"), ("quadruple", f"{4 * minimum}+ min"), ("rest", "rest"),
        )
        styles = self._colours() if self.is_mounted else {}
        legend = Text()
        for index, (level, label) in enumerate(labels):
            if index:
                legend.append(" ")
            legend.append(CELL, styles.get(level, ""))
            legend.append(label)
        return legend

    def render(self) -> Text:
        if self.first_week is None or not self.weeks:
            return Text("no days yet", style="dim")
        styles = self._colours()
        by_day = {d.day: d for d in self.days}
        lines = [self._months()]
        names = WEEKDAYS[self.week_start_index:] + WEEKDAYS[:self.week_start_index]
        for row in range(7):
            line = Text(f"{names[row]} ", style="dim")
            for column in range(self.weeks):
                day = self.first_week + timedelta(days=7 * column + row)
                found = by_day.get(day)
                if found is None:
                    line.append("  ")
                    continue
                style = styles[found.level]
                if day == self.today:
                    style = style + Style(bold=True, underline=True)
                line.append(CELL, style)
                line.append(" ")
            lines.append(line)
        lines.append(self._legend())
        return Text("\n").join(lines)

    def _months(self) -> Text:
        """Month names above the week in which each month starts (when there is room)."""
        assert self.first_week is not None
        cells = [" "] * self._grid_width()
        last_end = 0
        for column in range(self.weeks):
            start = self.first_week + timedelta(days=7 * column)
            end = start + timedelta(days=6)
            if column == 0:
                shown = start
            elif start.day == 1 or end.month != start.month:
                shown = end  # the week holding the 1st of a month
            else:
                continue
            # The last columns' name is pulled left to end at the grid's edge: past it, it would
            # wrap onto a line of its own.
            at = min(3 + 2 * column, self._grid_width() - 3)
            if at < last_end + 1:
                continue
            name = shown.strftime("%b")
            cells[at:at + len(name)] = list(name)
            last_end = at + len(name)
        return Text("".join(cells).rstrip(), style="dim")
