"""Shared fixtures: a fixed "now", no real user directories, a temporary journal, a CLI runner."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

#: Saturday of ISO week 2026-W47; the sample journal's last week.
FIXED_NOW = "2026-11-21T18:30:00+00:00"
FIXED_TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and config folders and the same fixed time."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("TRACKER_NOW", FIXED_NOW)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.delenv("TRACKER_DEBUG", raising=False)
    return home


@pytest.fixture(autouse=True)
def screens_built_on_demand(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The UI builds its other screens in the background after start-up; a Pilot test would race
    that work, so only tests marked `prepared_screens` (which test it) let it run."""
    if "tui" in request.module.__name__ and not request.node.get_closest_marker("prepared_screens"):
        monkeypatch.setattr("tracker.tui.app.TrackerApp.PREPARE_SCREENS", False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def journal(db_path: Path):
    from tracker.store import open_journal

    with open_journal(str(db_path)) as handle:
        yield handle


@pytest.fixture
def cli(db_path: Path):
    """Run `tracker --db <tmp journal> ARGS...`; returns the typer Result (stdout, stderr split)."""
    from typer.testing import CliRunner

    from tracker.cli.main import app

    runner = CliRunner()

    def invoke(*args: str, db: Path | None = db_path, input: str | None = None):
        prefix = ["--db", str(db)] if db is not None else []
        return runner.invoke(app, [*prefix, *args], input=input)

    return invoke


@pytest.fixture
def settings():
    from tracker.config import Settings

    return Settings()
