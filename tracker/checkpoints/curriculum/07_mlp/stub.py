"""A two-layer MLP, forward and backward, that learns XOR.

Replace each TODO. `params` is a dict with W1 (n_in, n_hidden), b1 (n_hidden,),
W2 (n_hidden, n_out) and b2 (n_out,). Check your work with `tracker check run mlp`.
"""

import numpy as np


def init_params(n_in, n_hidden, n_out, rng):
    """Small random weights, zero biases."""
    return {
        "W1": rng.normal(scale=1 / np.sqrt(n_in), size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(scale=1 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss(probs, y):
    """Binary cross-entropy averaged over every element."""
    probs = np.clip(probs, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(probs) + (1 - y) * np.log(1 - probs)))


def forward(params, X):
    """h = tanh(X @ W1 + b1), probs = sigmoid(h @ W2 + b2).

    Return (probs, cache), where cache is a dict of whatever backward needs.
    """
    # TODO
    raise NotImplementedError


def backward(params, cache, y):
    """The gradients of loss(probs, y) with respect to each parameter, as a dict with the same
    keys and shapes as params."""
    # TODO
    raise NotImplementedError


def train(X, y, n_hidden=8, lr=1.0, steps=2000, seed=0):
    """Full-batch gradient descent; returns the trained params."""
    params = init_params(X.shape[1], n_hidden, y.shape[1], np.random.default_rng(seed))
    for _ in range(steps):
        _, cache = forward(params, X)
        grads = backward(params, cache, y)
        for key in params:
            params[key] -= lr * grads[key]
    return params


if __name__ == "__main__":
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    probs, _ = forward(train(X, y), X)
    print(np.round(probs, 3))
