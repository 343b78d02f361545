"""Checks for the first-order MAML checkpoint."""

import numpy as np
from checklib import as_array, expect_close, expect_gradient, fail, numerical_gradient

CENTRES = np.linspace(-5, 5, 10)
FOMAML = ("adapt on the support set with `steps` steps of gradient descent, then return the query loss's "
          "gradient at the adapted weights")


def _features(x):
    return np.concatenate([np.exp(-0.5 * (x[:, None] - CENTRES) ** 2), np.ones((len(x), 1))], axis=1)


def _mse(w, X, y):
    return np.mean((X @ w - y) ** 2)


def _adapt(w, X, y, lr, steps):
    for _ in range(steps):
        w = w - lr * 2 * X.T @ (X @ w - y) / len(y)
    return w


def _task(rng, k):
    amplitude, phase = rng.uniform(0.1, 5.0), rng.uniform(0, np.pi)
    x_support, x_query = rng.uniform(-5, 5, k), rng.uniform(-5, 5, 100)
    return (_features(x_support), amplitude * np.sin(x_support + phase),
            _features(x_query), amplitude * np.sin(x_query + phase))


def check_mse_and_grad(solution):
    rng = np.random.default_rng(301)
    for n, F in [(7, 3), (1, 5), (20, 11)]:
        X, y, w = rng.normal(size=(n, F)), rng.normal(size=n), rng.normal(size=F)
        result = solution.mse_and_grad(w.copy(), X, y)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail("mse_and_grad must return a pair (loss, grad)")
        expect_close(result[0], _mse(w, X, y), f"the loss from mse_and_grad with {n} points",
                     hint="the mean over the points of (X @ w - y)**2")
        expect_gradient(result[1], numerical_gradient(lambda: _mse(w, X, y), w), f"the gradient from mse_and_grad with {n} points",
                        tol=1e-6, hint="2 * X.T @ (X @ w - y) / len(y)")


def check_adapt(solution):
    rng = np.random.default_rng(302)
    X, y, _, _ = _task(rng, 10)
    w = rng.normal(size=11)
    for steps in (0, 1, 3):
        expect_close(solution.adapt(w.copy(), X, y, 0.3, steps), _adapt(w, X, y, 0.3, steps),
                     f"adapt(w, X, y, lr=0.3, steps={steps})",
                     hint="each step w = w - lr * (the gradient of the mean squared error at w); 0 steps returns w")


def check_fomaml_gradient(solution):
    rng = np.random.default_rng(303)
    X_s, y_s, X_q, y_q = _task(rng, 10)
    w = rng.normal(size=11)
    got = as_array(solution.fomaml_gradient(w.copy(), X_s, y_s, X_q, y_q, 0.3, 2),
                   "fomaml_gradient(w, support, query, lr=0.3, steps=2)", (11,))
    adapted = _adapt(w, X_s, y_s, 0.3, 2)
    at_start = 2 * X_q.T @ (X_q @ w - y_q) / len(y_q)
    if np.allclose(got, at_start):
        fail(f"fomaml_gradient returns the query gradient at the meta-weights w; first-order MAML takes it "
             f"at the adapted weights: {FOMAML}")
    on_query = _adapt(w, X_q, y_q, 0.3, 2)
    if np.allclose(got, 2 * X_q.T @ (X_q @ on_query - y_q) / len(y_q)):
        fail(f"fomaml_gradient adapted on the query points: the inner steps use the support set, the query "
             f"set only judges the adapted weights; {FOMAML}")
    expect_gradient(got, numerical_gradient(lambda: _mse(adapted, X_q, y_q), adapted),
                    "fomaml_gradient(...)", tol=1e-6, hint=FOMAML)


def _loss_after(w0, tasks, steps):
    return float(np.mean([_mse(_adapt(w0, X_s, y_s, 0.3, steps), X_q, y_q) for X_s, y_s, X_q, y_q in tasks]))


def check_meta_training_helps_on_new_tasks(solution):
    with np.errstate(all="ignore"):
        w0 = as_array(solution.meta_train(100, 10, 10, 0.3, 1, 1.0, np.random.default_rng(304)),
                      "meta_train(...)", (11,))
    rng = np.random.default_rng(305)
    tasks = [_task(rng, 10) for _ in range(200)]
    for steps in (1, 3):
        with np.errstate(all="ignore"):
            meta, scratch = _loss_after(w0, tasks, steps), _loss_after(np.zeros(11), tasks, steps)
        if not (meta < 0.85 * scratch):
            fail(f"on new tasks, {steps} inner step(s) from your meta-trained w0 give a query loss of "
                 f"{meta:.4g}, and the same steps from w = 0 give {scratch:.4g}; meta-training should lower it "
                 "by at least 15%. Is the outer step w0 -= outer_lr * (the mean first-order meta-gradient "
                 "over the batch), starting from w0 = 0?")
