"""An LSTM cell, one step forward and backward (reference solution)."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    H = h_prev.shape[1]
    a = x @ Wx + h_prev @ Wh + b
    i, f, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, (x, h_prev, c_prev, Wx, Wh, i, f, o, g, c)


def lstm_step_backward(dh, dc, cache):
    x, h_prev, c_prev, Wx, Wh, i, f, o, g, c = cache
    tanh_c = np.tanh(c)
    do = dh * tanh_c
    dc_total = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_total * g, dc_total * i, dc_total * c_prev
    d_gates = np.concatenate([di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)], axis=1)
    return {"x": d_gates @ Wx.T, "h_prev": d_gates @ Wh.T, "c_prev": dc_total * f,
            "Wx": x.T @ d_gates, "Wh": h_prev.T @ d_gates, "b": d_gates.sum(axis=0)}
