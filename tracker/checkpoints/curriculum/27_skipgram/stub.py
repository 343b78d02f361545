"""Skip-gram embeddings with negative sampling.

Replace each TODO. W_in and W_out are (V, E): a centre vector and a context vector per word.
Check your work with `tracker check run skipgram`.
"""

import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


def sgns_loss_and_grads(W_in, W_out, centre, context, negatives):
    """Negative-sampling loss of one (centre, context) pair with the negatives (int array of K).

    Return (loss, dW_in, dW_out), the gradients with the shapes of W_in and W_out.
    """
    # TODO
    raise NotImplementedError


def train_skipgram(pairs, vocab_size, dim, n_negatives, epochs, lr, rng):
    """SGD over every (centre, context) row of pairs for each epoch, with n_negatives words drawn
    uniformly with rng for each step. Return the trained W_in (vocab_size, dim)."""
    # TODO
    raise NotImplementedError
