"""Linear regression by gradient descent: learn Celsius to Fahrenheit.

Replace each TODO. `x` and `y` are 1-D arrays of the same length; `w` and `b` are floats.
Check your work with `tracker check run linear_regression`.
"""

import numpy as np


def predict(x, w, b):
    """The model's predictions w * x + b."""
    # TODO
    raise NotImplementedError


def mse_gradients(x, y, w, b):
    """(dL/dw, dL/db) for the loss L = mean((w * x + b - y) ** 2)."""
    # TODO
    raise NotImplementedError


def fit(x, y, lr, steps):
    """Start from w = 0, b = 0, take `steps` gradient-descent steps of size `lr`; return (w, b)."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    celsius = np.array([-40.0, -10.0, 0.0, 8.0, 15.0, 22.0, 38.0])
    fahrenheit = 1.8 * celsius + 32
    print(fit(celsius, fahrenheit, lr=1e-3, steps=5000))
