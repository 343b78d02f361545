"""Checks for the RNN checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

BPTT = ("going backwards, dh = dhs[t] + dh_next; dz = dh * (1 - hs[t]**2); accumulate "
        "dWx += xs[t].T @ dz, dWh += h_prev.T @ dz, db += dz.sum(axis=0); dh_next = dz @ Wh.T")
T, N, D, H = 4, 2, 3, 5


def _forward(xs, h0, Wx, Wh, b):
    hs, h = [], h0
    for x in xs:
        h = np.tanh(x @ Wx + h @ Wh + b)
        hs.append(h)
    return np.stack(hs)


def _backward_without_time(dhs, xs, hs, h0):
    """What BPTT gives when the gradient from step t + 1 is dropped: a common slip."""
    dz = dhs * (1 - hs**2)
    h_prevs = np.concatenate([h0[None], hs[:-1]])
    return {"Wx": np.einsum("tnd,tnh->dh", xs, dz), "Wh": np.einsum("tnk,tnh->kh", h_prevs, dz),
            "b": dz.sum(axis=(0, 1))}


def _problem(seed):
    rng = np.random.default_rng(seed)
    params = {"Wx": rng.normal(scale=0.5, size=(D, H)), "Wh": rng.normal(scale=0.5, size=(H, H)),
              "b": rng.normal(scale=0.1, size=H), "h0": rng.normal(scale=0.5, size=(N, H))}
    return params, rng.normal(size=(T, N, D)), rng.normal(size=(T, N, H))


def check_step_and_forward(solution):
    params, xs, _ = _problem(101)
    Wx, Wh, b, h0 = params["Wx"], params["Wh"], params["b"], params["h0"]
    expect_close(solution.rnn_step(xs[0], h0, Wx, Wh, b), np.tanh(xs[0] @ Wx + h0 @ Wh + b),
                 "rnn_step(x, h_prev, Wx, Wh, b)")
    expect_close(solution.rnn_forward(xs, h0, Wx, Wh, b), _forward(xs, h0, Wx, Wh, b),
                 "rnn_forward(xs, h0, Wx, Wh, b)", hint="feed each step's h into the next step")


def check_backward_matches_numerical_gradients(solution):
    params, xs, dhs = _problem(102)
    hs = _forward(xs, params["h0"], params["Wx"], params["Wh"], params["b"])
    grads = solution.rnn_backward(dhs, xs, hs, params["h0"].copy(), params["Wx"].copy(), params["Wh"].copy())
    if not isinstance(grads, dict) or set(grads) != set(params):
        fail(f"rnn_backward must return a dict with the keys {sorted(params)}")
    without_time = _backward_without_time(dhs, xs, hs, params["h0"])
    if all(np.allclose(as_array(grads[k], f"grads['{k}']", params[k].shape), v) for k, v in without_time.items()):
        fail("the gradients do not flow back through time: at each step add the gradient arriving "
             "from step t + 1 (dh_next = dz @ Wh.T) to dhs[t]")

    def loss():
        return np.sum(_forward(xs, params["h0"], params["Wx"], params["Wh"], params["b"]) * dhs)

    # h0 first: its gradient is the last dh_next, so a wrong recurrent gradient is named as such
    # rather than surfacing as a wrong grads['b'] (every parameter's gradient sums dz over time).
    hints = {"h0": f"grads['h0'] is the recurrent gradient dh_next your loop carries back past the first "
                   f"step; check dh_next = dz @ Wh.T; {BPTT}"}
    for key in ("h0", "Wh", "Wx", "b"):
        expect_gradient(grads[key], numerical_gradient(loss, params[key]), f"grads['{key}']",
                        tol=1e-6, hint=hints.get(key, BPTT))


def check_exploding_and_vanishing_gradients(solution):
    steps = 30
    Q = np.linalg.qr(np.random.default_rng(103).normal(size=(H, H)))[0]
    xs, h0 = np.zeros((steps, 1, D)), np.zeros((1, H))
    dhs = np.zeros((steps, 1, H))
    dhs[-1, 0, 0] = 1.0
    for scale, name in [(0.5, "vanishes"), (1.5, "explodes")]:
        Wh = scale * Q
        hs = _forward(xs, h0, np.zeros((D, H)), Wh, np.zeros(H))
        grads = solution.rnn_backward(dhs, xs, hs, h0, np.zeros((D, H)), Wh)
        norm = np.linalg.norm(as_array(grads["h0"], "grads['h0']", h0.shape))
        if not np.isclose(norm, scale**steps, rtol=1e-6):
            fail(f"with Wh = {scale} * (an orthogonal matrix), the gradient reaching h0 after {steps} "
                 f"steps should have norm {scale}**{steps} = {scale**steps:.3g} (it {name}), "
                 f"got {norm:.3g}; {BPTT}")


def check_clip_by_norm(solution):
    g = np.array([[3.0, 0.0], [0.0, 4.0]])
    expect_close(solution.clip_by_norm(g, 1.0), g / 5, "clip_by_norm(g with norm 5, max_norm=1)",
                 hint="keep the direction, scale the length to max_norm")
    expect_close(solution.clip_by_norm(g, 10.0), g, "clip_by_norm(g with norm 5, max_norm=10)",
                 hint="clip only gradients longer than max_norm; shorter ones stay as they are")
    expect_close(solution.clip_by_norm(np.zeros(3), 1.0), np.zeros(3), "clip_by_norm of a zero gradient")
