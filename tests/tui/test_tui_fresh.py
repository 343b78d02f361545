"""Pilot tests of the one change signal: what a screen shows is the journal as it is now, after a
write from this UI, from another screen, or from another process (SQLite's data_version, or a
server journal's write count)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.paths import REPO  # noqa: E402
from testkit.journals import blank_journal  # noqa: E402
from testkit.tui import pilot_test, settle, tracker_app, wait_until  # noqa: E402

from tracker import study  # noqa: E402
from tracker.store import open_journal  # noqa: E402

POST_FILE = "2026-11-16-my-week-in-ml.md"
BEFORE = "1.8 hours over 3 sessions"
AFTER = "2 hours over 4 sessions"


def three_sessions(location: Path | str) -> None:
    """Three sessions in the fixed week (2026-W47): 108 minutes, "1.8 hours over 3 sessions"."""
    if "://" not in str(location):
        blank_journal(Path(location))
    with open_journal(str(location)) as journal:
        for minutes, day in ((30, 16), (38, 17), (40, 18)):
            study.log_session(journal, minutes=minutes, topic="CNNs", day=date(2026, 11, day))


def log_elsewhere(location: Path | str, minutes: int = 15) -> None:
    """As `tracker log` does while the UI is open: another connection, another transaction."""
    with open_journal(str(location)) as journal:
        study.log_session(journal, minutes=minutes, topic="CNNs", day=date(2026, 11, 21))


def preview(app) -> str:
    return app.screen.query_one("#week-preview-md").source


@pytest.fixture
def no_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """No polling of data_version: what is tested is the signal of this process's own writes, or
    the refresh key."""
    monkeypatch.setattr("tracker.tui.freshness.POLL_SECONDS", 3600.0)


async def log_in_today(pilot, duration: str) -> None:
    today = pilot.app.screen
    assert today.NAME == "today"
    today.form.set_values({"duration": duration, "topic": "CNNs"})
    today.form.focus_field("topic")
    await pilot.press("enter")
    await settle(pilot)


async def write_post(pilot, folder: Path) -> Path:
    await pilot.press("ctrl+o")
    await settle(pilot)
    dialog = pilot.app.screen
    dialog.form.set_values({"folder": str(folder)})
    dialog.form.focus_field("folder")
    await pilot.press("enter")
    await settle(pilot)
    return folder / POST_FILE


@pilot_test
async def test_a_session_logged_in_today_is_in_the_week_preview_and_the_post(
    db_path: Path, tmp_path: Path, cli, no_poll: None,
) -> None:
    three_sessions(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "6")
        await settle(pilot)
        assert BEFORE in preview(app)
        await pilot.press("1")
        await settle(pilot)
        await log_in_today(pilot, "15m")
        await pilot.press("escape", "6")
        await settle(pilot)
        assert AFTER in preview(app) and BEFORE not in preview(app)
        written = await write_post(pilot, tmp_path / "_posts")
        assert AFTER in written.read_text()
    assert AFTER in cli("week").stdout


@pilot_test
async def test_the_post_written_is_the_journal_at_write_time(db_path: Path, tmp_path: Path, no_poll: None) -> None:
    """Even when the preview could not know yet (no poll here): ctrl+o composes from the journal."""
    three_sessions(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "6")
        await settle(pilot)
        log_elsewhere(db_path)
        written = await write_post(pilot, tmp_path / "_posts")
        assert AFTER in written.read_text()


@pilot_test
async def test_the_refresh_key_brings_the_week_preview_up_to_date(journal_location: str, no_poll: None) -> None:
    three_sessions(journal_location)
    app = tracker_app(journal_location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "6")
        await settle(pilot)
        log_elsewhere(journal_location)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert AFTER in preview(app)


@pilot_test
async def test_a_write_from_another_process_shows_on_the_current_screen(journal_location: str) -> None:
    three_sessions(journal_location)
    app = tracker_app(journal_location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "6")
        await settle(pilot)
        log_elsewhere(journal_location)
        await wait_until(pilot, lambda: AFTER in preview(app), timeout=3)  # the poll runs every second
        await pilot.press("2")
        await settle(pilot)
        log_elsewhere(journal_location, minutes=7)
        journal_screen = app.screen
        await wait_until(pilot, lambda: 7 in [row["minutes"] for row in journal_screen.data.sessions], timeout=3)


@pilot_test
@pytest.mark.prepared_screens
async def test_a_screen_built_ahead_shows_the_journal_of_its_first_visit(
    db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    monkeypatch.setattr("tracker.tui.app.IDLE_BEFORE_BUILDING", 0.2)
    app = tracker_app(db_path)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert "week" in app.screens_built
            three_sessions(db_path)  # after Week was built ahead, before its first visit
            await pilot.press("escape", "6")
            await settle(pilot)
            assert BEFORE in preview(app)
            assert "A quiet week" not in preview(app)
    finally:
        gc.unfreeze()


@pilot_test
async def test_a_checkpoint_run_again_is_not_left_running(db_path: Path, tmp_path: Path) -> None:
    from textual.widgets import Input

    folder = tmp_path / "workspace"
    folder.mkdir()
    shutil.copy(REPO / "tracker" / "checkpoints" / "curriculum" / "03_activations" / "reference.py",
                folder / "03_activations.py")
    app = tracker_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "8")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#workspace", Input).value = str(folder)
        row = screen.table.get_row_index("activations")
        screen.table.move_cursor(row=row)
        await pilot.pause()
        for _ in range(2):  # the second run finds the same state: "passed" again
            await pilot.press("r")
            await settle(pilot)
            assert str(screen.table.get_row_at(row)[2]) == "passed"
