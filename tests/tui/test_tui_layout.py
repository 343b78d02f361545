"""Pilot tests of the layout (issue 12, item 9): tables reflow when the terminal is resized, the
habit calendar's month names fit at every width and it has a legend, notifications hide no row."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.journals import load_sample
from testkit.tui import drawn_text, pilot_test, settle, tracker_app


def column_text(table, key: str) -> list[str]:
    return [cell.plain for cell in table.get_column(key)]


@pilot_test
async def test_plan_titles_grow_and_shrink_with_the_terminal(db_path: Path) -> None:
    app = tracker_app(load_sample(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "3")
        await settle(pilot)
        at_80 = column_text(app.screen.table, "title")
        assert any(title.startswith("CS231n: Deep") and title.endswith("…") for title in at_80)
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert "CS231n: Deep Learning for Computer Vision" in column_text(app.screen.table, "title")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        table = app.screen.table
        assert column_text(table, "title") == at_80
        assert table.virtual_size.width <= table.scrollable_content_region.width


@pilot_test
async def test_journal_notes_follow_a_resize_made_on_another_screen(db_path: Path) -> None:
    app = tracker_app(load_sample(db_path))
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        wide = column_text(app.screen.session_table, "note")
        await pilot.press("3")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.session_table
        narrow = column_text(table, "note")
        assert max(map(len, narrow)) < max(map(len, wide))
        assert min(len(note) for note in narrow if note.endswith("…")) >= 15  # not "Re-read ch"
        assert table.virtual_size.width <= table.scrollable_content_region.width
        # Each column as wide as its cells now, not as they were at 120 columns.
        assert table.columns[next(k for k in table.columns if k.value == "topic")].content_width <= 14


@pytest.mark.parametrize("width", [80, 90, 100, 110, 120, 160, 200])
@pytest.mark.parametrize("today", [date(2026, 11, 21), date(2026, 12, 1), date(2026, 12, 31)])
@pilot_test
async def test_calendar_month_names_fit_and_a_legend_says_minutes(db_path: Path, width: int, today: date) -> None:
    from tracker.charts.terminal import CalendarDay
    from tracker.tui.widgets.calendar_grid import CalendarGrid

    app = tracker_app(db_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "7")
        await settle(pilot)
        grid = app.screen.query_one(CalendarGrid)
        first = today - timedelta(days=today.weekday() + 7 * 15)
        days = [CalendarDay(first + timedelta(days=n), 0, "none") for n in range((today - first).days + 1)]
        grid.set_days(days, first, 16, week_start_index=0, minimum=30, today=today)
        await pilot.pause()
        lines = drawn_text(grid).splitlines()
        assert len(lines) == 9 and lines[1].startswith("Mo")  # months, 7 weekdays, legend: no wrapped line
        if today.month == 12:
            assert "Dec" in lines[0]
        assert "min" in lines[-1] and "rest" in lines[-1] and "30+" in lines[-1]


@pilot_test
async def test_a_notification_takes_one_line_on_the_bottom_border(db_path: Path) -> None:
    from textual.widgets._toast import Toast

    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Logged 45m of CNNs on 2026-11-21")
        await pilot.pause(0.2)
        toast = app.screen.query_one(Toast)
        assert toast.region.height == 1
        assert toast.region.y == 22  # the bottom panel's border line, above the key bar


@pilot_test
async def test_a_note_gets_the_room_short_topics_leave(db_path: Path) -> None:
    """A short topic and no resource leave their share to the note, which is not cut while the
    table has room for it."""
    from tracker import study
    from tracker.store import open_journal
    from testkit.clock import TODAY

    note = "Scaled dot-product attention in NumPy with a causal mask and shapes checked"
    with open_journal(str(db_path)) as journal:
        study.log_session(journal, minutes=50, topic="RNNs", day=TODAY, note=note, today=TODAY)
    app = tracker_app(db_path)
    async with app.run_test(size=(130, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#today-sessions")
        assert column_text(table, "note") == [note]
        assert table.virtual_size.width <= table.scrollable_content_region.width
