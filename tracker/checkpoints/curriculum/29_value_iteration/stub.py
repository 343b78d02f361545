"""Value iteration and the greedy policy on an MDP given as arrays.

Replace each TODO. P (S, A, S): transition probabilities; R (S, A): expected rewards;
terminal (S,) bools. Check your work with `tracker check run value_iteration`.
"""

import numpy as np  # noqa: F401 (the learner will need it)


def bellman_backup(V, P, R, gamma):
    """Q[s, a] = R[s, a] + gamma * sum over s2 of P[s, a, s2] * V[s2]; shape (S, A)."""
    # TODO
    raise NotImplementedError


def value_iteration(P, R, gamma, terminal, tol=1e-8):
    """Sweep V = max_a Q from V = 0 (terminal states stay 0) until the largest change is below tol.

    Return (V, policy): the values (S,) and a greedy action per state (S,) ints.
    """
    # TODO
    raise NotImplementedError
