"""conv2d and max-pool backward (reference solution, vectorised with sliding windows)."""

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
