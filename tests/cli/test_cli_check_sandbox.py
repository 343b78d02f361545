"""`tracker check sandbox` says where learner code runs; a run without a sandbox says so too."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tracker.checkpoints import find_checkpoint, learner_file
from tracker.checkpoints.sandbox import bwrap_problem


@pytest.mark.skipif(bwrap_problem() is not None, reason=f"no bubblewrap sandbox: {bwrap_problem()}")
def test_sandbox_names_bubblewrap_and_what_the_code_sees(cli, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_SANDBOX", "auto")
    result = cli("check", "sandbox")
    assert result.exit_code == 0
    assert "Sandbox: bubblewrap" in result.stdout and "no network" in result.stdout
    assert "Hidden from it: the journal" in result.stdout


def test_sandbox_says_when_there_is_none(cli, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_SANDBOX", "none")
    result = cli("check", "sandbox")
    assert result.exit_code == 0
    assert "Sandbox: none ($TRACKER_SANDBOX=none)" in result.stdout and "install bubblewrap" in result.stdout.lower()


def test_a_wrong_sandbox_choice_is_one_line(cli, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_SANDBOX", "docker")
    result = cli("check", "sandbox")
    assert result.exit_code == 2
    assert "not one of: auto, bwrap, none" in result.stderr


def test_an_unsandboxed_run_says_so_and_is_recorded_as_such(cli, tmp_path: Path, db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_SANDBOX", "none")
    workspace = tmp_path / "ws"
    cli("check", "init", str(workspace))
    checkpoint = find_checkpoint("activations")
    shutil.copyfile(checkpoint.reference_file, learner_file(workspace, checkpoint))
    result = cli("check", "run", "activations", "--workspace", str(workspace))
    assert result.exit_code == 0
    assert "had no sandbox" in result.stdout
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT passed, sandbox FROM checkpoint_run").fetchall() == [(1, "none")]


def test_a_visible_folder_inside_the_home_folder_is_named_as_the_exception(tmp_path, monkeypatch) -> None:
    """Python under the home folder (pyenv) is visible, read-only: "your home folder" is hidden but for it."""
    from tracker.checkpoints.sandbox import Sandbox, describe

    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    inside, outside = str(tmp_path / ".pyenv" / "versions" / "3.11.7"), "/opt/python"
    lines = describe(Sandbox("bwrap", "test", (inside, outside), ()), 10, 1024, 16)
    hides = next(line for line in lines if line.startswith("Hidden from it"))
    assert f"your home folder (but for {inside}, read-only" in hides and outside not in hides
    plain = describe(Sandbox("bwrap", "test", (outside,), ()), 10, 1024, 16)
    assert "Hidden from it: the journal, your home folder, tracker's package." in plain
