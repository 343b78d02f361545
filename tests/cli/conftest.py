"""Fixtures of the command-line tests: `cli` runs `tracker` on the test's journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit.cli import run_tracker


@pytest.fixture
def cli(journal_location: str):
    """Run `tracker --db <tmp journal> ARGS...`; returns the typer Result (stdout, stderr split).
    `db=` picks another journal, `db=None` leaves --db out; `input=` is what stdin reads."""

    def invoke(*args: str, db: Path | str | None = journal_location, input: str | None = None):
        return run_tracker(db, *args, input=input)

    return invoke
