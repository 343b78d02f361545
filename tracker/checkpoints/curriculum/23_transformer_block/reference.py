"""A pre-norm transformer block (reference solution)."""

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) + beta


def split_heads(x, n_heads):
    B, T, d_model = x.shape
    return x.reshape(B, T, n_heads, d_model // n_heads).transpose(0, 2, 1, 3)


def multi_head_attention(x, params, n_heads, causal=False):
    B, T, d_model = x.shape
    d_head = d_model // n_heads
    q, k, v = (split_heads(x @ params[name], n_heads) for name in ("Wq", "Wk", "Wv"))
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)
    if causal:
        scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    heads = softmax(scores) @ v
    return heads.transpose(0, 2, 1, 3).reshape(B, T, d_model) @ params["Wo"]


def feed_forward(x, params):
    return np.maximum(x @ params["W1"] + params["b1"], 0) @ params["W2"] + params["b2"]


def transformer_block(x, params, n_heads, causal=False):
    h = x + multi_head_attention(layer_norm(x, params["ln1_g"], params["ln1_b"]), params, n_heads, causal)
    return h + feed_forward(layer_norm(h, params["ln2_g"], params["ln2_b"]), params)
