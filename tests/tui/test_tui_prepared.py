"""The UI builds its other screens in the background after start-up (as it does for learners): the
learner keeps typing on Today meanwhile, a first visit still shows what the journal holds now,
and quitting halfway is clean."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.clock import TODAY  # noqa: E402
from testkit.journals import load_sample  # noqa: E402
from testkit.tui import pilot_test, tracker_app  # noqa: E402

from tracker import study  # noqa: E402
from tracker.store import open_journal  # noqa: E402

pytestmark = pytest.mark.prepared_screens


@pytest.fixture(autouse=True)
def short_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building starts 0.2 s after the last key rather than 0.8 s: still well after the keys
    these tests press at start-up, and less of each test spent waiting."""
    monkeypatch.setattr("tracker.tui.app.IDLE_BEFORE_BUILDING", 0.2)


@pytest.fixture(autouse=True)
def unfreeze_after():
    """The app freezes its objects out of the garbage collector once it has built its screens;
    give them back, so the tests that follow don't carry this app's objects."""
    yield
    gc.unfreeze()



async def prepared(pilot) -> None:
    """Until every screen is built (the background work is an app worker)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pilot_test
async def test_every_screen_is_built_while_today_keeps_the_keys(db_path: Path) -> None:
    from tracker.tui.screens import SCREENS

    load_sample(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2", "5", "m")  # typed while the other screens are being built
        await prepared(pilot)

        assert set(app.screens_built) == {entry.name for entry in SCREENS}
        assert app.screen.NAME == "today"
        assert app.focused.id == "field-duration"
        assert app.screen.form.values()["duration"] == "25m"
        # Each was read and drawn once, off screen.
        for entry in SCREENS[1:]:
            assert app.screens_built[entry.name].data is not None, entry.name


@pilot_test
async def test_a_first_visit_shows_what_the_command_line_wrote_meanwhile(db_path: Path) -> None:
    load_sample(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prepared(pilot)
        journal_screen = app.screens_built["journal"]
        assert "Meanwhile" not in {row["topic"] for row in journal_screen.data.sessions}

        with open_journal(str(db_path)) as journal:  # as `tracker log` does while the UI is open
            study.log_session(journal, minutes=20, topic="Meanwhile", day=TODAY)
        await pilot.press("escape", "2")
        await prepared(pilot)

        assert app.screen is journal_screen
        assert "Meanwhile" in {row["topic"] for row in journal_screen.data.sessions}
        assert "Meanwhile" in {str(cell) for row in journal_screen.session_table.rows
                               for cell in journal_screen.session_table.get_row(row)}


@pilot_test
async def test_quitting_while_screens_are_built_ends_cleanly(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    load_sample(db_path)
    app = tracker_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert "unexpected error" not in capsys.readouterr().err
