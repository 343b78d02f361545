"""Shared fixtures: a fixed "now", no real user directories, a temporary journal, a CLI runner."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from testkit.clock import FIXED_NOW

#: Generated examples are the same on every run, so CI never fails on a draw no one saw locally;
#: `--hypothesis-profile=explore` draws new ones (and more of them) to hunt for bugs.
hypothesis_settings.register_profile("default", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", derandomize=False, deadline=None, max_examples=500)
hypothesis_settings.load_profile("default")

# Compiled modules are cached as Python does by default, also where the environment turns that off
# (PYTHONDONTWRITEBYTECODE): the suite starts many Python processes (checkpoint runs, the CLI, the
# UI in tmux, the xdist workers), and compiling tracker afresh in each costs seconds in all.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and config folders and the same fixed time."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("TRACKER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("TRACKER_NOW", FIXED_NOW)
    monkeypatch.setenv("TZ", "UTC")
    # Tables are cut to the terminal's width; a reader's 80 columns must not change what tests see.
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.delenv("TRACKER_DEBUG", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


#: The engines a journal lives on. Tests of journals (the `journal` fixture) and of commands (the
#: `cli` fixture) run on each; a test that names `db_path` itself looks at the SQLite file, and one
#: marked `sqlite_only` at something only SQLite has (WAL, file backups), so they run on SQLite.
ENGINES = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a journal test about SQLite itself (files, WAL, pragmas)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    names_the_file = "db_path" in inspect.signature(metafunc.function).parameters
    engines = ["sqlite"] if names_the_file or metafunc.definition.get_closest_marker("sqlite_only") else ENGINES
    metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server():
    """This test process's PostgreSQL cluster (testkit.postgres), or a skip saying why there is none."""
    from testkit import postgres

    server = postgres.start()
    if isinstance(server, str):
        pytest.skip(f"no PostgreSQL server: {server}")
    yield server
    server.stop()


@pytest.fixture
def journal_location(engine: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the test's journal is: the SQLite file `db_path` (made when something first opens
    it), or a new, empty journal database on the test server."""
    if engine == "postgresql":
        return request.getfixturevalue("postgres_server").journal()
    return str(db_path)


@pytest.fixture
def journal(journal_location: str, engine: str):
    from testkit.journals import blank_journal

    from tracker.store import open_journal

    if engine == "sqlite":
        blank_journal(Path(journal_location))
    with open_journal(journal_location) as handle:
        yield handle


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (the default in pyproject.toml) runs one worker more than there are cores: many tests
    spend part of their time waiting on a child process (checkpoint runs, Chromium, tmux, Jekyll)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1
