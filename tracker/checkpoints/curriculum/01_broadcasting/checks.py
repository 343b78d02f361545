"""Checks for the broadcasting checkpoint."""

import numpy as np
from checklib import as_array, best_seconds, expect_close, fail

#: A vectorised answer takes about as long as the checks' own one-liner; loops take hundreds of
#: times longer. The factor leaves room for a slower but still vectorised approach.
SLOWER_THAN_VECTORISED = 40


def _distances(X, Y):
    return (X**2).sum(1)[:, None] + (Y**2).sum(1)[None, :] - 2 * X @ Y.T


def check_distances_small_example(solution):
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    Y = np.array([[1.0, 0.0], [3.0, 4.0], [0.0, 0.0]])
    expect_close(solution.pairwise_sq_distances(X, Y), [[1, 25, 0], [1, 13, 2]],
                 "pairwise_sq_distances(X, Y)")


def check_distances_random_shapes(solution):
    rng = np.random.default_rng(11)
    for n, m, d in [(1, 1, 1), (5, 3, 4), (7, 9, 1), (4, 4, 16)]:
        X, Y = rng.normal(size=(n, d)), rng.normal(size=(m, d))
        expect_close(solution.pairwise_sq_distances(X, Y), _distances(X, Y),
                     f"pairwise_sq_distances for X of shape {X.shape} and Y of shape {Y.shape}",
                     rtol=1e-6, atol=1e-9)


def check_distances_are_vectorised(solution):
    rng = np.random.default_rng(12)
    X, Y = rng.normal(size=(400, 8)), rng.normal(size=(400, 8))
    budget = max(0.15, SLOWER_THAN_VECTORISED * best_seconds(lambda: X[:, None, :] - Y[None, :, :]))
    took = best_seconds(lambda: solution.pairwise_sq_distances(X, Y), repeat=2, good_enough=budget)
    if took > budget:
        fail(f"pairwise_sq_distances took {took:.2f} s for 400 x 400 rows, over the {budget:.2f} s "
             "a vectorised version needs: replace the Python loops with broadcasting "
             "(X[:, None, :] - Y[None, :, :])")


def check_standardize(solution):
    X = np.random.default_rng(13).normal(loc=[5.0, -2.0, 0.0], scale=[2.0, 0.5, 10.0], size=(50, 3))
    got = as_array(solution.standardize(X), "standardize(X)", X.shape)
    hint = "standardize each column (axis=0) with its own mean and std"
    expect_close(got.mean(axis=0), np.zeros(3), "the column means of standardize(X)", atol=1e-9, hint=hint)
    expect_close(got.std(axis=0), np.ones(3), "the column stds of standardize(X)", hint=hint)
    expect_close(got, (X - X.mean(0)) / X.std(0), "standardize(X)", hint=hint)


def check_standardize_constant_column(solution):
    X = np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]])
    with np.errstate(all="ignore"):
        got = as_array(solution.standardize(X), "standardize(X)", X.shape)
    if not np.all(np.isfinite(got[:, 1])):
        fail("standardize gave nan for a constant column (its std is 0): use 1 instead of a "
             "zero std, so the column becomes zeros")
    expect_close(got[:, 1], np.zeros(3), "standardize of a constant column")
