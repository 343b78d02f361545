"""The Checkpoints screen keeps a hint behind h, and notes each opening for the re-check schedule."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import NOW  # noqa: E402
from testkit.tui import pilot_test, settle  # noqa: E402

from tracker.config import Settings  # noqa: E402
from tracker.errors import Msg  # noqa: E402
from tracker.store import open_journal  # noqa: E402


def events(db_path: Path) -> list[tuple]:
    with open_journal(str(db_path)) as journal:
        return [(r["checkpoint"], r["kind"], r["at"]) for r in journal.rows("SELECT * FROM checkpoint_event")]


@pilot_test
async def test_h_shows_the_hint_and_notes_it_once(db_path: Path) -> None:
    from tracker.tui.app import make_app

    app = make_app(str(db_path), Settings(), now=NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "8")
        await settle(pilot)
        screen = app.screen
        first = screen.selected()["name"]
        hint = screen.query_one("#hint")
        assert "## Hint" not in hint.source and "Press h" in Msg.HINT_KEY.value and "Press h" in hint.source
        await pilot.press("down")  # browsing the list opens no hint
        await pilot.pause()
        assert events(db_path) == []
        await pilot.press("up", "h")
        await settle(pilot)
        assert "## Hint" in screen.query_one("#hint").source
        await pilot.press("h")  # already open: not noted again
        await settle(pilot)
        assert events(db_path) == [(first, "hint", "2026-11-21T18:30:00Z")]
