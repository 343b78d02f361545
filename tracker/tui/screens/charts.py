"""Charts: weekly hours, the habit calendar and the hours spent against the plan, drawn in the
terminal; `o` writes the full HTML dashboard and opens it in the browser.

The numbers come from tracker.charts.terminal: one GROUP BY day query and plain Python, quick enough
to read on the UI thread like the other screens. Only the dashboard needs pandas (in a worker).
"""

from __future__ import annotations

import webbrowser
from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static
from textual.worker import Worker
from textual_plotext import PlotextPlot

from tracker import config
from tracker.charts.roads import GoalRoad
from tracker.charts.terminal import WEEKS, ChartsData, terminal_charts
from tracker.store import Journal
from tracker.tui.formatting import hours
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.calendar_grid import CalendarGrid
from tracker.tui.widgets.week_bars import WeekBars, nice_top


class ChartsScreen(TrackerScreen):
    NAME = "charts"
    AUTO_FOCUS = "#charts-scroll"
    BINDINGS = [
        Binding("o", "dashboard", "Open dashboard", tooltip="Write the HTML dashboard and open it in the browser"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="charts-summary", classes="status-line")
        with VerticalScroll(id="charts-scroll"):
            with Horizontal(id="charts-top"):
                with Vertical(id="weekly-box", classes="panel") as weekly:
                    weekly.border_title = "Hours per week"
                    yield WeekBars(id="weekly-hours")
                with Vertical(id="calendar-box", classes="panel") as box:
                    box.border_title = f"Last {WEEKS} weeks"
                    yield CalendarGrid(id="calendar")
            burnup = PlotextPlot(id="burnup", classes="panel")
            burnup.border_title = "Hours on the plan"
            yield burnup

    # -- reading ---------------------------------------------------------------------------------------
    def fetch(self, journal: Journal) -> ChartsData:
        return terminal_charts(journal, self.tracker.settings, self.tracker.today())

    def show(self, charts: ChartsData) -> None:
        self.query_one("#charts-summary", Static).update(self._summary(charts))
        self._draw_weekly(charts)
        self.query_one("#calendar", CalendarGrid).set_days(
            charts.calendar, charts.weeks[0], len(charts.weeks), week_start_index=charts.week_start_index,
            minimum=charts.daily_minimum, today=charts.today,
        )
        self._draw_burnup(charts)

    @staticmethod
    def _summary(charts: ChartsData) -> str:
        streak = (f"streak {charts.current_streak} (longest {charts.longest_streak}) · "
                  f"habit strength {charts.habit_strength}%")
        return f"{hours(charts.total_hours)} in all · {streak} · {hours(sum(charts.week_hours))} in {WEEKS} weeks"

    def _colour(self, variable: str) -> tuple[int, int, int] | str:
        """A theme colour for plotext (which takes RGB tuples), or a plain colour name."""
        try:
            return Color.parse(self.tracker.theme_color(variable) or "").rgb
        except ColorParseError:
            return "blue"

    def _draw_weekly(self, charts: ChartsData) -> None:
        self.query_one("#weekly-hours", WeekBars).set_weeks(charts.weeks, charts.week_hours)
        this_week = f"this week {hours(charts.week_hours[-1])}" if charts.week_hours else ""
        self.query_one("#weekly-box").border_subtitle = this_week

    def _draw_burnup(self, charts: ChartsData) -> None:
        widget = self.query_one("#burnup", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        if charts.plan_hours <= 0 and not charts.goals:
            plt.title("No resource has planned hours yet: add them on the Plan screen (3)")
            widget.border_subtitle = ""
            widget.refresh()
            return
        first = charts.burnup_days[0] if charts.burnup_days else charts.today
        if charts.burnup_days:
            xs = [(day - first).days for day in charts.burnup_days]
            if charts.plan_hours > 0:
                plt.plot(xs, list(charts.burnup_hours), marker="braille", color=self._colour("success"))
                plt.plot([xs[0], xs[-1]], [charts.plan_hours] * 2, marker="braille", color=self._colour("warning"))
                plt.text(f" plan {hours(charts.plan_hours)} ", xs[0], charts.plan_hours,
                         color=self._colour("warning"), background=self._colour("surface"), alignment="left")
            count = min(4, len(xs))
            picks = sorted({round(i * (len(xs) - 1) / max(1, count - 1)) for i in range(count)})
            plt.xticks([xs[i] for i in picks], [f"{charts.burnup_days[i]:%d %b}" for i in picks])
        # Beside a plan of hundreds of hours a goal of 5 h a week would be a flat line at the
        # bottom: with a plan, the goals have their own scale, on the right.
        side = "right" if charts.plan_hours > 0 else "left"
        for road in charts.goals:
            self._draw_road(road, first, side)
        scales = [("left", max(charts.plan_hours, max(charts.burnup_hours, default=0)) if charts.plan_hours > 0 else 0)]
        if charts.goals:
            scales.append((side, max(max(road.target, *road.hours) for road in charts.goals)))
        for yside, highest in scales:
            top = nice_top(highest)
            plt.ylim(0, top, yside=yside)
            plt.yticks([0, top / 2, top], ["0", f"{top / 2:g}h", f"{top:g}h"], yside=yside)
        widget.border_subtitle = self._burnup_line(charts)
        widget.refresh()

    def _draw_road(self, road: GoalRoad, first: date, side: str) -> None:
        """A goal's road as Beeminder draws it: the line to its target (dotted), the hours done on
        it, and at the last of those its days of buffer."""
        plt = self.query_one("#burnup", PlotextPlot).plt
        color = self._colour("accent" if road.on_track or road.met else "error")
        plt.plot([(road.first - first).days, (road.last - first).days], [road.base, road.target], marker="dot",
                 color=color, yside=side)
        if road.days:
            xs = [(day - first).days for day in road.days]
            plt.plot(xs, list(road.hours), marker="braille", color=color, yside=side)
            plt.text(f" {road.buffer_label} ", xs[-1], road.hours[-1], color=color,
                     background=self._colour("surface"), alignment="right", yside=side)

    @staticmethod
    def _burnup_line(charts: ChartsData) -> str:
        if charts.plan_hours <= 0:
            return "no resource has planned hours · the goals' roads"
        line = f"{hours(charts.done_hours)} of {hours(charts.plan_hours)} planned"
        if charts.reached:
            return f"{line} · plan reached {charts.reached:%d %b %Y}"
        if charts.forecast:
            return f"{line} · at {charts.pace_hours_per_day * 7:.1f}h a week, done {charts.forecast:%d %b %Y}"
        return f"{line} · no recent pace to forecast from"

    # -- the dashboard ---------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dashboard":
            return not self.busy("dashboard")
        return True

    def action_dashboard(self) -> None:
        self.notify("Writing the dashboard…", timeout=3)
        self._write_dashboard()
        self.refresh_bindings()

    @work(thread=True, group="dashboard", exclusive=True, exit_on_error=False, description="Writing the dashboard")
    def _write_dashboard(self) -> tuple[Path, bool]:
        """In a worker thread: the dashboard's file, and whether a browser opened it."""
        # Here, in the worker: the dashboard needs pandas and plotly (about 350 ms to import),
        # which nothing else in the UI loads.
        from tracker.charts.dashboard import make_dashboard

        with self.tracker.journal() as journal:
            dashboard = make_dashboard(
                journal, self.tracker.settings, self.tracker.today(), config.data_directory() / "charts",
                now=self.tracker.now(),
            )
        return dashboard.path, webbrowser.open(dashboard.path.resolve().as_uri())

    def worker_done(self, worker: Worker) -> None:
        if worker.group == "dashboard":
            self._dashboard_written(*worker.result)

    def _dashboard_written(self, path: Path, opened: bool) -> None:
        if opened:
            self.notify(f"Dashboard: {path} (opened in your browser).", timeout=6)
        else:
            self.notify(f"Dashboard: {path}. No browser could be started here: open it yourself.", timeout=10)
        self.refresh_bindings()
