"""Pilot tests: the UI without background work that would race the test, and without a blinking
cursor."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def screens_built_on_demand(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The UI builds its other screens in the background after start-up; a Pilot test would race
    that work, so only tests marked `prepared_screens` (which test it) let it run."""
    if not request.node.get_closest_marker("prepared_screens"):
        monkeypatch.setattr("tracker.tui.app.TrackerApp.PREPARE_SCREENS", False)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor stays drawn: a blink would make a screenshot depend on when it was taken."""
    from tracker.tui.compat import cursor_blinks

    for widget_class, toggle in cursor_blinks():
        monkeypatch.setattr(widget_class, toggle, lambda self: None)


@pytest.fixture
def cli(journal_location: str):
    """Run `tracker --db <tmp journal> ARGS...`; returns the typer Result (stdout, stderr split).
    For the tests that check a form and the command line give the same answer."""
    from testkit.cli import run_tracker

    def invoke(*args: str, db: Path | str | None = journal_location, input: str | None = None):
        return run_tracker(db, *args, input=input)

    return invoke
