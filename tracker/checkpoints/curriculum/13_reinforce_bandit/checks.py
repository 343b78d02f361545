"""Checks for the REINFORCE checkpoint."""

import numpy as np
from checklib import (
    as_array,
    expect_close,
    expect_gradient,
    fail,
    floating_point_guard,
    numerical_gradient,
    standing_in,
)

ARM_MEANS = np.array([0.1, 0.5, 0.2, 0.9, 0.3])
BEST_ARM = 3


def _softmax(theta):
    e = np.exp(theta - theta.max())
    return e / e.sum()


def check_policy(solution):
    theta = np.array([0.5, -1.0, 2.0])
    expect_close(solution.policy(theta), _softmax(theta), "policy([0.5, -1, 2])")
    with floating_point_guard("policy of logits near 1000", "subtract the max logit before np.exp"):
        probs = solution.policy(np.array([1000.0, 999.0, -1000.0]))
    expect_close(probs, _softmax(np.array([1000.0, 999.0, -1000.0])), "policy of logits near 1000")


def check_log_prob_grad(solution):
    rng = np.random.default_rng(131)
    for action in range(4):
        theta = rng.normal(size=4)
        numeric = numerical_gradient(lambda: np.log(_softmax(theta)[action]), theta)
        expect_gradient(solution.log_prob_grad(theta.copy(), action), numeric,
                        f"log_prob_grad(theta, action={action})", tol=1e-6,
                        hint="for a softmax policy, d log pi(a) / d theta = onehot(a) - pi")


def check_update_follows_the_advantage(solution):
    theta = np.array([0.2, -0.4, 0.1])
    for reward, direction in [(2.0, "more"), (-1.0, "less")]:
        new = as_array(solution.reinforce_update(theta.copy(), 1, reward, 0.5, 0.1), "reinforce_update(...)", (3,))
        before, after = _softmax(theta)[1], _softmax(new)[1]
        if (after > before) != (direction == "more"):
            better = "better" if direction == "more" else "worse"
            fail(f"a reward {better} than the baseline made the action {'less' if direction == 'more' else 'more'} "
                 f"likely ({before:.3f} -> {after:.3f}): REINFORCE climbs the expected reward, "
                 "theta += lr * (reward - baseline) * grad log pi(a)")
        grad = -_softmax(theta)
        grad[1] += 1
        expect_close(new, theta + 0.1 * (reward - 0.5) * grad, "reinforce_update(theta, 1, reward, 0.5, lr=0.1)")


def check_train_uses_a_baseline(solution):
    """Rewards all near 3.5 make the baseline matter; the checker stands in for reinforce_update
    for a short run, to see the baseline each update is given."""
    seen = []

    def watched_update(theta, action, reward, baseline, lr):
        seen.append((float(reward), float(baseline)))
        grad = -_softmax(np.asarray(theta, dtype=float))
        grad[int(action)] += 1
        return theta + lr * (reward - baseline) * grad

    with standing_in(solution, "reinforce_update", watched_update):
        solution.train_bandit(ARM_MEANS + 3.0, 200, 0.1, np.random.default_rng(133))
    if not seen:
        fail("train_bandit never called reinforce_update: make each step's update with it")
    rewards, baselines = np.array(seen).T
    if np.all(baselines == 0):
        fail(f"the baseline stays 0 for all {len(seen)} updates: move it towards each reward "
             "(baseline += 0.05 * (reward - baseline)), so only better-than-usual rewards push an arm up")
    recent = rewards[-100:].mean()
    if abs(baselines[-1] - recent) > 1.0:
        fail(f"after {len(seen)} pulls with rewards averaging {recent:.2f}, the baseline is "
             f"{baselines[-1]:.2f}: it should follow the rewards (a running average of them)")


def check_learns_the_best_arm(solution):
    theta = as_array(solution.train_bandit(ARM_MEANS.copy(), 3000, 0.1, np.random.default_rng(132)),
                     "train_bandit(...)", ARM_MEANS.shape)
    probs = _softmax(theta)
    if probs[BEST_ARM] < 0.8:
        fail(f"after 3000 pulls the policy is {np.round(probs, 3)}; arm {BEST_ARM} (mean "
             f"{ARM_MEANS[BEST_ARM]}) should have probability above 0.8")
