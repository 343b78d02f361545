"""Benchmarks: median wall times of the quick commands, side by side with jrnl, then each feature's
benchmark (bench/bench_*.py). Run on a large synthetic journal:

    python bench/run.py [--repeat 15] [--only log,stats,week,...]

Commands run as a user runs them (the installed `tracker` script, bytecode caches allowed), so
start-up and imports are counted.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_journal import make_journal  # noqa: E402

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.2
"""


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def median_seconds(command: list[str], repeat: int, env: dict[str, str], warmup: int = 1) -> float:
    times = []
    for i in range(warmup + repeat):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def tracker_command() -> list[str]:
    found = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
    return [found] if found else [sys.executable, "-m", "tracker"]


def jrnl_times(work: Path, repeat: int) -> dict[str, float] | None:
    jrnl = shutil.which("jrnl", path=str(Path(sys.executable).parent)) or shutil.which("jrnl")
    if not jrnl:
        print("jrnl not installed (pip install jrnl): skipping the comparison", file=sys.stderr)
        return None
    results = {}
    for label, entries in (("jrnl add, empty journal", 0), ("jrnl add, 10,000 entries", 10_000)):
        home = work / f"jrnl-{entries}"
        (home / "config" / "jrnl").mkdir(parents=True)
        journal = home / "journal.txt"
        with journal.open("w") as handle:
            for i in range(entries):
                handle.write(f"[2016-01-01 09:{i % 60:02d}] Entry {i} about gradients.\nSome body text {i}.\n\n")
        (home / "config" / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
        env = child_env(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
        results[label] = median_seconds([jrnl, "Studied backprop today. Chain rule by hand."], repeat, env)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="tracker benchmarks")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", default="", help="comma-separated: core,jrnl and feature names (week, charts, ...)")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    journal_10y, journal_1y, empty = work / "ten-years.db", work / "one-year.db", work / "empty.db"
    counts = make_journal(journal_10y, years=10)
    make_journal(journal_1y, years=1)
    print(f"synthetic journals: 10 years = {counts['sessions']:,} sessions; work dir {work}")
    tracker = tracker_command()
    env = child_env(TRACKER_DATA_DIR=str(work / "data"), TRACKER_CONFIG_DIR=str(work / "config"),
                    TRACKER_NOW="2026-11-21T18:30:00+00:00")
    subprocess.run([*tracker, "--db", str(empty), "where"], env=env, check=True, stdout=subprocess.DEVNULL)
    rows: list[tuple[str, float, str]] = []
    if not only or "core" in only:
        rows.append(("tracker log, empty journal", median_seconds(
            [*tracker, "--db", str(empty), "log", "30m", "Backpropagation", "chain rule"], args.repeat, env), "jrnl's add"))
        rows.append(("tracker log, 10-year journal", median_seconds(
            [*tracker, "--db", str(journal_10y), "log", "30m", "Backpropagation", "chain rule"], args.repeat, env), "flat"))
        rows.append(("tracker stats, 10-year journal", median_seconds(
            [*tracker, "--db", str(journal_10y), "stats"], args.repeat, env), "< 0.400 s"))
    if not only or "jrnl" in only:
        for label, seconds in (jrnl_times(work, args.repeat) or {}).items():
            rows.append((label, seconds, "reference"))
    for module_path in sorted(Path(__file__).parent.glob("bench_*.py")):
        name = module_path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        module = importlib.import_module(f"bench.{module_path.stem}")
        required = [p for p in inspect.signature(module.run).parameters.values() if p.default is p.empty]
        outcome = module.run(journal_10y, journal_1y) if len(required) >= 2 else module.run(work / name)
        for label, seconds in outcome.items():
            rows.append((label, seconds, getattr(module, "TARGETS", {}).get(label, "")))
    width = max(len(label) for label, _s, _t in rows)
    print(f"\n{'benchmark'.ljust(width)}  median      target")
    for label, seconds, target in rows:
        print(f"{label.ljust(width)}  {seconds * 1000:8.1f} ms  {target}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
