"""REINFORCE on a multi-armed bandit (reference solution)."""

import numpy as np


def policy(theta):
    e = np.exp(theta - np.max(theta))
    return e / e.sum()


def log_prob_grad(theta, action):
    grad = -policy(theta)
    grad[action] += 1
    return grad


def reinforce_update(theta, action, reward, baseline, lr):
    return theta + lr * (reward - baseline) * log_prob_grad(theta, action)


def train_bandit(arm_means, steps, lr, rng):
    theta, baseline = np.zeros(len(arm_means)), 0.0
    for _ in range(steps):
        action = rng.choice(len(arm_means), p=policy(theta))
        reward = rng.normal(arm_means[action], 1.0)
        theta = reinforce_update(theta, action, reward, baseline, lr)
        baseline += 0.05 * (reward - baseline)
    return theta
