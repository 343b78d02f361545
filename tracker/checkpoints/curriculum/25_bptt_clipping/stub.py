"""Backprop through time over a sequence, per-step gradient norms and clipping by global norm.

Replace each TODO. Shapes: xs (T, N, D), h0 (N, H), Wx (D, H), Wh (H, H), b (H,).
Check your work with `tracker check run bptt_clipping`.
"""

import numpy as np  # noqa: F401 (the learner will need it)


def rnn_forward(xs, h0, Wx, Wh, b):
    """The hidden states hs (T, N, H), with h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b)."""
    # TODO
    raise NotImplementedError


def bptt(dhs, xs, hs, h0, Wh):
    """Backprop through time for the loss sum(hs * dhs).

    Return (grads, norms): grads a dict with "Wx", "Wh", "b" and "h0"; norms (T,) where norms[t]
    is the norm of the whole gradient reaching hs[t].
    """
    # TODO
    raise NotImplementedError


def clip_by_global_norm(grads, max_norm):
    """Return (clipped, total_norm): every gradient scaled by one factor so that their global norm
    is at most max_norm (unchanged when it already is), and the global norm before clipping."""
    # TODO
    raise NotImplementedError
