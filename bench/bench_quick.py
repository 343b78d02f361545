"""The quick path (tracker/cli/quick.py): `tracker status` against Python's own start-up
(`python -c "import sqlite3"`), and `tracker log`, `start` and `stop` against jrnl adding an entry.

Targets (issue 15): `tracker status` at most 40 ms median, so a shell prompt or tmux can run it each
time; `log`, `start` and `stop` each at most half of jrnl's add. All on a copy of the 10-year
journal, as a user runs them (the `tracker` script found first on PATH, so put a non-editable
install's bin folder first: an editable install's .pth file alone costs ~10 ms; bytecode caches
allowed). `tracker status` runs from its cache (tracker/status_cache.py) once the first run wrote it. jrnl is
found as bench/run.py finds it (beside this Python, or on PATH; `pip install jrnl`, the `bench`
extra); without it the jrnl rows are left out.

    python bench/bench_quick.py [--repeat 21]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import child_env, jrnl_times, median_seconds, tracker_command  # noqa: E402

NOW = "2026-11-21T18:30:00+00:00"
REPEAT = 21

PYTHON = 'python -c "import sqlite3" (start-up alone)'
STATUS = "tracker status, 10-year journal"
STATUS_TIMER = "tracker status with a timer running, 10-year journal"
STATUS_OVER = "tracker status minus Python's start-up"
LOG = "tracker log (quick path), 10-year journal"
START = "tracker start, 10-year journal"
STOP = "tracker stop (logs the session), 10-year journal"
JRNL = "jrnl add, empty journal"
HALF_JRNL = "<= 0.5 x jrnl add"
TARGETS = {PYTHON: "reference", STATUS: "<= 40 ms", STATUS_TIMER: "<= 40 ms", STATUS_OVER: "what tracker adds",
           LOG: HALF_JRNL, START: HALF_JRNL, STOP: HALF_JRNL, JRNL: "reference"}


def _paired(first: list[str], second: list[str], repeat: int, env: dict[str, str], time_second: bool) -> float:
    """Median time of one command of a pair run in turn (start, then cancel; start, then stop),
    so each timed run finds the journal as a user would."""
    times = []
    for i in range(repeat + 1):
        for index, command in enumerate((first, second)):
            began = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i and index == int(time_second):
                times.append(time.perf_counter() - began)
    return statistics.median(times)


def tracker_on_path() -> list[str]:
    """The `tracker` a shell prompt would run: the first on PATH (else bench/run.py's choice)."""
    found = shutil.which("tracker")
    return [found] if found else tracker_command()


def run(journal_10y: Path, journal_1y: Path, repeat: int = REPEAT) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="quick-", dir=Path(journal_10y).parent))
    journal = work / "ten-years.db"
    source, copy = sqlite3.connect(journal_10y), sqlite3.connect(journal)
    source.backup(copy)  # the other benchmarks keep the 10-year journal as it was
    source.close()
    copy.close()
    env = child_env(TRACKER_NOW=NOW, TRACKER_DATA_DIR=str(work / "data"), TRACKER_CONFIG_DIR=str(work / "config"))
    tracker = [*tracker_on_path(), "--db", str(journal)]
    results = {
        PYTHON: median_seconds([sys.executable, "-c", "import sqlite3"], repeat, env),
        STATUS: median_seconds([*tracker, "status"], repeat, env),
        LOG: median_seconds([*tracker, "log", "30m", "Backpropagation", "chain rule"], repeat, env),
        START: _paired([*tracker, "start", "Backpropagation", "--at", "18:00"], [*tracker, "cancel"], repeat, env,
                       time_second=False),
        STOP: _paired([*tracker, "start", "Backpropagation", "--at", "18:00"], [*tracker, "stop", "chain rule"],
                      repeat, env, time_second=True),
    }
    subprocess.run([*tracker, "start", "Backpropagation", "--at", "18:00"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    results[STATUS_TIMER] = median_seconds([*tracker, "status"], repeat, env)
    results[STATUS_OVER] = results[STATUS] - results[PYTHON]
    jrnl = jrnl_times(work, repeat)
    if jrnl:
        results[JRNL] = jrnl["jrnl add, empty journal"]
    return results


if __name__ == "__main__":
    from bench.make_journal import make_journal

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    print(f"measuring {' '.join(tracker_on_path())} (the first tracker on PATH)")
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-quick-"))
    make_journal(folder / "ten.db", years=10)
    outcome = run(folder / "ten.db", folder / "ten.db", args.repeat)
    for label, seconds in outcome.items():
        print(f"{label:55s} {seconds * 1000:7.1f} ms  {TARGETS[label]}")
    if JRNL in outcome:
        for label in (LOG, START, STOP):
            print(f"{label} / jrnl add: {outcome[label] / outcome[JRNL]:.2f}")
