"""The sequence, embedding, reinforcement-learning and meta-learning checkpoints (25-30): solutions
written independently of the references must pass, and contracts the explanations state must fail
with words that say which.

The generic curriculum test runs each reference, stub and named mistake; these run in one batch too.
"""

from __future__ import annotations

import pytest

from testkit.solutions import assert_judged, run_solutions


pytestmark = pytest.mark.xdist_group("curriculum")

#: Stacked previous states, einsum, norms collected backwards then reversed; a dict copy when not clipped.
BPTT = '''
import numpy as np
def rnn_forward(xs, h0, Wx, Wh, b):
    T = xs.shape[0]; hs = np.empty((T,) + h0.shape); h = h0
    for t in range(T):
        h = np.tanh(xs[t] @ Wx + h @ Wh + b); hs[t] = h
    return hs
def bptt(dhs, xs, hs, h0, Wh):
    T = len(xs); prev = np.concatenate([h0[None], hs[:-1]])
    grads = {"Wx": 0.0, "Wh": 0.0, "b": 0.0}
    norms = []; carry = 0
    for t in range(T - 1, -1, -1):
        g = dhs[t] + carry
        norms.append(float(np.sqrt((g * g).sum())))
        dz = g * (1 - hs[t] * hs[t])
        grads["Wx"] = grads["Wx"] + np.einsum("nd,nh->dh", xs[t], dz)
        grads["Wh"] = grads["Wh"] + np.einsum("nk,nh->kh", prev[t], dz)
        grads["b"] = grads["b"] + dz.sum(0)
        carry = dz @ Wh.T
    grads["h0"] = carry
    return grads, np.array(norms[::-1])
def clip_by_global_norm(grads, max_norm):
    n = np.sqrt(sum(float(np.vdot(g, g)) for g in grads.values()))
    if n <= max_norm:
        return dict(grads), n
    return {k: v * (max_norm / n) for k, v in grads.items()}, n
'''

#: The gates split with np.split, a stable two-sided sigmoid, a dict for the cache.
LSTM = '''
import numpy as np
def sig(z): return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    a = x @ Wx + h_prev @ Wh + b
    ai, af, ao, ag = np.split(a, 4, axis=1)
    i, f, o, g = sig(ai), sig(af), sig(ao), np.tanh(ag)
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, {"x": x, "h_prev": h_prev, "c_prev": c_prev, "Wx": Wx, "Wh": Wh, "gates": (i, f, o, g), "c": c}
def lstm_step_backward(dh, dc, cache):
    i, f, o, g = cache["gates"]; tc = np.tanh(cache["c"])
    dct = dc + dh * o * (1 - tc ** 2)
    da = np.hstack([dct * g * i * (1 - i), dct * cache["c_prev"] * f * (1 - f), dh * tc * o * (1 - o), dct * i * (1 - g * g)])
    return {"x": da @ cache["Wx"].T, "h_prev": da @ cache["Wh"].T, "c_prev": dct * f,
            "Wx": cache["x"].T @ da, "Wh": cache["h_prev"].T @ da, "b": np.sum(da, axis=0)}
'''

#: A loop over the negatives, W_out started at zeros, no shuffling of the pairs.
SKIPGRAM = '''
import numpy as np
def sigmoid(z): return 0.5 * (1 + np.tanh(0.5 * z))
def sgns_loss_and_grads(W_in, W_out, centre, context, negatives):
    v = W_in[centre]
    dW_in = np.zeros_like(W_in); dW_out = np.zeros_like(W_out)
    s = W_out[context] @ v
    loss = np.logaddexp(0, -s)
    dW_out[context] += (sigmoid(s) - 1) * v
    dW_in[centre] += (sigmoid(s) - 1) * W_out[context]
    for k in negatives:
        s = W_out[k] @ v
        loss += np.logaddexp(0, s)
        dW_out[k] += sigmoid(s) * v
        dW_in[centre] += sigmoid(s) * W_out[k]
    return loss, dW_in, dW_out
def train_skipgram(pairs, V, dim, K, epochs, lr, rng):
    W_in = rng.normal(scale=0.1, size=(V, dim)); W_out = np.zeros((V, dim))
    for _ in range(epochs):
        for c, o in pairs:
            _, a, b = sgns_loss_and_grads(W_in, W_out, c, o, rng.integers(0, V, K))
            W_in -= lr * a; W_out -= lr * b
    return W_in
'''

#: Sampling by searchsorted, the baseline moved before the step and at another rate.
GRIDWORLD = '''
import numpy as np
def grid_step(state, action):
    r, c = divmod(state, 4)
    dr, dc = [(-1, 0), (0, 1), (1, 0), (0, -1)][action]
    r = min(3, max(0, r + dr)); c = min(3, max(0, c + dc))
    s = 4 * r + c
    return s, (1.0 if s == 15 else -0.1), s == 15
def policy(theta, state):
    p = np.exp(theta[state] - np.max(theta[state])); return p / p.sum()
def returns_to_go(rewards, gamma):
    out = []; g = 0.0
    for r in rewards[::-1]:
        g = r + gamma * g; out.append(g)
    return np.array(out[::-1])
def reinforce_gradient(theta, states, actions, returns, baseline):
    grad = np.zeros(theta.shape)
    for t in range(len(states)):
        p = policy(theta, states[t]); onehot = np.eye(4)[actions[t]]
        grad[states[t]] += (returns[t] - baseline[states[t]]) * (onehot - p)
    return grad
def train(episodes, lr, gamma, rng):
    theta = np.zeros((16, 4)); b = np.zeros(16)
    for _ in range(episodes):
        s = 0; S = []; A = []; R = []
        for _ in range(30):
            a = int(np.searchsorted(np.cumsum(policy(theta, s)), rng.random()))
            a = min(a, 3)
            s2, r, d = grid_step(s, a); S.append(s); A.append(a); R.append(r); s = s2
            if d: break
        G = returns_to_go(R, gamma)
        for st, g in zip(S, G):
            b[st] += 0.05 * (g - b[st])
        theta = theta + lr * reinforce_gradient(theta, S, A, G, b)
    return theta, b
'''

#: tensordot, a while on the last change, the policy returned as a list of ints.
VALUE_ITERATION = '''
import numpy as np
def bellman_backup(V, P, R, gamma):
    return R + gamma * np.tensordot(P, V, axes=([2], [0]))
def value_iteration(P, R, gamma, terminal, tol=1e-8):
    S = R.shape[0]; V = np.zeros(S); live = ~np.asarray(terminal, bool)
    delta = np.inf
    while delta >= tol:
        Q = bellman_backup(V, P, R, gamma)
        new = np.zeros(S); new[live] = Q[live].max(axis=1)
        delta = np.abs(new - V).max(); V = new
    Q = bellman_backup(V, P, R, gamma)
    return V, [int(np.argmax(q)) for q in Q]
'''

#: The gradient as r @ X, weights updated in place on a copy, query sets drawn separately.
MAML = '''
import numpy as np
CENTRES = np.linspace(-5, 5, 10)
def features(x):
    bumps = np.exp(-0.5 * (np.asarray(x, dtype=float)[:, None] - CENTRES) ** 2)
    return np.concatenate([bumps, np.ones((len(bumps), 1))], axis=1)
def mse_and_grad(w, X, y):
    r = X @ w - y
    return (r @ r) / len(y), (2.0 / len(y)) * (r @ X)
def adapt(w, X, y, lr, steps):
    w = np.array(w, dtype=float)
    for _ in range(steps):
        _, g = mse_and_grad(w, X, y); w -= lr * g
    return w
def fomaml_gradient(w, Xs, ys, Xq, yq, lr, steps):
    return mse_and_grad(adapt(w, Xs, ys, lr, steps), Xq, yq)[1]
def meta_train(iterations, meta_batch, k_shot, inner_lr, inner_steps, outer_lr, rng):
    w = np.zeros(11)
    for _ in range(iterations):
        gs = []
        for _ in range(meta_batch):
            A = rng.uniform(0.1, 5); ph = rng.uniform(0, np.pi)
            xs = rng.uniform(-5, 5, k_shot); xq = rng.uniform(-5, 5, k_shot)
            gs.append(fomaml_gradient(w, features(xs), A * np.sin(xs + ph), features(xq), A * np.sin(xq + ph), inner_lr, inner_steps))
        w = w - outer_lr * np.mean(gs, axis=0)
    return w
'''

#: The loss as -log(sigmoid(s)): right for moderate scores, inf when a score is far off.
SKIPGRAM_NAIVE_LOG = SKIPGRAM.replace("loss = np.logaddexp(0, -s)", "loss = -np.log(sigmoid(s))").replace(
    "loss += np.logaddexp(0, s)", "loss += -np.log(sigmoid(-s))")
#: A value iteration that stops on the first sweep: its loose tol would be a broken promise.
VALUE_ITERATION_ONE_SWEEP = VALUE_ITERATION.replace("while delta >= tol:", "for _ in range(1):")

#: case: (checkpoint, source, None to pass or words its failure must contain)
CASES = {
    "bptt_clipping": ("bptt_clipping", BPTT, None),
    "lstm_cell": ("lstm_cell", LSTM, None),
    "skipgram": ("skipgram", SKIPGRAM, None),
    "skipgram_naive_log": ("skipgram", SKIPGRAM_NAIVE_LOG, "np.logaddexp(0, -s)"),
    "gridworld_reinforce": ("gridworld_reinforce", GRIDWORLD, None),
    "value_iteration": ("value_iteration", VALUE_ITERATION, None),
    "value_iteration_one_sweep": ("value_iteration", VALUE_ITERATION_ONE_SWEEP, "not converged"),
    "maml": ("maml", MAML, None),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_solutions(tmp_path_factory.mktemp("sequences_and_rl"), CASES)


@pytest.mark.parametrize("case", CASES)
def test_a_solution_written_another_way_is_judged_by_the_stated_contract(results, case):
    assert_judged(results[case], CASES[case][2])
