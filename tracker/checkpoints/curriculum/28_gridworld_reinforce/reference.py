"""REINFORCE with a per-state baseline on a 4x4 grid world (reference solution)."""

import numpy as np

SIZE, GOAL, MAX_STEPS = 4, 15, 30
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]


def grid_step(state, action):
    row, col = divmod(int(state), SIZE)
    d_row, d_col = MOVES[int(action)]
    row, col = min(max(row + d_row, 0), SIZE - 1), min(max(col + d_col, 0), SIZE - 1)
    next_state = row * SIZE + col
    done = next_state == GOAL
    return next_state, (1.0 if done else -0.1), done


def policy(theta, state):
    logits = theta[state]
    e = np.exp(logits - logits.max())
    return e / e.sum()


def returns_to_go(rewards, gamma):
    returns, running = np.zeros(len(rewards)), 0.0
    for t in reversed(range(len(rewards))):
        running = rewards[t] + gamma * running
        returns[t] = running
    return returns


def reinforce_gradient(theta, states, actions, returns, baseline):
    grad = np.zeros_like(theta)
    for s, a, g in zip(states, actions, returns):
        score = -policy(theta, s)
        score[a] += 1
        grad[s] += (g - baseline[s]) * score
    return grad


def train(episodes, lr, gamma, rng):
    theta, baseline = np.zeros((SIZE * SIZE, 4)), np.zeros(SIZE * SIZE)
    for _ in range(episodes):
        states, actions, rewards, state = [], [], [], 0
        for _ in range(MAX_STEPS):
            action = rng.choice(4, p=policy(theta, state))
            next_state, reward, done = grid_step(state, action)
            states.append(state)
            actions.append(action)
            rewards.append(reward)
            state = next_state
            if done:
                break
        returns = returns_to_go(rewards, gamma)
        theta += lr * reinforce_gradient(theta, states, actions, returns, baseline)
        for s, g in zip(states, returns):
            baseline[s] += 0.1 * (g - baseline[s])
    return theta, baseline
