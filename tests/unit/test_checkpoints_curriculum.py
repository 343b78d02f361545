"""Every built-in checkpoint: its reference passes, its stub fails, its named mistakes fail, by the
rules `tracker check pack validate` applies (tracker.checkpoints.validate); and the manifest lists
every folder as one path.

All runs go through the real runner in one batch (two workers), as the CLI runs a workspace.
"""

from __future__ import annotations

import re

import pytest

from tracker.checkpoints import Reason, run_jobs
from tracker.checkpoints.pack_sources import builtin_pack
from tracker.checkpoints.packs import builtin_folder, read_pack
from tracker.checkpoints.validate import REFERENCE, STUB, problem, variant_jobs

#: One worker runs this module, so its module-scoped fixture runs once (pytest-xdist).
pytestmark = pytest.mark.xdist_group("curriculum")

CURRICULUM = builtin_pack().checkpoints
MISTAKES = [(checkpoint, mistake) for checkpoint in CURRICULUM for mistake in checkpoint.mistakes]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Run every reference, stub and mistake once; results keyed by (checkpoint, variant)."""
    jobs = variant_jobs(CURRICULUM, tmp_path_factory.mktemp("variants"))
    return {(checkpoint.name, variant): result for (checkpoint, variant), result in zip(jobs, run_jobs(jobs.values()))}


def test_the_curriculum_is_one_path_through_every_folder():
    pack = read_pack(builtin_folder(), strict=True)  # every listed folder there, with all its parts
    on_disk = {entry.name for entry in builtin_folder().iterdir() if re.fullmatch(r"\d{2}_[a-z0-9_]+", entry.name)}
    assert {c.folder.name for c in pack.checkpoints} == on_disk
    assert len(pack.checkpoints) >= 30
    assert [c.order for c in pack.checkpoints] == list(range(1, len(pack.checkpoints) + 1))
    assert len({c.name for c in pack.checkpoints}) == len(pack.checkpoints)
    names = [c.name for c in pack.checkpoints]
    assert names[0] == "broadcasting" and names.index("gradient_descent") < names.index("mlp")
    assert names[-1] == "maml" and pack.stages[0] == "Foundations"


#: The names learners' journals already hold runs under (the first curriculum, issue 13).
FIRST_NAMES = {"broadcasting", "linear_regression", "activations", "losses", "micrograd", "gradient_check", "mlp",
               "optimizers", "conv2d", "rnn", "dropout_batchnorm", "attention", "reinforce_bandit", "pca_svd"}


def test_run_history_names_stay_as_the_folders_named_them():
    names = {c.name: c.folder.name for c in CURRICULUM}
    assert FIRST_NAMES <= set(names)
    assert all(folder == f"{folder[:2]}_{name}" for name, folder in names.items())


@pytest.mark.parametrize("checkpoint", CURRICULUM, ids=lambda c: c.name)
def test_each_checkpoint_has_its_parts(checkpoint):
    for part in ("explain.md", "hint.md", "stub.py", "reference.py", "checks.py"):
        assert (checkpoint.folder / part).read_text(encoding="utf-8").strip(), part
    assert checkpoint.topic and checkpoint.title
    assert checkpoint.mistakes, "every checkpoint names at least one plausible mistake"
    assert "TODO" in checkpoint.stub_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("checkpoint", CURRICULUM, ids=lambda c: c.name)
def test_reference_passes(results, checkpoint):
    result = results[checkpoint.name, REFERENCE]
    assert result.passed, f"{result.reason.value}: {result.message}\n{result.output}"
    assert not problem(checkpoint, REFERENCE, result)


@pytest.mark.parametrize("checkpoint", CURRICULUM, ids=lambda c: c.name)
def test_untouched_stub_fails_as_not_written_yet(results, checkpoint):
    result = results[checkpoint.name, STUB]
    assert not result.passed
    assert result.reason is Reason.NOT_DONE, result.message
    assert re.search(r"is not written yet \(line \d+\)", result.message)
    assert not problem(checkpoint, STUB, result)


@pytest.mark.parametrize(
    ("checkpoint", "mistake"), MISTAKES, ids=[f"{c.name}-{m.name}" for c, m in MISTAKES]
)
def test_named_mistake_fails_with_a_message_that_says_what_is_wrong(results, checkpoint, mistake):
    result = results[checkpoint.name, mistake.name]
    assert not result.passed, f"{mistake.about}: the checks let it pass"
    assert result.reason is Reason.CHECK_FAILED, f"{result.reason.value}: {result.message}"
    assert mistake.expect in result.message, result.message
    assert not problem(checkpoint, mistake.name, result)
