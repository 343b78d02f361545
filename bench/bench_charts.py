"""`tracker charts` on the synthetic journals: median wall time and the command's peak memory.

Targets (issue 4): the 10-year journal under 3 s median and under 500 MB peak RSS. The peak is the
child's own maximum resident set, read with getrusage(RUSAGE_CHILDREN) in a fresh Python process that
runs only that one command, so no earlier child of the benchmark runner can be counted instead.

    python bench/bench_charts.py [TEN_YEAR.db ONE_YEAR.db]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEN_YEARS = "tracker charts, 10-year journal"
ONE_YEAR = "tracker charts, 1-year journal"
SECONDS_TARGET = 3.0
MEMORY_TARGET_MB = 500.0
TARGETS = {TEN_YEARS: f"< {SECONDS_TARGET:g} s, < {MEMORY_TARGET_MB:g} MB peak RSS", ONE_YEAR: ""}
REPEAT = 5

#: Runs one command and prints its peak RSS in KiB (Linux reports ru_maxrss in KiB).
_PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _tracker() -> list[str]:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
    return [found] if found else [sys.executable, "-m", "tracker"]


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(TRACKER_DATA_DIR=str(work / "data"), TRACKER_CONFIG_DIR=str(work / "config"),
               TRACKER_NOW="2026-11-21T18:30:00+00:00")
    return env


def _median(command: list[str], env: dict[str, str], repeat: int = REPEAT) -> float:
    times = []
    for i in range(repeat + 1):  # the first run warms the bytecode and disk caches
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(command: list[str], env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", _PEAK_RSS, *command], env=env, check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def run(journal_10y: Path, journal_1y: Path) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-charts-"))
    try:
        env = _env(work)
        results, peaks = {}, {}
        for label, journal in ((TEN_YEARS, journal_10y), (ONE_YEAR, journal_1y)):
            command = [*_tracker(), "--db", str(journal), "charts", "--out", str(work / "out")]
            results[label] = _median(command, env)
            peaks[label] = peak_rss_mb(command, env)
        seconds, peak = results[TEN_YEARS], peaks[TEN_YEARS]
        verdict = "ok" if seconds < SECONDS_TARGET and peak < MEMORY_TARGET_MB else "OVER TARGET"
        TARGETS[TEN_YEARS] = f"< {SECONDS_TARGET:g} s; peak RSS {peak:.0f} MB (< {MEMORY_TARGET_MB:g} MB): {verdict}"
        TARGETS[ONE_YEAR] = f"peak RSS {peaks[ONE_YEAR]:.0f} MB"
        print(json.dumps({"charts_peak_rss_mb": {k: round(v, 1) for k, v in peaks.items()}}), file=sys.stderr)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if len(sys.argv) == 3:
        ten, one = Path(sys.argv[1]), Path(sys.argv[2])
    else:
        from bench.make_journal import make_journal

        folder = Path(tempfile.mkdtemp(prefix="tracker-bench-journals-"))
        ten, one = folder / "ten-years.db", folder / "one-year.db"
        make_journal(ten, years=10)
        make_journal(one, years=1)
    for label, seconds in run(ten, one).items():
        print(f"{label}: {seconds * 1000:.0f} ms  ({TARGETS[label]})")
