"""Checks for the logistic regression checkpoint."""

import numpy as np
from checklib import (
    as_array,
    expect_close,
    expect_gradient,
    fail,
    floating_point_guard,
    numerical_gradient,
)

STABLE = "compute it from z with np.logaddexp, never forming exp of a large number"
GRADIENT = "with p = sigmoid(X @ w + b): dw = X.T @ (p - y) / n and db = mean(p - y)"


def _sigmoid(z):
    """Split on the sign, so neither branch overflows: written differently from the hint on purpose."""
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1 / (1 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1 + e)
    return out


def _bce(z, y):
    """Per example, max(z, 0) - y * z + log(1 + exp(-|z|)): exact for any logit."""
    return np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))


def _blobs(rng, n):
    X = np.vstack([rng.normal([-1.5, 0.75], 1.0, (n, 2)), rng.normal([1.5, -0.75], 1.0, (n, 2))])
    return X, np.repeat([0.0, 1.0], n)


def check_sigmoid(solution):
    z = np.array([-1000.0, -30.0, -2.0, 0.0, 0.5, 30.0, 1000.0])
    with floating_point_guard("sigmoid of [-1000, ..., 1000]", "1 / (1 + np.exp(-z)) overflows for "
                              "z = -1000 (and np.where computes both branches, so it does too); use "
                              "np.exp(-np.logaddexp(0, -z)), or exponentiate only the entries of each sign"):
        got = solution.sigmoid(z)
    expect_close(got, _sigmoid(z), "sigmoid([-1000, -30, -2, 0, 0.5, 30, 1000])", rtol=1e-7, atol=1e-12)
    grid = np.random.default_rng(161).normal(size=(3, 4))
    expect_close(solution.sigmoid(grid), _sigmoid(grid), "sigmoid of a (3, 4) array",
                 hint="apply it element by element, keeping the shape")


def check_loss_from_logits(solution):
    z, y = np.array([2.0, -1.0, 0.0, 3.5]), np.array([1.0, 0.0, 1.0, 0.0])
    expect_close(solution.bce_from_logits(z, y), _bce(z, y), "bce_from_logits on ordinary logits",
                 hint="mean(-y * log(p) - (1 - y) * log(1 - p)) with p = sigmoid(z)")
    z, y = np.array([-800.0, 800.0, 40.0, -40.0]), np.array([1.0, 0.0, 1.0, 0.0])
    with floating_point_guard("bce_from_logits of logits near 800", STABLE):
        got = solution.bce_from_logits(z, y)
    expect_close(got, _bce(z, y), "bce_from_logits([-800, 800, 40, -40], [1, 0, 1, 0])", rtol=1e-9,
                 hint="two confident wrong answers cost 800 each; clipping p caps them at 27.6: " + STABLE)


def check_gradients(solution):
    rng = np.random.default_rng(162)
    for n, d in ((1, 1), (6, 3), (13, 2)):
        X, y = rng.normal(size=(n, d)), rng.integers(0, 2, n).astype(float)
        params = rng.normal(size=d + 1)

        def loss():
            return _bce(X @ params[:d] + params[d], y)

        expect_close(solution.loss(params[:d].copy(), float(params[d]), X, y), loss(),
                     f"loss(w, b, X, y) for X of shape {X.shape}")
        result = solution.gradients(params[:d].copy(), float(params[d]), X, y)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail("gradients must return a pair (dw, db)")
        dw = as_array(result[0], "dw from gradients", (d,))
        got = np.append(dw, as_array(result[1], "db from gradients", ()))
        expect_gradient(got, numerical_gradient(loss, params), f"(dw, db) for X of shape {X.shape}",
                        tol=1e-6, hint=GRADIENT)


def check_train_separates_two_blobs(solution):
    rng = np.random.default_rng(163)
    X, y = _blobs(rng, 100)
    result = solution.train(X, y, 0.5, 300)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("train must return a pair (w, b)")
    w, b = as_array(result[0], "w from train", (2,)), float(as_array(result[1], "b from train", ()))
    fresh_X, fresh_y = _blobs(rng, 500)
    accuracy = np.mean((fresh_X @ w + b > 0) == (fresh_y == 1))
    if accuracy < 0.9:
        fail(f"after 300 steps at lr=0.5 the line w = {np.round(w, 3)}, b = {b:.3f} classifies "
             f"{accuracy:.1%} of fresh points right, expected at least 90%: does train start from "
             "zeros and subtract lr times the gradient?")
    if _bce(X @ w + b, y) > 0.35:
        fail(f"after 300 steps the training loss is {_bce(X @ w + b, y):.3f}, expected below 0.35")
