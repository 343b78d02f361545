"""Numerical gradient checking (reference solution)."""

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + eps
        above = f(x)
        x[index] = old - eps
        below = f(x)
        x[index] = old
        grad[index] = (above - below) / (2 * eps)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def gradient_check(f, grad_f, x, tol=1e-6):
    error = relative_error(grad_f(x), numerical_gradient(f, x))
    return error < tol, error
