"""NumPy broadcasting and vectorisation (reference solution)."""

import numpy as np


def pairwise_sq_distances(X, Y):
    diff = X[:, None, :] - Y[None, :, :]
    return np.sum(diff**2, axis=-1)


def standardize(X):
    X = np.asarray(X, dtype=float)
    centered = X - X.mean(axis=0)
    std = centered.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    return centered / std
