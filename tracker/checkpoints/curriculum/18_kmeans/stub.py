"""k-means clustering: assign, update, empty clusters and inertia.

Replace each TODO. X has shape (n, d); centroids has shape (k, d); labels holds one integer
in 0 .. k-1 per point, shape (n,). Check your work with `tracker check run kmeans`.
"""

import numpy as np


def assign(X, centroids):
    """The index of each point's nearest centroid (squared Euclidean distance), shape (n,).

    On a tie, the lower index wins (np.argmin does that).
    """
    # TODO
    raise NotImplementedError


def update(X, labels, centroids):
    """New centroids: the mean of each cluster's points. A cluster with no points keeps its
    old centroid. Return the new centroids, shape (k, d)."""
    # TODO
    raise NotImplementedError


def inertia(X, centroids, labels):
    """The sum over all points of the squared distance to their own centroid, as a float."""
    # TODO
    raise NotImplementedError


def kmeans(X, init, max_iters=100):
    """Lloyd's algorithm from the given initial centroids: assign, update, and repeat until the
    assignments stop changing (or max_iters rounds). Return (centroids, labels), with labels the
    assignment to the returned centroids."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(centre, 0.5, (50, 2)) for centre in ([0, 0], [4, 0], [2, 3])])
    centroids, labels = kmeans(X, X[[0, 1, 2]])
    print(np.round(centroids, 2), inertia(X, centroids, labels))
