"""When a checkpoint should be run again: each one is scheduled like a card with FSRS, so topics the
learner finds hard come back sooner and settled ones drift further apart.

Pure functions over past runs and events (rows the journal, a test or a script can feed): the whole
history is replayed through FSRS on every call, so no scheduler state is stored and a change of
these rules applies to old runs too.

Which runs count (a rated run is one FSRS review):
- the first run ever, and the first run on or after the due date, are rated: a failure is "again",
  a pass after a hint or a give-up since the previous run "hard", a pass "good", and a pass without
  help at least LONG_GAP_FACTOR times the scheduled interval after the last rated run "easy";
- every other run is practice (it falls before the due date) and changes nothing, pass or fail; the
  state still shows how the last run went.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from enum import Enum
from typing import NamedTuple

from tracker.checkpoints.events import GIVE_UP, HINT
from tracker.spacing import fsrs_scheduler

#: A pass without help counts as "easy" when the learner came back this many times the interval
#: FSRS had asked for, or later: the topic held up far longer than the model expected. (A gap of
#: just the interval itself is every on-time re-check, which is "good".)
LONG_GAP_FACTOR = 2.0
#: The longest wait between re-checks: a proven topic still comes back about once a year.
MAXIMUM_INTERVAL_DAYS = 365
#: FSRS's usual target when the caller has no setting: 90% of topics still pass when they fall due.
DEFAULT_RETENTION = 0.9
#: Events that mean the learner had help before the next run.
HELP_EVENTS = frozenset({HINT, GIVE_UP})


class PastRun(NamedTuple):
    """One run as the journal keeps it; `PastRun(*row)` builds it from a (name, passed, when) row."""

    checkpoint: str
    passed: bool
    when: datetime | date


class PastEvent(NamedTuple):
    """Something that happened between runs: (name, kind such as 'hint', when)."""

    checkpoint: str
    kind: str
    when: datetime | date


class State(str, Enum):
    NEVER_RUN = "never run"
    FAILING = "failing"
    PASSED = "passed"
    RECHECK_DUE = "re-check due"


class Rating(str, Enum):
    """How a rated run went, named as FSRS names its grades (the values are fsrs.Rating's)."""

    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"

    @property
    def number(self) -> int:
        return list(Rating).index(self) + 1


@dataclass(frozen=True)
class CheckpointStatus:
    name: str
    state: State
    #: The day from which the next run counts as a re-check (None when never run).
    due: date | None = None
    #: How the latest rated run went, and how many runs were rated.
    rating: Rating | None = None
    reviews: int = 0
    #: FSRS stability in days: about how long until the chance of passing drops to the retention.
    stability: float | None = None
    last_run: date | None = None


def rate_run(run: PastRun, helped: bool, gap_days: int | None, interval_days: int | None) -> Rating:
    """The FSRS grade of one rated run; `gap_days` is the time since the last rated run and
    `interval_days` the wait FSRS had scheduled then (both None for the first run)."""
    if not run.passed:
        return Rating.AGAIN
    if helped:
        return Rating.HARD
    if gap_days is not None and interval_days and gap_days >= LONG_GAP_FACTOR * interval_days:
        return Rating.EASY
    return Rating.GOOD


def checkpoint_status(
    name: str, runs: Iterable[PastRun], today: date, events: Iterable[PastEvent] = (),
    retention: float = DEFAULT_RETENTION,
) -> CheckpointStatus:
    """The status of one checkpoint from its runs and events (in any order; others' are ignored)."""
    own = sorted((run for run in runs if run.checkpoint == name), key=lambda run: _day_and_time(run.when))
    if not own:
        return CheckpointStatus(name, State.NEVER_RUN)
    from fsrs import Card  # only once there is something to schedule
    from fsrs import Rating as FsrsRating

    helps = sorted(_day_and_time(e.when) for e in events if e.checkpoint == name and e.kind in HELP_EVENTS)
    scheduler = fsrs_scheduler(retention, False, whole_days=True, maximum_days=MAXIMUM_INTERVAL_DAYS)
    card, due, rating, reviews = Card(), None, None, 0
    last_rated: date | None = None
    previous = None
    for run in own:
        day, key = _day(run.when), _day_and_time(run.when)
        helped = any((previous is None or previous < help) and help <= key for help in helps)
        previous = key
        if due is not None and day < due:
            continue  # practice
        interval = (due - last_rated).days if due and last_rated else None
        gap = (day - last_rated).days if last_rated else None
        rating = rate_run(run, helped, gap, interval)
        card, _log = scheduler.review_card(card, FsrsRating(rating.number), _noon(day))
        due, last_rated, reviews = card.due.date(), day, reviews + 1
    last_run = _day(own[-1].when)
    if not own[-1].passed:
        state = State.FAILING
    else:
        state = State.RECHECK_DUE if today >= due else State.PASSED
    return CheckpointStatus(name, state, due, rating, reviews, card.stability, last_run)


def statuses(
    names: Iterable[str], runs: Iterable[PastRun], today: date, events: Iterable[PastEvent] = (),
    retention: float = DEFAULT_RETENTION,
) -> dict[str, CheckpointStatus]:
    """The status of each of `names` and of every other checkpoint that has runs (note blocks)."""
    by_name: dict[str, list[PastRun]] = defaultdict(list)
    for run in runs:
        by_name[run.checkpoint].append(run)
    events_by_name: dict[str, list[PastEvent]] = defaultdict(list)
    for event in events:
        events_by_name[event.checkpoint].append(event)
    every_name = dict.fromkeys([*names, *by_name])
    return {name: checkpoint_status(name, by_name[name], today, events_by_name[name], retention)
            for name in every_name}


def due_for_recheck(found: dict[str, CheckpointStatus]) -> list[CheckpointStatus]:
    """The checkpoints to re-run now, the longest overdue first."""
    return sorted((s for s in found.values() if s.state is State.RECHECK_DUE), key=lambda s: s.due)


def _noon(day: date) -> datetime:
    """FSRS counts whole days between reviews: every run is placed at noon of its (local) day, so
    the interval doesn't depend on the hour or the time zone."""
    return datetime.combine(day, time(12), tzinfo=timezone.utc)


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _day_and_time(moment: datetime | date) -> tuple[date, str]:
    """A sort key that mixes dates and (naive or aware) datetimes without comparing them directly."""
    return (_day(moment), moment.isoformat() if isinstance(moment, datetime) else "")
