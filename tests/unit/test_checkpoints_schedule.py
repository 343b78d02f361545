"""Re-checks: a pure function from past runs to each checkpoint's status and due date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tracker.checkpoints import (
    PastRun,
    State,
    checkpoint_status,
    due_for_recheck,
    statuses,
)
from tracker.checkpoints.schedule import RECHECK_INTERVALS_DAYS

DAY0 = date(2025, 3, 3)


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def test_never_run():
    status = checkpoint_status("mlp", [PastRun("losses", True, day(0))], day(5))
    assert status.state is State.NEVER_RUN and status.due is None


def test_failing_until_it_passes():
    runs = [PastRun("mlp", False, day(0)), PastRun("mlp", False, day(1))]
    assert checkpoint_status("mlp", runs, day(2)).state is State.FAILING


def test_a_first_pass_is_rechecked_the_next_day():
    runs = [PastRun("mlp", False, day(0)), PastRun("mlp", True, day(0))]
    assert checkpoint_status("mlp", runs, day(0)).state is State.PASSED
    status = checkpoint_status("mlp", runs, day(1))
    assert status.state is State.RECHECK_DUE and status.due == day(1)


def test_each_on_time_recheck_lengthens_the_interval():
    runs, when = [PastRun("mlp", True, day(0))], day(0)
    for streak, interval in enumerate(RECHECK_INTERVALS_DAYS[:-1], start=1):
        when += timedelta(days=interval)
        runs.append(PastRun("mlp", True, when))
        status = checkpoint_status("mlp", runs, when)
        assert status.streak == streak
        assert status.due == when + timedelta(days=RECHECK_INTERVALS_DAYS[streak])
    assert [1, 3, 7, 21, 60] == list(RECHECK_INTERVALS_DAYS[:5])


def test_the_interval_stops_growing_after_the_last():
    runs, when = [PastRun("mlp", True, day(0))], day(0)
    for _ in range(len(RECHECK_INTERVALS_DAYS) + 3):
        when = checkpoint_status("mlp", runs, when).due
        runs.append(PastRun("mlp", True, when))
    status = checkpoint_status("mlp", runs, when)
    assert status.due - when == timedelta(days=RECHECK_INTERVALS_DAYS[-1])


def test_a_pass_before_the_due_date_is_practice():
    runs = [PastRun("mlp", True, day(0)), PastRun("mlp", True, day(1)), PastRun("mlp", True, day(2))]
    assert checkpoint_status("mlp", runs, day(2)).due == day(4)
    runs.append(PastRun("mlp", True, day(3)))
    assert checkpoint_status("mlp", runs, day(3)).due == day(4)


def test_a_failure_starts_over():
    runs = [PastRun("mlp", True, day(0)), PastRun("mlp", True, day(1)), PastRun("mlp", False, day(10))]
    assert checkpoint_status("mlp", runs, day(10)).state is State.FAILING
    runs.append(PastRun("mlp", True, day(11)))
    status = checkpoint_status("mlp", runs, day(11))
    assert (status.state, status.streak, status.due) == (State.PASSED, 0, day(12))


def test_order_of_rows_and_dates_or_datetimes_do_not_matter():
    runs = [
        PastRun("mlp", True, datetime(2025, 3, 3, 21, 0)),
        PastRun("mlp", False, datetime(2025, 3, 3, 20, 0)),
        PastRun("mlp", True, day(1)),
    ]
    status = checkpoint_status("mlp", list(reversed(runs)), day(1))
    assert (status.state, status.streak, status.due, status.last_run) == (State.PASSED, 1, day(4), day(1))


def test_statuses_cover_the_curriculum_and_any_note_blocks():
    runs = [PastRun(*row) for row in [("losses", True, day(0)), ("notes/a.md#1", False, day(0)),
                                      ("mlp", True, day(0)), ("mlp", True, day(1))]]
    found = statuses(["mlp", "losses", "rnn"], runs, day(2))
    assert list(found) == ["mlp", "losses", "rnn", "notes/a.md#1"]
    assert found["rnn"].state is State.NEVER_RUN
    assert found["notes/a.md#1"].state is State.FAILING
    assert found["losses"].state is State.RECHECK_DUE
    assert found["mlp"].state is State.PASSED
    assert [s.name for s in due_for_recheck(found)] == ["losses"]
