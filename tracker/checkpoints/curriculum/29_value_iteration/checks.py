"""Checks for the value iteration checkpoint."""

import numpy as np
from checklib import as_array, expect_close, fail

GOAL, PIT = 15, 5
BACKUP = "Q[s, a] = R[s, a] + gamma * sum over s2 of P[s, a, s2] * V[s2]"


def _random_mdp(rng):
    S, A = int(rng.integers(3, 8)), int(rng.integers(2, 5))
    return rng.dirichlet(np.ones(S), size=(S, A)), rng.normal(size=(S, A))


def _grid_mdp():
    """A slippery 4x4 grid: a move goes where meant with probability 0.8, sideways with 0.1 each.

    Entering the goal pays +1, the pit -1, any other move -0.04. Both end the episode; their own
    rows hold a self-loop paying +1, which a solution must ignore.
    """
    moves = [(-1, 0), (0, 1), (1, 0), (0, -1)]
    P, R = np.zeros((16, 4, 16)), np.zeros((16, 4))
    for s in range(16):
        for a in range(4):
            for turn, prob in [(0, 0.8), (1, 0.1), (3, 0.1)]:
                d_row, d_col = moves[(a + turn) % 4]
                row, col = divmod(s, 4)
                s2 = 4 * min(max(row + d_row, 0), 3) + min(max(col + d_col, 0), 3)
                P[s, a, s2] += prob
                R[s, a] += prob * {GOAL: 1.0, PIT: -1.0}.get(s2, -0.04)
    terminal = np.zeros(16, dtype=bool)
    terminal[[GOAL, PIT]] = True
    for s in (GOAL, PIT):
        P[s], R[s] = 0.0, 1.0
        P[s, :, s] = 1.0
    return P, R, terminal


def _solve(P, R, gamma, terminal):
    """The optimal values by policy iteration: exact linear solves, independent of value iteration."""
    S = R.shape[0]
    live = ~terminal
    policy = np.zeros(S, dtype=int)
    while True:
        P_pi, R_pi = P[np.arange(S), policy] * live[:, None], R[np.arange(S), policy] * live
        V = np.linalg.solve(np.eye(S) - gamma * P_pi, R_pi)
        Q = R + gamma * P @ V
        better = Q.argmax(axis=1)
        if np.all(Q[np.arange(S), better] <= Q[np.arange(S), policy] + 1e-12):
            return V, Q
        policy = better


def _value_iteration(solution, P, R, gamma, terminal, tol, what):
    result = solution.value_iteration(P.copy(), R.copy(), gamma, terminal.copy(), tol)
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("value_iteration must return a pair (V, policy)")
    V = as_array(result[0], f"V from value_iteration on {what}", (R.shape[0],))
    policy = as_array(result[1], f"the policy from value_iteration on {what}", (R.shape[0],))
    if not np.all((policy == np.round(policy)) & (policy >= 0) & (policy < R.shape[1])):
        fail(f"the policy on {what} must hold one action index (0 to {R.shape[1] - 1}) per state, got {policy}")
    return V, policy.astype(int)


def _expect_optimal(V, policy, V_star, Q_star, terminal, what, atol):
    for s in np.flatnonzero(terminal):
        if V[s] != 0:
            fail(f"V of the terminal state {s} on {what} is {V[s]:.4g}, expected 0: a terminal state earns "
                 "nothing after it is reached, whatever its rows of P and R say; keep it at 0 in every sweep")
    off = np.abs(V - V_star)
    if off.max() > atol:
        s = int(off.argmax())
        fail(f"V[{s}] on {what} is {V[s]:.8g}, the optimal value is {V_star[s]:.8g}: not converged? Keep "
             "sweeping until the largest change in one sweep is below tol (a fixed number of sweeps is "
             f"not enough when gamma is near 1); each sweep V = max over a of {BACKUP}")
    live = ~terminal
    chosen = Q_star[np.arange(len(V)), policy]
    wrong = live & (chosen < Q_star.max(axis=1) - 1e-6)
    if wrong.any():
        s = int(np.flatnonzero(wrong)[0])
        fail(f"on {what} the policy takes action {policy[s]} in state {s}, worth {chosen[s]:.4g}, but action "
             f"{int(Q_star[s].argmax())} is worth {Q_star[s].max():.4g}: the greedy policy takes the argmax of "
             f"Q = R + gamma * P @ V, the immediate reward plus the value of where the action leads")


def check_bellman_backup(solution):
    rng = np.random.default_rng(291)
    P, R = _random_mdp(rng)
    V = rng.normal(size=R.shape[0])
    expect_close(solution.bellman_backup(V.copy(), P.copy(), R.copy(), 0.9), R + 0.9 * np.einsum("sat,t->sa", P, V),
                 "bellman_backup(V, P, R, gamma=0.9)", hint=BACKUP)
    expect_close(solution.bellman_backup(V.copy(), P.copy(), R.copy(), 0.0), R,
                 "bellman_backup with gamma = 0", hint="with gamma = 0 only the immediate reward counts")


def check_random_mdps(solution):
    rng = np.random.default_rng(292)
    for index in range(2):
        P, R = _random_mdp(rng)
        terminal = np.zeros(R.shape[0], dtype=bool)
        terminal[-1] = index == 1
        what = f"a random MDP with {R.shape[0]} states and {R.shape[1]} actions"
        V, policy = _value_iteration(solution, P, R, 0.9, terminal, 1e-10, what)
        V_star, Q_star = _solve(P, R, 0.9, terminal)
        _expect_optimal(V, policy, V_star, Q_star, terminal, what, atol=1e-7)


def check_slippery_grid(solution):
    P, R, terminal = _grid_mdp()
    for gamma, tol in [(0.9, 1e-8), (0.99, 1e-9)]:
        what = f"the slippery grid with gamma = {gamma}"
        V, policy = _value_iteration(solution, P, R, gamma, terminal, tol, what)
        V_star, Q_star = _solve(P, R, gamma, terminal)
        _expect_optimal(V, policy, V_star, Q_star, terminal, what, atol=max(1e-6, 10 * tol * gamma / (1 - gamma)))


def check_a_loose_tolerance_keeps_its_promise(solution):
    """A loose tol must be honoured: the values stop within the bound it promises, not at random."""
    P, R, terminal = _grid_mdp()
    V, _ = _value_iteration(solution, P, R, 0.9, terminal, 1e-3, "the slippery grid with tol = 1e-3")
    V_star, _ = _solve(P, R, 0.9, terminal)
    bound = 1e-3 * 0.9 / (1 - 0.9)
    if np.abs(V - V_star).max() > bound:
        fail(f"with tol = 1e-3 the values are {np.abs(V - V_star).max():.3g} from optimal, more than the "
             f"{bound:.3g} that stopping when the largest change is below tol guarantees")
