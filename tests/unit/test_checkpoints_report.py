"""Every check reported: a run counts each check passed or failed (x of N), the first failure is the
headline, a crash ends the count, and the journal keeps it; a checker's function sees the learner's
in-place changes while the learner's code is still running."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone

import pytest

from tracker.checkpoints import Job, Limits, Reason, run_job
from tracker.checkpoints.history import checks_line, record_runs

pytestmark = pytest.mark.xdist_group("runner")

LIMITS = Limits(timeout=5.0, memory_mb=512, output_mb=1)
RAN_AT = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)

CHECKS = """
    from checklib import fail

    def check_one(solution):
        if solution.one() != 1:
            fail("one() should be 1")

    def check_two(solution):
        if solution.two() != 2:
            fail("two() should be 2")

    def check_three(solution):
        if solution.three() != 3:
            fail("three() should be 3")
"""


def _run(tmp_path, code: str, checks: str = CHECKS):
    learner = tmp_path / "learner.py"
    learner.write_text(textwrap.dedent(code), encoding="utf-8")
    checks_file = tmp_path / "checks.py"
    checks_file.write_text(textwrap.dedent(checks), encoding="utf-8")
    return run_job(Job("counting", learner, str(learner), checks_file), LIMITS)


def test_every_check_runs_after_a_failure_and_the_first_failure_is_the_headline(tmp_path):
    result = _run(tmp_path, """
        def one():
            return 1
        def two():
            return 20
        def three():
            raise NotImplementedError
    """)
    assert not result.passed and result.reason is Reason.CHECK_FAILED
    assert (result.checks_passed, result.checks_total) == (1, 3)
    assert result.failed_checks == ("check_two", "check_three")
    assert result.message == "two() should be 2"
    assert checks_line(result) == "1 of 3 checks passed — first failure: two() should be 2"


def test_a_pass_counts_every_check(tmp_path):
    result = _run(tmp_path, "def one():\n    return 1\ndef two():\n    return 2\ndef three():\n    return 3\n")
    assert result.passed and (result.checks_passed, result.checks_total, result.failed_checks) == (3, 3, ())
    assert checks_line(result) == "3 of 3 checks passed"


def test_a_check_that_crashes_the_learner_child_ends_the_count(tmp_path):
    result = _run(tmp_path, """
        import os
        def one():
            return 1
        def two():
            os._exit(0)
        def three():
            return 3
    """)
    assert not result.passed and result.reason is Reason.EXITED
    assert (result.checks_passed, result.checks_total, result.failed_checks) == (1, 3, ())
    assert result.checks_not_run == 2
    assert checks_line(result).startswith("1 of 3 checks passed (2 not run: the run ended before them) — "
                                          "first failure: exited: ")


def test_a_file_that_does_not_load_passes_none_of_its_checks(tmp_path):
    result = _run(tmp_path, "def one(:\n    return 1\n")
    assert result.reason is Reason.SYNTAX_ERROR
    assert (result.checks_passed, result.checks_total, result.checks_not_run) == (0, 3, 3)


def test_the_journal_keeps_the_count_and_a_block_has_none(tmp_path, journal):
    counted = _run(tmp_path, "def one():\n    return 1\ndef two():\n    return 2\ndef three():\n    return 0\n")
    block_file = tmp_path / "block.py"
    block_file.write_text("assert 1 + 1 == 2\n", encoding="utf-8")
    block = run_job(Job("notes.md#1", block_file, "notes.md"), LIMITS)
    assert block.passed and block.checks_total is None and checks_line(block) == ""
    record_runs(journal, [counted, block], RAN_AT)
    rows = journal.rows("SELECT checkpoint, passed, checks_passed, checks_total FROM checkpoint_run ORDER BY id")
    assert [tuple(row.values()) for row in rows] == [("counting", 0, 2, 3), ("notes.md#1", 1, None, None)]


def test_a_checkers_function_sees_the_learners_in_place_change_and_then_its_undoing(tmp_path):
    """The gradient_check pattern: f reads x through a closure, never through its argument."""
    result = _run(tmp_path, """
        def probe(f, x):
            x[0] += 1.0
            seen = f(None)
            x[0] -= 1.0
            return seen
    """, checks="""
        import numpy as np
        from checklib import fail

        def check_closure(solution):
            w = np.array([2.0, 5.0])
            seen = solution.probe(lambda _: float(w[0]), w)
            if seen != 3.0:
                fail(f"the closure saw {seen}, not the nudged 3.0")
            if w.tolist() != [2.0, 5.0]:
                fail(f"w was left at {w.tolist()}, not put back")
    """)
    assert result.passed, result.message


def test_a_shape_mismatch_keeps_the_checks_hint():
    from tracker.checkpoints.checklib import CheckFailed, expect_close

    with pytest.raises(CheckFailed) as failed:
        expect_close([[1.0, 2.0, 3.0]], [[1.0, 2.0]], "max_pool2d(x)", hint="windows moved by the stride")
    assert str(failed.value) == "max_pool2d(x) has shape (1, 3), expected (1, 2); windows moved by the stride"
