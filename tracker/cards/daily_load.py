"""A humane daily load: limits on new cards and reviews per study day, leeches, due dates spread so
one day does not get a pile, and the recall FSRS predicts.

Plain SQL and arithmetic; fsrs is only imported to replay a card's history when it may be a leech.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tracker.clock import day_of_stamp, local_day_bounds, parse_utc, study_day
from tracker.spacing import parameters_in_force
from tracker.store import Journal, Row

#: A card forgotten this many times is a leech (Anki's default): it is suspended and tagged, since
#: reviewing it again as it is wastes the learner's time; and again at every LEECH_AGAIN lapses more.
LEECH_LAPSES = 8
LEECH_AGAIN = 4
LEECH_TAG = "leech"
#: FSRS states (fsrs.State) whose rating Again is a lapse: the card was known (2 review), not being
#: learnt. A card that fails again while relearning (3) has lapsed once, not twice, as in Anki and FSRS.
REVIEW_STATE = 2
#: FSRS-6's default forgetting-curve decay (parameter w20), used while no fitted parameters exist.
DEFAULT_DECAY = 0.1542


@dataclass(frozen=True)
class DailyLimits:
    """The learner's per-study-day limits (settings new_cards_per_day, reviews_per_day)."""

    new_cards: int = 20
    reviews: int = 200
    day_starts_at: int = 0

    @classmethod
    def from_settings(cls, settings: Any) -> DailyLimits:
        return cls(settings.new_cards_per_day, settings.reviews_per_day, settings.day_starts_at)


@dataclass(frozen=True)
class DayLoad:
    """What was done in one study day, against the limits."""

    new_cards: int
    reviews: int


def day_load(journal: Journal, now: datetime, day_starts_at: int = 0) -> DayLoad:
    """Reviews made in the study day of `now`, and how many of them were a card's first review."""
    today = study_day(now, day_starts_at)
    first, after = local_day_bounds(today, today, day_starts_at)
    params = {"first": first, "after": after}
    reviews = journal.scalar("SELECT count(*) FROM review WHERE reviewed_at >= :first AND reviewed_at < :after", params)
    new_cards = journal.scalar(
        "SELECT count(*) FROM (SELECT card_id FROM review GROUP BY card_id "
        "HAVING min(reviewed_at) >= :first AND min(reviewed_at) < :after) AS firsts", params,
    )
    return DayLoad(new_cards or 0, reviews or 0)


def limit_queue(rows: Iterable[Row], load: DayLoad, limits: DailyLimits) -> list[Row]:
    """The due cards the limits leave for today, in their order: a card never reviewed is new and
    counts against new_cards_per_day; every review (new cards' first ones too, as Anki's v3
    scheduler counts) against reviews_per_day."""
    reviews_left = max(0, limits.reviews - load.reviews)
    new_left = max(0, limits.new_cards - load.new_cards)
    queue = []
    for row in rows:
        if len(queue) >= reviews_left:
            break
        if row["last_review"] is None:
            if not new_left:
                continue
            new_left -= 1
        queue.append(row)
    return queue


# -- leeches ----------------------------------------------------------------------------------------
def lapses(journal: Journal, card_id: int) -> int:
    """How often a card was forgotten: ratings Again given while it was in the review state.

    The review table keeps ratings and times, not the state before each one, so the states are
    replayed with FSRS's own state machine (which depends on the ratings and the learning steps,
    not on the parameters)."""
    from fsrs import Card, Rating, Scheduler

    scheduler = Scheduler(enable_fuzzing=False)
    card, count = Card(card_id=card_id), 0
    for review in journal.rows(
        "SELECT rating, reviewed_at FROM review WHERE card_id = :id ORDER BY reviewed_at, id", {"id": card_id}
    ):
        if review["rating"] == 1 and int(card.state) == REVIEW_STATE:
            count += 1
        card, _log = scheduler.review_card(card, Rating(review["rating"]), parse_utc(review["reviewed_at"]))
    return count


def is_leech_now(lapse_count: int) -> bool:
    """True at the lapse that makes a card a leech: the 8th, then every 4th more (12, 16, ...)."""
    return lapse_count >= LEECH_LAPSES and (lapse_count - LEECH_LAPSES) % LEECH_AGAIN == 0


def with_tag(tags: str, tag: str) -> str:
    words = tags.split()
    return " ".join(words if tag in words else [*words, tag])


# -- load balancing ---------------------------------------------------------------------------------
def fuzz_range(interval_days: int, maximum_days: int) -> tuple[int, int]:
    """The days FSRS's fuzz may choose from for an interval (py-fsrs's FUZZ_RANGES, the same as
    Anki's): about ±15% of the part from 2.5 to 7 days, ±10% to 20 days, ±5% above."""
    from fsrs.scheduler import FUZZ_RANGES

    delta = 1.0
    for part in FUZZ_RANGES:
        delta += part["factor"] * max(min(float(interval_days), part["end"]) - part["start"], 0.0)
    low, high = round(interval_days - delta), round(interval_days + delta)
    low, high = max(2, low), min(high, maximum_days)
    return min(low, high), high


def balanced_days(
    journal: Journal, card: Mapping[str, Any], interval_days: int, moment: datetime, *, review_count: int,
    day_starts_at: int = 0, maximum_days: int = 36500,
) -> int:
    """The interval, within FSRS's fuzz range, whose study day has the fewest cards due (other
    than this one, suspended ones left out); a tie is broken by a random choice seeded with the
    card's uid and its number of reviews, so the same history always gives the same day.
    Intervals under 2.5 days are not fuzzed and are kept."""
    if interval_days < 2.5:
        return interval_days
    low, high = fuzz_range(interval_days, maximum_days)
    choices = list(range(low, high + 1))
    first, last = moment + timedelta(days=low), moment + timedelta(days=high)
    start, after = local_day_bounds(study_day(first, day_starts_at), study_day(last, day_starts_at), day_starts_at)
    due_days = Counter(
        day_of_stamp(row["due"], day_starts_at)
        for row in journal.rows(
            "SELECT due FROM card WHERE due >= :start AND due < :after AND suspended = 0 AND id != :id",
            {"start": start, "after": after, "id": card["id"]},
        )
    )
    load = {days: due_days[study_day(moment + timedelta(days=days), day_starts_at)] for days in choices}
    fewest = min(load.values())
    chooser = random.Random(f"{card['uid']}:{review_count}")
    return chooser.choice([days for days in choices if load[days] == fewest])


# -- predicted recall ---------------------------------------------------------------------------------
def decay_in_force(journal: Journal) -> float:
    """The forgetting curve's decay (FSRS-6's w20) of the parameters in force (spacing's one rule)."""
    return parameters_in_force(journal)[20]


def retrievability(card: Mapping[str, Any], now: datetime, decay: float = DEFAULT_DECAY) -> float | None:
    """The chance of recalling the card now, by FSRS-6's forgetting curve
    R = (1 + factor * t / S) ^ -decay, with factor set so R = 0.9 when t = S, and t in whole days
    as py-fsrs counts it (get_card_retrievability); None for a card never reviewed."""
    if not card.get("last_review") or not card.get("stability"):
        return None
    elapsed = max(0, (now - parse_utc(card["last_review"])).days)
    factor = 0.9 ** (-1 / decay) - 1
    return (1 + factor * elapsed / card["stability"]) ** -decay


def expected_retention(rows: Sequence[Mapping[str, Any]], now: datetime, decay: float = DEFAULT_DECAY) -> float | None:
    """The deck's expected retention: the mean predicted recall of its reviewed, unsuspended cards."""
    values = [r for r in (retrievability(row, now, decay) for row in rows if not row.get("suspended")) if r is not None]
    return math.fsum(values) / len(values) if values else None


def deck_retention(journal: Journal, now: datetime) -> float | None:
    """expected_retention of every card in the journal (SQL and arithmetic, no fsrs import)."""
    rows = journal.rows("SELECT stability, last_review, suspended FROM card WHERE last_review IS NOT NULL")
    return expected_retention(rows, now, decay_in_force(journal))


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"

