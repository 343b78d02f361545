"""SGD, momentum and Adam steps.

Replace each TODO. Each step takes the weights w and their gradient g (arrays of the same shape)
and returns the new weights, with the optimizer's updated state.
Check your work with `tracker check run optimizers`.
"""

import numpy as np


def sgd_step(w, g, lr):
    """Plain gradient descent: the new w."""
    # TODO
    raise NotImplementedError


def momentum_step(w, g, v, lr, beta=0.9):
    """Momentum: v = beta * v + g, then w = w - lr * v. Return (w, v)."""
    # TODO
    raise NotImplementedError


def adam_step(w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step at step number t (1, 2, 3, ...), with bias correction. Return (w, m, v)."""
    # TODO
    raise NotImplementedError
