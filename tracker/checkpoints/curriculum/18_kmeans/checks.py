"""Checks for the k-means checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_finite, fail


def _nearest(X, centroids):
    """Loops over centroids, unlike the broadcast in the hint, so the two cannot share a bug."""
    best, labels = np.full(len(X), np.inf), np.zeros(len(X), dtype=int)
    for j, centre in enumerate(centroids):
        distance = np.einsum("nd,nd->n", X - centre, X - centre)
        closer = distance < best
        best[closer], labels[closer] = distance[closer], j
    return labels


def _lloyd(X, centroids):
    labels = _nearest(X, centroids)
    while True:
        centroids = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else c
                              for j, c in enumerate(centroids)])
        new = _nearest(X, centroids)
        if np.array_equal(new, labels):
            return centroids, labels
        labels = new


def _labels(value, what, n, k):
    labels = as_array(value, what, (n,))
    if not (np.all(labels == np.round(labels)) and labels.min() >= 0 and labels.max() < k):
        fail(f"{what} must hold integer cluster indices from 0 to {k - 1}, got {labels[:6]}...")
    return labels.astype(int)


def _blobs(rng):
    return np.vstack([rng.normal(centre, 0.6, (60, 2)) for centre in ([0, 0], [5, 0], [2.5, 4])])


def check_assign(solution):
    rng = np.random.default_rng(181)
    for n, d, k in ((1, 2, 3), (20, 3, 4), (15, 1, 2)):
        X, centroids = rng.normal(size=(n, d)), rng.normal(size=(k, d))
        got = _labels(solution.assign(X, centroids), f"assign(X, centroids) for {n} points, {k} centroids", n, k)
        want = _nearest(X, centroids)
        if not np.array_equal(got, want):
            i = int(np.argmax(got != want))
            fail(f"assign put point {i} in cluster {got[i]}, but its nearest centroid is {want[i]}: "
                 "take the argmin over the squared distances to every centroid")
    tie = _labels(solution.assign(np.array([[0.0, 0.0]]), np.array([[1.0, 0.0], [-1.0, 0.0]])),
                  "assign of a point halfway between two centroids", 1, 2)
    if tie[0] != 0:
        fail("a point equally far from centroids 0 and 1 went to 1; on a tie the lower index wins")


def check_update_keeps_an_empty_cluster(solution):
    rng = np.random.default_rng(182)
    X, centroids = rng.normal(size=(12, 3)), rng.normal(size=(4, 3))
    labels = rng.integers(0, 3, 12)  # cluster 3 gets no points
    labels[:3] = [0, 1, 2]
    got = expect_finite(solution.update(X, labels, centroids), "update(X, labels, centroids)",
                        hint="cluster 3 has no points: it keeps its old centroid")
    want = np.array([X[labels == j].mean(axis=0) for j in range(3)] + [centroids[3]])
    expect_close(got, want, "update(X, labels, centroids)",
                 hint="each centroid is the mean of its points; a cluster with no points keeps its old centroid")


def check_inertia(solution):
    rng = np.random.default_rng(183)
    X, centroids = rng.normal(size=(10, 2)), rng.normal(size=(3, 2))
    labels = rng.integers(0, 3, 10)
    want = sum(float(np.dot(x - centroids[j], x - centroids[j])) for x, j in zip(X, labels))
    expect_close(solution.inertia(X, centroids, labels), want, "inertia(X, centroids, labels)",
                 hint="sum the squared distances of each point to its own centroid (not the distances)")


def check_kmeans_converges_from_a_fixed_start(solution):
    rng = np.random.default_rng(184)
    X = _blobs(rng)
    # A poor start: two centroids inside one blob and one far from every point.
    init = np.array([X[0], X[1], [20.0, 20.0]])
    want_centroids, want_labels = _lloyd(X, init)
    result = solution.kmeans(X, init.copy())
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("kmeans must return a pair (centroids, labels)")
    centroids = expect_finite(result[0], "centroids from kmeans", hint="an empty cluster keeps its centroid")
    labels = _labels(result[1], "labels from kmeans", len(X), 3)
    expect_close(centroids, want_centroids, "centroids from kmeans(X, init)", rtol=1e-6,
                 hint="repeat assign and update until the assignments stop changing")
    if not np.array_equal(labels, want_labels):
        fail("the labels kmeans returned are not the assignment to the centroids it returned: "
             "assign once more after the last update")
    good_start = X[[0, 60, 120]]
    converged = solution.kmeans(X, good_start.copy())
    if not (isinstance(converged, tuple) and len(converged) == 2):
        fail("kmeans must return a pair (centroids, labels)")
    expect_close(converged[0], _lloyd(X, good_start)[0], "centroids from kmeans from one point of each blob",
                 rtol=1e-6, hint="repeat assign and update until the assignments stop changing")
