"""Checks for the gradient checking checkpoint."""

import numpy as np
from checklib import as_array, expect_close, fail

CENTRAL = "use the central difference (f(x + eps) - f(x - eps)) / (2 * eps), whose error shrinks like eps**2"


def cubic(x):
    return float(np.sum(x**3) + np.prod(x.shape) * np.sum(np.sin(x)))


def cubic_grad(x):
    return 3 * x**2 + np.prod(x.shape) * np.cos(x)


def check_numerical_gradient_shapes_and_values(solution):
    rng = np.random.default_rng(61)
    for shape in [(1,), (5,), (3, 4), (2, 3, 2)]:
        x = rng.normal(size=shape)
        original = x.copy()
        got = as_array(solution.numerical_gradient(cubic, x), f"numerical_gradient for x of shape {shape}", shape)
        if not np.array_equal(x, original):
            fail("numerical_gradient changed x: put x[i] back to its old value after each nudge")
        error = np.max(np.abs(got - cubic_grad(x)) / (np.abs(got) + np.abs(cubic_grad(x))))
        if error > 1e-7:
            hint = CENTRAL if error < 1e-3 else "nudge one entry at a time, by +eps and -eps"
            fail(f"numerical_gradient is off by a relative error of {error:.1e} for x of shape "
                 f"{shape}: {hint}")


def check_later_probes_see_the_original_x(solution):
    x = np.array([1.0, 2.0, 3.0])

    def product(v):
        return float(v[0] * v[1] * v[2])

    got = solution.numerical_gradient(product, x)
    expect_close(got, [6.0, 3.0, 2.0], "numerical_gradient of x0 * x1 * x2 at [1, 2, 3]", rtol=1e-6,
                 hint="put x[i] back after each nudge, or later probes start from the wrong point")


def check_x_is_nudged_in_place(solution):
    """The other checkpoints pass an `f` that ignores its argument and reads the weights it closes
    over (lambda _: loss(W)); only nudging x itself, in place, moves such an f."""
    w = np.array([0.5, -1.0, 2.0])
    scale = np.array([1.0, 2.0, 3.0])

    def reads_w_not_its_argument(_):
        return float(np.sum(scale * w**2))

    got = solution.numerical_gradient(reads_w_not_its_argument, w)
    expect_close(got, 2 * scale * w, "numerical_gradient of an f that reads x through a closure", rtol=1e-6,
                 hint="nudge x itself in place (x[i] = old + eps), not a copy of it: f may read x "
                      "without looking at its argument")


def check_relative_error(solution):
    expect_close(solution.relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])), 0.0,
                 "relative_error of equal arrays")
    expect_close(solution.relative_error(np.array([1.0, -3.0]), np.array([1.5, -3.0])), 0.2,
                 "relative_error([1, -3], [1.5, -3])")
    with np.errstate(all="ignore"):
        both_zero = solution.relative_error(np.zeros(3), np.zeros(3))
    if not np.isfinite(both_zero) or both_zero != 0:
        fail(f"relative_error of two zero gradients is {both_zero}, expected 0: where both are "
             "zero, divide by a tiny number like 1e-12 instead of 0")


def check_gradient_check(solution):
    x = np.random.default_rng(62).normal(size=(3, 2))
    result = solution.gradient_check(cubic, cubic_grad, x.copy())
    if not (isinstance(result, tuple) and len(result) == 2):
        fail(f"gradient_check returned {result!r}, expected a tuple (passed, relative error)")
    if not result[0] or result[1] > 1e-6:
        fail(f"gradient_check rejected a correct gradient (error {result[1]:.1e})")
    passed, error = solution.gradient_check(cubic, lambda v: 1.01 * cubic_grad(v), x.copy())
    if passed or error < 1e-3:
        fail(f"gradient_check accepted a gradient that is 1% off (error {error:.1e})")
