"""Checks for the digits MLP checkpoint.

The data ships beside this file; the learner's code sees only the training split, passed in.
Test accuracy is computed here with the checker's own forward pass of the documented network.
"""

from pathlib import Path

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

KEYS = ("W1", "b1", "W2", "b2")
#: 360 of the 1797 images are held out; this split's seed is fixed so the score is comparable.
SPLIT_SEED, N_TRAIN = 192, 1437
HINTS = {
    "b2": "dlogits = (softmax - onehot(y)) / n and db2 = dlogits.sum(axis=0)",
    "W2": "dW2 = h.T @ dlogits with h = relu(z1)",
    "b1": "dz1 = (dlogits @ W2.T) * (z1 > 0), the ReLU passing the gradient only where it was on; db1 = dz1.sum(axis=0)",
    "W1": "dz1 = (dlogits @ W2.T) * (z1 > 0), then dW1 = X.T @ dz1",
}


def _logits(params, X):
    return np.maximum(X @ params["W1"] + params["b1"], 0) @ params["W2"] + params["b2"]


def _loss(params, X, y):
    z = _logits(params, X)
    z = z - z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y]))


def _params(rng, d, hidden, k):
    return {"W1": rng.normal(size=(d, hidden)), "b1": rng.normal(size=hidden),
            "W2": rng.normal(size=(hidden, k)), "b2": rng.normal(size=k)}


def _digits():
    data = np.load(Path(__file__).with_name("digits.npz"), allow_pickle=False)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(data["y"]))
    return data["X"], data["y"].astype(np.int64), order[:N_TRAIN], order[N_TRAIN:]


def _as_params(value, what):
    if not isinstance(value, dict) or not set(KEYS) <= set(value):
        fail(f"{what} must be a dict with the keys {list(KEYS)}")
    params = {key: as_array(value[key], f"{what}['{key}']") for key in KEYS}
    hidden = params["W1"].shape[-1] if params["W1"].ndim == 2 else 0
    shapes = {"W1": (64, hidden), "b1": (hidden,), "W2": (hidden, 10), "b2": (10,)}
    for key in KEYS:
        if hidden == 0 or params[key].shape != shapes[key]:
            fail(f"{what}['{key}'] has shape {params[key].shape}; the network needs W1 (64, H), b1 (H,), "
                 "W2 (H, 10), b2 (10,)")
    return params


def check_forward_and_loss(solution):
    rng = np.random.default_rng(191)
    params, X, y = _params(rng, 64, 7, 10), rng.uniform(0, 1, (5, 64)), rng.integers(0, 10, 5)
    expect_close(solution.forward(params, X), _logits(params, X), "forward(params, X)",
                 hint="logits = relu(X @ W1 + b1) @ W2 + b2, with relu(z) = np.maximum(z, 0)")
    result = solution.loss_and_grads(params, X, y)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("loss_and_grads must return a pair (loss, grads)")
    expect_close(result[0], _loss(params, X, y), "the loss from loss_and_grads",
                 hint="the mean over rows of -log softmax(logits)[y], computed with each row's max subtracted")


def check_gradients_match_numerical_ones(solution):
    rng = np.random.default_rng(192)
    for n, d, hidden, k in ((1, 3, 4, 3), (6, 5, 4, 3)):
        params, X, y = _params(rng, d, hidden, k), rng.normal(size=(n, d)), rng.integers(0, k, n)
        result = solution.loss_and_grads({key: v.copy() for key, v in params.items()}, X, y)
        grads = result[1] if isinstance(result, tuple) and len(result) == 2 else None
        if not isinstance(grads, dict) or not set(KEYS) <= set(grads):
            fail(f"loss_and_grads must return (loss, grads) with grads a dict of the keys {list(KEYS)}")
        for key in ("b2", "W2", "b1", "W1"):
            numeric = numerical_gradient(lambda: _loss(params, X, y), params[key])
            expect_gradient(grads[key], numeric, f"grads['{key}'] for {n} example{'s' * (n > 1)}", tol=1e-6, hint=HINTS[key])


def check_reaches_95_percent_on_held_out_digits(solution):
    X, y, train_rows, test_rows = _digits()
    trained = _as_params(solution.train(X[train_rows].copy(), y[train_rows].copy(), 0), "train(X, y, seed=0)")
    with np.errstate(all="ignore"):
        predicted = _logits(trained, X[test_rows] / 16.0).argmax(axis=1)
        seen = np.mean(_logits(trained, X[train_rows] / 16.0).argmax(axis=1) == y[train_rows])
    accuracy = float(np.mean(predicted == y[test_rows]))
    if accuracy >= 0.95:
        return
    if seen > 0.95:
        why = ("it fits the training images, so it does not generalise: fewer passes, a smaller "
               "learning rate, or a smaller hidden layer")
    else:
        why = ("it does not fit the training images either: check that train scales the inputs as the "
               "network does (pixels / 16), and try more passes or another learning rate")
    fail(f"the trained network gets {accuracy:.1%} of the {len(test_rows)} held-out digits right "
         f"(and {seen:.1%} of the training digits), expected at least 95%: {why}")
