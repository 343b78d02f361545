"""Logistic regression: sigmoid, binary cross-entropy and its gradient, trained on two blobs.

Replace each TODO. X has shape (n, d), y has shape (n,) with values 0.0 or 1.0, w has shape
(d,) and b is a float. Check your work with `tracker check run logistic_regression`.
"""

import numpy as np


def sigmoid(z):
    """1 / (1 + exp(-z)) element by element, without overflow for any float z (try -1000)."""
    # TODO
    raise NotImplementedError


def bce_from_logits(z, y):
    """The mean binary cross-entropy of labels y for logits z (p = sigmoid(z)), as a float.

    Exact even for confident logits like z = -800 with y = 1 (the loss there is 800).
    """
    # TODO
    raise NotImplementedError


def loss(w, b, X, y):
    """The mean binary cross-entropy of the model sigmoid(X @ w + b)."""
    # TODO
    raise NotImplementedError


def gradients(w, b, X, y):
    """(dw, db): the gradient of loss(w, b, X, y); dw has shape (d,), db is a float."""
    # TODO
    raise NotImplementedError


def train(X, y, lr, steps):
    """Full-batch gradient descent from w = 0, b = 0; return (w, b)."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal([-1.5, 0.5], 1.0, (100, 2)), rng.normal([1.5, -0.5], 1.0, (100, 2))])
    y = np.repeat([0.0, 1.0], 100)
    w, b = train(X, y, lr=0.5, steps=300)
    accuracy = np.mean((X @ w + b > 0) == (y == 1))
    print(f"w = {w}, b = {b:.3f}, loss = {loss(w, b, X, y):.3f}, accuracy = {accuracy:.2%}")
