"""PCA by SVD.

Replace each TODO. X is (n, d): n samples with d features. Check your work with
`tracker check run pca_svd`.
"""

import numpy as np


def pca(X, k):
    """The top k principal components of X, by SVD of the centred data.

    Return (components (k, d) with orthonormal rows, explained_variance (k,) largest first,
    mean (d,)). explained_variance is the variance along each component (divide by n - 1).
    """
    # TODO
    raise NotImplementedError


def transform(X, mean, components):
    """The coordinates of each row of X along the components: shape (n, k)."""
    # TODO
    raise NotImplementedError


def reconstruct(Z, mean, components):
    """Map coordinates Z (n, k) back to feature space: shape (n, d)."""
    # TODO
    raise NotImplementedError
