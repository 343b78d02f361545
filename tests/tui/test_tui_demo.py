"""Pilot test: the demo journal opens on Today with the habit strength, the sample's weekly goal and
the timer the demo started, all at once (the fixed "now" is the sample's last Saturday, 18:30 UTC:
no shift, 350 minutes so far this week, the timer 20 minutes old on Friday's last topic)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW, TODAY  # noqa: E402
from testkit.tui import drawn_text, pilot_test, settle  # noqa: E402

from tracker.config import Settings  # noqa: E402
from tracker.sample import make_demo_journal  # noqa: E402


@pilot_test
async def test_the_demo_opens_on_today_with_strength_goal_and_a_running_timer(tmp_path: Path) -> None:
    from tracker.tui.app import make_app

    path = make_demo_journal(tmp_path, TODAY, now=NOW, settings=Settings())
    app = make_app(str(path), Settings(), now=NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = "\n".join(drawn_text(widget) for widget in app.screen.query("Static"))
        assert "strength 89%" in shown
        assert "5.83 h of 5 h this week: met" in shown
        assert "Reinforcement learning" in drawn_text(app.screen.query_one("#timer-line"))
