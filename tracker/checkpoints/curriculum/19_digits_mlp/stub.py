"""An MLP that reads handwritten digits: at least 95% right on images it never saw.

Replace each TODO. The network is fixed (the checks run it themselves on the test images):

    logits = relu(X @ W1 + b1) @ W2 + b2        with X = pixels / 16

params is a dict: W1 (64, H), b1 (H,), W2 (H, 10), b2 (10,), for a hidden size H you choose.
Check your work with `tracker check run digits_mlp`.
"""

import numpy as np


def forward(params, X):
    """The logits, shape (n, 10), for inputs X of shape (n, 64) that are already scaled."""
    # TODO
    raise NotImplementedError


def loss_and_grads(params, X, y):
    """(loss, grads): the mean softmax cross-entropy of the logits against the integer labels y,
    and its gradient as a dict with the keys and shapes of params. X is already scaled."""
    # TODO
    raise NotImplementedError


def train(X, y, seed):
    """Train from scratch on X, raw pixels 0-16 of shape (n, 64) (uint8), and labels y (n,);
    use np.random.default_rng(seed) for every random choice. Return params."""
    # TODO
    raise NotImplementedError


if __name__ == "__main__":
    from importlib import resources

    # The data ships inside tracker; the checks pass it to train, so this is only for trying it out.
    with (resources.files("tracker.checkpoints") / "curriculum/19_digits_mlp/digits.npz").open("rb") as file:
        data = dict(np.load(file, allow_pickle=False))
    order = np.random.default_rng(0).permutation(len(data["y"]))
    train_rows, test_rows = order[:1437], order[1437:]
    params = train(data["X"][train_rows], data["y"][train_rows], seed=0)
    predicted = forward(params, data["X"][test_rows] / 16).argmax(axis=1)
    print(f"test accuracy {np.mean(predicted == data['y'][test_rows]):.1%}")
