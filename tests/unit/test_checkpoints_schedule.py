"""Re-checks: the runs and events replayed through FSRS give each checkpoint's status and due date."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tracker.checkpoints import (
    PastRun,
    State,
    checkpoint_status,
    due_for_recheck,
    statuses,
)
from tracker.checkpoints.schedule import (
    LONG_GAP_FACTOR,
    MAXIMUM_INTERVAL_DAYS,
    PastEvent,
    Rating,
)

DAY0 = date(2025, 3, 3)


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def interval(runs: list[PastRun], events: list[PastEvent] = ()) -> int:
    """Days from the last run to the due date it leaves."""
    status = checkpoint_status("mlp", runs, runs[-1].when, events)
    return (status.due - runs[-1].when).days


def on_time(passes: int) -> list[PastRun]:
    """A first pass, then `passes` more, each on the day it fell due."""
    runs = [PastRun("mlp", True, day(0))]
    for _ in range(passes):
        runs.append(PastRun("mlp", True, checkpoint_status("mlp", runs, day(0)).due))
    return runs


def test_never_run():
    status = checkpoint_status("mlp", [PastRun("losses", True, day(0))], day(5))
    assert (status.state, status.due, status.reviews) == (State.NEVER_RUN, None, 0)


def test_a_failure_is_again_and_comes_back_the_next_day():
    status = checkpoint_status("mlp", [PastRun("mlp", False, day(0))], day(0))
    assert (status.state, status.rating, status.due) == (State.FAILING, Rating.AGAIN, day(1))


def test_good_passes_on_time_lengthen_the_interval():
    gaps = [interval(on_time(n)) for n in range(5)]
    assert gaps == sorted(gaps) and len(set(gaps)) == 5
    assert gaps[0] <= 3 and gaps[3] > 60  # days at first, months after a few re-checks
    assert checkpoint_status("mlp", on_time(4), day(0)).rating is Rating.GOOD


def test_the_interval_stops_at_the_maximum():
    assert interval(on_time(12)) == MAXIMUM_INTERVAL_DAYS


def test_a_failure_after_passes_shortens_the_interval_again():
    runs = on_time(3)
    settled = interval(runs)
    runs.append(PastRun("mlp", False, checkpoint_status("mlp", runs, day(0)).due))
    status = checkpoint_status("mlp", runs, runs[-1].when)
    assert status.state is State.FAILING and status.rating is Rating.AGAIN
    assert (status.due - runs[-1].when).days < settled / 4


def test_a_pass_after_a_hint_is_hard_and_comes_back_sooner_than_good():
    runs = on_time(2)
    due = checkpoint_status("mlp", runs, day(0)).due
    plain = [*runs, PastRun("mlp", True, due)]
    hint = [PastEvent("mlp", "hint", due)]
    assert checkpoint_status("mlp", plain, due, hint).rating is Rating.HARD
    assert interval(plain, hint) < interval(plain)


def test_a_hint_read_before_the_previous_run_does_not_count():
    runs = [PastRun("mlp", False, day(0)), PastRun("mlp", True, day(0)), PastRun("mlp", True, day(1))]
    hint = [PastEvent("mlp", "hint", day(0))]
    assert checkpoint_status("mlp", runs, day(1), hint).rating is Rating.GOOD


def test_a_first_try_pass_after_a_long_gap_is_easy_and_waits_longer():
    runs = on_time(2)
    last, due = runs[-1].when, checkpoint_status("mlp", runs, day(0)).due
    scheduled = (due - last).days
    late = last + timedelta(days=int(LONG_GAP_FACTOR * scheduled))
    just_before = late - timedelta(days=1)
    assert checkpoint_status("mlp", [*runs, PastRun("mlp", True, just_before)], late).rating is Rating.GOOD
    easy = [*runs, PastRun("mlp", True, late)]
    assert checkpoint_status("mlp", easy, late).rating is Rating.EASY
    # FSRS already waits longer after a late good pass; easy waits longer still.
    assert interval(easy) > interval([*runs, PastRun("mlp", True, just_before)])


def test_a_run_before_the_due_date_is_practice_and_changes_nothing():
    runs = on_time(2)
    status = checkpoint_status("mlp", runs, day(0))
    early = status.due - timedelta(days=1)
    for passed in (True, False):
        practised = checkpoint_status("mlp", [*runs, PastRun("mlp", passed, early)], early)
        assert (practised.due, practised.reviews, practised.stability) == (status.due, status.reviews, status.stability)
    assert checkpoint_status("mlp", [*runs, PastRun("mlp", False, early)], early).state is State.FAILING


def test_a_struggle_on_the_first_day_is_one_again_then_a_pass_the_next_day_is_good():
    runs = [PastRun("mlp", False, day(0)), PastRun("mlp", False, day(0)), PastRun("mlp", True, day(0))]
    first = checkpoint_status("mlp", runs, day(0))
    assert (first.state, first.reviews, first.due) == (State.PASSED, 1, day(1))
    assert checkpoint_status("mlp", runs, day(1)).state is State.RECHECK_DUE
    runs.append(PastRun("mlp", True, day(1)))
    assert checkpoint_status("mlp", runs, day(1)).rating is Rating.GOOD


def test_the_same_history_gives_the_same_schedule_whatever_the_hour_or_zone():
    dates = [PastRun("mlp", True, day(0)), PastRun("mlp", True, day(2))]
    times = [PastRun("mlp", True, datetime(2025, 3, 3, 23, 50, tzinfo=timezone(timedelta(hours=13)))),
             PastRun("mlp", True, datetime(2025, 3, 5, 0, 5))]
    assert checkpoint_status("mlp", dates, day(3)) == checkpoint_status("mlp", list(reversed(times)), day(3))


def test_retention_moves_the_due_date():
    runs = [PastRun("mlp", True, day(0)), PastRun("mlp", True, day(30))]  # both rated at either retention
    strict = checkpoint_status("mlp", runs, day(30), retention=0.97).due
    relaxed = checkpoint_status("mlp", runs, day(30), retention=0.8).due
    assert strict < relaxed


@pytest.mark.parametrize("helped", ["hint", "give-up"])
def test_help_of_either_kind_makes_the_next_pass_hard(helped: str):
    runs = [PastRun("mlp", True, day(0))]
    assert checkpoint_status("mlp", runs, day(0), [PastEvent("mlp", helped, day(0))]).rating is Rating.HARD
    assert checkpoint_status("mlp", runs, day(0), [PastEvent("mlp", "reset", day(0))]).rating is Rating.GOOD


def test_statuses_cover_the_curriculum_and_any_note_blocks():
    runs = [PastRun(*row) for row in [("losses", True, day(0)), ("notes/a.md#1", False, day(0)),
                                      ("mlp", True, day(0)), ("mlp", True, day(2))]]
    found = statuses(["mlp", "losses", "rnn"], runs, day(4), [PastEvent("losses", "hint", day(0))])
    assert list(found) == ["mlp", "losses", "rnn", "notes/a.md#1"]
    assert found["rnn"].state is State.NEVER_RUN
    assert found["notes/a.md#1"].state is State.FAILING
    assert (found["losses"].state, found["losses"].rating) == (State.RECHECK_DUE, Rating.HARD)
    assert found["mlp"].state is State.PASSED
    assert [s.name for s in due_for_recheck(found)] == ["losses"]
