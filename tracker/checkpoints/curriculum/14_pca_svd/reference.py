"""PCA by SVD (reference solution)."""

import numpy as np


def pca(X, k):
    mean = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)
    explained_variance = S[:k] ** 2 / (len(X) - 1)
    return Vt[:k], explained_variance, mean


def transform(X, mean, components):
    return (X - mean) @ components.T


def reconstruct(Z, mean, components):
    return Z @ components + mean
