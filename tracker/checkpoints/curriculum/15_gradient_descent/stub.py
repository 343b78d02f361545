"""Gradient descent from first principles: learn F = 1.8 * C + 32 with one weight and one bias.

Replace each TODO. `c` (Celsius) and `f` (Fahrenheit) are 1-D float arrays of the same length;
`w`, `b`, `lr` are floats and `steps` an int. Check your work with
`tracker check run gradient_descent`.
"""

import numpy as np


def mse(w, b, c, f):
    """The mean squared error of the predictions w * c + b against f, as a float."""
    # TODO
    raise NotImplementedError


def gradient(w, b, c, f):
    """(dL/dw, dL/db) of L = mse(w, b, c, f), worked out by hand."""
    # TODO
    raise NotImplementedError


def fit(c, f, lr, steps):
    """Start at w = b = 0 and take `steps` steps w -= lr * dL/dw, b -= lr * dL/db.

    Return (w, b, history): history is an array of steps + 1 losses, history[k] the loss after
    k steps (so history[0] is the loss at w = b = 0). Do not rescale c inside fit.
    """
    # TODO
    raise NotImplementedError


def standardize(c):
    """(c_scaled, mean, std): c_scaled = (c - mean) / std has mean 0 and standard deviation 1."""
    # TODO
    raise NotImplementedError


def unscale(w, b, mean, std):
    """The (w, b) in degrees that predict what w * (c - mean) / std + b predicts."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    c = rng.uniform(-10, 40, 50)
    f = 1.8 * c + 32 + rng.normal(scale=0.5, size=50)
    for lr in (1e-2, 1e-3):
        w, b, history = fit(c, f, lr, 30)
        print(f"raw Celsius, lr={lr:g}: loss {history[0]:.3g} -> {history[-1]:.3g}, w={w:.3g}, b={b:.3g}")
    scaled, mean, std = standardize(c)
    for lr in (1.1, 0.1):
        w, b, history = fit(scaled, f, lr, 30)
        print(f"scaled, lr={lr:g}: loss {history[0]:.3g} -> {history[-1]:.3g}, "
              f"(w, b) in degrees = {unscale(w, b, mean, std)}")
