"""Softmax regression: a stable softmax, cross-entropy with integer labels, three classes.

Replace each TODO. X has shape (n, d); y holds integer class labels 0 .. k-1, shape (n,);
W has shape (d, k) and b shape (k,); logits Z = X @ W + b have shape (n, k), one row per example.
Check your work with `tracker check run softmax_regression`.
"""

import numpy as np


def softmax(Z):
    """Each row of Z turned into probabilities that sum to 1; no overflow for logits like 1000."""
    # TODO
    raise NotImplementedError


def cross_entropy(Z, y):
    """The mean over rows of -log(softmax(Z)[i, y[i]]), as a float, exact for large logits."""
    # TODO
    raise NotImplementedError


def gradients(W, b, X, y):
    """(dW, dbias): the gradient of cross_entropy(X @ W + b, y), shaped like W and b."""
    # TODO
    raise NotImplementedError


def train(X, y, k, lr, steps):
    """Full-batch gradient descent for k classes from W = 0, b = 0; return (W, b)."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 2.4], [-2.4, -1.2], [2.4, -1.2]])
    y = rng.integers(0, 3, 300)
    X = centres[y] + rng.normal(size=(300, 2))
    W, b = train(X, y, 3, lr=0.5, steps=300)
    Z = X @ W + b
    print(f"loss {cross_entropy(Z, y):.3f}, accuracy {np.mean(Z.argmax(axis=1) == y):.2%}")
