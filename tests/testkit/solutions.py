"""Solutions written independently of the references, run through the real runner: each case is
(checkpoint name, source, None when it must pass, or words its failure message must hold)."""

from __future__ import annotations

from pathlib import Path

from tracker.checkpoints import RunResult, checkpoint_job, find_checkpoint, run_jobs

Case = tuple[str, str, "str | None"]


def run_solutions(folder: Path, cases: dict[str, Case]) -> dict[str, RunResult]:
    """Every case's source as a learner's file, all run in one batch, results by case name."""
    jobs = []
    for case, (name, source, _) in cases.items():
        path = folder / f"{case}.py"
        path.write_text(source, encoding="utf-8")
        jobs.append(checkpoint_job(find_checkpoint(name), path))
    return dict(zip(cases, run_jobs(jobs)))


def assert_judged(result: RunResult, expect: str | None) -> None:
    """Passed when nothing is expected; otherwise failed, with the expected words."""
    if expect is None:
        assert result.passed, f"{result.reason.value}: {result.message}\n{result.output}"
    else:
        assert not result.passed
        assert expect in result.message, result.message
