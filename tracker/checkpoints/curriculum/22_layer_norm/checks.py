"""Checks for the layer norm checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

DX = ("with dxhat = dout * gamma and D features: dx = (D * dxhat - dxhat.sum(-1) - xhat * "
      "(dxhat * xhat).sum(-1)) / (D * sqrt(var + eps)), the sums kept as (..., 1)")
SUM_AXES = "dgamma and dbeta have shape (D,): sum over every axis but the last (e.g. reshape to (-1, D))"


def _layernorm(x, gamma, beta, eps=1e-5):
    centred = x - x.mean(axis=-1, keepdims=True)
    return gamma * centred / np.sqrt((centred**2).mean(axis=-1, keepdims=True) + eps) + beta


def _forward(solution, x, gamma, beta, **eps):
    result = solution.layernorm_forward(x.copy(), gamma.copy(), beta.copy(), **eps)
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        fail("layernorm_forward must return a pair (out, cache)")
    return as_array(result[0], f"layernorm_forward of x {x.shape}", x.shape), result[1]


def check_forward_normalises_each_sample(solution):
    rng = np.random.default_rng(221)
    x = rng.normal(loc=[[5.0], [-3.0], [0.0], [40.0]], scale=[[1.0], [3.0], [0.2], [10.0]], size=(4, 6))
    out, _ = _forward(solution, x, np.ones(6), np.zeros(6))
    batch_norm = (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-5)
    if np.allclose(out, batch_norm):
        fail("layernorm_forward normalised each feature over the batch (axis 0): that is batch norm. "
             "Layer norm normalises each sample over its own features, the last axis")
    expect_close(out.mean(axis=-1), np.zeros(4), "the mean of each row of the output (gamma=1, beta=0)",
                 atol=1e-7, hint="subtract x.mean(axis=-1, keepdims=True)")
    expect_close(out.var(axis=-1), x.var(axis=-1) / (x.var(axis=-1) + 1e-5),
                 "the variance of each row of the output (gamma=1, beta=0)",
                 hint="divide by np.sqrt(x.var(axis=-1, keepdims=True) + eps), the row's own (biased) variance")


def check_forward_random_shapes(solution):
    rng = np.random.default_rng(222)
    for shape in [(3, 5), (2, 4, 7), (1, 1), (2, 3, 2, 4), (6,)]:
        x = rng.normal(loc=2.0, scale=3.0, size=shape)
        gamma, beta = rng.normal(size=shape[-1]), rng.normal(size=shape[-1])
        out, _ = _forward(solution, x, gamma, beta)
        expect_close(out, _layernorm(x, gamma, beta), f"layernorm_forward of x {shape}",
                     hint="use axis=-1 with keepdims=True so any leading axes come along")


def check_constant_rows_and_eps(solution):
    x = np.array([[2.0, 2.0, 2.0], [1.0, 2.0, 3.0]])
    gamma, beta = np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.5, 1.0])
    out, _ = _forward(solution, x, gamma, beta, eps=0.1)
    expect_close(out, _layernorm(x, gamma, beta, eps=0.1), "layernorm_forward with a constant row and eps=0.1",
                 hint="a constant row has variance 0: eps inside the square root keeps it finite, and "
                      "the row comes out as beta; use the eps argument")


def check_backward_matches_numerical_gradients(solution):
    rng = np.random.default_rng(223)
    for shape in [(4, 5), (2, 3, 4), (3, 1)]:
        x = rng.normal(loc=1.0, scale=2.0, size=shape)
        gamma, beta, dout = rng.normal(size=shape[-1]), rng.normal(size=shape[-1]), rng.normal(size=shape)
        _, cache = _forward(solution, x, gamma, beta)
        result = solution.layernorm_backward(dout, cache)
        if not (isinstance(result, (tuple, list)) and len(result) == 3):
            fail("layernorm_backward must return a triple (dx, dgamma, dbeta)")
        dx, dgamma, dbeta = result
        for name, value in (("dgamma", dgamma), ("dbeta", dbeta)):
            got = as_array(value, name).shape
            if got != gamma.shape:
                fail(f"{name} for x {shape} has shape {got}, expected {gamma.shape}: {SUM_AXES}")
        std = np.sqrt(x.var(axis=-1, keepdims=True) + 1e-5)
        if shape[-1] > 1 and np.allclose(as_array(dx, "dx", shape), dout * gamma / std):
            fail("dx treats each row's mean and variance as constants, but they depend on x too: " + DX)

        def loss():
            return np.sum(_layernorm(x, gamma, beta) * dout)

        case = f"for x {shape}"
        expect_gradient(dbeta, numerical_gradient(loss, beta), f"dbeta {case}", tol=1e-6, hint=SUM_AXES)
        expect_gradient(dgamma, numerical_gradient(loss, gamma), f"dgamma {case}", tol=1e-6,
                        hint="dgamma = (dout * xhat) summed over every axis but the last")
        expect_gradient(dx, numerical_gradient(loss, x), f"dx {case}", tol=1e-6, hint=DX)
