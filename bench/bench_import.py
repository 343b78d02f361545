"""`tracker import schedule.csv` at scale: a synthetic spreadsheet of 10,000, 40,000 and 100,000
rows into an empty journal, and the 100,000 rows again (every row is already there: nothing added).

Target: 100,000 rows in under 3 s (the import is linear: one grouped read of the journal's keys,
each distinct name resolved once, one executemany). Timed as a user runs it (the installed
`tracker` script), each run on a fresh copy of an empty journal.

    python bench/bench_import.py [--sizes 10000,40000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_journal import TOPICS, sentence  # noqa: E402
from bench.run import child_env, tracker_command  # noqa: E402
from tracker.store import open_journal  # noqa: E402

NOW = "2026-11-21T18:30:00+00:00"
#: The schedule ends the day before NOW and spans 40 years: ~7 rows a day at 100,000 rows.
LAST_DAY = date(2026, 11, 20)
SPAN_DAYS = 40 * 365
SIZES = (10_000, 40_000, 100_000)
REPEAT = 3
#: 40 resources; zero-padded, so that no title is part of another and the code before the exact
#: name rule (which matched "Resource 1" to "Resource 12", or refused it) could be timed too.
RESOURCES = [f"Resource {n:02d}" for n in range(1, 41)]
MINUTES = ("15", "20", "30", "30", "45", "60", "1h", "1h30m", "90")


def label(rows: int) -> str:
    return f"tracker import schedule.csv, {rows:,} rows"


AGAIN = "tracker import schedule.csv, 100,000 rows again (adds 0)"
TARGETS = {label(100_000): "< 3 s", AGAIN: "< 3 s"}


def schedule_rows(count: int, seed: int = 1) -> list[list[str]]:
    """Rows as a learner's spreadsheet has them: topics in any case, half without a resource, most
    without a note, and a few rows repeated outright (two identical sessions on one day)."""
    rng = random.Random(seed)
    notes = [sentence(rng) for _ in range(200)]
    rows: list[list[str]] = []
    while len(rows) < count:
        if rows and rng.random() < 0.03:
            rows.append(list(rng.choice(rows[-50:])))
            continue
        day = LAST_DAY - timedelta(days=rng.randrange(SPAN_DAYS))
        topic = rng.choice(TOPICS)
        topic = topic.lower() if rng.random() < 0.2 else topic
        resource = rng.choice(RESOURCES) if rng.random() < 0.5 else ""
        note = rng.choice(notes) if rng.random() < 0.3 else ""
        rows.append([day.isoformat(), rng.choice(MINUTES), topic, resource, note])
    return rows


def write_schedule(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "minutes", "topic", "resource", "note"])
        writer.writerows(rows)
    return path


def run(tmpdir: Path | str, sizes: tuple[int, ...] = SIZES, repeat: int = REPEAT,
        report: Callable[[str, float], None] | None = None) -> dict[str, float]:
    """Median seconds of `tracker import` for each size, on a fresh empty journal each time, and of
    importing the largest file a second time; `report` hears each figure as soon as it is known."""
    work = Path(tmpdir)
    work.mkdir(parents=True, exist_ok=True)
    env = child_env(TRACKER_NOW=NOW, TRACKER_DATA_DIR=str(work / "data"), TRACKER_CONFIG_DIR=str(work / "config"))
    tracker = tracker_command()
    empty = work / "empty.db"
    empty.unlink(missing_ok=True)
    with open_journal(str(empty)):
        pass
    everything = schedule_rows(max(sizes))
    results: dict[str, float] = {}

    def timed_import(journal: Path, schedule: Path) -> float:
        start = time.perf_counter()
        done = subprocess.run([*tracker, "--db", str(journal), "import", str(schedule)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"import failed: {done.stderr.strip()}")
        return seconds

    for size in sizes:
        schedule = write_schedule(work / f"schedule-{size}.csv", everything[:size])
        times = []
        for attempt in range(repeat):
            journal = work / f"import-{size}-{attempt}.db"
            shutil.copyfile(empty, journal)
            times.append(timed_import(journal, schedule))
        results[label(size)] = statistics.median(times)
        if report:
            report(label(size), results[label(size)])
    largest = max(sizes)
    journal = work / f"import-{largest}-0.db"
    again = AGAIN if largest == 100_000 else f"{label(largest)} again (adds 0)"
    results[again] = statistics.median(timed_import(journal, work / f"schedule-{largest}.csv") for _ in range(repeat))
    if report:
        report(again, results[again])
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the schedule import benchmark")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-import-") as scratch:
        run(scratch, tuple(int(size) for size in args.sizes.split(",")), args.repeat,
            lambda key, value: print(f"{key:<58} {value:8.2f} s  {TARGETS.get(key, '')}", flush=True))
