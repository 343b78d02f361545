"""NumPy broadcasting and vectorisation.

Replace each TODO without Python loops over the elements: use broadcasting and reductions.
Check your work with `tracker check run broadcasting`.
"""

import numpy as np


def pairwise_sq_distances(X, Y):
    """Squared Euclidean distances between every row of X (n, d) and every row of Y (m, d).

    Returns an (n, m) array whose [i, j] entry is sum((X[i] - Y[j]) ** 2).
    """
    # TODO
    raise NotImplementedError


def standardize(X):
    """Shift and scale each column of X (n, d) to mean 0 and standard deviation 1.

    The standard deviation is np.std's default, ddof=0 (divide by n, not n - 1). A constant column
    becomes all zeros (not nan): in floating point its std may be a tiny number instead of 0.
    """
    # TODO
    raise NotImplementedError
