"""Re-checks adapt to how a pass went: `tracker check hint` is noted, and the pass after it is "hard"."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tracker.checkpoints import find_checkpoint, learner_file


def passed_activations(cli, workspace: Path) -> dict:
    cli("check", "init", str(workspace))
    checkpoint = find_checkpoint("activations")
    shutil.copyfile(checkpoint.reference_file, learner_file(workspace, checkpoint))
    result = cli("check", "run", "activations", "-w", str(workspace))
    assert result.exit_code == 0, result.output
    return {r["name"]: r for r in json.loads(cli("check", "list", "--json").stdout)}["activations"]


def test_a_hint_is_recorded_and_the_pass_after_it_is_hard(cli, tmp_path: Path, db_path: Path) -> None:
    shown = cli("check", "hint", "activations")
    assert shown.exit_code == 0 and "## Hint" in shown.stdout
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT checkpoint, kind FROM checkpoint_event").fetchall() == [("activations", "hint")]
    row = passed_activations(cli, tmp_path / "ws")
    assert (row["state"], row["rating"], row["due"]) == ("passed", "hard", "2026-11-22")


def test_a_pass_without_help_is_good_and_waits_longer(cli, tmp_path: Path) -> None:
    row = passed_activations(cli, tmp_path / "ws")
    assert row["rating"] == "good" and row["due"] > "2026-11-22"


def test_a_hint_for_an_unknown_checkpoint_writes_nothing(cli, db_path: Path) -> None:
    result = cli("check", "hint", "nope")
    assert result.exit_code == 2 and "no checkpoint 'nope'" in result.stderr
    assert not db_path.exists()  # the name is checked before the journal is opened
