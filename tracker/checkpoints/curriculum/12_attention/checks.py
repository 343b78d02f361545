"""Checks for the attention checkpoint."""

import numpy as np
from checklib import as_array, expect_close, fail, floating_point_guard


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = _softmax(scores)
    return weights @ V, weights


def _call(solution, Q, K, V, mask=None):
    result = solution.attention(Q, K, V, mask) if mask is not None else solution.attention(Q, K, V)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("attention must return a pair (output, weights)")
    want_out, want_weights = _attention(Q, K, V, mask)
    return (as_array(result[0], "the output of attention", want_out.shape),
            as_array(result[1], "the weights of attention", want_weights.shape))


def check_weights_sum_to_one_over_the_keys(solution):
    rng = np.random.default_rng(121)
    Q, K, V = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    _, weights = _call(solution, Q, K, V)
    expect_close(weights.sum(axis=-1), np.ones(3), "the sum of each query's weights",
                 hint="take the softmax over the last axis, over the keys")


def check_scores_are_scaled(solution):
    rng = np.random.default_rng(122)
    Q, K, V = rng.normal(size=(3, 16)), rng.normal(size=(4, 16)), rng.normal(size=(4, 2))
    _, weights = _call(solution, Q, K, V)
    if np.allclose(weights, _softmax(Q @ K.T)):
        fail("the weights are softmax(Q @ K.T) without scaling: divide the scores by sqrt(d_k) "
             "(here sqrt(16) = 4) so their variance stays near 1")
    expect_close(weights, _attention(Q, K, V)[1], "the weights of attention",
                 hint="weights = softmax(Q @ K^T / sqrt(d_k)) over the keys")


def check_batched_shapes(solution):
    rng = np.random.default_rng(123)
    for lead, lq, lk, dk, dv in [((), 1, 1, 1, 1), ((2,), 3, 5, 4, 6), ((2, 3), 4, 4, 8, 2)]:
        Q, K, V = rng.normal(size=(*lead, lq, dk)), rng.normal(size=(*lead, lk, dk)), rng.normal(size=(*lead, lk, dv))
        out, weights = _call(solution, Q, K, V)
        want_out, want_weights = _attention(Q, K, V)
        shape = f"Q {Q.shape}, K {K.shape}, V {V.shape}"
        expect_close(weights, want_weights, f"the weights for {shape}",
                     hint="use np.swapaxes(K, -1, -2) rather than K.T, so batch dimensions stay put")
        expect_close(out, want_out, f"the output for {shape}", hint="output = weights @ V")


def check_causal_mask(solution):
    expected = np.tril(np.ones((4, 4), dtype=bool))
    got = np.asarray(solution.causal_mask(4))
    if got.shape != (4, 4) or not np.array_equal(got.astype(bool), expected):
        fail(f"causal_mask(4) is\n{got.astype(int)}\nexpected\n{expected.astype(int)}: query i may see keys 0..i")


def check_masked_attention(solution):
    rng = np.random.default_rng(124)
    Q, K, V = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 5))
    mask = np.tril(np.ones((4, 4), dtype=bool))
    out, weights = _call(solution, Q, K, V, mask)
    hint = ("mask the scores before the softmax (np.where(mask, scores, -np.inf)), so each "
            "query's weights still sum to 1 over the keys it may see")
    expect_close(weights.sum(axis=-1), np.ones((2, 4)), "the sum of each query's weights with a causal mask", hint=hint)
    expect_close(weights, _attention(Q, K, V, mask)[1], "the weights with a causal mask", hint=hint)
    expect_close(out[:, 0], V[:, 0], "the output of the first query with a causal mask",
                 hint="it may only see the first key, so its output is the first value")


def check_large_scores_are_stable(solution):
    rng = np.random.default_rng(125)
    Q, K, V = 300 * rng.normal(size=(3, 4)), 300 * rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    with floating_point_guard("attention with scores in the tens of thousands",
                              "subtract each row's max before np.exp"):
        _, weights = _call(solution, Q, K, V)
    expect_close(weights, _attention(Q, K, V)[1], "the weights for very large scores")
