"""Checks for the transformer block: the checker's own loop-over-heads version is the oracle."""

import numpy as np
from checklib import as_array, expect_close, fail

HEADS = ("head h takes features h*d_head .. (h+1)*d_head - 1 of every token: reshape to "
         "(B, T, n_heads, d_head), then transpose to (B, n_heads, T, d_head)")
MHA = ("per head: softmax(q @ k^T / sqrt(d_head)) @ v, with d_head = d_model // n_heads; join the "
       "heads back to (B, T, d_model) in the same order, then @ Wo")
PRE_NORM = ("this block is pre-norm: h = x + attention(layer_norm(x, ln1)), "
            "out = h + feed_forward(layer_norm(h, ln2)); the residual path itself is never normalised")


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _norm(x, g, b):
    c = x - x.mean(axis=-1, keepdims=True)
    return g * c / np.sqrt((c**2).mean(axis=-1, keepdims=True) + 1e-5) + b


def _attention(x, p, n_heads, causal=False, scale_width=None):
    """One head at a time, sliced out of the projections: no reshape to get wrong."""
    T, d_model = x.shape[1], x.shape[2]
    d_head = d_model // n_heads
    q, k, v = x @ p["Wq"], x @ p["Wk"], x @ p["Wv"]
    heads = []
    for h in range(n_heads):
        cols = slice(h * d_head, (h + 1) * d_head)
        scores = np.einsum("btd,bsd->bts", q[..., cols], k[..., cols]) / np.sqrt(scale_width or d_head)
        if causal:
            scores = scores + np.triu(np.full((T, T), -np.inf), k=1)
        heads.append(_softmax(scores) @ v[..., cols])
    return np.concatenate(heads, axis=-1) @ p["Wo"]


def _ffn(x, p):
    return np.maximum(x @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]


def _block(x, p, n_heads, causal=False):
    h = x + _attention(_norm(x, p["ln1_g"], p["ln1_b"]), p, n_heads, causal)
    return h + _ffn(_norm(h, p["ln2_g"], p["ln2_b"]), p)


def _post_norm_block(x, p, n_heads, causal=False):
    h = _norm(x + _attention(x, p, n_heads, causal), p["ln1_g"], p["ln1_b"])
    return _norm(h + _ffn(h, p), p["ln2_g"], p["ln2_b"])


def _params(rng, d_model, d_ff):
    p = {name: rng.normal(scale=1 / np.sqrt(d_model), size=(d_model, d_model)) for name in ("Wq", "Wk", "Wv", "Wo")}
    p.update(ln1_g=1 + 0.2 * rng.normal(size=d_model), ln1_b=0.2 * rng.normal(size=d_model),
             ln2_g=1 + 0.2 * rng.normal(size=d_model), ln2_b=0.2 * rng.normal(size=d_model),
             W1=rng.normal(scale=1 / np.sqrt(d_model), size=(d_model, d_ff)), b1=0.1 * rng.normal(size=d_ff),
             W2=rng.normal(scale=1 / np.sqrt(d_ff), size=(d_ff, d_model)), b2=0.1 * rng.normal(size=d_model))
    return p


def _call(solution, name, x, *args, **kwargs):
    """The learner's function `name` on a copy of x; its result must keep x's shape."""
    return as_array(getattr(solution, name)(x.copy(), *args, **kwargs), f"{name} of x {x.shape}", x.shape)


def check_split_heads(solution):
    x = np.arange(2 * 3 * 4, dtype=float).reshape(2, 3, 4)
    got = as_array(solution.split_heads(x.copy(), 2), "split_heads(x (2, 3, 4), n_heads=2)", (2, 2, 3, 2))
    expect_close(got, x.reshape(2, 3, 2, 2).transpose(0, 2, 1, 3), "split_heads(x (2, 3, 4), n_heads=2)",
                 hint=HEADS)


def check_attention_for_several_head_counts(solution):
    rng = np.random.default_rng(231)
    d_model = 8
    p, x = _params(rng, d_model, 16), rng.normal(size=(2, 5, d_model))
    for n_heads in (1, 2, 4, 8):
        got = _call(solution, "multi_head_attention", x, p, n_heads)
        if n_heads > 1 and np.allclose(got, _attention(x, p, n_heads, scale_width=d_model)):
            fail(f"with {n_heads} heads the scores were divided by sqrt(d_model) = sqrt({d_model}); each head "
                 f"is d_head = {d_model // n_heads} wide, so divide by sqrt(d_head)")
        if n_heads > 1 and np.allclose(got, _attention(x, p, 1)):
            fail(f"multi_head_attention with {n_heads} heads gives the one-head result: split the "
                 f"projections into heads first; {HEADS}")
        expect_close(got, _attention(x, p, n_heads), f"multi_head_attention with {n_heads} heads, x {x.shape}",
                     hint=f"{HEADS}; {MHA}")


def check_causal_attention_ignores_later_tokens(solution):
    rng = np.random.default_rng(232)
    p, x = _params(rng, 6, 12), rng.normal(size=(1, 7, 6))
    before = _call(solution, "multi_head_attention", x, p, 3, causal=True)
    for t in (0, 3, 5):
        changed = x.copy()
        changed[:, t + 1:] = rng.normal(size=changed[:, t + 1:].shape)
        after = _call(solution, "multi_head_attention", changed, p, 3, causal=True)
        same = np.isclose(after[0, :t + 1], before[0, :t + 1], rtol=1e-9, atol=1e-12).all(axis=-1)
        if not same.all():
            fail(f"with causal=True, the output at token {int(np.flatnonzero(~same)[0])} changed when only "
                 f"later tokens (from {t + 1} on) changed: token t may attend to tokens 0..t only, so the "
                 "mask must hide every key s > t (np.tril(np.ones((T, T), dtype=bool)) keeps the allowed ones)")
    expect_close(before, _attention(x, p, 3, causal=True), "multi_head_attention with causal=True",
                 hint="set the scores where key s > query t to -inf before the softmax, in every head")


def check_feed_forward(solution):
    rng = np.random.default_rng(233)
    p, x = _params(rng, 4, 10), rng.normal(size=(3, 2, 4))
    expect_close(_call(solution, "feed_forward", x, p), _ffn(x, p), "feed_forward of x (3, 2, 4)",
                 hint="relu(x @ W1 + b1) @ W2 + b2, the same weights for every token")


def check_block_is_pre_norm_with_residuals(solution):
    rng = np.random.default_rng(234)
    for n_heads, shape, causal in [(2, (2, 4, 8), False), (4, (1, 6, 8), True), (3, (3, 3, 6), False)]:
        p, x = _params(rng, shape[-1], 2 * shape[-1]), rng.normal(size=shape)
        got = _call(solution, "transformer_block", x, p, n_heads, causal=causal)
        if np.allclose(got, _post_norm_block(x, p, n_heads, causal)):
            fail("transformer_block normalises after each residual sum (post-norm); " + PRE_NORM)
        expect_close(got, _block(x, p, n_heads, causal),
                     f"transformer_block with {n_heads} heads, x {shape}, causal={causal}", hint=PRE_NORM)
