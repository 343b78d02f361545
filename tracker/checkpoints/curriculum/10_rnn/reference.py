"""A vanilla RNN with backprop through time (reference solution)."""

import numpy as np


def rnn_step(x, h_prev, Wx, Wh, b):
    return np.tanh(x @ Wx + h_prev @ Wh + b)


def rnn_forward(xs, h0, Wx, Wh, b):
    hs, h = [], h0
    for x in xs:
        h = rnn_step(x, h, Wx, Wh, b)
        hs.append(h)
    return np.stack(hs)


def rnn_backward(dhs, xs, hs, h0, Wx, Wh):
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    dh_next = np.zeros_like(h0)
    for t in reversed(range(len(xs))):
        h_prev = hs[t - 1] if t > 0 else h0
        dh = dhs[t] + dh_next
        dz = dh * (1 - hs[t] ** 2)
        dWx += xs[t].T @ dz
        dWh += h_prev.T @ dz
        db += dz.sum(axis=0)
        dh_next = dz @ Wh.T
    return {"Wx": dWx, "Wh": dWh, "b": db, "h0": dh_next}


def clip_by_norm(g, max_norm):
    norm = np.linalg.norm(g)
    return g * (max_norm / norm) if norm > max_norm else g
