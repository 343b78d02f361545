"""conv2d forward with stride and padding, max-pool, output shapes.

Replace each TODO. Images are (N, C, H, W): batch, channels, height, width.
Check your work with `tracker check run conv2d`.
"""

import numpy as np


def conv_output_size(n, k, stride=1, pad=0):
    """The output side length for an input side n, kernel side k, stride and padding."""
    # TODO
    raise NotImplementedError


def conv2d(x, w, b, stride=1, pad=0):
    """Cross-correlate x (N, C, H, W) with filters w (F, C, KH, KW), add biases b (F,).

    Return an array of shape (N, F, OH, OW).
    """
    # TODO
    raise NotImplementedError


def max_pool2d(x, size=2, stride=2):
    """The maximum of each size x size window of each channel of x (N, C, H, W)."""
    # TODO
    raise NotImplementedError
