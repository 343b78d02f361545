"""Dropout and batch norm (reference solution)."""

import numpy as np


def dropout_forward(x, p, rng, train=True):
    if not train or p == 0:
        return x, np.ones_like(x)
    mask = (rng.random(x.shape) >= p) / (1 - p)
    return x * mask, mask


def dropout_backward(dout, mask):
    return dout * mask


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - x.mean(axis=0)) / std
    return gamma * xhat + beta, (xhat, gamma, std)


def batchnorm_backward(dout, cache):
    xhat, gamma, std = cache
    n = dout.shape[0]
    dxhat = dout * gamma
    dx = (n * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0)) / (n * std)
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)
