"""Every built-in checkpoint: its reference passes, its stub fails, its named mistakes fail.

All runs go through the real runner in one batch (two workers), as the CLI runs a workspace.
"""

from __future__ import annotations

import re

import pytest

from tracker.checkpoints import Reason, checkpoint_job, load_curriculum, run_jobs

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("curriculum")

CURRICULUM = load_curriculum()
MISTAKES = [(checkpoint, mistake) for checkpoint in CURRICULUM for mistake in checkpoint.mistakes]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Run every reference, stub and mistake once; results keyed by (checkpoint, variant)."""
    folder = tmp_path_factory.mktemp("variants")
    jobs = {}
    for checkpoint in CURRICULUM:
        jobs[checkpoint.name, "reference"] = checkpoint_job(checkpoint, checkpoint.reference_file)
        jobs[checkpoint.name, "stub"] = checkpoint_job(checkpoint, checkpoint.stub_file)
        reference = checkpoint.reference_file.read_text(encoding="utf-8")
        for mistake in checkpoint.mistakes:
            variant = folder / f"{checkpoint.name}__{mistake.name}.py"
            variant.write_text(mistake.apply(reference), encoding="utf-8")
            jobs[checkpoint.name, mistake.name] = checkpoint_job(checkpoint, variant)
    return dict(zip(jobs, run_jobs(jobs.values())))


def test_the_curriculum_covers_every_topic_of_the_issue():
    assert len(CURRICULUM) >= 14
    assert [c.order for c in CURRICULUM] == list(range(1, len(CURRICULUM) + 1))
    assert len({c.name for c in CURRICULUM}) == len(CURRICULUM)


@pytest.mark.parametrize("checkpoint", CURRICULUM, ids=lambda c: c.name)
def test_each_checkpoint_has_its_parts(checkpoint):
    for part in ("explain.md", "hint.md", "stub.py", "reference.py", "checks.py"):
        assert (checkpoint.folder / part).read_text(encoding="utf-8").strip(), part
    assert checkpoint.topic and checkpoint.title
    assert checkpoint.mistakes, "every checkpoint names at least one plausible mistake"
    assert "TODO" in checkpoint.stub_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("checkpoint", CURRICULUM, ids=lambda c: c.name)
def test_reference_passes(results, checkpoint):
    result = results[checkpoint.name, "reference"]
    assert result.passed, f"{result.reason.value}: {result.message}\n{result.output}"


@pytest.mark.parametrize("checkpoint", CURRICULUM, ids=lambda c: c.name)
def test_untouched_stub_fails_as_not_written_yet(results, checkpoint):
    result = results[checkpoint.name, "stub"]
    assert not result.passed
    assert result.reason is Reason.NOT_DONE, result.message
    assert re.search(r"is not written yet \(line \d+\)", result.message)


@pytest.mark.parametrize(
    ("checkpoint", "mistake"), MISTAKES, ids=[f"{c.name}-{m.name}" for c, m in MISTAKES]
)
def test_named_mistake_fails_with_a_message_that_says_what_is_wrong(results, checkpoint, mistake):
    result = results[checkpoint.name, mistake.name]
    assert not result.passed, f"{mistake.about}: the checks let it pass"
    assert result.reason is Reason.CHECK_FAILED, f"{result.reason.value}: {result.message}"
    assert mistake.expect in result.message, result.message
