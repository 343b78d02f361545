"""A micrograd-style scalar Value with +, *, tanh and backward().

Replace each TODO. Check your work with `tracker check run micrograd`.
"""

import math


class Value:
    """A number that remembers how it was computed, so gradients can flow back through it."""

    def __init__(self, data, _prev=()):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_prev)
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other):
        """self + other; give the result a _backward that adds its grad to both inputs."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))
        # TODO: define _backward and set out._backward = _backward
        raise NotImplementedError

    def __mul__(self, other):
        """self * other; each input's gradient is the other's data times out.grad."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))
        # TODO: define _backward and set out._backward = _backward
        raise NotImplementedError

    def tanh(self):
        """tanh(self); its local derivative is 1 - tanh**2."""
        # TODO
        raise NotImplementedError

    def backward(self):
        """Set self.grad to 1 and fill in the grad of every value this one was computed from."""
        # TODO: topological order, then each node's _backward from the output down
        raise NotImplementedError

    __radd__ = __add__
    __rmul__ = __mul__
