"""Checks for the losses checkpoint."""

import numpy as np
from checklib import as_array, expect_close, fail, floating_point_guard

STABLE_SOFTMAX = "subtract each row's max before np.exp: softmax(z) == softmax(z - max(z))"


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def check_mse(solution):
    expect_close(solution.mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 7.0])), 20 / 3,
                 "mse([1, 2, 3], [1, 0, 7])")
    rng = np.random.default_rng(31)
    a, b = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    expect_close(solution.mse(a, b), np.mean((a - b) ** 2), "mse for (4, 6) arrays",
                 hint="average over every element")


def check_binary_cross_entropy(solution):
    p, y = np.array([0.9, 0.2, 0.6]), np.array([1.0, 0.0, 1.0])
    expected = -np.mean([np.log(0.9), np.log(0.8), np.log(0.6)])
    expect_close(solution.binary_cross_entropy(p, y), expected, "binary_cross_entropy(p, y)")


def check_binary_cross_entropy_is_finite_at_0_and_1(solution):
    hint = "clip p into [eps, 1 - eps] before taking logs"
    with floating_point_guard("binary_cross_entropy with p = 0 and p = 1", hint):
        loss = solution.binary_cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    if not np.isfinite(as_array(loss, "binary_cross_entropy")):
        fail(f"binary_cross_entropy returned {loss} for p = 0, y = 1: {hint}")
    expect_close(loss, -np.log(1e-12), "binary_cross_entropy of a confident wrong answer",
                 rtol=1e-3, hint=hint)


def check_softmax(solution):
    rng = np.random.default_rng(32)
    for shape in [(1, 3), (5, 4), (2, 10)]:
        z = rng.normal(scale=3, size=shape)
        got = as_array(solution.softmax(z), f"softmax of a {shape} array", shape)
        expect_close(got.sum(axis=-1), np.ones(shape[0]), f"the row sums of softmax({shape})",
                     hint="normalise each row (axis=-1, keepdims=True), not the whole batch")
        expect_close(got, _softmax(z), f"softmax of a {shape} array")


def check_softmax_large_logits(solution):
    z = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0]])
    with floating_point_guard("softmax of logits near ±1000", STABLE_SOFTMAX):
        got = solution.softmax(z)
    expect_close(got, _softmax(z), "softmax of logits near ±1000", hint=STABLE_SOFTMAX)


def check_cross_entropy(solution):
    rng = np.random.default_rng(33)
    logits, labels = rng.normal(size=(6, 4)), rng.integers(0, 4, 6)
    expected = -np.mean(np.log(_softmax(logits)[np.arange(6), labels]))
    expect_close(solution.cross_entropy(logits, labels), expected, "cross_entropy(logits, labels)")


def check_cross_entropy_extreme_logits(solution):
    logits, labels = np.array([[0.0, -1000.0], [1000.0, 0.0]]), np.array([1, 0])
    hint = ("compute the log-softmax directly, z - max - log(sum(exp(z - max))), instead of "
            "np.log(softmax(z)), which is log(0) when a probability underflows")
    with floating_point_guard("cross_entropy with a logit gap of 1000", hint):
        loss = solution.cross_entropy(logits, labels)
    expect_close(loss, 500.0, "cross_entropy with a logit gap of 1000", hint=hint)
