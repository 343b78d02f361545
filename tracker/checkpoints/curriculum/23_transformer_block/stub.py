"""A pre-norm transformer block: multi-head self-attention, residuals, layer norm, feed-forward.

Replace each TODO. x is (B, T, d_model): a batch of B sequences of T tokens. params holds
Wq, Wk, Wv, Wo (d_model, d_model); ln1_g, ln1_b, ln2_g, ln2_b (d_model,);
W1 (d_model, d_ff), b1 (d_ff,), W2 (d_ff, d_model), b2 (d_model,).
Check your work with `tracker check run transformer_block`.
"""

import numpy as np


def softmax(z, axis=-1):
    """A numerically stable softmax (written for you)."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def layer_norm(x, gamma, beta, eps=1e-5):
    """Layer norm over the last axis (written for you: see the layer_norm checkpoint)."""
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) + beta


def split_heads(x, n_heads):
    """(B, T, d_model) -> (B, n_heads, T, d_head): head h gets features h*d_head .. (h+1)*d_head - 1."""
    # TODO
    raise NotImplementedError


def multi_head_attention(x, params, n_heads, causal=False):
    """Self-attention of x with itself in n_heads heads; with causal=True token t sees tokens 0..t.

    Return (B, T, d_model): the heads joined back together, then @ Wo.
    """
    # TODO
    raise NotImplementedError


def feed_forward(x, params):
    """relu(x @ W1 + b1) @ W2 + b2, applied to every token on its own."""
    # TODO
    raise NotImplementedError


def transformer_block(x, params, n_heads, causal=False):
    """Pre-norm: h = x + attention(layer_norm_1(x)); return h + feed_forward(layer_norm_2(h))."""
    # TODO
    raise NotImplementedError
