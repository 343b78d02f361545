"""An MLP for the 8x8 digits (reference solution)."""

import numpy as np


def forward(params, X):
    h = np.maximum(0.0, X @ params["W1"] + params["b1"])
    return h @ params["W2"] + params["b2"]


def loss_and_grads(params, X, y):
    z1 = X @ params["W1"] + params["b1"]
    h = np.maximum(0.0, z1)
    logits = h @ params["W2"] + params["b2"]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(len(y))
    loss = -np.mean(log_probs[rows, y])
    dlogits = np.exp(log_probs)
    dlogits[rows, y] -= 1
    dlogits /= len(y)
    dz1 = (dlogits @ params["W2"].T) * (z1 > 0)
    grads = {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": h.T @ dlogits, "b2": dlogits.sum(axis=0)}
    return float(loss), grads


def train(X, y, seed):
    rng = np.random.default_rng(seed)
    X = X / 16.0
    y = y.astype(int)
    hidden = 64
    params = {"W1": rng.normal(scale=np.sqrt(2 / X.shape[1]), size=(X.shape[1], hidden)),
              "b1": np.zeros(hidden),
              "W2": rng.normal(scale=np.sqrt(1 / hidden), size=(hidden, 10)),
              "b2": np.zeros(10)}
    velocity = {key: np.zeros_like(value) for key, value in params.items()}
    for _ in range(20):
        order = rng.permutation(len(X))
        for start in range(0, len(X), 32):
            batch = order[start:start + 32]
            _, grads = loss_and_grads(params, X[batch], y[batch])
            for key in params:
                velocity[key] = 0.9 * velocity[key] - 0.05 * grads[key]
                params[key] += velocity[key]
    return params
