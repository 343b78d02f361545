"""Gradient descent from first principles (reference solution)."""

import numpy as np


def mse(w, b, c, f):
    return float(np.mean((w * c + b - f) ** 2))


def gradient(w, b, c, f):
    error = w * c + b - f
    return 2 * np.mean(error * c), 2 * np.mean(error)


def fit(c, f, lr, steps):
    w, b = 0.0, 0.0
    history = [mse(w, b, c, f)]
    for _ in range(steps):
        dw, db = gradient(w, b, c, f)
        w, b = w - lr * dw, b - lr * db
        history.append(mse(w, b, c, f))
    return w, b, np.array(history)


def standardize(c):
    mean, std = float(np.mean(c)), float(np.std(c))
    return (c - mean) / std, mean, std


def unscale(w, b, mean, std):
    return w / std, b - w * mean / std
