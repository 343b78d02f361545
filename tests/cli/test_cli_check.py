"""`tracker check`: init, run (recorded in the journal), list with re-checks, hint, note blocks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tracker.checkpoints import find_checkpoint, learner_file, load_curriculum


def test_init_writes_stubs_and_never_overwrites(cli, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    result = cli("check", "init", str(workspace))
    count = len(load_curriculum())
    assert result.exit_code == 0 and f"Wrote {count} stubs" in result.stdout
    mine = learner_file(workspace, find_checkpoint("activations"))
    mine.write_text("# my work\n")
    again = cli("check", "init", str(workspace))
    assert "Wrote 0 stubs" in again.stdout and f"kept {count}" in again.stdout
    assert mine.read_text() == "# my work\n"


def test_a_run_is_recorded_and_a_pass_schedules_a_recheck(cli, tmp_path: Path, db_path: Path, monkeypatch) -> None:
    workspace = tmp_path / "ws"
    cli("check", "init", str(workspace))
    failing = cli("check", "run", "activations", "--workspace", str(workspace))
    assert failing.exit_code == 1
    assert "FAIL activations" in failing.stdout and "not written yet" in failing.stdout
    checkpoint = find_checkpoint("activations")
    shutil.copyfile(checkpoint.reference_file, learner_file(workspace, checkpoint))
    passing = cli("check", "run", str(checkpoint.order), "-w", str(workspace))
    assert passing.exit_code == 0, passing.output
    assert "1 of 1 passed" in passing.stdout
    rows = {r["name"]: r for r in json.loads(cli("check", "list", "--json").stdout)}
    assert rows["activations"]["state"] == "passed"
    assert rows["activations"]["due"] == "2026-11-22"  # the first run failed ("again"); the pass was practice
    assert rows["losses"]["state"] == "never run"
    monkeypatch.setenv("TRACKER_NOW", "2026-11-23T09:00:00+00:00")
    later = {r["name"]: r for r in json.loads(cli("check", "list", "--json").stdout)}
    assert later["activations"]["state"] == "re-check due"
    stats = json.loads(cli("stats", "--json").stdout)
    assert any(item["kind"] == "checkpoints" and item["count"] == 1 for item in stats["due"])
    rerun = cli("check", "run", "--due", "-w", str(workspace))
    assert rerun.exit_code == 0 and "PASS activations" in rerun.stdout
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        runs = conn.execute("SELECT checkpoint, passed, length(code_hash) FROM checkpoint_run ORDER BY id").fetchall()
    assert runs == [("activations", 0, 64), ("activations", 1, 64), ("activations", 1, 64)]


def test_markdown_blocks_run_and_fail_with_their_line(cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Sigmoid\n\n```python checkpoint\nimport numpy as np\nassert np.isclose(1 / (1 + np.exp(0)), 0.5)\n```\n\n"
        "```python checkpoint\nassert 1 + 1 == 3, 'arithmetic is hard'\n```\n"
    )
    result = cli("check", "run", "--file", str(notes))
    assert result.exit_code == 1
    assert "PASS" in result.stdout and "arithmetic is hard" in result.stdout
    assert "1 of 2 passed" in result.stdout


def test_bad_check_input_is_one_line(cli, tmp_path: Path) -> None:
    unknown = cli("check", "run", "nope", "-w", str(tmp_path))
    assert unknown.exit_code == 2 and "no checkpoint 'nope'" in unknown.stderr
    empty = cli("check", "run", "activations", "-w", str(tmp_path))
    assert empty.exit_code == 2 and "tracker check init" in empty.stderr
    no_blocks = tmp_path / "plain.md"
    no_blocks.write_text("# nothing to run\n")
    assert cli("check", "run", "--file", str(no_blocks)).exit_code == 2


def test_hint_shows_the_explanation_and_the_hint(cli) -> None:
    result = cli("check", "hint", "activations")
    assert result.exit_code == 0
    assert "## Hint" in result.stdout and "sigmoid" in result.stdout.lower()


def test_a_relative_workspace_works(cli, tmp_path: Path, monkeypatch) -> None:
    """The child runs in its own scratch folder: a relative path must still find the learner's file."""
    monkeypatch.chdir(tmp_path)
    cli("check", "init", "ws")
    checkpoint = find_checkpoint("activations")
    shutil.copyfile(checkpoint.reference_file, learner_file(Path("ws"), checkpoint))
    result = cli("check", "run", "activations", "-w", "ws")
    assert result.exit_code == 0, result.output
    assert "PASS activations" in result.stdout
