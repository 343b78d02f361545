"""REINFORCE on a multi-armed bandit.

Replace each TODO. theta is a float array of k logits, one per arm.
Check your work with `tracker check run reinforce_bandit`.
"""

import numpy as np


def policy(theta):
    """The probability of each arm: softmax(theta), stable for large logits."""
    # TODO
    raise NotImplementedError


def log_prob_grad(theta, action):
    """The gradient of log(policy(theta)[action]) with respect to theta."""
    # TODO
    raise NotImplementedError


def reinforce_update(theta, action, reward, baseline, lr):
    """One REINFORCE step of gradient ascent on the expected reward; return the new theta."""
    # TODO
    raise NotImplementedError


def train_bandit(arm_means, steps, lr, rng):
    """Learn which arm pays best: start from theta = 0, pull arms from the policy (rewards are
    normal with the arm's mean and standard deviation 1), update theta with reinforce_update and a
    baseline that follows the rewards (a running average of them). Return theta."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    theta = train_bandit(np.array([0.1, 0.5, 0.2, 0.9, 0.3]), 3000, 0.1, np.random.default_rng(0))
    print(np.round(policy(theta), 3))
