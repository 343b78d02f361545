"""REINFORCE with a baseline on a 4x4 grid world.

Replace each TODO. States 0..15 (s = 4 * row + col), start 0, goal 15; actions 0 up, 1 right,
2 down, 3 left. theta is (16, 4): the logits of each state's policy.
Check your work with `tracker check run gridworld_reinforce`.
"""

import numpy as np  # noqa: F401 (the learner will need it)


def grid_step(state, action):
    """Return (next_state, reward, done): +1 and done when the move reaches the goal, else -0.1."""
    # TODO
    raise NotImplementedError


def policy(theta, state):
    """The action probabilities in state: softmax(theta[state]), shape (4,)."""
    # TODO
    raise NotImplementedError


def returns_to_go(rewards, gamma):
    """G_t = r_t + gamma * G_{t+1} for every step of an episode, as an array."""
    # TODO
    raise NotImplementedError


def reinforce_gradient(theta, states, actions, returns, baseline):
    """The sum over the episode of (G_t - baseline[s_t]) * grad log pi(a_t | s_t); shape (16, 4)."""
    # TODO
    raise NotImplementedError


def train(episodes, lr, gamma, rng):
    """Play episodes from state 0 (at most 30 moves each), step theta up the policy gradient and keep
    the baseline a running average of the returns from each state. Return (theta, baseline)."""
    # TODO
    raise NotImplementedError
