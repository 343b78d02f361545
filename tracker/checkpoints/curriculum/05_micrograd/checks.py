"""Checks for the micrograd checkpoint.

Each expression is a plain function of numbers written with +, * and tanh, so the same code
runs on the learner's Values and on floats (for the numerical derivative).
"""

import math

import numpy as np
from checklib import expect_close, fail

ACCUMULATE = "a value used more than once must accumulate with += in _backward"
TOPOLOGICAL = ("call _backward in reverse topological order, so a value passes its gradient "
               "on only after everything that uses it has")


def _tanh(v):
    return v.tanh() if hasattr(v, "tanh") else math.tanh(v)


def neuron(x1, x2, w1, w2, b):
    return _tanh(x1 * w1 + x2 * w2 + b)


def reused(a, b):
    c = a * b
    d = c + a * 2
    return _tanh(d * c + a)


def diamond(a):
    h = _tanh(a * 0.7)
    top = h * 2 + 1
    return _tanh(top * h + h * h)


def _grads(solution, function, numbers):
    values = [solution.Value(x) for x in numbers]
    out = function(*values)
    if not isinstance(out, solution.Value):
        fail(f"an expression of Values gave a {type(out).__name__}: +, * and tanh must return a Value")
    out.backward()
    return out.data, [v.grad for v in values]


def _numeric(function, numbers, eps=1e-6):
    grads = []
    for i in range(len(numbers)):
        above, below = list(numbers), list(numbers)
        above[i] += eps
        below[i] -= eps
        grads.append((function(*above) - function(*below)) / (2 * eps))
    return grads


def check_forward_values(solution):
    V = solution.Value
    expect_close((V(2) + V(3)).data, 5, "Value(2) + Value(3)")
    expect_close((V(2) * V(-3)).data, -6, "Value(2) * Value(-3)")
    expect_close((2 + V(1) * 3).data, 5, "2 + Value(1) * 3")
    expect_close(V(0.5).tanh().data, math.tanh(0.5), "Value(0.5).tanh()")


def check_single_operations(solution):
    for name, function, numbers, rule in [
        ("a + b", lambda a, b: a + b, [1.5, -2.0], "a and b each get out.grad"),
        ("a * b", lambda a, b: a * b, [1.5, -2.0], "a.grad += b.data * out.grad, and the same for b"),
        ("tanh(a)", lambda a: _tanh(a), [0.8], "a.grad += (1 - t**2) * out.grad with t = tanh(a)"),
    ]:
        _expect_grads(solution, name, function, numbers, hint=f"for out = {name}, {rule}")


def check_neuron(solution):
    numbers = [2.0, 0.0, -3.0, 1.0, 6.8813735870195432]
    _expect_grads(solution, "tanh(x1*w1 + x2*w2 + b)", neuron, numbers, hint="")


def check_value_used_twice(solution):
    V = solution.Value
    for name, function, expected in [("a + a", lambda a: a + a, 2.0), ("a * a", lambda a: a * a, 6.0)]:
        a = V(3.0)
        function(a).backward()
        if abs(a.grad - expected) > 1e-9:
            fail(f"for out = {name} with a = 3, a.grad is {a.grad:.6g}, expected {expected:g}: {ACCUMULATE}")


def check_deep_shared_graph(solution):
    numbers = [0.6]
    _, grads = _grads(solution, diamond, numbers)
    numeric = _numeric(diamond, numbers)
    if abs(grads[0] - numeric[0]) > 1e-5 * max(1, abs(numeric[0])):
        fail(f"in a graph where one value feeds several others, the input's grad is {grads[0]:.6g}, "
             f"expected {numeric[0]:.6g}: {TOPOLOGICAL}")


def check_reused_values(solution):
    _expect_grads(solution, "an expression that reuses a and b", reused, [0.3, -0.8],
                  hint=f"{ACCUMULATE}, in reverse topological order")


def check_random_expressions(solution):
    rng = np.random.default_rng(51)
    for _ in range(20):
        numbers = list(rng.uniform(-1.5, 1.5, 4))
        ops = rng.integers(0, 3, 6)

        def expression(*xs, ops=ops):
            nodes = list(xs)
            for k, op in enumerate(ops):
                a, b = nodes[k % len(nodes)], nodes[-1]
                nodes.append(a + b if op == 0 else a * b if op == 1 else _tanh(a))
            return nodes[-1]

        _expect_grads(solution, "a random expression", expression, numbers,
                      hint=f"{ACCUMULATE}, in reverse topological order")


def _expect_grads(solution, name, function, numbers, hint):
    data, grads = _grads(solution, function, numbers)
    expect_close(data, function(*numbers), f"the value of {name}")
    expect_close(grads, _numeric(function, numbers), f"the input grads of {name}",
                 rtol=1e-5, atol=1e-7, hint=hint)
