"""Checks for the skip-gram checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

SCORE_GRADIENT = "the score's gradient is sigmoid(s) - 1 for the context word and sigmoid(s) for each negative"
REPEATS = "; a negative drawn twice is two terms of the loss: add its gradient twice (np.add.at, not dW_out[negatives] +=)"


def _loss(W_in, W_out, centre, context, negatives):
    v = W_in[centre]
    return np.logaddexp(0, -W_out[context] @ v) + sum(np.logaddexp(0, W_out[k] @ v) for k in negatives)


def _call(solution, W_in, W_out, centre, context, negatives):
    result = solution.sgns_loss_and_grads(W_in.copy(), W_out.copy(), centre, context, negatives.copy())
    if not (isinstance(result, tuple) and len(result) == 3):
        fail("sgns_loss_and_grads must return a triple (loss, dW_in, dW_out)")
    return result


def check_loss_and_gradients(solution):
    rng = np.random.default_rng(271)
    cases = [("distinct negatives", None), ("a negative drawn twice", "twice"),
             ("the context word among the negatives", "context")]
    for what, kind in cases:
        V, E, K = int(rng.integers(6, 12)), int(rng.integers(2, 6)), int(rng.integers(2, 5))
        W_in, W_out = rng.normal(size=(V, E)), rng.normal(size=(V, E))
        centre, context = (int(n) for n in rng.choice(V, size=2, replace=False))
        negatives = rng.choice([n for n in range(V) if n != context], size=K, replace=False)
        if kind == "twice":
            negatives[-1] = negatives[0]
        elif kind == "context":
            negatives[0] = context
        loss, dW_in, dW_out = _call(solution, W_in, W_out, centre, context, negatives)
        expect_close(loss, _loss(W_in, W_out, centre, context, negatives), f"the loss with {what}",
                     hint="loss = -log sigmoid(W_out[o] @ v) - sum over the negatives of log sigmoid(-W_out[k] @ v)")
        hint = SCORE_GRADIENT + (REPEATS if kind else "")
        for name, array, got in [("dW_out", W_out, dW_out), ("dW_in", W_in, dW_in)]:
            numeric = numerical_gradient(lambda: _loss(W_in, W_out, centre, context, negatives), array)
            expect_gradient(got, numeric, f"{name} with {what}", tol=1e-6, hint=hint)


def check_loss_is_stable_for_large_scores(solution):
    W_in, W_out = np.zeros((3, 2)), np.zeros((3, 2))
    W_in[0], W_out[1], W_out[2] = [30.0, 0.0], [-30.0, 0.0], [30.0, 0.0]
    loss, _, _ = _call(solution, W_in, W_out, 0, 1, np.array([2]))
    expect_close(loss, _loss(W_in, W_out, 0, 1, np.array([2])), "the loss when both answers are confidently wrong",
                 rtol=1e-6, atol=1e-12,
                 hint="-log sigmoid(s) is np.logaddexp(0, -s): sigmoid(-900) rounds to 0 and its log to -inf")


def _corpus():
    """Words 0-3 are seen near contexts 8-11, words 4-7 near 12-15: two groups that share nothing."""
    pairs = [(w, c) for w in range(4) for c in range(8, 12)] + [(w, c) for w in range(4, 8) for c in range(12, 16)]
    return np.array(pairs)


def _cosines(W):
    unit = W / np.maximum(np.linalg.norm(W, axis=1, keepdims=True), 1e-12)
    return unit @ unit.T


def check_words_sharing_contexts_end_up_close(solution):
    W_in = as_array(solution.train_skipgram(_corpus(), 16, 8, 4, 30, 0.1, np.random.default_rng(272)),
                    "train_skipgram(...)", (16, 8))
    if not np.all(np.isfinite(W_in)):
        fail("the trained W_in contains nan or inf: is the step W -= lr * dW, with lr = 0.1?")
    cos = _cosines(W_in[:8])
    same = np.mean([cos[a, b] for g in (range(4), range(4, 8)) for a in g for b in g if a < b])
    other = np.mean(cos[:4, 4:8])
    if not (same > 0.8 and same - other > 0.3):
        fail(f"after training, words that share their contexts have mean cosine {same:.2f} and words of "
             f"the two groups {other:.2f}; expected above 0.8 within a group and at least 0.3 lower "
             f"across. Does each step subtract lr times both gradients, with fresh negatives drawn "
             f"uniformly? ({SCORE_GRADIENT})")
