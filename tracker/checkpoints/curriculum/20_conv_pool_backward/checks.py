"""Checks for the conv and pool backward checkpoint: the checker's own forwards and numerical gradients."""

import numpy as np
from checklib import as_array, expect_gradient, fail, numerical_gradient
from numpy.lib.stride_tricks import sliding_window_view

DX = ("dx is the full convolution of dout with each filter rotated by 180 degrees "
      "(w[:, :, ::-1, ::-1]), or, with loops, dx_padded[n, :, i:i+KH, j:j+KW] += w[f] * dout[n, f, i, j]")
DW = "dw[f] sums window(n, i, j) * dout[n, f, i, j] over n, i and j, with the windows of the padded x"
DB = "db = dout.sum(axis=(0, 2, 3)): the bias is added at every position of every image"
CROP = ("crop the padding off with dx_padded[:, :, pad:pad + H, pad:pad + W]; "
        "note that [pad:-pad] is empty when pad is 0")
POOL = ("only the maximum of each window gets that window's gradient; when windows overlap "
        "(stride < size) one input can win several windows, so add (+=) their gradients")


def _conv(x, w, b, pad):
    """Padded by hand, since np.pad's overhead dominates the numerical gradients."""
    N, C, H, W = x.shape
    padded = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    padded[:, :, pad:pad + H, pad:pad + W] = x
    windows = sliding_window_view(padded, w.shape[2:], axis=(2, 3))
    return np.einsum("ncijab,fcab->nfij", windows, w) + b[None, :, None, None]


def _pool(x, size, stride):
    windows = sliding_window_view(x, (size, size), axis=(2, 3))[:, :, ::stride, ::stride]
    return windows.max(axis=(-2, -1))


def _distinct(rng, shape):
    """Values at least 0.01 apart, so no window has a tie that a nudge of 1e-6 could flip."""
    return (rng.permutation(int(np.prod(shape))).reshape(shape) - 20.0) * 0.01 + rng.uniform(0, 1e-3)


def _conv_grads(solution, x, w, b, dout, pad):
    result = solution.conv2d_backward(dout, x.copy(), w.copy(), pad=pad)
    if not (isinstance(result, (tuple, list)) and len(result) == 3):
        fail("conv2d_backward must return a triple (dx, dw, db)")
    dx = as_array(result[0], "dx from conv2d_backward")
    if dx.shape != x.shape:
        fail(f"dx from conv2d_backward with pad={pad} has shape {dx.shape}, expected x's shape "
             f"{x.shape}: {CROP}")
    return dx, result[1], result[2]


def check_conv_backward_small_example(solution):
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    dout = np.zeros((1, 1, 2, 2))
    dout[0, 0, 0, 0] = 1.0
    dx, dw, db = _conv_grads(solution, x, w, np.zeros(1), dout, 0)
    # Only out[0, 0] matters: its gradient reaches the top-left window, weighted by w, and dw is that window.
    want_dx = np.zeros((1, 1, 3, 3))
    want_dx[0, 0, :2, :2] = w[0, 0]
    if np.allclose(dx[0, 0, :2, :2], w[0, 0, ::-1, ::-1]):
        fail("dx puts the kernel upside down: the gradient of out[0, 0] reaches x[0:2, 0:2] weighted "
             f"by w itself; {DX}")
    expect_gradient(dx, want_dx, "dx when only out[0, 0] has a gradient", hint=DX)
    expect_gradient(dw, x[:, :, :2, :2].reshape(1, 1, 2, 2), "dw when only out[0, 0] has a gradient", hint=DW)
    expect_gradient(db, np.ones(1), "db when only out[0, 0] has a gradient", hint=DB)


def check_conv_backward_matches_numerical_gradients(solution):
    rng = np.random.default_rng(201)
    for _ in range(3):
        N, C, F = (int(n) for n in rng.integers(1, 3, size=3))
        KH, KW, pad = int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(0, 3))
        H, W = int(rng.integers(max(KH - 2 * pad, 1), 7)), int(rng.integers(max(KW - 2 * pad, 1), 7))
        x, w, b = rng.normal(size=(N, C, H, W)), rng.normal(size=(F, C, KH, KW)), rng.normal(size=F)
        dout = rng.normal(size=_conv(x, w, b, pad).shape)
        dx, dw, db = _conv_grads(solution, x, w, b, dout, pad)

        def loss():
            return np.sum(_conv(x, w, b, pad) * dout)

        case = f"for x {x.shape}, w {w.shape}, pad={pad}"
        expect_gradient(db, numerical_gradient(loss, b), f"db {case}", hint=DB)
        expect_gradient(dw, numerical_gradient(loss, w), f"dw {case}", hint=DW)
        expect_gradient(dx, numerical_gradient(loss, x), f"dx {case}", hint=DX)


def check_conv_backward_without_padding(solution):
    rng = np.random.default_rng(202)
    x, w, b = rng.normal(size=(2, 2, 5, 4)), rng.normal(size=(3, 2, 3, 2)), rng.normal(size=3)
    dout = rng.normal(size=(2, 3, 3, 3))
    dx, _, _ = _conv_grads(solution, x, w, b, dout, 0)
    expect_gradient(dx, numerical_gradient(lambda: np.sum(_conv(x, w, b, 0) * dout), x),
                    "dx for pad=0", hint=DX)


def _pool_grad(solution, x, dout, size, stride):
    dx = solution.max_pool2d_backward(dout, x.copy(), size=size, stride=stride)
    return as_array(dx, f"max_pool2d_backward(size={size}, stride={stride})", x.shape)


def check_pool_backward_routes_to_the_max(solution):
    x = np.array([[[[1.0, 2.0, 5.0, 0.0], [3.0, 4.0, 1.0, 1.5], [0.0, -1.0, 7.0, 8.0], [-2.0, -3.0, 6.0, 9.0]]]])
    dout = np.array([[[[10.0, 20.0], [30.0, 40.0]]]])
    want = np.zeros_like(x)
    want[0, 0, 1, 1], want[0, 0, 0, 2], want[0, 0, 2, 0], want[0, 0, 3, 3] = 10.0, 20.0, 30.0, 40.0
    got = _pool_grad(solution, x, dout, 2, 2)
    if np.allclose(got.sum(), dout.sum()) and np.count_nonzero(got) > 4:
        fail("max_pool2d_backward spread each window's gradient over several inputs: " + POOL)
    expect_gradient(got, want, "max_pool2d_backward of a 4x4 image, size 2, stride 2", hint=POOL)


def check_pool_backward_with_other_strides(solution):
    rng = np.random.default_rng(203)
    for size, stride, shape in [(3, 2, (1, 2, 7, 7)), (2, 1, (2, 1, 4, 5)), (2, 3, (1, 2, 8, 7)),
                                (2, 2, (2, 2, 5, 5)), (3, 1, (1, 1, 5, 4))]:
        x = _distinct(rng, shape)
        dout = rng.normal(size=_pool(x, size, stride).shape)
        got = _pool_grad(solution, x, dout, size, stride)
        numeric = numerical_gradient(lambda: np.sum(_pool(x, size, stride) * dout), x)
        expect_gradient(got, numeric, f"max_pool2d_backward(size={size}, stride={stride}) of a {shape} input",
                        hint=POOL + "; windows start every `stride` pixels, and inputs no window covers get 0")
