"""First-order MAML on sine-wave regression, with a model linear in fixed features.

Replace each TODO. X is features(x), shape (n, 11); w has shape (11,).
Check your work with `tracker check run maml`.
"""

import numpy as np

CENTRES = np.linspace(-5, 5, 10)


def features(x):
    """Ten Gaussian bumps along [-5, 5] and a constant: the model is features(x) @ w."""
    bumps = np.exp(-0.5 * (np.asarray(x, dtype=float)[:, None] - CENTRES) ** 2)
    return np.concatenate([bumps, np.ones((len(bumps), 1))], axis=1)


def mse_and_grad(w, X, y):
    """Return (mean((X @ w - y)**2), its gradient with respect to w)."""
    # TODO
    raise NotImplementedError


def adapt(w, X, y, lr, steps):
    """The weights after `steps` steps of gradient descent on (X, y) from w."""
    # TODO
    raise NotImplementedError


def fomaml_gradient(w, X_support, y_support, X_query, y_query, lr, steps):
    """First-order meta-gradient: adapt on the support set, then the query loss's gradient there."""
    # TODO
    raise NotImplementedError


def meta_train(iterations, meta_batch, k_shot, inner_lr, inner_steps, outer_lr, rng):
    """Meta-train w0 from zeros on sine tasks (amplitude in [0.1, 5], phase in [0, pi], x in [-5, 5])."""
    # TODO
    raise NotImplementedError
