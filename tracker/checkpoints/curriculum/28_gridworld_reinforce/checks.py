"""Checks for the grid-world REINFORCE checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

GOAL, MAX_STEPS = 15, 30
RETURNS = "walk backwards: G_t = r_t + gamma * G_{t+1}, starting from G = 0 after the last reward"
GRADIENT = "grad[s_t] += (G_t - baseline[s_t]) * (onehot(a_t) - softmax(theta[s_t])), summed over the steps"


def _softmax(logits):
    e = np.exp(logits - logits.max())
    return e / e.sum()


def _returns(rewards, gamma):
    return np.array([sum(gamma ** k * r for k, r in enumerate(rewards[t:])) for t in range(len(rewards))])


def _surrogate(theta, states, actions, returns, baseline):
    """A function whose gradient is the REINFORCE estimate: sum (G_t - b) log pi(a_t | s_t)."""
    return sum((g - baseline[s]) * np.log(_softmax(theta[s])[a]) for s, a, g in zip(states, actions, returns))


def check_grid_step(solution):
    cases = [(0, 0, 0, "up from the top-left corner stays"), (0, 3, 0, "left from the top-left corner stays"),
             (0, 1, 1, "right from 0"), (0, 2, 4, "down from 0"), (7, 1, 7, "right from the right edge stays"),
             (11, 2, 15, "down from 11 reaches the goal"), (14, 1, 15, "right from 14 reaches the goal")]
    for state, action, want, what in cases:
        result = solution.grid_step(state, action)
        if not (isinstance(result, tuple) and len(result) == 3):
            fail("grid_step must return a triple (next_state, reward, done)")
        nxt, reward, done = result
        if int(nxt) != want:
            fail(f"grid_step({state}, {action}): {what}, to {want}; got {nxt}. States are 4 * row + col, "
                 "actions 0 up, 1 right, 2 down, 3 left")
        reward_want = 1.0 if want == GOAL else -0.1
        if not np.isclose(float(reward), reward_want) or bool(done) != (want == GOAL):
            fail(f"grid_step({state}, {action}) gave reward {reward} and done {done}; expected "
                 f"{reward_want} and {want == GOAL}: +1 and done on reaching the goal, -0.1 for any other move")


def check_returns_to_go(solution):
    expect_close(solution.returns_to_go(np.array([1.0, 2.0, 3.0]), 0.5), [2.75, 3.5, 3.0],
                 "returns_to_go([1, 2, 3], gamma=0.5)", hint=RETURNS)
    rng = np.random.default_rng(281)
    rewards = rng.normal(size=int(rng.integers(5, 12)))
    for gamma in (0.9, 1.0):
        expect_close(solution.returns_to_go(rewards.copy(), gamma), _returns(rewards, gamma),
                     f"returns_to_go of {len(rewards)} rewards, gamma={gamma}", hint=RETURNS)
    expect_close(solution.returns_to_go(np.array([-0.1]), 0.9), [-0.1], "returns_to_go of one reward")


def check_policy_and_gradient(solution):
    rng = np.random.default_rng(282)
    theta = rng.normal(size=(16, 4))
    expect_close(solution.policy(theta.copy(), 5), _softmax(theta[5]), "policy(theta, 5)",
                 hint="softmax of the row theta[state]")
    states = np.array([0, 1, 5, 1, 2, 6])  # state 1 is visited twice
    actions = rng.integers(0, 4, size=len(states))
    returns = rng.normal(size=len(states))
    baseline = rng.normal(size=16)
    got = as_array(solution.reinforce_gradient(theta.copy(), states, actions, returns, baseline.copy()),
                   "reinforce_gradient(...)", theta.shape)
    without = np.zeros_like(theta)
    for s, a, g in zip(states, actions, returns):
        without[s] += g * (np.eye(4)[a] - _softmax(theta[s]))
    if np.allclose(got, without):
        fail("reinforce_gradient gives the same gradient as with a zero baseline: the baseline is not "
             f"subtracted; weight each step by the advantage G_t - baseline[s_t]. {GRADIENT}")
    numeric = numerical_gradient(lambda: _surrogate(theta, states, actions, returns, baseline), theta)
    expect_gradient(got, numeric, "reinforce_gradient(...)", tol=1e-6, hint=GRADIENT)


def _play(theta, rng, episodes=200, gamma=0.95):
    """Play many episodes at once; return the share that reach the goal, their mean length and the
    mean discounted return from the start."""
    probs = np.exp(theta - theta.max(axis=1, keepdims=True))
    cumulative = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    states, running = np.zeros(episodes, dtype=int), np.ones(episodes, dtype=bool)
    lengths, start_return = np.full(episodes, MAX_STEPS), np.zeros(episodes)
    for t in range(MAX_STEPS):
        actions = np.minimum((rng.random(episodes)[:, None] > cumulative[states]).sum(axis=1), 3)
        row, col = np.divmod(states, 4)
        row = np.clip(row + (actions == 2) - (actions == 0), 0, 3)
        col = np.clip(col + (actions == 1) - (actions == 3), 0, 3)
        states = np.where(running, 4 * row + col, states)
        arrived = running & (states == GOAL)
        start_return += running * gamma ** t * np.where(arrived, 1.0, -0.1)
        lengths[arrived] = t + 1
        running &= ~arrived
    reached = ~running
    return reached.mean(), float(lengths[reached].mean()) if reached.any() else float("inf"), start_return.mean()


def check_training_reaches_the_goal(solution):
    result = solution.train(100, 0.5, 0.95, np.random.default_rng(283))
    if not (isinstance(result, tuple) and len(result) == 2):
        fail("train must return a pair (theta, baseline)")
    theta = as_array(result[0], "theta from train", (16, 4))
    baseline = as_array(result[1], "baseline from train", (16,))
    if not np.all(np.isfinite(theta)):
        fail("theta from train contains nan or inf: is it theta += lr * grad, with lr = 0.5?")
    success, length, start_return = _play(theta, np.random.default_rng(284))
    if success < 0.9 or length > 9:
        fail(f"after 100 episodes the policy reaches the goal in {success:.0%} of episodes, in {length:.1f} "
             "moves on average; expected at least 90%, in at most 9 moves (the shortest path is 6). "
             "Is it gradient ascent, theta += lr * grad?")
    if not np.any(baseline):
        fail("the baseline stayed 0 during training: after each episode move baseline[s] towards the "
             "returns seen from s, e.g. baseline[s] += 0.1 * (G_t - baseline[s])")
    if abs(baseline[0] - start_return) > 0.5:
        fail(f"the baseline for the start state is {baseline[0]:.3g}, but the trained policy's return from "
             f"there is about {start_return:.3g}: keep baseline[s] a running average of the returns from s")
