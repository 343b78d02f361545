"""Checks for the optimizers checkpoint.

Trajectories are compared, not the optimizer state, so any consistent convention for the
velocity (for example v = beta * v - lr * g, w = w + v) passes.
"""

import numpy as np
from checklib import as_array, expect_close, fail, show

GRADIENTS = np.random.default_rng(81).normal(size=(6, 3))
START = np.array([0.5, -1.0, 2.0])
ADAM_FORMULA = ("m = beta1*m + (1-beta1)*g, v = beta2*v + (1-beta2)*g**2, m_hat = m / (1-beta1**t), "
                "v_hat = v / (1-beta2**t), w -= lr * m_hat / (np.sqrt(v_hat) + eps)")


def _bowl_grad(w):
    """The gradient of 0.5 * (100 * w0**2 + w1**2): a narrow valley, hard for plain SGD."""
    return np.array([100.0, 1.0]) * w


def check_sgd(solution):
    expect_close(solution.sgd_step(START.copy(), GRADIENTS[0], 0.1), START - 0.1 * GRADIENTS[0],
                 "sgd_step(w, g, lr=0.1)")


def check_momentum_trajectory(solution):
    w, v = START.copy(), np.zeros(3)
    want_w, want_v = START.copy(), np.zeros(3)
    for step, g in enumerate(GRADIENTS, start=1):
        result = solution.momentum_step(w, g.copy(), v, 0.1, 0.9)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail("momentum_step must return a pair (w, v)")
        w, v = as_array(result[0], "w from momentum_step", (3,)), result[1]
        want_v = 0.9 * want_v + g
        want_w = want_w - 0.1 * want_v
        expect_close(w, want_w, f"w after {step} momentum steps",
                     hint="v = beta * v + g, w = w - lr * v, and return the new velocity for the next step")


def check_adam_first_step(solution):
    g = np.array([0.001, -5.0, 300.0])
    w, _, _ = solution.adam_step(START.copy(), g, np.zeros(3), np.zeros(3), 1, lr=0.01)
    step = np.abs(as_array(w, "w from adam_step", (3,)) - START)
    if np.allclose(step, 0.01 * 0.1 / np.sqrt(0.001), rtol=1e-3):
        fail(f"adam's first step moved each weight by {step[0]:.4g}, about 3.16 * lr: divide m by "
             "(1 - beta1**t) and v by (1 - beta2**t), the bias correction")
    expect_close(step, [0.01] * 3, "the size of adam's first step (about lr for every weight)",
                 rtol=1e-3, hint=ADAM_FORMULA)


def check_adam_trajectory(solution):
    w, m, v = START.copy(), np.zeros(3), np.zeros(3)
    want_w, want_m, want_v = START.copy(), np.zeros(3), np.zeros(3)
    for t, g in enumerate(GRADIENTS, start=1):
        result = solution.adam_step(w, g.copy(), m, v, t, lr=0.05)
        if not (isinstance(result, tuple) and len(result) == 3):
            fail("adam_step must return a triple (w, m, v)")
        w, m, v = result
        want_m = 0.9 * want_m + 0.1 * g
        want_v = 0.999 * want_v + 0.001 * g**2
        m_hat, v_hat = want_m / (1 - 0.9**t), want_v / (1 - 0.999**t)
        want_w = want_w - 0.05 * m_hat / (np.sqrt(v_hat) + 1e-8)
        expect_close(w, want_w, f"w after {t} adam steps", rtol=1e-6, hint=ADAM_FORMULA)


def check_momentum_and_adam_descend_a_narrow_valley(solution):
    w_sgd, w_momentum, velocity = np.ones(2), np.ones(2), np.zeros(2)
    w_adam, m, v = np.ones(2), np.zeros(2), np.zeros(2)
    for t in range(1, 301):
        w_sgd = solution.sgd_step(w_sgd, _bowl_grad(w_sgd), 0.015)
        w_momentum, velocity = solution.momentum_step(w_momentum, _bowl_grad(w_momentum), velocity, 0.015, 0.9)
        w_adam, m, v = solution.adam_step(w_adam, _bowl_grad(w_adam), m, v, t, lr=0.05)
    if not np.linalg.norm(w_momentum) < np.linalg.norm(w_sgd):
        fail(f"after 300 steps momentum reached {show(w_momentum)} and sgd {show(w_sgd)}: momentum "
             "should get closer to the minimum at 0 (return the new velocity for the next step)")
    if not np.linalg.norm(w_adam) < 0.05:
        fail(f"after 300 adam steps w is {show(w_adam)}, expected near the minimum at 0")
