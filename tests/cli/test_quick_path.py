"""The lean parser (tracker/cli/quick.py) against the Typer app: the same argv gives the same output,
exit code and journal on both paths, and the quick path never loads Typer or the heavy libraries."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from testkit.cli import run_tracker
from testkit.journals import blank_journal

from tracker.cli import quick


def _journal_state(db: Path) -> list:
    with sqlite3.connect(db) as conn:
        return [conn.execute("SELECT day, minutes, topic_id, resource_id, kind, note, stuck FROM study_session "
                             "ORDER BY id").fetchall(),
                conn.execute("SELECT topic, resource, kind, note, started_at, pomodoro_minutes FROM running_timer")
                .fetchall(),
                conn.execute("SELECT name FROM topic ORDER BY id").fetchall()]


#: (what the journal holds first, the argv both paths run)
CASES = [
    ([], ["status"]),
    ([], ["status", "--json"]),
    ([], ["status", "--format", "{timer}|{today}/{minimum} {streak}{met}"]),
    ([], ["status", "--format={nope}"]),
    ([["log", "45m", "CNNs", "--date", "yesterday"]], ["status"]),
    ([["start", "Backprop", "--at", "18:00", "--pomodoro", "25"]], ["status"]),
    ([["start", "Backprop", "--at", "18:00", "--pomodoro", "25"]], ["status", "--json"]),
    ([], ["log", "30m", "CNNs", "convolutions by hand", "-r", "CS231n", "--kind", "code"]),
    ([], ["log", "1h30m", "CNNs", "--stuck", "--date=yesterday"]),
    ([], ["log", "0m", "CNNs"]),
    ([], ["log", "30m", "CNNs", "--date", "tomorrow"]),
    ([], ["log", "30m", "--", "-dashed note topic"]),
    ([], ["start", "Backprop", "chain rule", "--at", "18:00", "--resource", "CS231n", "--pomodoro", "25"]),
    ([], ["start", "Backprop", "--at", "19:00"]),
    ([], ["start", "Backprop", "--at", "-20m"]),
    ([["start", "Backprop", "--at", "18:00"]], ["start", "CNNs"]),
    ([["start", "Backprop", "--at", "18:00"]], ["start", "CNNs", "--switch"]),
    ([["start", "Backprop", "--at", "18:00"]], ["stop", "done", "--at", "+20m"]),
    ([["start", "Backprop", "--at", "18:00"]], ["stop", "--at", "17:00"]),
    ([["start", "Backprop", "--at", "12:00"]], ["stop"]),
    ([["start", "Backprop", "--at", "12:00"]], ["stop", "--force"]),
    ([], ["stop"]),
    ([["start", "Backprop", "--at", "18:00"]], ["cancel"]),
    ([], ["cancel"]),
]


@pytest.mark.parametrize(("setup", "argv"), CASES, ids=[" ".join(argv) for _setup, argv in CASES])
def test_the_lean_path_and_typer_agree(setup, argv, tmp_path: Path, capsys) -> None:
    typer_db, lean_db = blank_journal(tmp_path / "typer.db"), tmp_path / "lean.db"
    for command in setup:
        assert run_tracker(typer_db, *command).exit_code == 0
    source, copy = sqlite3.connect(typer_db), sqlite3.connect(lean_db)
    source.backup(copy)
    source.close()
    copy.close()
    typer_result = run_tracker(typer_db, *argv)

    assert quick.parse_quick(["--db", str(lean_db), *argv]) is not None, "the lean parser should take this form"
    capsys.readouterr()
    code = quick.main(["--db", str(lean_db), *argv])
    lean = capsys.readouterr()

    assert (code, lean.out, lean.err) == (typer_result.exit_code, typer_result.stdout, typer_result.stderr)
    assert _journal_state(lean_db) == _journal_state(typer_db)


@pytest.mark.parametrize("argv", [
    ["status", "--help"], ["log", "--help"], ["-h"], ["--version"], ["log", "30m"], ["log", "30m", "CNNs", "a", "b"],
    ["start"], ["status", "--jsn"], ["log", "30m", "CNNs", "--stuck", "--stuck"], ["stop", "--at"],
    ["log", "30m", "CNNs", "-rX"], ["status", "--json=yes"], ["--db"], ["sessions"], [], ["log", "30m", "A\x00B"],
    ["--debug", "--debug", "status"],
])
def test_what_the_lean_parser_does_not_fully_understand_goes_to_typer(argv) -> None:
    assert quick.parse_quick(argv) is None


def test_the_fallback_gives_typers_help_and_usage_errors(db_path, capsys) -> None:
    assert quick.main(["--db", str(db_path), "status", "--help"]) == 0
    assert "--format" in capsys.readouterr().out
    assert quick.main(["--db", str(db_path), "start"]) == 2
    assert "Missing argument 'topic'" in capsys.readouterr().err


def test_the_global_options_before_the_command(tmp_path) -> None:
    parsed = quick.parse_quick(["--debug", f"--db={tmp_path / 'j.db'}", "start", "X", "--switch", "-k", "code"])
    assert parsed == quick.Parsed("start", {"switch": True, "kind": "code", "topic": "X"}, str(tmp_path / "j.db"), True)


HEAVY = ("typer", "click", "rich", "textual", "sqlmodel", "sqlalchemy", "pandas", "numpy", "plotly", "jinja2")


@pytest.mark.parametrize("argv", [["status"], ["status", "--json"], ["log", "30m", "CNNs"],
                                  ["start", "Backprop", "--at", "18:00"]])
def test_the_quick_path_loads_no_heavy_library(argv, db_path) -> None:
    blank_journal(db_path)
    script = (
        "import sys\nfrom tracker.cli.quick import main\n"
        f"code = main({['--db', str(db_path), *argv]!r})\n"
        f"heavy = sorted({{name.split('.')[0] for name in sys.modules}} & {set(HEAVY)!r})\n"
        "print('HEAVY', code, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy(),
                            timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY 0 []", result.stdout + result.stderr


def test_the_console_script_is_the_quick_entry_point() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["tracker"] == "tracker.cli.quick:main"
