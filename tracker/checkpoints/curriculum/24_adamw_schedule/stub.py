"""AdamW (decoupled weight decay) and a learning-rate schedule: linear warm-up, then cosine decay.

Replace each TODO. params and grads are dicts of arrays with the same keys and shapes.
Check your work with `tracker check run adamw_schedule`.
"""

import numpy as np


def adamw_init(params):
    """The optimizer's starting state: no steps taken, zero moments (written for you)."""
    return {"t": 0, "m": {k: np.zeros_like(p) for k, p in params.items()},
            "v": {k: np.zeros_like(p) for k, p in params.items()}}


def adamw_step(params, grads, state, lr, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    """One AdamW step. Return (new_params, new_state); the next call gets new_state."""
    # TODO
    raise NotImplementedError


def lr_schedule(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """The learning rate for step 0, 1, 2, ...: linear warm-up from 0 to base_lr over warmup_steps,
    then a cosine from base_lr down to min_lr at total_steps, and min_lr after that."""
    # TODO
    raise NotImplementedError
