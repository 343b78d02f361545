"""An LSTM cell, one time step forward and backward.

Replace each TODO. Shapes: x (N, D), h_prev and c_prev (N, H), Wx (D, 4H), Wh (H, 4H), b (4H,);
the four slices of the pre-activation are the gates in the order i, f, o, g.
Check your work with `tracker check run lstm_cell`.
"""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """One step: return (h, c, cache), h and c of shape (N, H)."""
    # TODO
    raise NotImplementedError


def lstm_step_backward(dh, dc, cache):
    """Gradients of sum(h * dh) + sum(c * dc): a dict with "x", "h_prev", "c_prev", "Wx", "Wh", "b"."""
    # TODO
    raise NotImplementedError
