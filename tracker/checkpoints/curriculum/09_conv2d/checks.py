"""Checks for the conv2d checkpoint: a slow, obviously correct loop version is the oracle."""

import numpy as np
from checklib import as_array, expect_close, fail

SIZE_FORMULA = "divide by the stride: (n + 2 * pad - k) // stride + 1"


def _size(n, k, stride, pad):
    return (n + 2 * pad - k) // stride + 1


def _conv(x, w, b, stride, pad):
    N, _, H, W = x.shape
    F, _, KH, KW = w.shape
    padded = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, _size(H, KH, stride, pad), _size(W, KW, stride, pad)))
    for n in range(N):
        for f in range(F):
            for i in range(out.shape[2]):
                for j in range(out.shape[3]):
                    window = padded[n, :, i * stride:i * stride + KH, j * stride:j * stride + KW]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    return out


def _pool(x, size, stride):
    N, C, H, W = x.shape
    out = np.zeros((N, C, _size(H, size, stride, 0), _size(W, size, stride, 0)))
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(2, 3))
    return out


def check_output_size(solution):
    for n, k, stride, pad in [(5, 3, 1, 0), (5, 3, 1, 1), (7, 3, 2, 1), (8, 2, 2, 0), (32, 5, 1, 2),
                              (6, 6, 1, 0), (10, 3, 3, 0), (11, 4, 3, 2)]:
        got = solution.conv_output_size(n, k, stride, pad)
        if got != _size(n, k, stride, pad):
            fail(f"conv_output_size(n={n}, k={k}, stride={stride}, pad={pad}) returned {got}, "
                 f"expected {_size(n, k, stride, pad)}: {SIZE_FORMULA}")


def check_conv2d_is_not_flipped(solution):
    rng = np.random.default_rng(91)
    x, w, b = rng.normal(size=(1, 2, 5, 5)), rng.normal(size=(2, 2, 3, 3)), np.zeros(2)
    got = as_array(solution.conv2d(x, w, b), "conv2d(x, w, b)", (1, 2, 3, 3))
    flipped = _conv(x, w[:, :, ::-1, ::-1].copy(), b, 1, 0)
    if np.allclose(got, flipped) and not np.allclose(got, _conv(x, w, b, 1, 0)):
        fail("conv2d flipped the kernel: deep-learning convolution is cross-correlation, "
             "use w as it is")


def check_conv2d_small_example(solution):
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    got = solution.conv2d(x, w, np.array([0.5]))
    expect_close(got, _conv(x, w, np.array([0.5]), 1, 0), "conv2d of a 4x4 image with a 2x2 kernel",
                 hint="out[i, j] = sum(window * w) + b, with the window starting at (i * stride, j * stride)")


def check_conv2d_random_shapes(solution):
    rng = np.random.default_rng(92)
    for _ in range(12):
        N, C, F = rng.integers(1, 3), rng.integers(1, 4), rng.integers(1, 4)
        KH, KW = rng.integers(1, 4), rng.integers(1, 4)
        stride, pad = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        H, W = rng.integers(KH, 9), rng.integers(KW, 9)
        x, w, b = rng.normal(size=(N, C, H, W)), rng.normal(size=(F, C, KH, KW)), rng.normal(size=F)
        expect_close(solution.conv2d(x, w, b, stride=stride, pad=pad), _conv(x, w, b, stride, pad),
                     f"conv2d of x {x.shape} with w {w.shape}, stride={stride}, pad={pad}")


def check_max_pool(solution):
    x = np.array([[[[1.0, 2.0, 5.0, 0.0], [3.0, 4.0, 1.0, 1.0], [0.0, -1.0, 7.0, 8.0], [-2.0, -3.0, 6.0, 9.0]]]])
    hint = "each channel separately, windows moved by the stride"
    expect_close(solution.max_pool2d(x), [[[[4.0, 5.0], [0.0, 9.0]]]], "max_pool2d of a 4x4 image",
                 hint=f"{hint} (2 by default)")
    rng = np.random.default_rng(93)
    for size, stride, shape in [(2, 2, (2, 3, 6, 6)), (3, 2, (1, 2, 7, 5)), (2, 1, (1, 1, 4, 3))]:
        x = rng.normal(size=shape)
        expect_close(solution.max_pool2d(x, size=size, stride=stride), _pool(x, size, stride),
                     f"max_pool2d(size={size}, stride={stride}) of a {shape} input", hint=hint)
