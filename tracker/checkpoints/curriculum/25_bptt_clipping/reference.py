"""Backprop through time with per-step norms and clipping by global norm (reference solution)."""

import numpy as np


def rnn_forward(xs, h0, Wx, Wh, b):
    hs, h = [], h0
    for x in xs:
        h = np.tanh(x @ Wx + h @ Wh + b)
        hs.append(h)
    return np.stack(hs)


def bptt(dhs, xs, hs, h0, Wh):
    dWx, dWh = np.zeros((xs.shape[2], Wh.shape[0])), np.zeros_like(Wh)
    db, dh_next = np.zeros(Wh.shape[0]), np.zeros_like(h0)
    norms = np.zeros(len(xs))
    for t in reversed(range(len(xs))):
        h_prev = hs[t - 1] if t > 0 else h0
        dh = dhs[t] + dh_next
        norms[t] = np.linalg.norm(dh)
        dz = dh * (1 - hs[t] ** 2)
        dWx += xs[t].T @ dz
        dWh += h_prev.T @ dz
        db += dz.sum(axis=0)
        dh_next = dz @ Wh.T
    return {"Wx": dWx, "Wh": dWh, "b": db, "h0": dh_next}, norms


def clip_by_global_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads.values())))
    scale = max_norm / total if total > max_norm else 1.0
    return {k: g * scale for k, g in grads.items()}, total
