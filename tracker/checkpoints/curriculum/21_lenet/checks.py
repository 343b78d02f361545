"""Checks for the LeNet checkpoint: the checker's own forward, numerical gradients of every parameter."""

import numpy as np
from checklib import (
    as_array,
    expect_close,
    expect_gradient,
    fail,
    floating_point_guard,
    numerical_gradient,
)
from numpy.lib.stride_tricks import sliding_window_view

RELU = "ReLU passes the gradient back only where its input was positive: multiply by (z > 0)"
HINTS = {
    "W3": "dW3 = flat.T @ dlogits, with flat the pooled maps reshaped to (N, -1)",
    "b3": "db3 = dlogits.sum(axis=0)",
    "w2": f"dflat = dlogits @ W3.T reshaped like the second pool's output, through max_pool2d_backward; {RELU}",
    "b2": f"db2 = dz2.sum(axis=(0, 2, 3)); {RELU}",
    "w1": f"dp1 comes out of the second conv2d_backward as its dx; then max_pool2d_backward; {RELU}",
    "b1": f"db1 = dz1.sum(axis=(0, 2, 3)); {RELU}",
}
SOFTMAX = "dlogits = (softmax(logits) - onehot(y)) / N: the loss is a mean over the N examples"


def _conv(x, w, b):
    """3x3, pad 1; padded by hand, since np.pad's overhead dominates the numerical gradients."""
    padded = np.zeros((*x.shape[:2], x.shape[2] + 2, x.shape[3] + 2))
    padded[:, :, 1:-1, 1:-1] = x
    return np.einsum("ncijab,fcab->nfij", sliding_window_view(padded, (3, 3), axis=(2, 3)), w) + b[:, None, None]


def _pool(x):
    N, C, H, W = x.shape
    return x.reshape(N, C, H // 2, 2, W // 2, 2).max(axis=(3, 5))


def _logits(p, x):
    a = _pool(np.maximum(_conv(x, p["w1"], p["b1"]), 0))
    a = _pool(np.maximum(_conv(a, p["w2"], p["b2"]), 0))
    return a.reshape(len(x), -1) @ p["W3"] + p["b3"]


def _cross_entropy(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -log_probs[np.arange(len(y)), y].mean()


def _cross_entropy_gradient(logits, y):
    """The checker's dlogits, so the backward is judged on its own, not on the learner's loss."""
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    probs[np.arange(len(y)), y] -= 1
    return probs / len(y)


def _problem(seed, N, C, H, W, F1, F2, K):
    rng = np.random.default_rng(seed)
    params = {"w1": rng.normal(scale=0.5, size=(F1, C, 3, 3)), "b1": rng.normal(scale=0.1, size=F1),
              "w2": rng.normal(scale=0.5, size=(F2, F1, 3, 3)), "b2": rng.normal(scale=0.1, size=F2),
              "W3": rng.normal(scale=0.5, size=(F2 * (H // 4) * (W // 4), K)), "b3": rng.normal(scale=0.1, size=K)}
    return params, rng.normal(size=(N, C, H, W)), rng.integers(0, K, size=N)


CASES = [(211, 2, 1, 8, 8, 2, 3, 3), (212, 3, 2, 4, 8, 2, 2, 4)]


def _softmax_ce(solution, logits, y):
    result = solution.softmax_cross_entropy(logits.copy(), y)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail("softmax_cross_entropy must return a pair (loss, dlogits)")
    return result


def check_softmax_cross_entropy(solution):
    rng = np.random.default_rng(213)
    logits, y = rng.normal(size=(4, 5)), rng.integers(0, 5, size=4)
    loss, dlogits = _softmax_ce(solution, logits, y)
    expect_close(loss, _cross_entropy(logits, y), "the loss from softmax_cross_entropy",
                 hint="the mean over the examples of -log(softmax(logits)[n, y[n]])")
    expect_gradient(dlogits, numerical_gradient(lambda: _cross_entropy(logits, y), logits),
                    "dlogits from softmax_cross_entropy", hint=SOFTMAX)


def check_softmax_cross_entropy_is_stable(solution):
    logits, y = np.array([[1000.0, 0.0, -1000.0], [0.0, 800.0, 790.0]]), np.array([0, 2])
    with floating_point_guard("softmax_cross_entropy of logits near 1000",
                              "subtract each row's max from the logits before np.exp"):
        loss, dlogits = _softmax_ce(solution, logits, y)
    expect_close(loss, _cross_entropy(logits, y), "the loss for logits near 1000",
                 hint="subtract each row's max from the logits before np.exp")


def check_forward(solution):
    for seed, *shape in CASES:
        params, x, _ = _problem(seed, *shape)
        result = solution.lenet_forward(params, x)
        if not (isinstance(result, (tuple, list)) and len(result) == 2):
            fail("lenet_forward must return a pair (logits, cache)")
        expect_close(result[0], _logits(params, x), f"the logits for x {x.shape}", rtol=1e-6, atol=1e-8,
                     hint="conv (pad 1) -> ReLU -> pool -> conv (pad 1) -> ReLU -> pool -> "
                          "reshape to (N, -1) -> @ W3 + b3")


def check_backward_matches_numerical_gradients(solution):
    for seed, *shape in CASES:
        params, x, y = _problem(seed, *shape)
        logits, cache = solution.lenet_forward({k: v.copy() for k, v in params.items()}, x)
        dlogits = _cross_entropy_gradient(_logits(params, x), y)
        grads = solution.lenet_backward(dlogits, cache, {k: v.copy() for k, v in params.items()})
        if not isinstance(grads, dict) or set(grads) != set(params):
            fail(f"lenet_backward must return a dict with the keys {sorted(params)}")
        for key in ("W3", "b3", "w2", "b2", "w1", "b1"):
            numeric = numerical_gradient(lambda: _cross_entropy(_logits(params, x), y), params[key])
            expect_gradient(as_array(grads[key], f"grads['{key}']", params[key].shape), numeric,
                            f"grads['{key}'] for x {x.shape}", hint=HINTS[key])
