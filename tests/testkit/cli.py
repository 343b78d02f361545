"""Running the command line in-process, as the `cli` fixtures of tests/conftest.py and
tests/cli/conftest.py do."""

from __future__ import annotations

from pathlib import Path


def run_tracker(db_path: Path | None, *args: str, input: str | None = None):
    """Run `tracker --db <db_path> ARGS...` (no --db when db_path is None) with typer's CliRunner;
    returns the typer Result (stdout and stderr split)."""
    from typer.testing import CliRunner

    from tracker.cli.main import app

    prefix = ["--db", str(db_path)] if db_path is not None else []
    return CliRunner().invoke(app, [*prefix, *args], input=input)
