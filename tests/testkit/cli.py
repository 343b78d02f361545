"""Running the command line in-process, as the `cli` fixtures of tests/conftest.py and
tests/cli/conftest.py do."""

from __future__ import annotations

from pathlib import Path


def run_tracker(db_path: Path | str | None, *args: str, input: str | None = None):
    """Run `tracker --db <db_path> ARGS...` (no --db when db_path is None) with typer's CliRunner;
    returns the typer Result (stdout and stderr split)."""
    from typer.testing import CliRunner

    from tracker.cli.main import app

    prefix = ["--db", str(db_path)] if db_path is not None else []
    return CliRunner().invoke(app, [*prefix, *args], input=input)


class Ran:
    """What a run of the real entry point printed and returned (the fields of typer's Result)."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


def run_entry_point(db_path: Path | str | None, *args: str, input: str | None = None) -> Ran:
    """Run ARGS through the console script's own entry point (tracker.cli.quick.main: the lean
    path for the quick commands, the Typer app for the rest), in-process, stdio captured."""
    import io
    import sys
    from contextlib import redirect_stderr, redirect_stdout

    from tracker.cli.quick import main

    prefix = ["--db", str(db_path)] if db_path is not None else []
    out, err, stdin = io.StringIO(), io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(input or "")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([*prefix, *args])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.stdin = stdin
    return Ran(code, out.getvalue(), err.getvalue())
