"""A small LeNet-style network, forward and backward.

conv(3x3, pad 1) -> ReLU -> max-pool(2) -> conv(3x3, pad 1) -> ReLU -> max-pool(2) -> flatten
-> dense -> softmax cross-entropy. Images are (N, C, H, W) with H and W multiples of 4;
params holds w1 (F1, C, 3, 3), b1 (F1,), w2 (F2, F1, 3, 3), b2 (F2,),
W3 (F2 * H/4 * W/4, K) and b3 (K,). Labels y are integers in 0..K-1.
Replace each TODO. Check your work with `tracker check run lenet`.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b, pad=0):
    """Cross-correlate x with w (no kernel flip), stride 1, add b (F,)."""
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(padded, w.shape[2:], axis=(2, 3))
    return np.einsum("ncijab,fcab->nfij", windows, w) + b[None, :, None, None]


def max_pool2d(x, size=2, stride=2):
    """The maximum of each size x size window, windows starting every `stride` pixels."""
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(-2, -1))


def conv2d_backward(dout, x, w, pad=0):
    """(dx, dw, db): bring yours from the conv_pool_backward checkpoint."""
    # TODO
    raise NotImplementedError


def max_pool2d_backward(dout, x, size=2, stride=2):
    """dx: bring yours from the conv_pool_backward checkpoint."""
    # TODO
    raise NotImplementedError


def softmax_cross_entropy(logits, y):
    """The mean cross-entropy of softmax(logits) (N, K) for labels y (N,), and its gradient.

    Return (loss, dlogits).
    """
    # TODO
    raise NotImplementedError


def lenet_forward(params, x):
    """Return (logits (N, K), cache): cache holds whatever lenet_backward needs."""
    # TODO
    raise NotImplementedError


def lenet_backward(dlogits, cache, params):
    """The gradient of the loss for every parameter, as a dict with the keys and shapes of params."""
    # TODO
    raise NotImplementedError
