"""Checks for the MLP checkpoint."""

import numpy as np
from checklib import (
    as_array,
    expect_close,
    expect_gradient,
    fail,
    numerical_gradient,
    standing_in,
)

HINTS = {
    "W2": "dz2 = (probs - y) / y.size (the loss is a mean over every element), dW2 = h.T @ dz2",
    "b2": "db2 = dz2.sum(axis=0), with dz2 = (probs - y) / y.size",
    "W1": "dz1 = (dz2 @ W2.T) * (1 - h**2), the tanh derivative, then dW1 = X.T @ dz1",
    "b1": "db1 = dz1.sum(axis=0), with dz1 = (dz2 @ W2.T) * (1 - h**2)",
}
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def _params(rng, n_in, n_hidden, n_out):
    return {"W1": rng.normal(size=(n_in, n_hidden)), "b1": rng.normal(size=n_hidden),
            "W2": rng.normal(size=(n_hidden, n_out)), "b2": rng.normal(size=n_out)}


def _probs(params, X):
    h = np.tanh(X @ params["W1"] + params["b1"])
    return 1 / (1 + np.exp(-(h @ params["W2"] + params["b2"])))


def _loss(params, X, y):
    p = _probs(params, X)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def check_forward(solution):
    rng = np.random.default_rng(71)
    params, X = _params(rng, 3, 5, 2), rng.normal(size=(7, 3))
    result = solution.forward(params, X)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("forward must return a pair (probs, cache)")
    expect_close(result[0], _probs(params, X), "probs from forward", hint="probs = sigmoid(tanh(X @ W1 + b1) @ W2 + b2)")


def check_backward_matches_numerical_gradients(solution):
    rng = np.random.default_rng(72)
    params, X = _params(rng, 3, 5, 2), rng.normal(size=(7, 3))
    y = rng.integers(0, 2, size=(7, 2)).astype(float)
    _, cache = solution.forward({k: v.copy() for k, v in params.items()}, X)
    grads = solution.backward({k: v.copy() for k, v in params.items()}, cache, y)
    if not isinstance(grads, dict) or set(grads) != set(params):
        fail(f"backward must return a dict with the keys {sorted(params)}")
    for key in ("W2", "b2", "W1", "b1"):
        numeric = numerical_gradient(lambda: _loss(params, X, y), params[key])
        expect_gradient(grads[key], numeric, f"grads['{key}']", tol=1e-6, hint=HINTS[key])


def check_learns_xor(solution):
    """The learner's own train runs all 2000 steps in one call, from the checks' starting weights
    (the checker answers its init_params); the checker judges the weights it returns itself."""
    start = _params(np.random.default_rng(73), 2, 8, 1)
    for key in start:
        start[key] *= 0.5

    def given_start(n_in, n_hidden, n_out, rng):
        return {key: value.copy() for key, value in start.items()}

    with standing_in(solution, "init_params", given_start):
        trained = solution.train(XOR_X, XOR_Y, n_hidden=8, lr=1.0, steps=2000)
    if not isinstance(trained, dict) or set(trained) != set(start):
        fail(f"train must return the params dict with the keys {sorted(start)}")
    params = {key: as_array(trained[key], f"params['{key}'] from train", start[key].shape) for key in start}
    probs = _probs(params, XOR_X)
    if not np.array_equal(probs > 0.5, XOR_Y > 0.5) or _loss(params, XOR_X, XOR_Y) > 0.1:
        fail(f"after 2000 steps of gradient descent the network predicts {probs.ravel().round(3)} "
             "for XOR, expected close to [0, 1, 1, 0]")
