"""Checks for the PCA checkpoint. Components are compared up to sign."""

import numpy as np
from checklib import as_array, expect_close, fail

CENTER = "center X first: take the SVD of X - X.mean(axis=0)"


def _data(seed, n=200):
    """Data with a known shape: variances 9, 1 and 0.04 along a random rotation, offset mean."""
    rng = np.random.default_rng(seed)
    rotation = np.linalg.qr(rng.normal(size=(3, 3)))[0]
    X = rng.normal(size=(n, 3)) * [3.0, 1.0, 0.2] @ rotation.T + [5.0, -3.0, 10.0]
    return X, rotation


def _pca(X, k):
    mean = X.mean(0)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(X.T))
    order = np.argsort(eigenvalues)[::-1][:k]
    return eigenvectors[:, order].T, eigenvalues[order], mean


def _call(solution, X, k):
    result = solution.pca(X, k)
    if not (isinstance(result, tuple) and len(result) == 3):
        fail("pca must return a triple (components, explained_variance, mean)")
    d = X.shape[1]
    return (as_array(result[0], f"the components from pca(X, k={k})", (k, d)),
            as_array(result[1], f"the explained_variance from pca(X, k={k})", (k,)),
            as_array(result[2], f"the mean from pca(X, k={k})", (d,)))


def _same_up_to_sign(a, b):
    return np.allclose(np.abs(np.sum(a * b, axis=1)), 1, atol=1e-6)


def check_components(solution):
    X, rotation = _data(141)
    components, _, mean = _call(solution, X, 2)
    expect_close(mean, X.mean(axis=0), "the mean from pca", hint="the column means, X.mean(axis=0)")
    expect_close(components @ components.T, np.eye(2), "components @ components.T",
                 atol=1e-8, hint="the components are the first rows of Vt, which are orthonormal")
    uncentred = np.linalg.svd(X, full_matrices=False)[2][:2]
    want = _pca(X, 2)[0]
    if _same_up_to_sign(components, uncentred) and not _same_up_to_sign(components, want):
        fail(f"the first component points towards the data's mean, not along its spread: {CENTER}")
    if not _same_up_to_sign(components, want):
        fail(f"the components are not the directions of largest variance (up to sign): {CENTER}, "
             "and take the first k rows of Vt")
    if abs(components[0] @ rotation[:, 0]) < 0.99:
        fail("the first component is not the direction of largest spread in the data")


def check_explained_variance(solution):
    X, _ = _data(142)
    _, variance, _ = _call(solution, X, 3)
    expect_close(variance, _pca(X, 3)[1], "explained_variance", rtol=1e-6,
                 hint="the variance along each component is S**2 / (n - 1), largest first")


def check_transform_and_reconstruct(solution):
    X, _ = _data(143, n=50)
    for k in (1, 3):
        components, _, mean = _pca(X, k)
        Z = solution.transform(X, mean, components)
        expect_close(Z, (X - mean) @ components.T, f"transform(X, mean, components) with k={k}",
                     hint="project the centred rows: (X - mean) @ components.T")
        expect_close(solution.reconstruct(Z, mean, components), Z @ components + mean,
                     f"reconstruct(Z, mean, components) with k={k}", hint="Z @ components + mean")
    expect_close(solution.reconstruct(Z, mean, components), X,
                 "reconstruct(transform(X)) with every component kept", atol=1e-9)


def check_wide_and_tiny_inputs(solution):
    rng = np.random.default_rng(144)
    X = rng.normal(size=(5, 12))
    components, variance, _ = _call(solution, X, 4)
    expect_close(variance, _pca(X, 4)[1], "explained_variance for 5 samples of 12 features", rtol=1e-6)
    expect_close(components @ components.T, np.eye(4), "components @ components.T for a wide X", atol=1e-8)
