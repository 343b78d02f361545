"""Correct solutions written differently from the reference must pass: the checks judge the
contract the explanation states, not the reference's way of writing it.

Each rewrite is a text replacement in a reference (applied exactly once, like a named mistake),
run through the real runner in one batch.
"""

from __future__ import annotations

import pytest

from tracker.checkpoints import Mistake, checkpoint_job, load_curriculum, run_jobs

pytestmark = pytest.mark.xdist_group("curriculum")

#: (checkpoint, what differs, text in the reference, an equivalent text)
REWRITES = [
    ("conv_pool_backward", "max-pool winners found by equality with the max, not argmax",
     "np.put_along_axis(winner, window.argmax(axis=2)[..., None], 1.0, axis=2)",
     "winner = winner + (window == window.max(axis=2, keepdims=True))"),
    ("lenet", "the loss written as log-sum-exp and returned as a Python float",
     "loss = -np.mean(np.log(probs[np.arange(n), y]))",
     "loss = float(np.log(exp.sum(axis=1)).mean() - shifted[np.arange(n), y].mean())"),
    ("layer_norm", "dgamma and dbeta summed over a tuple of axes instead of a reshape",
     "    dgamma = (dout * xhat).reshape(-1, d).sum(axis=0)\n    dbeta = dout.reshape(-1, d).sum(axis=0)",
     "    axes = tuple(range(dout.ndim - 1))\n    dgamma = (dout * xhat).sum(axis=axes)\n"
     "    dbeta = dout.sum(axis=axes)"),
    ("transformer_block", "the causal mask as a large negative number added to the scores",
     "scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)",
     "scores = scores - 1e9 * np.triu(np.ones((T, T)), k=1)"),
    ("adamw_schedule", "the decay applied as a shrink factor before the adaptive step",
     "new[k] = p - lr * (step + weight_decay * p)",
     "new[k] = p * (1 - lr * weight_decay) - lr * step"),
]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rewrites")
    by_name = {checkpoint.name: checkpoint for checkpoint in load_curriculum()}
    jobs = []
    for index, (name, about, old, new) in enumerate(REWRITES):
        checkpoint = by_name[name]
        source = Mistake(f"rewrite-{index}", about, old, new, "").apply(
            checkpoint.reference_file.read_text(encoding="utf-8"))
        variant = folder / f"{name}__rewrite_{index}.py"
        variant.write_text(source, encoding="utf-8")
        jobs.append(checkpoint_job(checkpoint, variant))
    return run_jobs(jobs)


@pytest.mark.parametrize("index", range(len(REWRITES)), ids=[f"{r[0]}: {r[1]}" for r in REWRITES])
def test_an_equivalent_solution_passes(results, index):
    result = results[index]
    assert result.passed, f"{REWRITES[index][1]}: {result.reason.value}: {result.message}"
