"""`tracker check pack ...`, `check solution`, `check reset` and the list grouped by stage."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from testkit.packs import write_pack

from tracker.checkpoints import find_checkpoint, learner_file


def test_a_pack_made_here_is_added_run_validated_and_removed(cli, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "tiny-pack")
    added = cli("check", "pack", "add", str(pack))
    assert added.exit_code == 0 and "Added pack tiny 0.1: 1 checkpoints" in added.stdout
    listed = {row["id"]: row for row in json.loads(cli("check", "pack", "list", "--json").stdout)}
    assert listed["tiny"]["source"] == "added" and listed["builtin"]["checkpoints"] >= 14
    workspace = tmp_path / "ws"
    cli("check", "init", str(workspace))
    mine = workspace / "tiny__01_double.py"
    shutil.copyfile(pack / "01_double" / "reference.py", mine)
    ran = cli("check", "run", "double", "-w", str(workspace))
    assert ran.exit_code == 0 and "PASS tiny:double" in ran.stdout, ran.output
    rows = json.loads(cli("check", "list", "--json").stdout)
    assert rows[-1]["name"] == "tiny:double" and rows[-1]["state"] == "passed" and rows[-1]["stage"] == "Basics"
    validated = cli("check", "pack", "validate", str(pack))
    assert validated.exit_code == 0 and "3 of 3 runs behaved" in validated.stdout, validated.output
    assert "already" in cli("check", "pack", "add", str(pack)).stdout
    removed = cli("check", "pack", "remove", "tiny")
    assert removed.exit_code == 0 and pack.is_dir()
    assert "tiny" not in {row["id"] for row in json.loads(cli("check", "pack", "list", "--json").stdout)}
    assert cli("check", "run", "tiny:double", "-w", str(workspace)).exit_code == 2


def test_pack_mistakes_are_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    broken = write_pack(tmp_path / "broken")
    (broken / "01_double" / "hint.md").unlink()
    for args in (("add", str(broken)), ("validate", str(broken)), ("validate", str(tmp_path / "none")),
                 ("remove", "builtin"), ("remove", "nope")):
        result = cli("check", "pack", *args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, (args, result.output)
    assert "has no hint.md" in cli("check", "pack", "add", str(broken)).stderr
    first = write_pack(tmp_path / "first")
    cli("check", "pack", "add", str(first))
    taken = cli("check", "pack", "add", str(write_pack(tmp_path / "second")))
    assert taken.exit_code == 2 and "known already" in taken.stderr and str(first) in taken.stderr


def test_validate_fails_a_pack_whose_mistake_passes(cli, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p")
    toml = pack / "01_double" / "checkpoint.toml"
    toml.write_text(toml.read_text().replace("np.asarray(x, dtype=float) + 1", "2.0 * np.asarray(x, dtype=float)"))
    result = cli("check", "pack", "validate", str(pack))
    assert result.exit_code == 1 and "mistake 'adds-one' passes the checks" in result.stdout


def test_list_groups_by_stage_and_shows_checks_passed(cli, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    cli("check", "init", str(workspace))
    checkpoint = find_checkpoint("activations")
    shutil.copyfile(checkpoint.reference_file, learner_file(workspace, checkpoint))
    cli("check", "run", "activations", "-w", str(workspace))
    lines = cli("check", "list").stdout.splitlines()
    assert lines[2].startswith("Foundations ") and " broadcasting " in lines[2]
    (row,) = [line for line in lines if " activations " in line]
    assert row.startswith("Neural networks ") and " passed " in row and " 6 of 6 " in row
    (later,) = [line for line in lines if " losses " in line]
    assert later.startswith("   ") and " never run " in later  # a stage is named once, on its first row


def fail_runs(db_path: Path, name: str, count: int) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO checkpoint_run (checkpoint, passed, message, seconds, code_hash, ran_at, sandbox, created_at, "
            "updated_at) VALUES (?, 0, 'check failed', 0.1, 'x', '2026-11-20T10:00:00Z', 'none', 'x', 'x')",
            [(name,)] * count)


def events(db_path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT checkpoint, kind, at FROM checkpoint_event ORDER BY id").fetchall()


def test_the_solution_opens_after_a_pass_or_a_give_up(cli, tmp_path: Path, db_path: Path, monkeypatch) -> None:
    workspace = tmp_path / "ws"
    cli("check", "init", str(workspace))
    locked = cli("check", "solution", "losses")
    assert locked.exit_code == 2 and "--give-up after 3 failed runs (you have 0)" in locked.stderr
    fail_runs(db_path, "losses", 2)
    early = cli("check", "solution", "losses", "--give-up")
    assert early.exit_code == 2 and "you have 2" in early.stderr and events(db_path) == []
    fail_runs(db_path, "losses", 1)
    given_up = cli("check", "solution", "losses", "--give-up")
    assert given_up.exit_code == 0 and "reference solution" in given_up.stdout
    assert " │ " in given_up.stdout  # 120 columns: side by side
    assert events(db_path) == [("losses", "give-up", "2026-11-21T18:30:00Z")]
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli("check", "solution", "losses", "--give-up").stdout
    assert "# reference solution" in narrow and "# yours: 04_losses.py" in narrow and " │ " not in narrow


def test_reset_puts_the_stub_back_and_keeps_backups(cli, tmp_path: Path, db_path: Path) -> None:
    workspace = tmp_path / "ws"
    cli("check", "init", str(workspace))
    mine = learner_file(workspace, find_checkpoint("mlp"))
    mine.write_text("# my attempt\n")
    result = cli("check", "reset", "mlp")
    assert result.exit_code == 0 and "07_mlp.backup-1.py" in result.stdout
    assert (workspace / "07_mlp.backup-1.py").read_text() == "# my attempt\n"
    assert mine.read_bytes() == find_checkpoint("mlp").stub_file.read_bytes()
    assert [kind for _name, kind, _at in events(db_path)] == ["reset"]
