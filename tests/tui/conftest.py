"""Pilot tests: the UI without background work that would race the test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def screens_built_on_demand(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The UI builds its other screens in the background after start-up; a Pilot test would race
    that work, so only tests marked `prepared_screens` (which test it) let it run."""
    if not request.node.get_closest_marker("prepared_screens"):
        monkeypatch.setattr("tracker.tui.app.TrackerApp.PREPARE_SCREENS", False)
