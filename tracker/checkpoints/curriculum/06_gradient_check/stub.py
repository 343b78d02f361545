"""Numerical gradient checking.

Replace each TODO. Check your work with `tracker check run gradient_check`.
"""

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    """The gradient of the scalar function f at the float array x (any shape), by central
    differences. Nudge x in place, one entry at a time, and leave x as it was."""
    # TODO
    raise NotImplementedError


def relative_error(a, b):
    """The largest elementwise |a - b| / (|a| + |b|); 0 where a and b are both zero."""
    # TODO
    raise NotImplementedError


def gradient_check(f, grad_f, x, tol=1e-6):
    """Compare grad_f(x) with the numerical gradient: return (passed, relative error)."""
    # TODO
    raise NotImplementedError
