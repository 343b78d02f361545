"""Checkpoint runner: its overhead per run (empty learner code, one check; the floor is Python
starting and importing NumPy), and the whole curriculum against its reference solutions on 2 workers,
in the bubblewrap sandbox and without it.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

#: Each figure twice: in the bubblewrap sandbox (where it can start) and with limits only.
SANDBOXES = ("bwrap", "none")
OVERHEAD = "checkpoint runner overhead (empty code, one check), sandbox {}"
ALL_REFERENCES = "all 14 checkpoints vs references, 2 workers, sandbox {}"
TARGETS = {label.format(sandbox): target for sandbox in SANDBOXES
           for label, target in ((OVERHEAD, "< 250 ms"), (ALL_REFERENCES, "< 5 s"))}


def run(journal_10y: Path, journal_1y: Path, repeat: int = 15) -> dict[str, float]:
    from tracker.checkpoints.sandbox import SANDBOX_ENV, bwrap_problem

    figures: dict[str, float] = {}
    before = os.environ.get(SANDBOX_ENV)
    try:
        for sandbox in SANDBOXES:
            if sandbox == "bwrap" and bwrap_problem():
                continue
            os.environ[SANDBOX_ENV] = sandbox
            overhead, references = _measure(repeat)
            figures[OVERHEAD.format(sandbox)] = overhead
            figures[ALL_REFERENCES.format(sandbox)] = references
    finally:
        if before is None:
            os.environ.pop(SANDBOX_ENV, None)
        else:
            os.environ[SANDBOX_ENV] = before
    return figures


def _measure(repeat: int) -> tuple[float, float]:
    from tracker.checkpoints import (
        Job,
        checkpoint_job,
        load_curriculum,
        run_job,
        run_jobs,
    )

    folder = Path(tempfile.mkdtemp(prefix="bench-checkpoints-"))
    empty = folder / "empty.py"
    empty.write_text("")
    checks = folder / "checks.py"
    checks.write_text("def check_nothing(solution):\n    pass\n")
    overhead = []
    for _ in range(repeat):
        start = time.perf_counter()
        assert run_job(Job("empty", empty, str(empty), checks)).passed
        overhead.append(time.perf_counter() - start)
    references = [checkpoint_job(c, c.reference_file) for c in load_curriculum()]
    batches = []
    for _ in range(3):
        start = time.perf_counter()
        results = run_jobs(references, workers=2)
        batches.append(time.perf_counter() - start)
        assert all(r.passed for r in results), [r.message for r in results if not r.passed]
    return statistics.median(overhead), statistics.median(batches)
