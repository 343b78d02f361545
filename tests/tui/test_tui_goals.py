"""Today shows each goal's target against actual (issue 15, item 2)."""

from __future__ import annotations

from pathlib import Path

from testkit.tui import TODAY, pilot_test, settle, tracker_app
from textual.widgets import Static

from tracker import goals, study
from tracker.store import open_journal


@pilot_test
async def test_today_shows_the_goals_and_hides_the_line_without_any(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#goals", Static).display
    with open_journal(str(db_path)) as journal:
        study.log_session(journal, minutes=90, topic="Calculus", day=TODAY, today=TODAY)
        goals.add_goal(journal, "weekly-hours", target="5", today=TODAY)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#goals", Static)
        assert line.display and str(line.content) == "Goal: 1.5 h of 5 h this week: behind"
