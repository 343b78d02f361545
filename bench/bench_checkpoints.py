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
ALL_REFERENCES = "the 14 checkpoints of issue 13 vs references, 2 workers, sandbox {}"
WHOLE_PATH = "the whole built-in path vs references, 2 workers, sandbox {}"
#: The figure's curriculum: folders 01-14, the set the 5 s target was set for (later packs add more).
FIRST_FOLDERS = 14
TARGETS = {label.format(sandbox): target for sandbox in SANDBOXES
           for label, target in ((OVERHEAD, "< 250 ms"), (ALL_REFERENCES, "< 5 s"), (WHOLE_PATH, "< 10 s"))}


def run(journal_10y: Path, journal_1y: Path, repeat: int = 15) -> dict[str, float]:
    from tracker.checkpoints.sandbox import SANDBOX_ENV, bwrap_problem

    figures: dict[str, float] = {}
    before = os.environ.get(SANDBOX_ENV)
    try:
        for sandbox in SANDBOXES:
            if sandbox == "bwrap" and bwrap_problem():
                continue
            os.environ[SANDBOX_ENV] = sandbox
            overhead, references, whole = _measure(repeat)
            figures[OVERHEAD.format(sandbox)] = overhead
            figures[ALL_REFERENCES.format(sandbox)] = references
            figures[WHOLE_PATH.format(sandbox)] = whole
    finally:
        if before is None:
            os.environ.pop(SANDBOX_ENV, None)
        else:
            os.environ[SANDBOX_ENV] = before
    return figures


def _measure(repeat: int) -> tuple[float, float, float]:
    from tracker.checkpoints import (
        Job,
        load_curriculum,
        run_job,
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
    curriculum = load_curriculum()
    first = [c for c in curriculum if c.folder.name[:2].isdigit() and int(c.folder.name[:2]) <= FIRST_FOLDERS]
    return statistics.median(overhead), _batch(first), _batch(curriculum)


def _batch(checkpoints: list) -> float:
    """Median seconds of three runs of these checkpoints' references on 2 workers (all must pass)."""
    from tracker.checkpoints import checkpoint_job, run_jobs

    jobs = [checkpoint_job(c, c.reference_file) for c in checkpoints]
    batches = []
    for _ in range(3):
        start = time.perf_counter()
        results = run_jobs(jobs, workers=2)
        batches.append(time.perf_counter() - start)
        assert all(r.passed for r in results), [r.message for r in results if not r.passed]
    return statistics.median(batches)
