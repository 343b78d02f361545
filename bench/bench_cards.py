"""Cards at scale: the due-card query and recording one review, with 20,000 cards.

Target: under 50 ms each. `run(tmpdir)` builds the journal and returns median seconds;
`python bench/bench_cards.py` prints them.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

CARDS = 20_000
#: Reviews already stored per card, so the review table is as big as a few years of use.
REVIEWS_PER_CARD = 5
TOPICS = 40
REPEATS = 21
DUE_QUERY = "cards: full due queue, 20,000 cards"
DUE_FIRST_100 = "cards: first 100 due (what Review loads)"
DUE_COUNT = "cards: due count (what stats shows)"
RECORD_REVIEW = "cards: record one review"
TARGETS = {DUE_QUERY: "< 50 ms", DUE_FIRST_100: "< 50 ms", DUE_COUNT: "< 50 ms", RECORD_REVIEW: "< 50 ms"}
NOW = datetime(2026, 11, 21, 18, 30, tzinfo=timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(path: Path, seed: int = 1) -> None:
    """A journal with CARDS cards in review state, due from 60 days ago to a year ahead."""
    from tracker.store import open_journal

    rng = random.Random(seed)
    stamp = _stamp(NOW)
    with open_journal(str(path)) as journal, journal.transaction():
        journal.executemany(
            "INSERT INTO topic (name, notes, created_at, updated_at) VALUES (:name, '', :s, :s)",
            [{"name": f"Topic {n}", "s": stamp} for n in range(TOPICS)],
        )
        cards, reviews = [], []
        for n in range(1, CARDS + 1):
            due = NOW + timedelta(minutes=rng.randint(-60 * 24 * 60, 365 * 24 * 60))
            last = due - timedelta(days=rng.randint(1, 60))
            cards.append({
                "id": n, "uid": f"bench-{n}", "topic_id": rng.randint(1, TOPICS), "front": f"Question {n}?",
                "back": f"Answer {n}.", "stability": rng.uniform(1, 60), "difficulty": rng.uniform(1, 10),
                "due": _stamp(due), "last": _stamp(last), "s": stamp,
            })
            for k in range(REVIEWS_PER_CARD):
                reviews.append({"card_id": n, "rating": rng.choice((1, 3, 3, 3, 4)),
                                "at": _stamp(last - timedelta(days=10 * k)), "s": stamp})
        journal.executemany(
            "INSERT INTO card (id, uid, topic_id, front, back, tags, source, state, step, stability, difficulty, "
            "due, last_review, created_at, updated_at) VALUES (:id, :uid, :topic_id, :front, :back, '', 'csv', 2, "
            "NULL, :stability, :difficulty, :due, :last, :s, :s)",
            cards,
        )
        journal.executemany(
            "INSERT INTO review (card_id, rating, reviewed_at, created_at, updated_at) "
            "VALUES (:card_id, :rating, :at, :s, :s)",
            reviews,
        )


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _median_time(call) -> float:
    """Median seconds of REPEATS calls."""
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return _median(timings)


def run(tmpdir: Path | str) -> dict[str, float]:
    """Median seconds of: the full due queue (a two-month backlog, ~2,800 cards), its first 100
    (what a review screen loads), the due count (stats), and recording one review."""
    from tracker import cards
    from tracker.store import open_journal

    path = Path(tmpdir) / "cards-bench.db"
    path.unlink(missing_ok=True)
    build(path)
    results: dict[str, float] = {}
    with open_journal(str(path)) as journal:
        queue = cards.due_cards(journal, NOW)
        TARGETS[DUE_QUERY] = f"< 50 ms ({len(queue):,} cards due)"
        results[DUE_QUERY] = _median_time(lambda: cards.due_cards(journal, NOW))
        results[DUE_FIRST_100] = _median_time(lambda: cards.due_cards(journal, NOW, limit=100))
        results[DUE_COUNT] = _median_time(lambda: cards.due_count(journal, NOW))
        timings = []
        cards.rate(journal, queue[0], "good", now=NOW, retention=0.9)  # warm: imports fsrs once
        for card in queue[1:REPEATS + 1]:
            started = time.perf_counter()
            cards.rate(journal, card, "good", now=NOW, duration_ms=4_000, retention=0.9)
            timings.append(time.perf_counter() - started)
        results[RECORD_REVIEW] = _median(timings)
    return results


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        for key, value in run(scratch).items():
            sys.stdout.write(f"{key:<45} {value * 1000:8.2f} ms  {TARGETS[key]}\n")
