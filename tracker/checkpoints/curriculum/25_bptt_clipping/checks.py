"""Checks for the backprop-through-time and clipping checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

BPTT = ("going backwards, dh = dhs[t] + dh_next; dz = dh * (1 - hs[t]**2); dWx += xs[t].T @ dz, "
        "dWh += h_prev.T @ dz, db += dz.sum(axis=0); dh_next = dz @ Wh.T")
KEYS = ("Wx", "Wh", "b", "h0")


def _forward(xs, h0, Wx, Wh, b):
    hs, h = [], h0
    for x in xs:
        h = np.tanh(x @ Wx + h @ Wh + b)
        hs.append(h)
    return np.stack(hs)


def _step_norms(dhs, hs, Wh):
    """The norm of the whole gradient reaching each h_t, computed here for comparison."""
    norms, dh_next = np.zeros(len(hs)), np.zeros_like(hs[0])
    for t in reversed(range(len(hs))):
        dh = dhs[t] + dh_next
        norms[t] = np.linalg.norm(dh)
        dh_next = (dh * (1 - hs[t] ** 2)) @ Wh.T
    return norms


def _bptt(solution, dhs, xs, hs, h0, Wh):
    result = solution.bptt(dhs, xs, hs, h0, Wh)
    if not (isinstance(result, tuple) and len(result) == 2) or not isinstance(result[0], dict):
        fail("bptt must return a pair (grads, norms), grads a dict")
    grads, norms = result
    if set(grads) != set(KEYS):
        fail(f"bptt's grads must have the keys {sorted(KEYS)}, got {sorted(grads)}")
    return grads, as_array(norms, "norms from bptt", (len(xs),))


def _problem(rng):
    T, N, D, H = (int(n) for n in rng.integers(2, 6, size=4))
    params = {"Wx": rng.normal(scale=0.6, size=(D, H)), "Wh": rng.normal(scale=0.6, size=(H, H)),
              "b": rng.normal(scale=0.2, size=H), "h0": rng.normal(scale=0.5, size=(N, H))}
    return params, rng.normal(size=(T, N, D)), rng.normal(size=(T, N, H))


def check_forward(solution):
    params, xs, _ = _problem(np.random.default_rng(251))
    expect_close(solution.rnn_forward(xs, params["h0"], params["Wx"], params["Wh"], params["b"]),
                 _forward(xs, params["h0"], params["Wx"], params["Wh"], params["b"]),
                 "rnn_forward(xs, h0, Wx, Wh, b)", hint="feed each step's h into the next step")


def check_bptt_matches_numerical_gradients(solution):
    rng = np.random.default_rng(252)
    for _ in range(2):
        params, xs, dhs = _problem(rng)
        hs = _forward(xs, params["h0"], params["Wx"], params["Wh"], params["b"])
        grads, norms = _bptt(solution, dhs, xs, hs, params["h0"].copy(), params["Wh"].copy())

        def loss():
            return np.sum(_forward(xs, params["h0"], params["Wx"], params["Wh"], params["b"]) * dhs)

        for key in KEYS:
            expect_gradient(grads[key], numerical_gradient(loss, params[key]), f"grads['{key}']",
                            tol=1e-6, hint=BPTT)
        expect_close(norms, _step_norms(dhs, hs, params["Wh"]), "norms from bptt",
                     hint="norms[t] is the norm of the whole gradient reaching h_t, dhs[t] + dh_next")


def check_gradients_explode_and_vanish(solution):
    steps, H = 30, 4
    Q = np.linalg.qr(np.random.default_rng(253).normal(size=(H, H)))[0]
    xs, h0 = np.zeros((steps, 1, 2)), np.zeros((1, H))
    dhs = np.zeros((steps, 1, H))
    dhs[-1, 0, 0] = 1.0
    for scale, name in [(1.5, "grow"), (0.5, "shrink")]:
        hs = _forward(xs, h0, np.zeros((2, H)), scale * Q, np.zeros(H))
        _, norms = _bptt(solution, dhs, xs, hs, h0, scale * Q)
        want = scale ** np.arange(steps - 1, -1, -1.0)
        if not np.allclose(norms, want, rtol=1e-6, atol=0):
            fail(f"with Wh = {scale} * (an orthogonal matrix) and a loss on the last step only, the "
                 f"gradient should {name} by {scale} per step back: norms[t] = {scale}**(T-1-t), "
                 f"from {want[0]:.3g} at t = 0 to 1 at t = {steps - 1}; got {norms[0]:.3g} at t = 0 "
                 f"and {norms[-1]:.3g} at t = {steps - 1}. Record the whole gradient reaching h_t "
                 "(dhs[t] + dh_next), not only dhs[t]")


def _global_norm(grads):
    return float(np.sqrt(sum(np.sum(np.asarray(g, dtype=float) ** 2) for g in grads.values())))


def _clip(solution, grads, max_norm):
    result = solution.clip_by_global_norm({k: v.copy() for k, v in grads.items()}, max_norm)
    if not (isinstance(result, tuple) and len(result) == 2) or not isinstance(result[0], dict):
        fail("clip_by_global_norm must return a pair (clipped, total_norm), clipped a dict")
    clipped, total = result
    if set(clipped) != set(grads):
        fail(f"the clipped gradients must keep the keys {sorted(grads)}")
    expect_close(total, _global_norm(grads), "total_norm from clip_by_global_norm",
                 hint="the global norm is sqrt(sum of every squared entry of every gradient)")
    return {k: as_array(v, f"clipped['{k}']", grads[k].shape) for k, v in clipped.items()}


def check_clipping_by_global_norm(solution):
    rng = np.random.default_rng(254)
    grads = {"Wx": rng.normal(size=(3, 4)), "Wh": 20 * rng.normal(size=(4, 4)), "b": rng.normal(size=4)}
    norm = _global_norm(grads)
    clipped = _clip(solution, grads, 5.0)
    for key in grads:
        expect_close(clipped[key], grads[key] * (5.0 / norm), f"clipped['{key}'] with max_norm 5",
                     hint="scale every gradient by one global norm factor, max_norm / total_norm, so "
                          "the update keeps its direction")
    small = _clip(solution, grads, 2 * norm)
    for key in grads:
        expect_close(small[key], grads[key], f"clipped['{key}'] when the global norm is under max_norm",
                     hint="only clip when the global norm is above max_norm")
    zeros = {"Wx": np.zeros((2, 2)), "b": np.zeros(2)}
    for key, value in _clip(solution, zeros, 1.0).items():
        expect_close(value, zeros[key], f"clipped['{key}'] of zero gradients")


def check_clipping_bounds_an_exploding_update(solution):
    steps, H = 40, 4
    rng = np.random.default_rng(255)
    Wh = 1.6 * np.linalg.qr(rng.normal(size=(H, H)))[0]
    xs, h0 = 0.01 * rng.normal(size=(steps, 2, 3)), np.zeros((2, H))
    Wx = 0.01 * rng.normal(size=(3, H))
    hs = _forward(xs, h0, Wx, Wh, np.zeros(H))
    dhs = np.zeros((steps, 2, H))
    dhs[-1] = rng.normal(size=(2, H))
    grads, _ = _bptt(solution, dhs, xs, hs, h0, Wh)
    grads = {k: as_array(v, f"grads['{k}']") for k, v in grads.items()}
    clipped = _clip(solution, grads, 1.0)
    after = _global_norm(clipped)
    if after > 1.0 + 1e-9:
        fail(f"after clipping to max_norm 1 the gradients' global norm is {after:.4g} (it was "
             f"{_global_norm(grads):.3g}): scale them all by one global norm factor")
