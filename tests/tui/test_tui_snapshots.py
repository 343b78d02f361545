"""Snapshots of the main screens on the sample journal at 80x24, with the clock fixed.

The sample journal ends on 2026-11-22 and "now" is Saturday 2026-11-21, 18:30 UTC, so these show
a realistic day. After an intended change of a screen, review the new picture and accept it with
`pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.clock import NOW  # noqa: E402
from testkit.journals import load_sample  # noqa: E402

pytest.importorskip("pytest_textual_snapshot")

from tracker.config import Settings  # noqa: E402


@pytest.fixture
def sample_app(tmp_path: Path):
    """The app factory on a fresh copy of the sample journal (its dates as written: no shift)."""
    from tracker.tui.app import make_app

    def build(settings: Settings | None = None):
        path = load_sample(tmp_path / "sample.db")
        return make_app(str(path), settings or Settings(), now=NOW)

    return build


async def _loaded(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_today_screen(snap_compare, sample_app) -> None:
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=_loaded)


def test_today_screen_in_the_light_theme(snap_compare, sample_app) -> None:
    assert snap_compare(sample_app(Settings(theme="light")), terminal_size=(80, 24), run_before=_loaded)


def test_plan_screen(snap_compare, sample_app) -> None:
    async def open_plan(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("escape", "3")
        await _loaded(pilot)

    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=open_plan)
