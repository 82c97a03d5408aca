"""The vectorized pairwise path gives the scalar path's integers (which other tests check
against exact integers)."""

from __future__ import annotations

import numpy as np
import pytest

from bounds.families import pairwise
from bounds.lower import lower_bounds, lower_bounds_array


@pytest.mark.parametrize("eps", [0.0, 0.01, 0.1, 0.5])
def test_pairwise_array_equals_scalar(eps: float) -> None:
    rng = np.random.default_rng(7)
    ms = np.unique(np.concatenate([np.arange(2, 120), rng.integers(2, 10**9, 60),
                                   10 ** np.arange(2, 13)]))
    out = lower_bounds_array(ms, bits=8, layers=2, eps=eps, problem="pairwise")
    for i, m in enumerate(ms.tolist()):
        lb = lower_bounds(pairwise(m), bits=8, layers=2, eps=eps)
        assert (out["params_lb"][i], out["neurons_lb"][i]) == (lb.params_lb, lb.neurons_lb), m
        assert out["bits_lb"][i] == pytest.approx(lb.bits_lb, rel=1e-12, abs=1e-9)
        assert out["log2_instances"][i] == pytest.approx(lb.log2_instances, rel=1e-12)


def test_unknown_problem_is_refused() -> None:
    with pytest.raises(ValueError, match="problem must be one of"):
        lower_bounds_array(np.array([10]), bits=8, problem="xor")
