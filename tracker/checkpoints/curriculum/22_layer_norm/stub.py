"""Layer norm, forward and backward.

Replace each TODO. x is (..., D): any number of leading axes (batch, time), D features last;
gamma and beta are (D,). Check your work with `tracker check run layer_norm`.
"""

import numpy as np  # noqa: F401 (your code will need it)


def layernorm_forward(x, gamma, beta, eps=1e-5):
    """Normalise each sample over its last axis, then scale by gamma and shift by beta.

    Return (out, cache) with out the shape of x.
    """
    # TODO
    raise NotImplementedError


def layernorm_backward(dout, cache):
    """Return (dx, dgamma, dbeta) for the upstream gradient dout (the shape of x)."""
    # TODO
    raise NotImplementedError
