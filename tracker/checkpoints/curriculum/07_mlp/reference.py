"""A two-layer MLP (reference solution)."""

import numpy as np


def init_params(n_in, n_hidden, n_out, rng):
    return {
        "W1": rng.normal(scale=1 / np.sqrt(n_in), size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(scale=1 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss(probs, y):
    probs = np.clip(probs, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(probs) + (1 - y) * np.log(1 - probs)))


def forward(params, X):
    h = np.tanh(X @ params["W1"] + params["b1"])
    probs = sigmoid(h @ params["W2"] + params["b2"])
    return probs, {"X": X, "h": h, "probs": probs}


def backward(params, cache, y):
    X, h, probs, W2 = cache["X"], cache["h"], cache["probs"], params["W2"]
    dz2 = (probs - y) / y.size
    dz1 = (dz2 @ W2.T) * (1 - h**2)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dz2, "b2": dz2.sum(axis=0)}


def train(X, y, n_hidden=8, lr=1.0, steps=2000, seed=0):
    params = init_params(X.shape[1], n_hidden, y.shape[1], np.random.default_rng(seed))
    for _ in range(steps):
        _, cache = forward(params, X)
        grads = backward(params, cache, y)
        for key in params:
            params[key] -= lr * grads[key]
    return params
