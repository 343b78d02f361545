"""`tracker week` on the 10-year and the 1-year synthetic journal: the same week of both (their last,
which have the same density), so the times differ only by what the journal's size costs.

Targets: under 600 ms median on ten years, and within 10% of the one-year time (every query is
bounded by the week's dates; the streak reads a window of days before the week's end, widened only
while every day in it counted).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import child_env, median_seconds, tracker_command

#: A day in the synthetic journals' last week (they end on 2026-11-21).
WEEK_DAY = "2026-11-18"
NOW = "2026-11-21T18:30:00+00:00"
REPEAT = 15

TEN_YEARS = "tracker week, 10-year journal"
ONE_YEAR = "tracker week, 1-year journal"
TEN_YEARS_HTML = "tracker week --format html, 10-year journal"
TARGETS = {TEN_YEARS: "< 0.600 s, within 10% of 1 year", ONE_YEAR: "reference for the 10-year time",
           TEN_YEARS_HTML: "< 0.600 s"}


def run(journal_10y: Path, journal_1y: Path, repeat: int = REPEAT) -> dict[str, float]:
    env = child_env(TRACKER_NOW=NOW, TRACKER_DATA_DIR=str(Path(journal_10y).parent / "week-data"),
                    TRACKER_CONFIG_DIR=str(Path(journal_10y).parent / "week-config"))
    tracker = tracker_command()

    def timed(journal: Path, *extra: str) -> float:
        return median_seconds([*tracker, "--db", str(journal), "week", WEEK_DAY, *extra], repeat, env, warmup=2)

    return {
        TEN_YEARS: timed(journal_10y),
        ONE_YEAR: timed(journal_1y),
        TEN_YEARS_HTML: timed(journal_10y, "--format", "html"),
    }


if __name__ == "__main__":
    import tempfile

    from bench.make_journal import make_journal

    work = Path(tempfile.mkdtemp(prefix="tracker-bench-week-"))
    make_journal(work / "ten.db", years=10)
    make_journal(work / "one.db", years=1)
    results = run(work / "ten.db", work / "one.db")
    for label, seconds in results.items():
        print(f"{label:45s} {seconds * 1000:7.1f} ms  {TARGETS[label]}")
    print(f"10 years / 1 year: {results[TEN_YEARS] / results[ONE_YEAR]:.3f}")
