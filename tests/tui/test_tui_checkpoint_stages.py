"""The Checkpoints screen's list follows the path: a stage is named on its first row, and each
checkpoint shows how many checks passed at its last run."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from testkit.tui import pilot_test, settle, tracker_app  # noqa: E402

from tracker.store import open_journal  # noqa: E402


@pilot_test
async def test_the_list_is_grouped_by_stage_with_checks_passed(db_path: Path) -> None:
    with open_journal(str(db_path)) as journal:
        journal.execute(
            "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, checks_passed, "
            "checks_total, created_at, updated_at) VALUES ('losses', 0, 'check failed', 0.1, 'x', "
            "'2026-11-20T10:00:00Z', 4, 6, 'x', 'x')"
        )
    app = tracker_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "8")
        await settle(pilot)
        table = app.screen.table

        def cells(name: str) -> list[str]:
            return [str(cell) for cell in table.get_row_at(table.get_row_index(name))]

        assert cells("broadcasting")[4] == "Foundations" and cells("gradient_descent")[4] == ""
        assert cells("activations")[4] == "Neural networks" and cells("maml")[4] == "Meta-learning"
        assert cells("losses")[2:4] == ["failing", "4 of 6"]
        assert cells("mlp")[3] == ""  # never run: blank, not "0 of N"
        await pilot.resize_terminal(80, 24)  # no room for the stage: its column goes, the rest stays
        await settle(pilot)
        assert "stage" not in table.columns and cells("losses")[2:4] == ["failing", "4 of 6"]
