"""Skip-gram with negative sampling (reference solution)."""

import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


def sgns_loss_and_grads(W_in, W_out, centre, context, negatives):
    v = W_in[centre]
    pos_score = W_out[context] @ v
    neg_scores = W_out[negatives] @ v
    loss = np.logaddexp(0, -pos_score) + np.sum(np.logaddexp(0, neg_scores))
    pos_coef = sigmoid(pos_score) - 1
    neg_coef = sigmoid(neg_scores)
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    dW_in[centre] = pos_coef * W_out[context] + neg_coef @ W_out[negatives]
    dW_out[context] += pos_coef * v
    np.add.at(dW_out, negatives, np.outer(neg_coef, v))
    return float(loss), dW_in, dW_out


def train_skipgram(pairs, vocab_size, dim, n_negatives, epochs, lr, rng):
    W_in = 0.1 * rng.normal(size=(vocab_size, dim))
    W_out = 0.1 * rng.normal(size=(vocab_size, dim))
    for _ in range(epochs):
        for centre, context in pairs[rng.permutation(len(pairs))]:
            negatives = rng.integers(0, vocab_size, size=n_negatives)
            _, dW_in, dW_out = sgns_loss_and_grads(W_in, W_out, centre, context, negatives)
            W_in -= lr * dW_in
            W_out -= lr * dW_out
    return W_in
