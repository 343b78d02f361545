"""Pilot tests of the Charts screen on the sample journal: the three charts, and `o` for the dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW, TODAY  # noqa: E402
from testkit.journals import load_sample  # noqa: E402
from testkit.tui import Messages, pilot_test, settle  # noqa: E402

from tracker import study  # noqa: E402
from tracker.config import Settings  # noqa: E402
from tracker.store import open_journal  # noqa: E402


@pytest.fixture
def sample_db(db_path: Path) -> Path:
    return load_sample(db_path)


def level_at(grid, day: date) -> str | None:
    """The level the calendar draws for a day; None when the day is not in the grid."""
    return next((shown.level for shown in grid.days if shown.day == day), None)


def minutes_between(db_path: Path, start: date, end: date) -> int:
    with open_journal(str(db_path)) as journal:
        return sum(row["minutes"] for row in study.list_sessions(journal, start, end))


@pilot_test
async def test_the_three_charts_show_the_sample_journal(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual_plotext import PlotextPlot

    from tracker.tui.app import make_app
    from tracker.tui.screens.charts import ChartsScreen
    from tracker.tui.widgets.calendar_grid import CalendarGrid
    from tracker.tui.widgets.week_bars import WeekBars

    reads = []
    fetch = ChartsScreen.fetch
    monkeypatch.setattr(ChartsScreen, "fetch", lambda self, journal: reads.append(1) or fetch(self, journal))
    app = make_app(str(sample_db), Settings(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "7")
        await settle(pilot)
        screen = app.screen
        assert screen.NAME == "charts" and len(reads) == 1  # a first visit reads once
        charts = screen.data

        # Weekly hours: sixteen weeks ending with this one (Monday 2026-11-16), as the journal has them.
        bars = screen.query_one("#weekly-hours", WeekBars)
        assert len(bars.hours) == 16 and bars.starts[-1] == date(2026, 11, 16)
        assert bars.hours[-1] == pytest.approx(minutes_between(sample_db, date(2026, 11, 16), TODAY) / 60, abs=0.01)
        assert bars.hours[-3] == pytest.approx(
            minutes_between(sample_db, date(2026, 11, 2), date(2026, 11, 8)) / 60, abs=0.01)
        assert bars.hours[0] == 0  # 2026-08-03, before the journal starts
        assert "this week" in str(screen.query_one("#weekly-box").border_subtitle)

        # The calendar colours each day by its minutes against the 30-minute minimum.
        grid = screen.query_one("#calendar", CalendarGrid)
        day_minutes = {}
        with open_journal(str(sample_db)) as journal:
            for row in study.list_sessions(journal, date(2026, 8, 3), TODAY):
                day_minutes[row["day"]] = day_minutes.get(row["day"], 0) + row["minutes"]
        for text, minutes in day_minutes.items():
            expected = ("quadruple" if minutes >= 120 else "double" if minutes >= 60 else "met" if minutes >= 30
                        else "under")
            assert level_at(grid, date.fromisoformat(text)) == expected, text
        assert level_at(grid, date(2026, 8, 3)) == "none"
        assert level_at(grid, TODAY + timedelta(days=1)) is None  # the future is not drawn
        assert "Sep" in grid.render().plain

        # Hours on the plan: cumulative, rising to what the plan service says was spent on planned resources.
        assert charts.plan_hours > charts.done_hours > 0
        assert list(charts.burnup_hours) == sorted(charts.burnup_hours)
        assert charts.burnup_hours[-1] == pytest.approx(charts.done_hours, abs=0.01)
        assert charts.burnup_days[-1] == TODAY
        assert f"of {round(charts.plan_hours)}h planned" in str(screen.query_one("#burnup").border_subtitle)
        assert screen.query_one("#burnup", PlotextPlot).render().plain.strip()


@pilot_test
async def test_o_writes_the_dashboard_and_opens_it(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    from tracker import config
    from tracker.tui.app import make_app

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: opened.append(url) or True)
    messages = Messages()
    app = make_app(str(sample_db), Settings(), now=NOW)
    async with app.run_test(size=(80, 24), message_hook=messages) as pilot:
        await settle(pilot)
        await pilot.press("escape", "7")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        path = config.data_directory() / "charts" / "dashboard.html"
        assert path.is_file() and "plotly" in path.read_text()[:200_000].lower()
        assert opened == [path.resolve().as_uri()]
        assert f"Dashboard: {path} (opened in your browser)." in messages.notifications()
        assert app.screen.check_action("dashboard", ())  # o works again
