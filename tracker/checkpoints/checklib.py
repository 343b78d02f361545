"""Helpers the curriculum's checks use to judge a learner's code and say what is wrong.

It runs in the trusted checker (the checks say `from checklib import ...`), never where the learner's
code runs: the values it judges came over the data-only channel.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import NoReturn

import numpy as np


class CheckFailed(AssertionError):
    """A check's verdict, worded for the learner: what is wrong and what to try."""


def fail(message: str) -> NoReturn:
    raise CheckFailed(message)


def show(value: object) -> str:
    """A short, readable value for messages: a few significant digits, long arrays elided."""
    array = np.asarray(value)
    if array.ndim == 0 and np.issubdtype(array.dtype, np.number):
        return f"{array.item():.6g}"
    with np.printoptions(precision=4, suppress=True, threshold=12, edgeitems=2, linewidth=100):
        return np.array2string(array, separator=", ")


def as_array(value: object, what: str, shape: tuple[int, ...] | None = None, hint: str = "") -> np.ndarray:
    """The learner's result as a float array, refusing None, non-numbers and wrong shapes; a wrong
    shape keeps the check's hint, since it is often the same mistake (a stride ignored)."""
    if value is None:
        fail(f"{what} returned None: is a `return` missing?")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} returned a {type(value).__name__}, expected numbers")
    if shape is not None and array.shape != tuple(shape):
        fail(f"{what} has shape {array.shape}, expected {tuple(shape)}" + _sentence(hint))
    return array


def expect_finite(value: object, what: str, hint: str = "") -> np.ndarray:
    array = as_array(value, what)
    if not np.all(np.isfinite(array)):
        fail(f"{what} contains nan or inf: {show(array)}" + _sentence(hint))
    return array


def expect_close(
    actual: object, expected: object, what: str, *, rtol: float = 1e-6, atol: float = 1e-9,
    hint: str = "",
) -> np.ndarray:
    """Compare element by element and name the first wrong element, with both values."""
    want = np.asarray(expected, dtype=float)
    got = as_array(actual, what, want.shape, hint)
    if np.all(np.isfinite(want)) and not np.all(np.isfinite(got)):
        fail(f"{what} contains nan or inf: {show(got)}" + _sentence(hint))
    wrong = ~np.isclose(got, want, rtol=rtol, atol=atol)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        where = f" at [{', '.join(map(str, index))}]" if index else ""
        fail(f"{what}: got {show(got[index])}{where}, expected {show(want[index])}" + _sentence(hint))
    return got


def numerical_gradient(loss: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of `loss()` with respect to `x`, which is nudged in place and restored."""
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + eps
        above = float(loss())
        x[index] = old - eps
        below = float(loss())
        x[index] = old
        grad[index] = (above - below) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """Size of the difference against the size of the values; 0 when both are zero."""
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def expect_gradient(
    analytic: object, numeric: np.ndarray, what: str, *, tol: float = 1e-5, hint: str = "",
) -> np.ndarray:
    """Compare a gradient with the numerical one and, when it is off by a constant factor, say so.

    Most backprop bugs show up as a wrong sign, a missing factor (2, the batch size) or zeros;
    naming the factor tells the learner where to look.
    """
    got = as_array(analytic, what, numeric.shape, hint)
    if not np.all(np.isfinite(got)):
        fail(f"{what} contains nan or inf" + _sentence(hint))
    error = relative_error(got, numeric)
    if error <= tol:
        return got
    fail(f"{what} disagrees with the numerical gradient (relative error {error:.1e})"
         + _gradient_diagnosis(got, numeric) + _sentence(hint))


def _gradient_diagnosis(got: np.ndarray, numeric: np.ndarray) -> str:
    if not np.any(got):
        return ": it is all zeros"
    denominator = float(np.vdot(numeric, numeric))
    if denominator == 0:
        return ""
    factor = float(np.vdot(got, numeric)) / denominator
    if relative_error(got, factor * numeric) > 1e-3:
        return ""
    if abs(factor + 1) < 1e-3:
        return ": it has the wrong sign"
    return f": it is {factor:.3g} times the true gradient"


@contextlib.contextmanager
def floating_point_guard(what: str, hint: str) -> Iterator[None]:
    """Turn overflow, nan and division by zero inside the learner's code into a clear verdict.

    Naive formulas (exp of a large number, log of zero) only warn in numpy; a check that wants
    numerical stability makes them errors and explains the fix.
    """
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        try:
            yield
        except FloatingPointError as err:
            fail(f"{what}: {err}{learner_line_note(err)}" + _sentence(hint))


def learner_line_note(err: BaseException) -> str:
    """' (line N)' for the learner's line where `err` was raised, or '' when not in their code."""
    line = getattr(err, "learner_line", None)
    return f" (line {line})" if line else ""


@contextlib.contextmanager
def standing_in(solution: object, name: str, function: Callable) -> Iterator[None]:
    """Replace the learner's module function `name` with a checker's `function` for a while.

    The learner's own loop then runs in one call (no round trip per step) while the checker sees
    or chooses what that function gets and gives: a training loop's starting weights, the
    baseline each update is given.
    """
    original = getattr(solution, name)
    setattr(solution, name, function)
    try:
        yield
    finally:
        setattr(solution, name, original)


def best_seconds(call: Callable[[], object], repeat: int = 3, good_enough: float = 0.0) -> float:
    """The fastest of a few timings of `call()`: the least noisy estimate of its cost.

    Stops early once a timing is within `good_enough`, so a slow call is not repeated in vain.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
        if best <= good_enough:
            break
    return best


def _sentence(hint: str) -> str:
    return f"; {hint}" if hint else ""
