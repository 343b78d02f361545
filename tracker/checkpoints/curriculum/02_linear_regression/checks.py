"""Checks for the linear regression checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient


def check_predict(solution):
    x = np.array([-40.0, 0.0, 100.0])
    expect_close(solution.predict(x, 1.8, 32.0), [-40.0, 32.0, 212.0], "predict(x, 1.8, 32)")


def check_gradients(solution):
    rng = np.random.default_rng(21)
    for n in (1, 5, 17):
        x, y = rng.uniform(-40, 40, n), rng.uniform(-40, 100, n)
        params = rng.normal(size=2)

        def loss():
            return np.mean((params[0] * x + params[1] - y) ** 2)

        got = as_array(solution.mse_gradients(x, y, params[0], params[1]),
                       "mse_gradients(x, y, w, b)", (2,))
        expect_gradient(got, numerical_gradient(loss, params), "(dw, db) from mse_gradients",
                        tol=1e-6, hint="with error = w * x + b - y, dL/dw = 2 * mean(error * x)")


def check_fit_learns_fahrenheit(solution):
    rng = np.random.default_rng(22)
    celsius = rng.uniform(-40, 40, 30)
    fahrenheit = 1.8 * celsius + 32 + rng.normal(scale=0.2, size=30)
    with np.errstate(all="ignore"):
        w, b = as_array(solution.fit(celsius, fahrenheit, lr=1e-3, steps=5000), "fit(...)", (2,))
    if not (abs(w - 1.8) < 0.01 and abs(b - 32) < 0.5):
        fail(f"fit learned w = {w:.4g}, b = {b:.4g}; expected about 1.8 and 32. Does each step "
             "subtract lr times the gradient, starting from w = b = 0?")
