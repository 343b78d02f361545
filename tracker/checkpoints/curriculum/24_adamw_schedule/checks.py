"""Checks for the AdamW and schedule checkpoint: the checker's own optimizer and schedule."""

import math

import numpy as np
from checklib import as_array, expect_close, fail

WARMUP = "during warm-up (step < warmup_steps) lr = base_lr * step / warmup_steps, so step 0 gets 0"
COSINE = ("after warm-up, progress = (step - warmup_steps) / (total_steps - warmup_steps) and "
          "lr = min_lr + (base_lr - min_lr) * (1 + cos(pi * progress)) / 2: the cosine starts at its top "
          "when warm-up ends and reaches min_lr at total_steps, staying there")
ADAMW = ("m = beta1*m + (1-beta1)*g, v = beta2*v + (1-beta2)*g**2, m_hat = m / (1 - beta1**t), "
         "v_hat = v / (1 - beta2**t), p -= lr * (m_hat / (sqrt(v_hat) + eps) + weight_decay * p), "
         "with t counting steps from 1 and p the value before the step")


def _schedule(step, base, warmup, total, low):
    if step < warmup:
        return base * step / warmup
    progress = min(1.0, (step - warmup) / max(1, total - warmup))
    return low + (base - low) * (1 + math.cos(math.pi * progress)) / 2


def _adam(params, grad_list, lr, wd, decoupled=True, corrected=True, b1=0.9, b2=0.999, eps=1e-8):
    """The checker's optimizer, with switches for the two classic variants it must tell apart."""
    p = {k: v.copy() for k, v in params.items()}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    s = {k: np.zeros_like(v) for k, v in p.items()}
    history = []
    for t, grads in enumerate(grad_list, start=1):
        for k in p:
            g = grads[k] if decoupled else grads[k] + wd * p[k]
            m[k] = b1 * m[k] + (1 - b1) * g
            s[k] = b2 * s[k] + (1 - b2) * g * g
            m_hat, s_hat = (m[k] / (1 - b1**t), s[k] / (1 - b2**t)) if corrected else (m[k], s[k])
            p[k] = p[k] - lr * (m_hat / (np.sqrt(s_hat) + eps) + (wd * p[k] if decoupled else 0))
        history.append({k: v.copy() for k, v in p.items()})
    return history


def _run(solution, params, grad_list, lr, wd):
    """The learner's optimizer from its own initial state, one call per step."""
    current, state, history = {k: v.copy() for k, v in params.items()}, solution.adamw_init(params), []
    for grads in grad_list:
        result = solution.adamw_step(current, grads, state, lr, weight_decay=wd)
        if not (isinstance(result, (tuple, list)) and len(result) == 2) or not isinstance(result[0], dict):
            fail("adamw_step must return a pair (new_params, new_state), new_params a dict like params")
        current = {k: as_array(result[0].get(k), f"new_params['{k}']", params[k].shape) for k in params}
        state = result[1]
        history.append(current)
    return history


def _matches(history, expected):
    return all(np.allclose(h[k], e[k], rtol=1e-7, atol=1e-12) for h, e in zip(history, expected) for k in e)


def check_warmup(solution):
    for step in range(5):
        expect_close(solution.lr_schedule(step, 0.01, 5, 20), _schedule(step, 0.01, 5, 20, 0.0),
                     f"lr_schedule(step={step}, base_lr=0.01, warmup_steps=5, total_steps=20)", hint=WARMUP)


def check_cosine_decay(solution):
    for step in range(5, 24):
        expect_close(solution.lr_schedule(step, 0.01, 5, 20, min_lr=0.001), _schedule(step, 0.01, 5, 20, 0.001),
                     f"lr_schedule(step={step}, base_lr=0.01, warmup_steps=5, total_steps=20, min_lr=0.001)",
                     hint=COSINE)


def check_schedule_without_warmup(solution):
    for step, want in [(0, 0.5), (5, 0.25), (10, 0.0), (11, 0.0)]:
        expect_close(solution.lr_schedule(step, 0.5, 0, 10), want,
                     f"lr_schedule(step={step}, base_lr=0.5, warmup_steps=0, total_steps=10)",
                     atol=1e-12, hint="with no warm-up the cosine starts at step 0; " + COSINE)


def check_first_step_is_bias_corrected(solution):
    params = {"w": np.array([0.5, -1.0, 2.0])}
    grads = [{"w": np.array([1e-3, -10.0, 300.0])}]
    history = _run(solution, params, grads, lr=0.1, wd=0.0)
    if _matches(history, _adam(params, grads, 0.1, 0.0, corrected=False)):
        fail("the first step moved each weight by about 0.316 instead of lr = 0.1: without bias correction "
             "m and v start near 0, so divide them by (1 - beta1**t) and (1 - beta2**t), t = 1 on the first step")
    expect_close(history[0]["w"], _adam(params, grads, 0.1, 0.0)[0]["w"], "the weights after one step with weight_decay=0",
                 rtol=1e-7, hint="the first bias-corrected step is about lr * sign(g) whatever the gradient's size; " + ADAMW)


def check_decay_is_decoupled_from_the_adaptive_step(solution):
    """With zero gradients AdamW shrinks each weight by (1 - lr * wd); Adam + L2 moves each by about lr."""
    params = {"w": np.array([1.0, -2.0, 100.0])}
    grads = [{"w": np.zeros(3)}] * 3
    history = _run(solution, params, grads, lr=0.01, wd=0.1)
    if _matches(history, _adam(params, grads, 0.01, 0.1, decoupled=False)):
        fail("with zero gradients the weights [1, -2, 100] each moved by about lr = 0.01 per step: the decay "
             "went into the gradient and through m and v (Adam + L2), which normalises it away. AdamW "
             "decouples it: p -= lr * weight_decay * p, outside the adaptive step, so every weight shrinks "
             f"by the same factor 1 - lr * weight_decay = {1 - 0.01 * 0.1:g} per step")
    expect_close(history[-1]["w"], params["w"] * (1 - 0.01 * 0.1) ** 3,
                 "the weights after 3 steps with zero gradients, lr=0.01, weight_decay=0.1",
                 rtol=1e-7, hint="each step multiplies p by (1 - lr * weight_decay) when the gradient is 0")


def check_several_steps_on_several_params(solution):
    rng = np.random.default_rng(241)
    params = {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=4)}
    grads = [{k: rng.normal(scale=0.1 * (i + 1), size=v.shape) for k, v in params.items()} for i in range(6)]
    for wd in (0.0, 0.05):
        history = _run(solution, params, grads, lr=0.02, wd=wd)
        for t, (got, want) in enumerate(zip(history, _adam(params, grads, 0.02, wd)), start=1):
            for k in params:
                expect_close(got[k], want[k], f"params['{k}'] after step {t} (weight_decay={wd})", rtol=1e-7,
                             hint="return the new state and use it in the next step; " + ADAMW)
