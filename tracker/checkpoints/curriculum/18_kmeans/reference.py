"""k-means (reference solution)."""

import numpy as np


def assign(X, centroids):
    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return distances.argmin(axis=1)


def update(X, labels, centroids):
    new = centroids.astype(float)
    for j in range(len(centroids)):
        members = X[labels == j]
        if len(members):
            new[j] = members.mean(axis=0)
    return new


def inertia(X, centroids, labels):
    return float(((X - centroids[labels]) ** 2).sum())


def kmeans(X, init, max_iters=100):
    centroids = init.astype(float)
    labels = assign(X, centroids)
    for _ in range(max_iters):
        centroids = update(X, labels, centroids)
        new_labels = assign(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, labels
