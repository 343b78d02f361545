"""Checks for the gradient descent checkpoint.

The loss history is replayed by an independent loop here, so the learner's `fit` is called only
four times (once per learning rate shown in the explanation).
"""

import numpy as np
from checklib import (
    as_array,
    expect_close,
    expect_gradient,
    fail,
    numerical_gradient,
    show,
)

GRADIENT = "with error = w * c + b - f, dL/dw = 2 * mean(error * c) and dL/db = 2 * mean(error)"


def _readings(seed, n=40):
    rng = np.random.default_rng(seed)
    c = rng.uniform(-10, 40, n)
    return c, 1.8 * c + 32 + rng.normal(scale=0.3, size=n)


def _history(c, f, lr, steps):
    """Gradient descent as the explanation states it, with the loss before and after each step."""
    w = b = 0.0
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps + 1):
            error = w * c + b - f
            losses.append(np.mean(error**2))
            w, b = w - lr * 2 * np.mean(error * c), b - lr * 2 * np.mean(error)
    return np.array(losses)


def _fit(solution, c, f, lr, steps):
    with np.errstate(over="ignore", invalid="ignore"):
        result = solution.fit(c.copy(), f.copy(), lr, steps)
    if not (isinstance(result, tuple) and len(result) == 3):
        fail(f"fit(c, f, lr={lr:g}, steps={steps}) must return (w, b, history)")
    history = as_array(result[2], f"the loss history of fit(..., lr={lr:g})")
    if history.shape != (steps + 1,):
        fail(f"the loss history of fit(..., steps={steps}) has shape {history.shape}, expected "
             f"({steps + 1},): steps + 1 losses, the first at w = b = 0 before any step")
    return float(result[0]), float(result[1]), history


def check_mse(solution):
    c, f = _readings(151, 7)
    expect_close(solution.mse(1.8, 32.0, c, f), np.mean((1.8 * c + 32 - f) ** 2), "mse(1.8, 32, c, f)",
                 hint="the mean of the squared errors, not their sum")
    expect_close(solution.mse(0.0, 0.0, np.array([10.0]), np.array([50.0])), 2500.0,
                 "mse(0, 0, [10], [50])", hint="one reading: the error 0 - 50, squared")


def check_gradient(solution):
    rng = np.random.default_rng(152)
    for n in (1, 3, 25):
        c, f = rng.uniform(-10, 40, n), rng.uniform(10, 100, n)
        params = rng.normal(size=2)

        def loss():
            return np.mean((params[0] * c + params[1] - f) ** 2)

        got = as_array(solution.gradient(float(params[0]), float(params[1]), c, f),
                       "gradient(w, b, c, f)", (2,))
        expect_gradient(got, numerical_gradient(loss, params, eps=1e-5), f"(dw, db) for {n} reading{'s' * (n > 1)}",
                        tol=1e-6, hint=GRADIENT)


def check_fit_records_the_loss_history(solution):
    c, f = _readings(153, 12)
    w, b, history = _fit(solution, c, f, 1e-3, 20)
    expect_close(history, _history(c, f, 1e-3, 20), "the loss history of fit(c, f, lr=0.001, steps=20)",
                 rtol=1e-6, hint="history[0] is the loss at w = b = 0; each step subtracts lr times "
                 "the gradient, computed with both old parameters")
    if not history[-1] < history[0]:
        fail(f"with lr=0.001 the loss went from {show(history[0])} to {show(history[-1])}: "
             "each step must go against the gradient")


def check_large_learning_rate_diverges(solution):
    c, f = _readings(154)
    _, _, history = _fit(solution, c, f, 1e-2, 30)
    growth = history[1:] / history[:-1]
    if not (np.all(np.isfinite(history)) and history[-1] > 1e20 * history[0] and np.all(growth > 1)):
        fail(f"on raw Celsius with lr=0.01, 30 steps gave the loss history {show(history)}; it should "
             "grow at every step, past 1e20 times the start: lr above 2 / curvature (the curvature "
             "along w is 2 * mean(c**2)) overshoots. Does fit take plain steps, without clipping?")


def check_scaling_makes_it_converge(solution):
    c, f = _readings(155)
    result = solution.standardize(c.copy())
    if not (isinstance(result, tuple) and len(result) == 3):
        fail("standardize(c) must return (c_scaled, mean, std)")
    scaled = as_array(result[0], "c_scaled from standardize", c.shape)
    mean, std = float(result[1]), float(result[2])
    expect_close(mean, c.mean(), "mean from standardize(c)")
    if not np.isclose(std, c.std(), rtol=0.05):
        fail(f"std from standardize(c) is {std:.4g}, expected about {c.std():.4g} (np.std(c))")
    expect_close(scaled, (c - mean) / std, "c_scaled from standardize(c)", hint="(c - mean) / std")

    _, _, history = _fit(solution, scaled, f, 1.1, 30)
    if not history[-1] > 100 * history[0]:
        fail(f"on standardised Celsius with lr=1.1 the loss went from {show(history[0])} to "
             f"{show(history[-1])}; it should blow up, the curvature being 2 in both directions")
    w, b, history = _fit(solution, scaled, f, 0.1, 100)
    expect_close(history, _history(scaled, f, 0.1, 100), "the loss history of fit(c_scaled, f, lr=0.1)",
                 rtol=1e-6, hint="each step subtracts lr times the gradient")

    probe = np.array([-40.0, 0.0, 37.0, 100.0])
    unscaled = as_array(solution.unscale(w, b, mean, std), f"unscale({w:.4g}, {b:.4g}, mean, std)", (2,))
    expect_close(unscaled[0] * probe + unscaled[1], w * (probe - mean) / std + b,
                 "predictions in degrees from unscale", rtol=1e-6,
                 hint="unscale must give the same predictions as the scaled model: "
                      "w * (c - mean) / std + b = (w / std) * c + (b - w * mean / std)")
    slope, intercept = np.polyfit(c, f, 1)
    expect_close(unscaled, [slope, intercept], "(w, b) in degrees after 100 steps at lr=0.1", rtol=1e-4,
                 hint="the least-squares line, about 1.8 and 32")
