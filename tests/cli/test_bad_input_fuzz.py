"""Every command, driven with generated hostile arguments: never a traceback, never "unexpected
error"; a refusal is exit 2 with one line on stderr and the journal exactly as it was (exit 1,
such as checkpoints that fail, reports on stdout as it needs).

The commands and their options are read from the app itself, so a new command is fuzzed without
anyone listing it. The draws are fixed (see the hypothesis profiles in tests/conftest.py); run with
`--hypothesis-profile=explore` to hunt with new ones.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testkit.cli import run_entry_point, run_tracker

from tracker.cli.main import app

#: Commands that wait for a person or run until stopped (the UI, the editor, watching files), and
#: the dashboard, whose pandas and browser work would make each example take seconds.
SKIPPED = {("demo",), ("check", "watch"), ("charts",), ("cards", "review"), ("week", "edit")}

#: Values a learner (or a fuzzer) types by mistake: empty, huge, negative, out of range, control
#: characters, option-looking notes, odd dates and weeks, paths that are not what they seem.
HOSTILE = st.sampled_from([
    "", " ", "0", "-1", "0m", "9" * 400, "1e30", "inf", "nan", str(2**63), str(2**64), "-9223372036854775809",
    "0001-W01", "9999-W52", "2026-W54", "2026-02-30", "1969-12-31", "2101-01-01", "yesterday", "today",
    "--stuk", "-x", "--", "\x1b[2J\x1b]0;title\x07", "a\x00b", "é" * 70_000, "CNNs", "Backpropagation",
    "Hands", "#5", "5", "../../etc/passwd", "/dev/null", "/proc/self/mem", "nosuch.csv", "1h30m", "45m",
    "again", "9:99", "NaN%", "{}", "[x]", "[/]", "<a href='https://evil.example'>x</a>",
])
TEXT = st.one_of(HOSTILE, st.text(max_size=12))


def _commands(command, path=()):
    subcommands = getattr(command, "commands", {})
    if not subcommands and path:
        yield path, command
    for name, sub in subcommands.items():
        yield from _commands(sub, (*path, name))


COMMANDS = [(path, command) for path, command in _commands(typer.main.get_command(app)) if path not in SKIPPED]


@st.composite
def invocations(draw) -> list[str]:
    """A command path, then hostile values for its arguments and some of its options."""
    path, command = draw(st.sampled_from(COMMANDS))
    args = list(path)
    for param in command.params:
        if param.param_type_name == "argument":
            if param.required or draw(st.booleans()):
                args.append(draw(TEXT))
        elif param.name not in ("help",) and draw(st.integers(0, 3)) == 0:
            option = param.opts[0]
            args.append(option)
            if not param.is_flag:
                args.append(draw(TEXT))
    if draw(st.integers(0, 5)) == 0:
        args.insert(draw(st.integers(len(path), len(args))), draw(st.sampled_from(["--stuk", "--nosuch", "-Z"])))
    return args


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """A small journal with one of everything a command can name (a full sample would make each
    example slower to copy and compare, not more telling)."""
    db = tmp_path_factory.mktemp("sample") / "journal.db"
    for args in (
        ("log", "45m", "CNNs", "conv by hand", "--resource", "Hands-On Machine Learning", "--date", "2026-11-20"),
        ("log", "30m", "Backpropagation", "--date", "2026-11-21"), ("resource", "add", "5", "--units", "19"),
        ("milestone", "add", "Ship the blog", "--due", "2026-12-01"), ("later", "add", "CNNs", "dilated convs"),
        ("cards", "add", "What does a 1x1 conv do?", "Mixes channels", "--topic", "CNNs"),
        ("topic", "add", "Backprop through time", "--parent", "Backpropagation"), ("week", "note", "2026-W47", "--title", "Convs"),
    ):
        assert run_tracker(db, *args).exit_code == 0, args
    return db


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(argv=invocations())
def test_bad_arguments_get_one_line_exit_2_and_change_nothing(argv, sample_db, tmp_path, monkeypatch) -> None:
    # Each example on its own: a working folder (where a command that writes files writes them,
    # never in the repo; two levels down, so "../../x" stays inside tmp_path), settings and data
    # folders. Hypothesis runs every example in one test call, so these were shared: one example's
    # `check init` remembered a workspace of stubs that a later bare `check run` ran, all of them,
    # in the sandbox (two thirds of the test's time), and an example could fail only after others.
    example = Path(tempfile.mkdtemp(dir=tmp_path))
    folder = example / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(example / "config"))
    monkeypatch.setenv("TRACKER_DATA_DIR", str(example / "data"))
    monkeypatch.setenv("EDITOR", "true")
    db = folder / "journal.db"
    shutil.copy(sample_db, db)
    before = _dump(db)
    result = run_entry_point(db, *argv, input="")  # as the console script runs: the quick path too
    shown = f"tracker {' '.join(map(repr, argv))}\nexit {result.exit_code}\nstdout: {result.stdout[-500:]!r}\nstderr: {result.stderr!r}"
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert "unexpected error" not in result.stderr, shown
    if result.exit_code == 2:
        assert result.stderr.strip() and "\n" not in result.stderr.strip(), shown
        assert _dump(db) == before, shown
