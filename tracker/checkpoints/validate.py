"""Does a pack teach? Its reference passes, its stub fails as not written yet, and each named
mistake fails with the words it promises, all run through the real runner in one batch.

`tracker check pack validate` and the curriculum's own tests use the same rules.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tracker.checkpoints.packs import Checkpoint
from tracker.checkpoints.runner import (
    DEFAULT_LIMITS,
    DEFAULT_WORKERS,
    Job,
    Limits,
    Progress,
    Reason,
    RunResult,
    checkpoint_job,
    run_jobs,
)

REFERENCE, STUB = "reference", "stub"
NOT_WRITTEN = re.compile(r"is not written yet \(line \d+\)")


@dataclass(frozen=True)
class Verdict:
    checkpoint: Checkpoint
    #: 'reference', 'stub' or a mistake's name.
    variant: str
    result: RunResult
    #: Why the variant did not behave as it must; '' when it did.
    problem: str

    @property
    def ok(self) -> bool:
        return not self.problem


def variant_jobs(checkpoints: Iterable[Checkpoint], scratch: Path) -> dict[tuple[Checkpoint, str], Job]:
    """A job for each reference, stub and named mistake (written into `scratch`)."""
    jobs = {}
    for checkpoint in checkpoints:
        jobs[checkpoint, REFERENCE] = checkpoint_job(checkpoint, checkpoint.reference_file)
        jobs[checkpoint, STUB] = checkpoint_job(checkpoint, checkpoint.stub_file)
        reference = checkpoint.reference_file.read_text(encoding="utf-8")
        for mistake in checkpoint.mistakes:
            variant = scratch / f"{checkpoint.pack}__{checkpoint.short_name}__{mistake.name}.py"
            variant.write_text(mistake.apply(reference), encoding="utf-8")
            jobs[checkpoint, mistake.name] = checkpoint_job(checkpoint, variant)
    return jobs


def problem(checkpoint: Checkpoint, variant: str, result: RunResult) -> str:
    """What is wrong with how this variant ended, or ''."""
    if variant == REFERENCE:
        return "" if result.passed else f"the reference fails: {result.reason.label}: {result.message}"
    if variant == STUB:
        if result.reason is Reason.NOT_DONE and NOT_WRITTEN.search(result.message):
            return ""
        return f"the stub should fail as not written yet (NotImplementedError), but: {result.reason.label}: {result.message}"
    mistake = next(m for m in checkpoint.mistakes if m.name == variant)
    if result.passed:
        return f"mistake {variant!r} passes the checks ({mistake.about})"
    if result.reason is not Reason.CHECK_FAILED or mistake.expect not in result.message:
        return (f"mistake {variant!r} should fail a check with {mistake.expect!r} in its message, "
                f"but: {result.reason.label}: {result.message}")
    return ""


def validate(
    checkpoints: Iterable[Checkpoint], limits: Limits = DEFAULT_LIMITS, workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> list[Verdict]:
    """Run every variant of every checkpoint; a verdict for each, in order."""
    with tempfile.TemporaryDirectory(prefix="tracker-validate-") as scratch:
        jobs = variant_jobs(checkpoints, Path(scratch))
        results = run_jobs(jobs.values(), limits, workers, progress)
    return [Verdict(checkpoint, variant, result, problem(checkpoint, variant, result))
            for (checkpoint, variant), result in zip(jobs, results, strict=True)]
