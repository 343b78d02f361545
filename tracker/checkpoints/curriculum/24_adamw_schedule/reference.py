"""AdamW and a warm-up + cosine learning-rate schedule (reference solution)."""

import numpy as np


def adamw_init(params):
    return {"t": 0, "m": {k: np.zeros_like(p) for k, p in params.items()},
            "v": {k: np.zeros_like(p) for k, p in params.items()}}


def adamw_step(params, grads, state, lr, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    t = state["t"] + 1
    new, m, v = {}, {}, {}
    for k, p in params.items():
        g = grads[k]
        m[k] = beta1 * state["m"][k] + (1 - beta1) * g
        v[k] = beta2 * state["v"][k] + (1 - beta2) * g**2
        step = (m[k] / (1 - beta1**t)) / (np.sqrt(v[k] / (1 - beta2**t)) + eps)
        new[k] = p - lr * (step + weight_decay * p)
    return new, {"t": t, "m": m, "v": v}


def lr_schedule(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = min(1.0, (step - warmup_steps) / max(1, total_steps - warmup_steps))
    return min_lr + 0.5 * (base_lr - min_lr) * (1 + np.cos(np.pi * progress))
