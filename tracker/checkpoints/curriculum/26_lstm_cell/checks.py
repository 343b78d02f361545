"""Checks for the LSTM cell checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

GATES = ("with da the four gates' gradients side by side in the order i, f, o, g, each through its "
         "derivative: s * (1 - s) for a sigmoid gate s, 1 - g**2 for g")
HINTS = {
    "c_prev": "the new cell state's gradient is dc + dh * o * (1 - tanh(c)**2); then dc_prev = that * f",
    "x": f"dx = da @ Wx.T, {GATES}",
    "h_prev": f"dh_prev = da @ Wh.T, {GATES}",
    "Wx": f"dWx = x.T @ da, {GATES}",
    "Wh": f"dWh = h_prev.T @ da, {GATES}",
    "b": f"db = da.sum(axis=0), {GATES}",
}
INPUTS = ("x", "h_prev", "c_prev", "Wx", "Wh", "b")


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _forward(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    gates = [_sigmoid(a[:, k * H:(k + 1) * H]) for k in range(3)] + [np.tanh(a[:, 3 * H:])]
    i, f, o, g = gates
    c = f * c_prev + i * g
    return o * np.tanh(c), c


def _problem(rng, N, D, H):
    return {"x": rng.normal(size=(N, D)), "h_prev": rng.normal(size=(N, H)), "c_prev": rng.normal(size=(N, H)),
            "Wx": rng.normal(scale=0.5, size=(D, 4 * H)), "Wh": rng.normal(scale=0.5, size=(H, 4 * H)),
            "b": rng.normal(scale=0.3, size=4 * H)}


def _call_forward(solution, values):
    result = solution.lstm_step_forward(*(values[k].copy() for k in INPUTS))
    if not (isinstance(result, tuple) and len(result) == 3):
        fail("lstm_step_forward must return a triple (h, c, cache)")
    return result


def check_forward(solution):
    rng = np.random.default_rng(261)
    for N, D, H in [(3, 4, 5), (1, 1, 1)]:
        values = _problem(rng, N, D, H)
        h, c, _ = _call_forward(solution, values)
        want_h, want_c = _forward(*(values[k] for k in INPUTS))
        order = "slice the pre-activation a in the order i, f, o, g, each H columns wide"
        expect_close(c, want_c, f"c from lstm_step_forward (N={N}, D={D}, H={H})",
                     hint=f"c = f * c_prev + i * g; {order}")
        expect_close(h, want_h, f"h from lstm_step_forward (N={N}, D={D}, H={H})",
                     hint=f"h = o * tanh(c); {order}")


def check_forget_gate_keeps_the_cell(solution):
    """With the forget gate open and the input gate shut, the cell carries its value unchanged."""
    N, D, H = 2, 3, 2
    rng = np.random.default_rng(262)
    values = _problem(rng, N, D, H)
    values["Wx"][:], values["Wh"][:] = 0.0, 0.0
    values["b"] = np.concatenate([np.full(H, -40.0), np.full(H, 40.0), np.zeros(2 * H)])
    _, c, _ = _call_forward(solution, values)
    expect_close(c, values["c_prev"], "c with the input gate shut and the forget gate open", rtol=1e-8,
                 hint="the gates are in the order i, f, o, g: c = f * c_prev + i * g keeps c_prev when f = 1, i = 0")


def check_backward_matches_numerical_gradients(solution):
    rng = np.random.default_rng(263)
    for _ in range(3):
        N, D, H = (int(n) for n in rng.integers(1, 5, size=3))
        values = _problem(rng, N, D, H)
        dh, dc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
        _, _, cache = _call_forward(solution, values)
        grads = solution.lstm_step_backward(dh, dc, cache)
        if not isinstance(grads, dict) or set(grads) != set(INPUTS):
            fail(f"lstm_step_backward must return a dict with the keys {sorted(INPUTS)}")

        def loss():
            h, c = _forward(*(values[k] for k in INPUTS))
            return np.sum(h * dh) + np.sum(c * dc)

        for key in ("c_prev", "b", "Wx", "Wh", "x", "h_prev"):
            expect_gradient(grads[key], numerical_gradient(loss, values[key]),
                            f"the gradient for {key} (N={N}, D={D}, H={H})", tol=1e-6, hint=HINTS[key])


def check_gradient_through_the_cell_alone(solution):
    """dh = 0: only dc flows back, so dc_prev must be dc * f and nothing comes from the hidden path."""
    rng = np.random.default_rng(264)
    values = _problem(rng, 2, 3, 4)
    dc = rng.normal(size=(2, 4))
    _, _, cache = _call_forward(solution, values)
    grads = solution.lstm_step_backward(np.zeros((2, 4)), dc, cache)
    a = values["x"] @ values["Wx"] + values["h_prev"] @ values["Wh"] + values["b"]
    forget = _sigmoid(a[:, 4:8])
    expect_close(as_array(grads["c_prev"], "the gradient for c_prev"), dc * forget,
                 "the gradient for c_prev when dh = 0", hint="dc_prev = dc * f, with f the forget gate (the second slice)")
