"""Checks for the softmax regression checkpoint."""

import numpy as np
from checklib import (
    as_array,
    expect_close,
    expect_gradient,
    fail,
    floating_point_guard,
    numerical_gradient,
)

CENTRES = np.array([[0.0, 2.4], [-2.4, -1.2], [2.4, -1.2]])
GRADIENT = ("dZ = softmax(Z) minus 1 at each true class (dZ[np.arange(n), y] -= 1), divided by n; "
            "dW = X.T @ dZ, db = dZ.sum(axis=0)")


def _log_softmax(Z):
    """Independent of the learner's route: scipy-style logsumexp written out."""
    top = Z.max(axis=1, keepdims=True)
    return Z - top - np.log(np.sum(np.exp(Z - top), axis=1, keepdims=True))


def _cross_entropy(Z, y):
    return -np.mean(np.take_along_axis(_log_softmax(Z), y[:, None], axis=1))


def _blobs(rng, n):
    y = rng.integers(0, 3, n)
    return CENTRES[y] + rng.normal(size=(n, 2)), y


def check_softmax(solution):
    Z = np.random.default_rng(171).normal(scale=3.0, size=(5, 4))
    got = as_array(solution.softmax(Z.copy()), "softmax(Z) for Z of shape (5, 4)", Z.shape)
    if np.allclose(got.sum(axis=0), 1) and not np.allclose(got.sum(axis=1), 1):
        fail("the columns of softmax(Z) sum to 1, not each row: normalise each row on its own, "
             "summing over axis=1 with keepdims=True")
    expect_close(got, np.exp(_log_softmax(Z)), "softmax(Z) for Z of shape (5, 4)",
                 hint="exp of each logit divided by the sum over its row")
    huge = np.array([[1000.0, 999.0, -1000.0], [-5.0, 0.0, 5.0]])
    with floating_point_guard("softmax of logits near 1000", "subtract each row's max before np.exp"):
        got = solution.softmax(huge.copy())
    expect_close(got, np.exp(_log_softmax(huge)), "softmax([[1000, 999, -1000], [-5, 0, 5]])",
                 hint="subtract each row's max before np.exp")


def check_cross_entropy(solution):
    rng = np.random.default_rng(172)
    Z, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    expect_close(solution.cross_entropy(Z, y), _cross_entropy(Z, y), "cross_entropy(Z, y) for 6 examples",
                 hint="the mean of -log(probability of the true class); y holds class indices")
    Z, y = np.array([[800.0, 0.0, -800.0], [0.0, 0.0, 0.0]]), np.array([2, 1])
    with floating_point_guard("cross_entropy of logits near 800",
                              "use log-probabilities: z - max(z) - log(sum(exp(z - max(z))))"):
        got = solution.cross_entropy(Z, y)
    expect_close(got, _cross_entropy(Z, y), "cross_entropy([[800, 0, -800], [0, 0, 0]], [2, 1])", rtol=1e-9,
                 hint="the first example's true class is 1600 below the best, so it costs 1600: take "
                      "log-probabilities with the log-sum-exp trick instead of log(softmax)")


def check_gradients(solution):
    rng = np.random.default_rng(173)
    for n, d, k in ((1, 2, 3), (7, 3, 4), (9, 1, 5)):
        X, y = rng.normal(size=(n, d)), rng.integers(0, k - 1, n)  # the last class has no example
        W, b = rng.normal(size=(d, k)), rng.normal(size=k)

        def loss():
            return _cross_entropy(X @ W + b, y)

        result = solution.gradients(W.copy(), b.copy(), X, y)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail("gradients must return a pair (dW, db)")
        dW, db = as_array(result[0], "dW from gradients", W.shape), as_array(result[1], "db from gradients", b.shape)
        probs = np.exp(_log_softmax(X @ W + b))
        if np.allclose(dW, X.T @ probs / n) and np.allclose(db, probs.sum(axis=0) / n):
            fail(f"dW and db for {n} example{'s' * (n > 1)} and {k} classes use the probabilities alone: the gradient "
                 "of the logits is the probabilities minus 1 at each true class, over n")
        for name, got, param in (("db", db, b), ("dW", dW, W)):
            expect_gradient(got, numerical_gradient(loss, param), f"{name} for {n} example{'s' * (n > 1)} and {k} classes",
                            tol=1e-6, hint=GRADIENT)


def check_train_on_three_blobs(solution):
    rng = np.random.default_rng(174)
    X, y = _blobs(rng, 300)
    result = solution.train(X, y, 3, 0.5, 300)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("train must return a pair (W, b)")
    W, b = as_array(result[0], "W from train", (2, 3)), as_array(result[1], "b from train", (3,))
    fresh_X, fresh_y = _blobs(rng, 1000)
    accuracy = np.mean(np.argmax(fresh_X @ W + b, axis=1) == fresh_y)
    if accuracy < 0.9:
        fail(f"after 300 steps at lr=0.5, W and b classify {accuracy:.1%} of fresh points right, "
             "expected at least 90%: does train start from zeros and subtract lr times the gradient?")
    if _cross_entropy(X @ W + b, y) > 0.4:
        fail(f"after 300 steps the training loss is {_cross_entropy(X @ W + b, y):.3f}, expected below 0.4")
