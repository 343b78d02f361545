"""A small LeNet-style network, forward and backward (reference solution)."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b, pad=0):
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(padded, w.shape[2:], axis=(2, 3))
    return np.einsum("ncijab,fcab->nfij", windows, w) + b[None, :, None, None]


def max_pool2d(x, size=2, stride=2):
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(-2, -1))


def conv2d_backward(dout, x, w, pad=0):
    KH, KW = w.shape[2:]
    H, W = x.shape[2:]
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(padded, (KH, KW), axis=(2, 3))
    dw = np.einsum("ncijab,nfij->fcab", windows, dout)
    db = dout.sum(axis=(0, 2, 3))
    spread = np.pad(dout, ((0, 0), (0, 0), (KH - 1, KH - 1), (KW - 1, KW - 1)))
    dwin = sliding_window_view(spread, (KH, KW), axis=(2, 3))
    dx_padded = np.einsum("nfijab,fcab->ncij", dwin, w[:, :, ::-1, ::-1])
    return dx_padded[:, :, pad:pad + H, pad:pad + W], dw, db


def max_pool2d_backward(dout, x, size=2, stride=2):
    N, C, OH, OW = dout.shape
    dx = np.zeros_like(x, dtype=float)
    for i in range(OH):
        for j in range(OW):
            rows, cols = slice(i * stride, i * stride + size), slice(j * stride, j * stride + size)
            window = x[:, :, rows, cols].reshape(N, C, -1)
            winner = np.zeros_like(window, dtype=float)
            np.put_along_axis(winner, window.argmax(axis=2)[..., None], 1.0, axis=2)
            dx[:, :, rows, cols] += winner.reshape(N, C, size, size) * dout[:, :, i, j, None, None]
    return dx


def softmax_cross_entropy(logits, y):
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    probs = exp / exp.sum(axis=1, keepdims=True)
    n = logits.shape[0]
    loss = -np.mean(np.log(probs[np.arange(n), y]))
    dlogits = probs.copy()
    dlogits[np.arange(n), y] -= 1
    return loss, dlogits / n


def lenet_forward(params, x):
    z1 = conv2d(x, params["w1"], params["b1"], pad=1)
    a1 = np.maximum(z1, 0)
    p1 = max_pool2d(a1)
    z2 = conv2d(p1, params["w2"], params["b2"], pad=1)
    a2 = np.maximum(z2, 0)
    p2 = max_pool2d(a2)
    flat = p2.reshape(len(x), -1)
    logits = flat @ params["W3"] + params["b3"]
    return logits, {"x": x, "z1": z1, "a1": a1, "p1": p1, "z2": z2, "a2": a2, "p2": p2, "flat": flat}


def lenet_backward(dlogits, cache, params):
    grads = {"W3": cache["flat"].T @ dlogits, "b3": dlogits.sum(axis=0)}
    dp2 = (dlogits @ params["W3"].T).reshape(cache["p2"].shape)
    dz2 = max_pool2d_backward(dp2, cache["a2"]) * (cache["z2"] > 0)
    dp1, grads["w2"], grads["b2"] = conv2d_backward(dz2, cache["p1"], params["w2"], pad=1)
    dz1 = max_pool2d_backward(dp1, cache["a1"]) * (cache["z1"] > 0)
    _, grads["w1"], grads["b1"] = conv2d_backward(dz1, cache["x"], params["w1"], pad=1)
    return grads
