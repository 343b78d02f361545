"""FSRS fitted to a simulated learner: how close `tracker cards optimize` comes to the truth.

A learner whose memory follows a known FSRS-6 parameter set (TRUE_PARAMETERS) studies for a year:
new cards every day for the first months, each due card reviewed on its day, each review recalled
with the probability the true model gives (a fixed seed), rated Again when forgotten and Hard /
Good / Easy otherwise. Then the optimizer is fitted on the first 80% of the history by time and
log loss / RMSE(bins) of the defaults, the fit and the true parameters are compared on the rest.

`python bench/bench_memory.py` prints the figures; `simulate()` is shared with tests/unit/test_memory.py.
"""

from __future__ import annotations

import math
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

#: A learner unlike the defaults: faster initial forgetting, slower growth after Good.
TRUE_PARAMETERS = (
    0.1, 0.6, 1.6, 5.0, 6.8, 0.6, 2.2, 0.02, 1.35, 0.22, 0.95, 1.7, 0.09, 0.35, 1.9, 0.45, 2.4,
    0.5, 0.1, 0.05, 0.3,
)
START = datetime(2025, 11, 21, 19, 0, tzinfo=timezone.utc)
FIRST_RATING = (0.25, 0.15, 0.5, 0.1)  # Again, Hard, Good, Easy at a card's first sight
RECALLED_RATING = (0.15, 0.75, 0.10)  # Hard, Good, Easy when recalled


def simulate(parameters=TRUE_PARAMETERS, days: int = 365, new_per_day: int = 8, new_days: int = 240,
             seed: int = 16, retention: float = 0.9, max_interval: int = 365) -> list[dict]:
    """Review rows (card_id, rating, reviewed_at) of a learner whose memory is `parameters`."""
    from fsrs_rs_python import FSRS

    rng = random.Random(seed)
    model = FSRS(list(parameters))
    decay = parameters[20]
    factor = 0.9 ** (-1 / decay) - 1
    cards: dict[int, list] = {}  # id -> [memory state, last day, due day]
    rows: list[dict] = []

    def answer(card_id: int, day: int, rating: int, memory, elapsed: int) -> None:
        states = model.next_states(memory, retention, elapsed)
        state = (states.again, states.hard, states.good, states.easy)[rating - 1]
        interval = min(max_interval, max(1, round(state.interval)))
        cards[card_id] = [state.memory, day, day + interval]
        stamp = START + timedelta(days=day, minutes=len(rows) % 600)
        rows.append({"card_id": card_id, "rating": rating, "reviewed_at": stamp.strftime("%Y-%m-%dT%H:%M:%SZ")})

    for day in range(days):
        for card_id, (memory, last, due) in sorted(cards.items()):
            if due <= day:
                elapsed = day - last
                recall = (1 + factor * elapsed / memory.stability) ** -decay
                if rng.random() < recall:
                    rating = rng.choices((2, 3, 4), RECALLED_RATING)[0]
                else:
                    rating = 1
                answer(card_id, day, rating, memory, elapsed)
        if day < new_days:
            for _ in range(new_per_day):
                answer(len(cards) + 1, day, rng.choices((1, 2, 3, 4), FIRST_RATING)[0], None, 0)
    return rows


def run() -> dict:
    from tracker.cards import memory
    from tracker.spacing import DEFAULT_PARAMETERS

    started = time.perf_counter()
    rows = simulate()
    simulated = time.perf_counter() - started
    items = memory.items_from_reviews(rows)
    cut = int(len(items) * memory.TRAIN_SHARE)
    train, test = items[:cut], items[cut:]
    started = time.perf_counter()
    fitted, scope = memory.fit(train)
    fit_seconds = time.perf_counter() - started
    scores = {name: memory.metrics(test, memory.predictions(test, params))
              for name, params in (("default", DEFAULT_PARAMETERS), ("fitted", fitted), ("true", TRUE_PARAMETERS))}
    return {
        "reviews": len(rows), "cards": len({r["card_id"] for r in rows}), "items": len(items),
        "fitted_on": len(train), "evaluated_on": len(test), "scope": scope,
        "simulate_seconds": simulated, "fit_seconds": fit_seconds, "scores": scores,
        "mad_fitted": sum(abs(a - b) for a, b in zip(fitted, TRUE_PARAMETERS)) / len(fitted),
        "mad_default": sum(abs(a - b) for a, b in zip(DEFAULT_PARAMETERS, TRUE_PARAMETERS)) / len(fitted),
        "fitted": fitted,
    }


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    result = run()
    print(f"simulated {result['reviews']} reviews of {result['cards']} cards over a year "
          f"({result['items']} a day or more after the previous one) in {result['simulate_seconds']:.2f} s")
    print(f"fitted ({result['scope']}) on the first {result['fitted_on']}, scored on the last "
          f"{result['evaluated_on']}; fit took {result['fit_seconds']:.2f} s")
    print(f"{'parameters':<10} {'log loss':>9} {'RMSE(bins)':>11}")
    for name, score in result["scores"].items():
        print(f"{name:<10} {score['log_loss']:>9.4f} {score['rmse_bins']:>11.4f}")
    print(f"mean |w - true|: fitted {result['mad_fitted']:.3f}, defaults {result['mad_default']:.3f}")
    print("w  true   fitted  default")
    from tracker.spacing import DEFAULT_PARAMETERS
    for i, (t, f, d) in enumerate(zip(TRUE_PARAMETERS, result["fitted"], DEFAULT_PARAMETERS)):
        print(f"{i:<2} {t:6.3f} {f:7.3f} {d:7.3f}")
    assert not math.isnan(result["scores"]["fitted"]["log_loss"])


if __name__ == "__main__":
    main()
