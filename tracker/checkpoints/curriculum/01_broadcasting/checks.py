"""Checks for the broadcasting checkpoint."""

import numpy as np
from checklib import as_array, best_seconds, expect_close, fail, show

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
    sample_ratio = np.sqrt((len(X) - 1) / len(X))  # what a ddof=1 std leaves of each column's std
    if np.allclose(got.std(axis=0), sample_ratio, rtol=1e-9):
        fail(f"the column stds of standardize(X) are {sample_ratio:.4f}, not 1: that is dividing by the "
             "sample std (ddof=1, n - 1); use the population std, ddof=0 (np.std's default)")
    expect_close(got.mean(axis=0), np.zeros(3), "the column means of standardize(X)", atol=1e-9, hint=hint)
    expect_close(got.std(axis=0), np.ones(3), "the column stds of standardize(X)", hint=hint)
    expect_close(got, (X - X.mean(0)) / X.std(0), "standardize(X)", hint=hint)


#: Constant columns beside a varying one; only 7.0 is exact: the means of 0.1, 1/3 and 1e6 + 0.1
#: round, which leaves a std of about 1e-17 (or 1e-10) instead of 0.
CONSTANTS = (7.0, 0.1, 1 / 3, 1e6 + 0.1, -2.7)


def check_standardize_constant_column(solution):
    for rows in (3, 10):
        X = np.column_stack([np.arange(rows, dtype=float)] + [np.full(rows, c) for c in CONSTANTS])
        with np.errstate(all="ignore"):
            got = as_array(solution.standardize(X), "standardize(X)", X.shape)
        for column, constant in enumerate(CONSTANTS, start=1):
            what = f"standardize of a constant column of {constant:g} ({rows} rows)"
            if not np.all(np.isfinite(got[:, column])):
                fail(f"{what} gave nan (its std is 0): use 1 instead of a zero std, so the column "
                     "becomes zeros")
            if not np.allclose(got[:, column], 0.0, atol=1e-6):
                std = X[:, column].std()
                fail(f"{what} gave {show(got[:, column])}, expected zeros: its std is {std:.2g}, not "
                     "exactly 0, because the mean rounds; treat a std that is tiny next to the column's "
                     "values as zero (compare with a tolerance, not == 0)")
        expect_close(got[:, 0], (X[:, 0] - X[:, 0].mean()) / X[:, 0].std(), "standardize(X)[:, 0]")
