"""Load on one PostgreSQL server (issue 17 item 7), on a private cluster started as the tests start
theirs (tests/testkit/postgres.py, 127.0.0.1 only):

1. Side by side: the same synthetic journal (the 10-year one the other benches use) on a SQLite file
   and on a server journal (moved with `tracker export` / `tracker import`); median wall time of
   `tracker week`, `stats`, `status` and `log` on each, as a learner runs them (the installed script).
2. Many learners: 50 learners with a year each on the one server, each loaded with `tracker import`
   as that learner. With `tracker group init/invite` each is an invited role in one group database
   (row-level security); without them each is a login role owning its own database on the server
   (a server-load figure, not an RLS one), and the output says which.
3. Concurrency: 20 writers logging at once for 30 s on loopback, first as 20 loops of real `tracker
   log` processes, then (process start-up dominates the first) as 20 processes each looping
   tracker.study.log_session through open_journal. Each log's note is unique, so what was stored is
   counted row by row afterwards: attempted, stored, lost (must be 0), errors (must be 0; JournalBusy
   counts), p50/p95 of a log. Writers share one journal, or with group roles each is its own learner.

    python bench/run.py --only server
    python bench/bench_server.py [--quick] [--learners 50] [--writers 20] [--seconds 30] [--repeat 5]

Skips with one line when no server can be started (no PostgreSQL binaries, no `postgres` user).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The server is the tests' own (tests/testkit/postgres.py), not a copy: tests/ goes on the path
# (last, so nothing in it shadows an installed module) and `testkit.postgres` is imported from it.
sys.path.append(str(ROOT / "tests"))

from bench.run import child_env, median_seconds, tracker_command  # noqa: E402

NOW = "2026-11-21T18:30:00+00:00"
TODAY = date(2026, 11, 21)
WEEK_DAY = "2026-11-18"
#: A server command costs seconds here (SQLAlchemy and psycopg are imported on every start).
REPEAT = 5
LEARNERS = 50
WRITERS = 20
SECONDS = 30.0
#: Imports of different learners run side by side, as learners joining a group would.
IMPORT_WORKERS = 4
COMMANDS = {"week": ["week", WEEK_DAY], "stats": ["stats"], "status": ["status"],
            "log": ["log", "30m", "Backpropagation", "chain rule"]}
URL_RE = re.compile(r"postgresql\+psycopg://\S+")

LOG_P50 = "tracker log, {n} processes at once: p50"
LOG_P95 = "tracker log, {n} processes at once: p95"
LOOP_P50 = "log_session, {n} processes looping: p50"
LOOP_P95 = "log_session, {n} processes looping: p95"
TARGETS = {"tracker stats, 10-year journal, server": "as on SQLite",
           "tracker week, 10-year journal, server": "as on SQLite"}


@dataclass
class Load:
    """What one concurrency phase did."""

    label: str
    attempted: int = 0
    #: CPU seconds (user + system) of each `tracker log` process, on average (CLI phase only).
    cpu_per_log: float | None = None
    stored: int = 0
    lost: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    def p(self, percent: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1]


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows as the URL's role sees them (row-level security applies to a learner)."""
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def _tracker(env: dict[str, str], db: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*tracker_command(), "--db", db, *args], env=env, capture_output=True, text=True)


def _checked(result: subprocess.CompletedProcess) -> str:
    if result.returncode:
        raise SystemExit(f"{' '.join(result.args[1:])}: exit {result.returncode}: {result.stderr.strip()[-400:]}")
    return result.stdout


def _export(env: dict[str, str], journal: Path, out: Path) -> Path:
    if not out.exists():
        _checked(_tracker(env, str(journal), "export", str(out)))
    return out


def side_by_side(server, env: dict[str, str], journal: Path, name: str, work: Path,
                 repeat: int) -> tuple[dict[str, float], float]:
    """Median times of each command on the SQLite journal and on its copy on the server, and how
    long the move (`tracker import` into the server) took."""
    exported = _export(env, journal, work / "side-by-side")
    url = server.url(server.database("side_by_side"))
    start = time.perf_counter()
    _checked(_tracker(env, url, "import", str(exported)))
    moved = time.perf_counter() - start
    tracker = tracker_command()
    results: dict[str, float] = {}
    for command, args in COMMANDS.items():
        for engine, db in (("SQLite", str(journal)), ("server", url)):
            results[f"tracker {command}, {name}, {engine}"] = median_seconds(
                [*tracker, "--db", db, *args], repeat, env, warmup=1)
    return results, moved


def _group_commands(env: dict[str, str], admin_url: str) -> bool:
    """Whether this tracker has `tracker group init` and `invite` (issue 17 item 4)."""
    return all(_tracker(env, admin_url, "group", sub, "--help").returncode == 0 for sub in ("init", "invite"))


def make_learners(server, env: dict[str, str], count: int) -> tuple[list[str], str]:
    """`count` learners' URLs, and how they were made."""
    if _group_commands(env, server.url()):
        admin_url = server.url(server.database("group"))
        _checked(_tracker(env, admin_url, "group", "init"))
        urls = []
        for n in range(1, count + 1):
            found = URL_RE.findall(_checked(_tracker(env, admin_url, "group", "invite", f"learner{n:02d}")))
            if not found:
                raise SystemExit(f"tracker group invite learner{n:02d} printed no URL")
            urls.append(found[-1].rstrip(".,;:)'\""))
        return urls, "group roles (tracker group init/invite), one database, row-level security"
    urls = []
    with server.admin() as conn:
        for n in range(1, count + 1):
            role, password = f"bench_learner{n:02d}", f"pw-{n:02d}-bench"
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
            database = server.database(role)
            conn.execute(f'ALTER DATABASE "{database}" OWNER TO {role}')
            urls.append(server.url(database, role, password))
    return urls, ("no tracker group yet: one login role owning its own database per learner "
                  "(a server-load figure, not an RLS one)")


def load_learners(env: dict[str, str], urls: list[str], exported: Path, expected: int) -> tuple[float, list[float]]:
    """Every learner's year through `tracker import` as that learner; checks each has every session."""

    def one(url: str) -> float:
        start = time.perf_counter()
        _checked(_tracker(env, url, "import", str(exported)))
        return time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(IMPORT_WORKERS) as pool:
        times = list(pool.map(one, urls))
    total = time.perf_counter() - start
    short = [url for url in urls if _query(url, "SELECT count(*) FROM study_session")[0][0] != expected]
    if short:
        raise SystemExit(f"{len(short)} learners do not have their {expected:,} sessions, e.g. {short[0]}")
    return total, times


def _stored(url: str, prefix: str) -> list[str]:
    """The notes of the rows a phase wrote (every one, so a row stored twice counts twice)."""
    rows = _query(url, "SELECT note FROM study_session WHERE lower(note) LIKE %s", (prefix.lower() + "%",))
    return [note.lower() for (note,) in rows]


def _count(load: Load, outcomes: list[tuple[float, bool, str, str]], stored: list[str]) -> Load:
    """Attempted, errors and latencies from the writers' outcomes; stored from the rows; lost: a log
    that succeeded and whose row isn't there."""
    found = set(stored)
    for seconds, ok, note, error in outcomes:
        load.attempted += 1
        load.latencies.append(seconds)
        if ok:
            load.lost += note.lower() not in found
        else:
            load.errors += 1
            load.error_kinds[error] = load.error_kinds.get(error, 0) + 1
    load.stored = len(stored)
    return load


def cli_writers(env: dict[str, str], urls: list[str], seconds: float, label: str) -> Load:
    """Each writer a thread that runs `tracker log` processes back to back until the time is up."""
    prefix = "benchcli"
    tracker = tracker_command()

    def writer(index: int) -> list[tuple[float, bool, str, str]]:
        url, outcomes, deadline = urls[index], [], time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            note = f"{prefix} w{index:02d} n{len(outcomes):04d}"
            start = time.perf_counter()
            done = subprocess.run([*tracker, "--db", url, "log", "30m", "Backpropagation", note], env=env,
                                  capture_output=True, text=True)
            error = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1][:120]
            outcomes.append((time.perf_counter() - start, done.returncode == 0, note, error))
        return outcomes

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ThreadPoolExecutor(len(urls)) as pool:
        outcomes = [row for rows in pool.map(writer, range(len(urls))) for row in rows]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _count(Load(label), outcomes, [note for url in set(urls) for note in _stored(url, prefix)])
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    load.cpu_per_log = cpu / max(load.attempted, 1)
    return load


def _loop(url: str, index: int, seconds: float, prefix: str, ready, results) -> None:
    """One process: open the journal once, then log sessions back to back for `seconds`."""
    from tracker.store import open_journal
    from tracker.study import log_session

    outcomes = []
    with open_journal(url) as journal:
        ready.wait(timeout=300)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            note = f"{prefix} w{index:02d} n{len(outcomes):05d}"
            start = time.perf_counter()
            try:
                log_session(journal, minutes=30, topic="Backpropagation", day=TODAY, note=note, today=TODAY)
                ok, error = True, ""
            except Exception as failure:  # noqa: BLE001  (every failure is counted, by kind)
                ok, error = False, type(failure).__name__
            outcomes.append((time.perf_counter() - start, ok, note, error))
    results.put(outcomes)


def loop_writers(urls: list[str], seconds: float, label: str, prefix: str = "benchloop") -> Load:
    """Each writer a process looping log_session; all start together once every one is connected.
    `prefix` starts every note of this phase (one per phase: the rows are counted by it)."""
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(len(urls)), context.Queue()
    processes = [context.Process(target=_loop, args=(url, index, seconds, prefix, ready, results))
                 for index, url in enumerate(urls)]
    for process in processes:
        process.start()
    outcomes = [row for _ in processes for row in results.get(timeout=seconds + 120)]
    for process in processes:
        process.join()
    return _count(Load(label), outcomes, [note for url in set(urls) for note in _stored(url, prefix)])


def _sessions(journal: Path) -> int:
    with sqlite3.connect(journal) as conn:
        return conn.execute("SELECT count(*) FROM study_session").fetchone()[0]


def run(journal_10y: Path, journal_1y: Path, repeat: int = REPEAT, learners: int = LEARNERS,
        writers: int = WRITERS, seconds: float = SECONDS, side_journal: Path | None = None) -> dict[str, float]:
    from testkit import postgres

    server = postgres.start()
    if isinstance(server, str):
        print(f"server bench skipped: {server}", file=sys.stderr)
        return {}
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-server-"))
    env = child_env(TRACKER_NOW=NOW, TRACKER_DATA_DIR=str(work / "data"), TRACKER_CONFIG_DIR=str(work / "config"))
    try:
        side = Path(side_journal or journal_10y)
        name = "10-year journal" if side == Path(journal_10y) else f"{side.stem} journal"
        # The learners' year is exported first: the side-by-side logs sessions (maybe into this file).
        year = _export(env, Path(journal_1y), work / "learners-year")
        per_year = _sessions(Path(journal_1y))
        times, moved = side_by_side(server, env, side, name, work, repeat)
        urls, how = make_learners(server, env, learners)
        total, imports = load_learners(env, urls, year, per_year)
        on_loaded = {f"tracker {command}, a learner's year, {learners} learners on the server": median_seconds(
            [*tracker_command(), "--db", urls[0], *COMMANDS[command]], repeat, env) for command in ("week", "stats")}
        group = how.startswith("group")
        writer_urls = [urls[i % len(urls)] for i in range(writers)] if group else [urls[0]] * writers
        whose = "each its own learner" if group else "one journal"
        cli = cli_writers(env, writer_urls, seconds, f"tracker log processes ({whose})")
        loops = [loop_writers(writer_urls, seconds, f"log_session loops ({whose})")]
        if group:
            # One learner's writers queue on their own write lock: the case the busy timeout is for.
            loops.append(loop_writers([urls[0]] * writers, seconds, "log_session loops (one learner)",
                                      "benchsame"))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    times[f"tracker import of the {name} into the server"] = moved
    times.update(on_loaded)
    times[f"{learners} learners' years imported ({IMPORT_WORKERS} at a time)"] = total
    times["tracker import of one learner's year, median"] = statistics.median(imports)
    times[LOG_P50.format(n=writers)], times[LOG_P95.format(n=writers)] = cli.p(50), cli.p(95)
    times[LOOP_P50.format(n=writers)], times[LOOP_P95.format(n=writers)] = loops[0].p(50), loops[0].p(95)
    if len(loops) > 1:
        times[LOOP_P50.format(n=writers) + ", one learner"] = loops[1].p(50)
        times[LOOP_P95.format(n=writers) + ", one learner"] = loops[1].p(95)
    times["CPU of one tracker log process (start-up)"] = cli.cpu_per_log or 0.0
    _print(times, how, learners, per_year, writers, seconds, [cli, *loops])
    return times


def _print(times: dict[str, float], how: str, learners: int, per_year: int, writers: int, seconds: float,
           loads: list[Load]) -> None:
    width = max(len(label) for label in times)
    print(f"\nserver bench: PostgreSQL on 127.0.0.1, {os.cpu_count()} CPUs; {learners} learners x {per_year:,} "
          f"sessions; {how}; each learner, connected as themselves, counts exactly their {per_year:,} sessions")
    print(f"{'figure'.ljust(width)}  {'seconds':>9}")
    for label, value in times.items():
        print(f"{label.ljust(width)}  {value:9.3f}")
    print(f"\n{writers} writers for {seconds:g} s  attempted  stored  lost  errors    p50 s    p95 s")
    for load in loads:
        print(f"{load.label:40s} {load.attempted:9d} {load.stored:7d} {load.lost:5d} {load.errors:7d} "
              f"{load.p(50):8.3f} {load.p(95):8.3f}")
        if load.cpu_per_log is not None:
            print(f"    {load.cpu_per_log:.3f} CPU s per process: {writers} at once on {os.cpu_count()} CPUs "
                  "is process start-up, hence the loops")
        for kind, number in load.error_kinds.items():
            print(f"    error x{number}: {kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run of about a minute: 1-year side by side, 5 learners, 4 writers for 5 s")
    parser.add_argument("--years", type=int, default=None, help="years of the side-by-side journal (10)")
    parser.add_argument("--learners", type=int, default=None)
    parser.add_argument("--writers", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args()
    quick = {"years": 1, "learners": 5, "writers": 4, "seconds": 5.0, "repeat": 2} if args.quick else {}
    pick = lambda key, default: getattr(args, key) if getattr(args, key) is not None else quick.get(key, default)  # noqa: E731

    from bench.make_journal import make_journal

    work = Path(tempfile.mkdtemp(prefix="tracker-bench-server-journals-"))
    try:
        one = work / "one-year.db"
        make_journal(one, years=1)
        years = pick("years", 10)
        side = one if years == 1 else work / f"{years}-years.db"
        if years != 1:
            make_journal(side, years=years)
        run(side if years == 10 else work / "unused.db", one, repeat=pick("repeat", REPEAT),
            learners=pick("learners", LEARNERS), writers=pick("writers", WRITERS), seconds=pick("seconds", SECONDS),
            side_journal=side)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
