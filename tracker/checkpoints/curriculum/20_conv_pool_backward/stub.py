"""conv2d and max-pool backward: where each output's gradient goes.

Replace each TODO. Images are (N, C, H, W); filters w are (F, C, KH, KW); the convolution
has stride 1 and `pad` zeros on every side. The forwards are written for you.
Check your work with `tracker check run conv_pool_backward`.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b, pad=0):
    """Cross-correlate x with w (no kernel flip), add b (F,): shape (N, F, H + 2*pad - KH + 1, ...)."""
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(padded, w.shape[2:], axis=(2, 3))
    return np.einsum("ncijab,fcab->nfij", windows, w) + b[None, :, None, None]


def max_pool2d(x, size=2, stride=2):
    """The maximum of each size x size window, windows starting every `stride` pixels."""
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(-2, -1))


def conv2d_backward(dout, x, w, pad=0):
    """Given dout = dL/d conv2d(x, w, b, pad), return (dx, dw, db) with the shapes of x, w and b."""
    # TODO
    raise NotImplementedError


def max_pool2d_backward(dout, x, size=2, stride=2):
    """Given dout = dL/d max_pool2d(x, size, stride), return dx with the shape of x."""
    # TODO
    raise NotImplementedError
