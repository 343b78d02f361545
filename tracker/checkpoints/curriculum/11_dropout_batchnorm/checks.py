"""Checks for the dropout and batch norm checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

BN_BACKWARD = ("with dxhat = dout * gamma: dx = (n * dxhat - dxhat.sum(0) - xhat * (dxhat * xhat).sum(0)) "
               "/ (n * sqrt(var + eps))")


def _batchnorm(x, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean(0)) / np.sqrt(x.var(0) + eps) + beta


def check_dropout_test_mode_and_p_zero(solution):
    x = np.random.default_rng(111).normal(size=(4, 6))
    out, _ = solution.dropout_forward(x, 0.5, np.random.default_rng(0), train=False)
    expect_close(out, x, "dropout_forward(x, p=0.5, train=False)", hint="in test mode nothing is dropped")
    out, _ = solution.dropout_forward(x, 0.0, np.random.default_rng(0))
    expect_close(out, x, "dropout_forward(x, p=0)")


def check_dropout_statistics(solution):
    x = np.ones((400, 500))
    for p in (0.2, 0.5):
        out, _ = solution.dropout_forward(x, p, np.random.default_rng(112))
        out = as_array(out, f"dropout_forward(ones, p={p})", x.shape)
        dropped = float(np.mean(out == 0))
        if abs(dropped - p) > 0.01:
            fail(f"dropout_forward with p={p} dropped {dropped:.1%} of the units, expected about {p:.0%}")
        kept = out[out != 0]
        if not np.allclose(kept, 1 / (1 - p)):
            fail(f"dropout_forward(ones, p={p}) keeps units at {kept[0]:.4g} and has mean {out.mean():.3f}, "
                 f"expected {1 / (1 - p):.4g} and 1: scale the kept units by 1 / (1 - p) (inverted "
                 "dropout) so the expected value does not change")


def check_dropout_uses_the_rng_it_is_given(solution):
    x = np.ones((20, 20))
    first, _ = solution.dropout_forward(x, 0.5, np.random.default_rng(113))
    second, _ = solution.dropout_forward(x, 0.5, np.random.default_rng(113))
    if not np.array_equal(first, second):
        fail("dropout_forward gave different masks for two generators with the same seed: draw "
             "the mask from the rng argument (rng.random(x.shape))")


def check_dropout_backward(solution):
    rng = np.random.default_rng(114)
    x, dout = rng.normal(size=(5, 7)), rng.normal(size=(5, 7))
    out, mask = solution.dropout_forward(x, 0.4, np.random.default_rng(1))
    expected = np.where(as_array(out, "dropout_forward(x)", x.shape) == 0, 0.0, dout / 0.6)
    expect_close(solution.dropout_backward(dout, mask), expected, "dropout_backward(dout, mask)",
                 hint="the gradient passes through the same mask: dout * mask")


def check_batchnorm_forward(solution):
    rng = np.random.default_rng(115)
    x = rng.normal(loc=[3.0, -1.0, 10.0], scale=[0.5, 2.0, 4.0], size=(8, 3))
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 3.0])
    result = solution.batchnorm_forward(x, gamma, beta)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("batchnorm_forward must return a pair (out, cache)")
    expect_close(result[0], _batchnorm(x, gamma, beta), "batchnorm_forward(x, gamma, beta)", rtol=1e-6,
                 hint="xhat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps), the batch's own variance")


def check_batchnorm_backward(solution):
    rng = np.random.default_rng(116)
    x = rng.normal(loc=2.0, scale=3.0, size=(6, 4))
    gamma, beta, dout = rng.normal(size=4), rng.normal(size=4), rng.normal(size=(6, 4))
    _, cache = solution.batchnorm_forward(x.copy(), gamma.copy(), beta.copy())
    result = solution.batchnorm_backward(dout, cache)
    if not (isinstance(result, tuple) and len(result) == 3):
        fail("batchnorm_backward must return a triple (dx, dgamma, dbeta)")
    dx, dgamma, dbeta = result
    std = np.sqrt(x.var(0) + 1e-5)
    if np.allclose(as_array(dx, "dx", x.shape), dout * gamma / std):
        fail("dx treats the batch mean and variance as constants, but they depend on x too: "
             + BN_BACKWARD)

    def loss():
        return np.sum(_batchnorm(x, gamma, beta) * dout)

    expect_gradient(dbeta, numerical_gradient(loss, beta), "dbeta", tol=1e-6, hint="dbeta = dout.sum(axis=0)")
    expect_gradient(dgamma, numerical_gradient(loss, gamma), "dgamma", tol=1e-6,
                    hint="dgamma = (dout * xhat).sum(axis=0)")
    expect_gradient(dx, numerical_gradient(loss, x), "dx", tol=1e-6, hint=BN_BACKWARD)
