"""Value iteration and the greedy policy (reference solution)."""

import numpy as np


def bellman_backup(V, P, R, gamma):
    return R + gamma * P @ V


def value_iteration(P, R, gamma, terminal, tol=1e-8):
    V = np.zeros(R.shape[0])
    while True:
        V_new = np.where(terminal, 0.0, bellman_backup(V, P, R, gamma).max(axis=1))
        converged = np.max(np.abs(V_new - V)) < tol
        V = V_new
        if converged:
            break
    policy = bellman_backup(V, P, R, gamma).argmax(axis=1)
    return V, policy
