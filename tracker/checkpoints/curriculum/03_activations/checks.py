"""Checks for the activations checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, floating_point_guard

POINTS = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])


def check_values(solution):
    expect_close(solution.sigmoid(POINTS), 1 / (1 + np.exp(-POINTS)), "sigmoid(x)")
    expect_close(solution.tanh(POINTS), np.tanh(POINTS), "tanh(x)")
    expect_close(solution.relu(POINTS), np.maximum(POINTS, 0), "relu(x)")


def check_shapes_are_kept(solution):
    x = np.random.default_rng(3).normal(size=(4, 5))
    for name in ("sigmoid", "sigmoid_prime", "tanh", "tanh_prime", "relu", "relu_prime"):
        as_array(getattr(solution, name)(x), f"{name}(x)", x.shape)


def check_sigmoid_prime(solution):
    x = np.random.default_rng(5).normal(scale=2, size=9)
    got = np.asarray(solution.sigmoid_prime(x), dtype=float)
    if got.shape == x.shape and np.allclose(got, solution.sigmoid(x)):
        fail("sigmoid_prime(x) returned sigmoid(x) itself: the derivative is s * (1 - s) "
             "with s = sigmoid(x)")
    _expect_derivative(solution.sigmoid, got, x, "sigmoid_prime(x)", "the derivative is s * (1 - s)")


def check_tanh_prime(solution):
    x = np.random.default_rng(7).normal(scale=2, size=9)
    _expect_derivative(solution.tanh, solution.tanh_prime(x), x, "tanh_prime(x)",
                       "the derivative of tanh is 1 - tanh(x)**2")


def check_relu_prime(solution):
    x = np.array([-2.0, -0.3, 0.4, 2.5])
    _expect_derivative(solution.relu, solution.relu_prime(x), x, "relu_prime(x)",
                       "it is 1 where x > 0 and 0 elsewhere")
    expect_close(solution.relu_prime(np.array([0.0])), [0.0], "relu_prime(0)",
                 hint="take the derivative at exactly 0 to be 0")


def check_sigmoid_is_stable(solution):
    extremes = np.array([-1000.0, -50.0, 50.0, 1000.0])
    hint = "compute it from np.exp(-np.abs(x)), which never overflows"
    with floating_point_guard("sigmoid(x) for x = ±1000", hint):
        got = solution.sigmoid(extremes)
    expect_close(got, [0.0, 1 / (1 + np.exp(50.0)), 1 / (1 + np.exp(-50.0)), 1.0],
                 "sigmoid(x) for large |x|", atol=1e-30, hint=hint)
    with floating_point_guard("sigmoid_prime(x) for x = ±1000", hint):
        solution.sigmoid_prime(extremes)


def _expect_derivative(function, got, x, what, hint):
    numeric = np.array([(function(x[i:i + 1] + 1e-6) - function(x[i:i + 1] - 1e-6))[0] / 2e-6
                        for i in range(len(x))])
    expect_gradient(got, numeric, what, tol=1e-6, hint=hint)
