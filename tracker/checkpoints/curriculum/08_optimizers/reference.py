"""SGD, momentum and Adam steps (reference solution)."""

import numpy as np


def sgd_step(w, g, lr):
    return w - lr * g


def momentum_step(w, g, v, lr, beta=0.9):
    v = beta * v + g
    return w - lr * v, v


def adam_step(w, g, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
