"""Pilot tests: learner text with escape sequences or Textual markup is shown as typed, harmlessly.

A note holding ESC [2J would blank a real terminal and ESC ]0; rename its window; what the UI
draws must hold no control character at all, only their stand-ins (tracker.display). Brackets in a
name are text, in tables and in notifications alike.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import TODAY  # noqa: E402
from testkit.tui import drawn_text, pilot_test, settle, tracker_app, type_text  # noqa: E402

from tracker import study  # noqa: E402
from tracker.store import open_journal  # noqa: E402

HOSTILE = "note \x1b[2J\x1b]0;owned\x07 end"
SHOWN = "note ␛[2J␛]0;owned␇ end"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def add_session(db_path: Path, **extra) -> dict:
    with open_journal(str(db_path)) as journal:
        return study.log_session(journal, minutes=40, topic="Activations", day=TODAY, **extra).session


def screen_text(app) -> str:
    """Everything the app would draw now, as the text of its screenshot."""
    return app.export_screenshot()


@pilot_test
async def test_today_and_journal_show_a_hostile_note_harmlessly(db_path: Path) -> None:
    from tracker.tui.dialogs.form_dialog import FormDialog

    add_session(db_path, note=HOSTILE, resource="CS231n")
    app = tracker_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.screen.NAME == "today"
        table = drawn_text(app.screen.session_table)
        assert SHOWN in table and "CS231n" in table  # the row is drawn whole, not blanked
        assert not CONTROL.search(screen_text(app))

        await pilot.press("escape", "2")
        await settle(pilot)
        assert app.screen.NAME == "journal"
        assert SHOWN in drawn_text(app.screen.session_table)
        assert not CONTROL.search(screen_text(app))

        await pilot.press("e")  # the edit dialog shows the note's stand-ins and keeps the note itself
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.form.values()["note"] == HOSTILE
        assert "␛[2J" in drawn_text(dialog.query_one("#field-note"))
        assert not CONTROL.search(screen_text(app))


@pilot_test
async def test_brackets_in_a_topic_are_text_in_the_table_and_the_notification(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        await type_text(pilot, "10m")
        await pilot.press("tab")
        await type_text(pilot, "[/] and [x]")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "[b]bold[/b]\n")
        await settle(pilot)
        with open_journal(str(db_path)) as journal:
            assert [(s["topic"], s["note"]) for s in study.list_sessions(journal)] == [("[/] and [x]", "[b]bold[/b]")]
        assert "[/] and [x]" in drawn_text(app.screen.session_table)
        toasts = app.screen.query("Toast")
        assert toasts, "no notification shown"
        assert any("Logged 10m of [/] and [x]" in drawn_text(toast) for toast in toasts)


@pilot_test
async def test_a_notification_shows_control_characters_as_stand_ins(db_path: Path) -> None:
    app = tracker_app(db_path)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        app.screen.notify(f"Saved {HOSTILE}")
        await settle(pilot)
        toasts = app.screen.query("Toast")
        assert any(SHOWN in drawn_text(toast) for toast in toasts)
        assert not CONTROL.search(screen_text(app))

