"""Activations: sigmoid, tanh and ReLU, and their derivatives.

Replace each TODO. Every function takes a numpy array `x` and returns an array of the same shape.
Check your work with `tracker check run activations`.
"""

import numpy as np


def sigmoid(x):
    """1 / (1 + exp(-x)), without overflowing for large negative or positive x."""
    # TODO
    raise NotImplementedError


def sigmoid_prime(x):
    """The derivative of sigmoid at x."""
    # TODO
    raise NotImplementedError


def tanh(x):
    """The hyperbolic tangent (np.tanh is fine)."""
    # TODO
    raise NotImplementedError


def tanh_prime(x):
    """The derivative of tanh at x."""
    # TODO
    raise NotImplementedError


def relu(x):
    """max(0, x), element by element."""
    # TODO
    raise NotImplementedError


def relu_prime(x):
    """1 where x > 0, else 0 (also at exactly 0)."""
    # TODO
    raise NotImplementedError
