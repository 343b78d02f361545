"""Pilot tests: Today's streak line and the Charts screen's summary show the habit strength that
`tracker stats` computes (Today's line fits 80 columns) (its rule is tested with hand-computed values in tests/unit)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW, TODAY  # noqa: E402
from testkit.journals import blank_journal  # noqa: E402
from testkit.tui import pilot_test, settle  # noqa: E402

from tracker.config import Settings  # noqa: E402
from tracker.store import open_journal  # noqa: E402


@pilot_test
async def test_today_and_charts_show_the_habit_strength(db_path: Path) -> None:
    from textual.widgets import Static

    from tracker.study import log_session
    from tracker.tui.app import make_app

    blank_journal(db_path)
    with open_journal(str(db_path)) as journal:
        for back in range(1, 31):                      # a perfect month up to yesterday: 80%
            log_session(journal, minutes=30, topic="Backprop", day=TODAY - timedelta(days=back))
    app = make_app(str(db_path), Settings(), now=NOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#streak", Static).content)
        assert line == "Streak 30 days (longest 30) · strength 80% · 15 h on 30 days · today to do"
        await pilot.press("escape", "7")
        await settle(pilot)
        assert app.screen.NAME == "charts"
        assert "habit strength 80%" in str(app.screen.query_one("#charts-summary", Static).content)
