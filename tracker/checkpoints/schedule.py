"""When a passed checkpoint should be run again, so a topic is re-checked after it has settled.

Pure functions over past runs (checkpoint name, passed, when), so the journal, a test or a
script can feed them rows. Each re-check passed on or after its due date lengthens the next
interval; a pass before the due date is practice and changes nothing; a failure starts over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import NamedTuple

#: Days until the next re-check after the 1st, 2nd, 3rd... pass in a row: spaced like the
#: forgetting curve. After the last, re-checks stay that far apart (about twice a year).
RECHECK_INTERVALS_DAYS = (1, 3, 7, 21, 60, 180)


class PastRun(NamedTuple):
    """One run as the journal keeps it; `PastRun(*row)` builds it from a (name, passed, when) row."""

    checkpoint: str
    passed: bool
    when: datetime | date


class State(str, Enum):
    NEVER_RUN = "never run"
    FAILING = "failing"
    PASSED = "passed"
    RECHECK_DUE = "re-check due"


@dataclass(frozen=True)
class CheckpointStatus:
    name: str
    state: State
    #: The day the next re-check falls due (None unless the last run passed).
    due: date | None = None
    #: Re-checks passed on time in a row; it picks the next interval.
    streak: int = 0
    last_run: date | None = None


def recheck_interval(streak: int) -> timedelta:
    """The wait after the first pass (streak 0) and after each on-time re-check."""
    return timedelta(days=RECHECK_INTERVALS_DAYS[min(streak, len(RECHECK_INTERVALS_DAYS) - 1)])


def checkpoint_status(name: str, runs: Iterable[PastRun], today: date) -> CheckpointStatus:
    """The status of one checkpoint from its runs (in any order; runs of others are ignored)."""
    own = sorted((run for run in runs if run.checkpoint == name), key=lambda run: _day_and_time(run.when))
    if not own:
        return CheckpointStatus(name, State.NEVER_RUN)
    due: date | None = None
    streak = 0
    for run in own:
        day = _day(run.when)
        if not run.passed:
            due, streak = None, 0
        elif due is None:
            due = day + recheck_interval(0)
        elif day >= due:
            streak += 1
            due = day + recheck_interval(streak)
    last_run = _day(own[-1].when)
    if due is None:
        return CheckpointStatus(name, State.FAILING, None, 0, last_run)
    state = State.RECHECK_DUE if today >= due else State.PASSED
    return CheckpointStatus(name, state, due, streak, last_run)


def statuses(names: Iterable[str], runs: Iterable[PastRun], today: date) -> dict[str, CheckpointStatus]:
    """The status of each of `names` and of every other checkpoint that has runs (note blocks)."""
    by_name: dict[str, list[PastRun]] = defaultdict(list)
    for run in runs:
        by_name[run.checkpoint].append(run)
    every_name = dict.fromkeys([*names, *by_name])
    return {name: checkpoint_status(name, by_name[name], today) for name in every_name}


def due_for_recheck(found: dict[str, CheckpointStatus]) -> list[CheckpointStatus]:
    """The checkpoints to re-run now, the longest overdue first."""
    return sorted((s for s in found.values() if s.state is State.RECHECK_DUE), key=lambda s: s.due)


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _day_and_time(moment: datetime | date) -> tuple[date, str]:
    """A sort key that mixes dates and (naive or aware) datetimes without comparing them directly."""
    return (_day(moment), moment.isoformat() if isinstance(moment, datetime) else "")
