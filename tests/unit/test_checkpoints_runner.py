"""The runner: whatever the learner's code does, the tracker gets a verdict within the limits."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tracker.checkpoints import (
    Job,
    Limits,
    Reason,
    find_checkpoint,
    run_checkpoint,
    run_job,
    run_jobs,
)
from tracker.checkpoints.runner import KEPT_OUTPUT_CHARS, judge
from tracker.errors import TrackerError

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("runner")

#: Short limits keep the suite fast; each test checks the run ended within its limit.
LIMITS = Limits(timeout=2.0, memory_mb=384, output_mb=1)
#: Time for a child to start (numpy included) and for the runner to reap it, on a busy machine.
SLACK = 3.0

CASES = {
    "passes": ("x = 1\nprint('hello from the child')\n", Reason.PASSED, ""),
    "endless_loop": ("while True:\n    pass\n", Reason.TIMEOUT, "time limit"),
    "memory_bomb": ("hoard = []\nwhile True:\n    hoard.append(bytearray(10**7))\n", Reason.MEMORY, "line 3"),
    "huge_array": ("import numpy as np\nnp.ones((10**5, 10**5))\n", Reason.MEMORY, "384 MB"),
    "sys_exit": ("import sys\nsys.exit(3)\n", Reason.EXITED, "sys.exit(3)"),
    "exit_builtin": ("exit()\n", Reason.EXITED, "sys.exit(None)"),
    "os_exit": ("import os\nos._exit(0)\n", Reason.EXITED, "exit code 0"),
    "segfault": ("import ctypes\n\nctypes.string_at(0)\n", Reason.CRASHED, "SIGSEGV"),
    "syntax_error": ("def f(:\n    pass\n", Reason.SYNTAX_ERROR, "line 1"),
    "exception": ("def f():\n    return 1 / 0\n\nf()\n", Reason.ERROR, "ZeroDivisionError: division by zero (line 2, in f)"),
    "print_flood": ("while True:\n    print('x' * 1000)\n", Reason.OUTPUT_LIMIT, "1 MB"),
    "stray_thread": (
        "import threading, time\nthreading.Thread(target=lambda: time.sleep(60)).start()\n",
        Reason.PASSED, "",
    ),
    "sees_no_tracker": ("import tracker\n", Reason.ERROR, "ModuleNotFoundError"),
}


def _job(tmp_path, name, code, checks_file=None):
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return Job(name, path, str(path), checks_file)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Every failure mode in one batch: the tracker survives them all and moves on."""
    folder = tmp_path_factory.mktemp("programs")
    jobs = [_job(folder, name, code) for name, (code, _, _) in CASES.items()]
    calls = []
    results = run_jobs(jobs, LIMITS, workers=2, progress=lambda *args: calls.append(args))
    return jobs, results, calls


@pytest.mark.parametrize("name", CASES)
def test_each_way_a_program_can_end_is_named(batch, name):
    _, results, _ = batch
    result = results[list(CASES).index(name)]
    _, reason, words = CASES[name]
    assert result.name == name
    assert result.reason is reason, result.message
    assert result.passed is (reason is Reason.PASSED)
    assert words in result.message
    assert result.seconds < LIMITS.timeout + SLACK


def test_results_carry_the_code_hash_and_the_output(batch):
    jobs, results, _ = batch
    for job, result in zip(jobs, results):
        assert result.code_hash == hashlib.sha256(job.code_file.read_bytes()).hexdigest()
    assert results[0].output == "hello from the child\n"


def test_flooded_output_is_kept_to_its_head_and_tail(batch):
    _, results, _ = batch
    flood = results[list(CASES).index("print_flood")]
    assert "bytes not shown" in flood.output
    assert len(flood.output) < KEPT_OUTPUT_CHARS + 200


def test_a_crash_points_at_the_learners_line(batch):
    _, results, _ = batch
    assert results[list(CASES).index("segfault")].line == 3


def test_progress_reports_every_run(batch):
    jobs, results, calls = batch
    assert [done for done, _, _ in calls] == list(range(1, len(jobs) + 1))
    assert {total for _, total, _ in calls} == {len(jobs)}
    assert sorted(r.name for _, _, r in calls) == sorted(r.name for r in results)


def test_a_missing_function_is_named(tmp_path):
    learner = _job(tmp_path, "renamed", "import numpy as np\n\ndef sigmoid_function(x):\n    return x\n")
    result = run_checkpoint(find_checkpoint("activations"), learner.code_file, LIMITS)
    assert result.reason is Reason.ERROR
    assert "your code has no 'sigmoid'" in result.message


def test_a_missing_learner_file_is_bad_input(tmp_path):
    with pytest.raises(TrackerError) as caught:
        run_checkpoint(find_checkpoint("activations"), tmp_path / "nowhere.py")
    assert caught.value.exit_code == 2
    assert "tracker check init" in caught.value.line


def test_checks_leave_no_bytecode_and_the_child_works_in_a_scratch_folder(tmp_path):
    checks = tmp_path / "checks.py"
    checks.write_text("import json\n\ndef check_nothing(solution):\n    pass\n", encoding="utf-8")
    job = _job(tmp_path, "writes", "open('left_behind.txt', 'w').write('x')\n", checks)
    assert run_job(job, LIMITS).passed
    assert not (tmp_path / "__pycache__").exists()
    assert not (tmp_path / "left_behind.txt").exists()


def test_signals_without_a_verdict_are_explained():
    job = Job("x", Path(__file__), "x")
    reason, message, _ = judge(None, -signal.SIGXCPU, False, LIMITS, "", job)
    assert reason is Reason.TIMEOUT and "CPU time" in message
    reason, message, _ = judge(None, -signal.SIGKILL, False, LIMITS, "", job)
    assert reason is Reason.CRASHED and "SIGKILL" in message


def test_importing_the_package_loads_no_numpy_and_no_interface():
    code = ("import sys, tracker.checkpoints; "
            "print(sorted(m for m in ('numpy', 'textual', 'typer', 'markdown_it') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_the_learners_folder_cannot_shadow_numpy(tmp_path):
    (tmp_path / "numpy.py").write_text("raise RuntimeError('a learner file named numpy.py')\n", encoding="utf-8")
    job = _job(tmp_path, "uses_numpy", "import numpy as np\nassert np.zeros(2).sum() == 0\n")
    assert run_job(job, LIMITS).passed
