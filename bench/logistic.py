"""The logistic regression both learned judges are trained with (`bench/train_kinds.py`,
`bench/train_plain.py`): features standardised, an L2 penalty on the weights (not the
bias), Newton's method to convergence. Deterministic: the same rows give the same weights."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Fitted:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float


def fit(
    x: np.ndarray, y: np.ndarray, penalty: float, steps: int, flat: float, clip: float | None
) -> Fitted:
    """Weights for rows `x` (labels `y`, 0 or 1). A feature that varies by less than `flat` is
    left unscaled; `clip` bounds the scores fed to the sigmoid (None: unbounded)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < flat] = 1.0
    w = newton((x - mean) / scale, y, penalty, steps, clip)
    return Fitted(mean, scale, w[:-1], float(w[-1]))


def newton(
    x: np.ndarray, y: np.ndarray, penalty: float, steps: int, clip: float | None
) -> np.ndarray:
    """Weights (the bias last) for rows `x` already standardised, by Newton's method."""
    xb = np.concatenate([x, np.ones((len(x), 1))], axis=1)
    w = np.zeros(xb.shape[1])
    ridge = penalty * np.eye(len(w))
    ridge[-1, -1] = 0.0  # the bias is not penalised
    for _ in range(steps):
        z = xb @ w
        p = 1.0 / (1.0 + np.exp(-(z if clip is None else np.clip(z, -clip, clip))))
        grad = xb.T @ (p - y) + ridge @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + ridge + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-7:
            break  # converged: more steps change nothing
    return w
