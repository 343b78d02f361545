"""Dropout and batch norm, forward and backward.

Replace each TODO. x is (N, D): a batch of N examples with D features.
Check your work with `tracker check run dropout_batchnorm`.
"""

import numpy as np


def dropout_forward(x, p, rng, train=True):
    """Inverted dropout: zero each unit with probability p, scale the rest by 1 / (1 - p).

    Return (out, mask) with out = x * mask. In test mode (train=False) nothing is dropped.
    """
    # TODO
    raise NotImplementedError


def dropout_backward(dout, mask):
    """The gradient with respect to x."""
    # TODO
    raise NotImplementedError


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    """Normalise each feature over the batch, then scale by gamma (D,) and shift by beta (D,).

    Return (out, cache).
    """
    # TODO
    raise NotImplementedError


def batchnorm_backward(dout, cache):
    """Return (dx, dgamma, dbeta) for the upstream gradient dout (N, D)."""
    # TODO
    raise NotImplementedError
