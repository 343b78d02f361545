"""Memory fitted to the learner: FSRS parameters fitted to their own reviews (`tracker cards
optimize`), and what fitting buys, measured on later reviews (`tracker cards evaluate`).

The optimizer is fsrs-rs-python (the Rust optimizer Anki uses, a 585 KB wheel); py-fsrs's own
optimizer needs torch (hundreds of MB). Both speak FSRS-6 (21 parameters), so a fitted vector goes
straight into py-fsrs's Scheduler (tracker.spacing), which schedules every card.

Each review a day or more after the card's previous one is one thing FSRS learns from (an "item":
the card's reviews up to it, each as (rating, days since the previous review)); same-day reviews
are kept in the history (FSRS-6 models them) but not predicted, as in srs-benchmark.

fsrs_rs_python and numpy are imported inside the functions, so nothing else pays for them.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tracker import config
from tracker.cards import daily_load
from tracker.clock import day_of_stamp, parse_utc, utc_now, utc_text
from tracker.errors import Msg, bad_input, failure
from tracker.spacing import (
    DEFAULT_PARAMETERS,
    PARAMETER_COUNT,
    fsrs_scheduler,
    parameters_in_force,
)
from tracker.store import Journal, stamps

#: Fewer predictable reviews (a day or more after the card's previous one) than this and the fit
#: would follow noise: the defaults stay. fsrs-rs itself fits only the first 4 parameters (the
#: initial stabilities, from first-review outcomes) until it has enough data for the rest.
MIN_ITEMS = 32
#: `evaluate` fits on the first 80% of the predictable reviews by time and scores the rest.
TRAIN_SHARE = 0.8
#: srs-benchmark's RMSE(bins) log bases for (days since the previous review, review number, lapses).
BIN_BASES = ((2.48, 3.62), (1.99, 1.89), (1.65, 1.73))


@dataclass(frozen=True)
class Item:
    """One predictable review: the card's history up to it, and whether it was recalled."""

    card_id: int
    reviewed_at: str
    #: (rating, days since the previous review; 0 for the first) for every review up to this one.
    history: tuple[tuple[int, int], ...]

    @property
    def recalled(self) -> int:
        return int(self.history[-1][0] > 1)

    @property
    def days(self) -> int:
        return self.history[-1][1]


def items_from_reviews(rows: Sequence[Mapping[str, Any]], day_starts_at: int = 0) -> list[Item]:
    """Items from review rows (card_id, rating, reviewed_at), ordered by the time of the review
    each predicts. Days are study days (the day starts at `day_starts_at`, local time)."""
    by_card: dict[int, list[tuple[int, date, str]]] = {}
    for row in rows:
        by_card.setdefault(row["card_id"], []).append(
            (int(row["rating"]), day_of_stamp(row["reviewed_at"], day_starts_at), row["reviewed_at"]))
    items = []
    for card_id, reviews in by_card.items():
        reviews.sort(key=lambda r: r[2])
        history: list[tuple[int, int]] = []
        previous: date | None = None
        for rating, day, stamp in reviews:
            days = 0 if previous is None else (day - previous).days
            history.append((rating, days))
            previous = day
            if len(history) > 1 and days > 0:
                items.append(Item(card_id, stamp, tuple(history)))
    items.sort(key=lambda item: (item.reviewed_at, item.card_id))
    return items


def _rs_items(items: Sequence[Item], drop_last: bool = False) -> list:
    from fsrs_rs_python import FSRSItem, FSRSReview

    return [FSRSItem([FSRSReview(r, d) for r, d in (item.history[:-1] if drop_last else item.history)])
            for item in items]


def fit(items: Sequence[Item]) -> tuple[list[float], str]:
    """FSRS-6 parameters fitted to `items`, and the scope fsrs-rs fitted: 'all', or 'first-4'
    (the initial stabilities only) when there is too little data for the rest."""
    from fsrs_rs_python import FSRS

    fitted = [float(w) for w in FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(_rs_items(items))]
    checked_parameters(fitted)
    same_tail = all(math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-6)
                    for a, b in zip(fitted[4:], DEFAULT_PARAMETERS[4:]))
    return fitted, "first-4" if same_tail else "all"


def checked_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """Refuse a vector py-fsrs's Scheduler can't use (another FSRS version's length, or out of
    its bounds), so nothing is stored that would break every later review."""
    values = tuple(float(w) for w in parameters)
    if len(values) != PARAMETER_COUNT or not all(math.isfinite(w) for w in values):
        raise failure(Msg.MEMORY_PARAMETERS, count=len(values), expected=PARAMETER_COUNT)
    try:
        fsrs_scheduler(0.9, False, parameters=values)
    except ValueError as err:
        raise failure(Msg.MEMORY_PARAMETERS_BOUNDS, reason=str(err).splitlines()[0]) from None
    return values


def predictions(items: Sequence[Item], parameters: Sequence[float]) -> list[float]:
    """Each item's predicted recall: the memory state after the earlier reviews (fsrs-rs) and the
    FSRS-6 forgetting curve R = (1 + factor * t / S) ** -decay at the item's days."""
    from fsrs_rs_python import FSRS

    if not items:
        return []
    states = FSRS(list(parameters)).memory_state_batch(_rs_items(items, drop_last=True))
    decay = parameters[20]
    factor = 0.9 ** (-1 / decay) - 1
    return [(1 + factor * item.days / state.stability) ** -decay for item, state in zip(items, states)]


def _log_bin(value: float, scale: float, base: float) -> float:
    return round(scale * base ** math.floor(math.log(value) / math.log(base)), 2)


def metrics(items: Sequence[Item], predicted: Sequence[float]) -> dict[str, float]:
    """Log loss and RMSE(bins) as srs-benchmark computes them. The bins: each review is put in
    a bin by (days since the previous review, its review number, the card's lapses so far), each
    on a log scale (BIN_BASES: scale * base ** floor(log_base x); no lapses is its own bin); per
    bin, mean predicted recall against the share really recalled; RMSE over bins weighted by
    the reviews in each."""
    eps = 1e-7
    loss = 0.0
    bins: dict[tuple[float, float, float], list[float]] = {}
    for item, p in zip(items, predicted):
        y = item.recalled
        q = min(max(p, eps), 1 - eps)
        loss -= y * math.log(q) + (1 - y) * math.log(1 - q)
        lapses = sum(1 for r, d in item.history[:-1] if r == 1 and d > 0)
        (ds, db), (ns, nb), (ls, lb) = BIN_BASES
        key = (_log_bin(item.days, ds, db), _log_bin(len(item.history) - 1, ns, nb),
               _log_bin(lapses, ls, lb) if lapses else 0.0)
        total = bins.setdefault(key, [0.0, 0.0, 0])
        total[0] += y
        total[1] += p
        total[2] += 1
    n = len(items)
    if not n:
        return {"log_loss": float("nan"), "rmse_bins": float("nan")}
    squared = sum(count * (ys / count - ps / count) ** 2 for ys, ps, count in bins.values())
    return {"log_loss": loss / n, "rmse_bins": math.sqrt(squared / n)}


# -- the journal ----------------------------------------------------------------------------------
def _history(journal: Journal) -> tuple[list[Item], int]:
    rows = journal.rows("SELECT card_id, rating, reviewed_at FROM review ORDER BY card_id, reviewed_at, id")
    return items_from_reviews(rows, config.load_settings().day_starts_at), len(rows)


@dataclass(frozen=True)
class Optimized:
    #: False when the defaults stay (too little history); `message` says why.
    fitted: bool
    message: str
    reviews: int
    items: int
    scope: str | None = None
    parameters: list[float] = field(default_factory=list)
    rescheduled: int = 0
    seconds: float = 0.0


def optimize(journal: Journal, now: datetime | None = None) -> Optimized:
    """Fit FSRS to the whole review history, store the parameters (the newest row is in force)
    and reschedule every reviewed card with them. Too little history: nothing is written."""
    moment = utc_now(now)
    items, reviews = _history(journal)
    if len(items) < MIN_ITEMS:
        return Optimized(False, Msg.MEMORY_TOO_LITTLE.format(items=len(items), needed=MIN_ITEMS),
                         reviews, len(items))
    started = time.perf_counter()
    parameters, scope = fit(items)
    seconds = time.perf_counter() - started
    with journal.transaction():
        journal.insert(
            "INSERT INTO fsrs_parameters (fitted_on, reviews, scope, parameters, created_at, updated_at) "
            "VALUES (:fitted_on, :reviews, :scope, :parameters, :created_at, :updated_at) RETURNING id",
            {"fitted_on": utc_text(moment), "reviews": reviews, "scope": scope,
             "parameters": json.dumps([round(w, 6) for w in parameters]), **stamps()},
        )
        rescheduled = reschedule(journal)
    message = Msg.MEMORY_FITTED.format(
        scope="all 21 parameters" if scope == "all" else "the first 4 parameters (too little history for the rest)",
        reviews=reviews, items=len(items), cards=rescheduled)
    return Optimized(True, message, reviews, len(items), scope, parameters, rescheduled, seconds)


def reschedule(journal: Journal, retention: float | None = None) -> int:
    """Recompute every reviewed card's state by replaying its reviews through py-fsrs with the
    parameters in force, and balance its due date as `rate` does (daily_load.balanced_days: the
    least loaded study day in FSRS's fuzz range, ties seeded by the card's uid and review count).
    Call inside a transaction. Returns how many cards changed.

    The replayed, unbalanced due dates are written first and then balanced card by card, so the
    days chosen depend on the history alone, not on what an earlier reschedule chose: the same
    history gives the same dates, however often this runs (optimize, the Anki import)."""
    from fsrs import Card, Rating

    settings = config.load_settings()
    if retention is None:
        retention = settings.desired_retention
    scheduler = fsrs_scheduler(retention, False, parameters=parameters_in_force(journal))
    rows = journal.rows(
        "SELECT card_id, rating, reviewed_at, review_duration_ms FROM review ORDER BY card_id, reviewed_at, id")
    by_card: dict[int, list] = {}
    for row in rows:
        by_card.setdefault(row["card_id"], []).append(row)
    replayed = []
    for card_id, reviews in by_card.items():
        card = Card(card_id=card_id)
        for row in reviews:
            card, _log = scheduler.review_card(card, Rating(row["rating"]), parse_utc(row["reviewed_at"]),
                                               row["review_duration_ms"])
        journal.update("card", card_id, {
            "state": int(card.state), "step": card.step, "stability": card.stability,
            "difficulty": card.difficulty, "due": utc_text(card.due), "last_review": reviews[-1]["reviewed_at"],
        })
        replayed.append((card_id, card.due, parse_utc(reviews[-1]["reviewed_at"]), len(reviews)))
    uids = {r["id"]: r["uid"] for r in journal.rows("SELECT id, uid FROM card")}
    for card_id, due, reviewed_at, review_count in replayed:
        if due - reviewed_at < timedelta(days=2.5):  # as rate: shorter intervals are not fuzzed
            continue
        days = daily_load.balanced_days(
            journal, {"id": card_id, "uid": uids[card_id]}, (due - reviewed_at).days, reviewed_at,
            review_count=review_count, day_starts_at=settings.day_starts_at,
            maximum_days=scheduler.maximum_interval,
        )
        balanced = reviewed_at + timedelta(days=days)
        if balanced != due:
            journal.update("card", card_id, {"due": utc_text(balanced)})
    return len(by_card)


def evaluate(journal: Journal) -> dict[str, Any]:
    """Log loss and RMSE(bins) of the default and the fitted parameters on later reviews than
    those fitted on: a fit on the first 80% of the predictable reviews by time (not stored),
    scored on the rest. Too little history: bad input (one line)."""
    items, reviews = _history(journal)
    cut = int(len(items) * TRAIN_SHARE)
    train, test = items[:cut], items[cut:]
    if len(train) < MIN_ITEMS or not test:
        raise bad_input(Msg.MEMORY_NOTHING_TO_EVALUATE, items=len(items),
                        needed=math.ceil(MIN_ITEMS / TRAIN_SHARE) + 1)
    started = time.perf_counter()
    parameters, scope = fit(train)
    seconds = time.perf_counter() - started
    in_force = journal.row("SELECT fitted_on, reviews, scope FROM fsrs_parameters ORDER BY id DESC LIMIT 1")
    return {
        "reviews": reviews,
        "fitted_on_reviews": len(train),
        "evaluated_on_reviews": len(test),
        "split_at": test[0].reviewed_at,
        "scope": scope,
        "default": metrics(test, predictions(test, DEFAULT_PARAMETERS)),
        "fitted": metrics(test, predictions(test, parameters)),
        "fit_seconds": round(seconds, 3),
        "in_force": dict(in_force) if in_force else None,
    }
