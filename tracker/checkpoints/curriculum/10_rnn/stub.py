"""A vanilla RNN step, backprop through time, exploding and vanishing gradients.

Replace each TODO. Shapes: xs (T, N, D) a sequence of T batches, h0 (N, H), Wx (D, H),
Wh (H, H), b (H,). Check your work with `tracker check run rnn`.
"""

import numpy as np


def rnn_step(x, h_prev, Wx, Wh, b):
    """One step: tanh(x @ Wx + h_prev @ Wh + b)."""
    # TODO
    raise NotImplementedError


def rnn_forward(xs, h0, Wx, Wh, b):
    """Run rnn_step over the sequence; return the hidden states hs, shape (T, N, H)."""
    # TODO
    raise NotImplementedError


def rnn_backward(dhs, xs, hs, h0, Wx, Wh):
    """Backprop through time for the loss sum(hs * dhs), where dhs (T, N, H) is the gradient of
    the loss with respect to each hidden state.

    Return a dict with the gradients "Wx", "Wh", "b" and "h0".
    """
    # TODO
    raise NotImplementedError


def clip_by_norm(g, max_norm):
    """g scaled down to length max_norm if it is longer; otherwise g unchanged."""
    # TODO
    raise NotImplementedError
