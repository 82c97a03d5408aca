"""Total neurons n_1 + … + n_L under the b-bit dense count D1 (issue 10, item 2).

Widths n_0 = d, n_1, …, n_L ≥ 1 with d ≤ max_ℓ n_ℓ (SPEC §1), S = n_1 + … + n_L,
P_dense = Σ_ℓ n_ℓ(n_{ℓ−1} + 1) = Q + S with Q = Σ_{ℓ=1}^{L} n_{ℓ−1} n_ℓ.

**Lemma (most parameters for a given total).** For every such profile
P_dense ≤ ⌊(2S − L + 1)²/4⌋ + S =: P*(S, L).
*Proof.* Split the sequence x_0 = d, x_1 = n_1, …, x_L = n_L by parity of the index:
A = Σ_{i even} x_i, B = Σ_{i odd} x_i. Each product x_{i−1}x_i pairs an even and an odd
index and appears in the expansion of A·B, whose other terms are ≥ 0, so
Q ≤ A·B ≤ (A + B)²/4 = (d + S)²/4 (AM–GM). And d ≤ max n_ℓ ≤ S − (L − 1) since the other
L − 1 widths are ≥ 1. Q is an integer, hence the floor. ∎

The profile (N, 1, …, 1) with d = N = S − L + 1 attains
P_conc(S, L) = N(N + 1) (L = 1), (N + 1)² + 2(L − 2) (L ≥ 2), so the true maximum
P_max(S, L) lies in [P_conc, P*]; for L = 1 both equal S² + S. Brute force
(:func:`max_params_total_brute`) shows P_max = P_conc on every case enumerated
(L ≤ 4, S ≤ 14), which is recorded as *checked*, not proved.

**Theorem (total neurons, D1).** A class of L-layer networks with total S, b-bit
parameters and D1 description carries ≤ b·P_max(S, L) bits, so
S ≥ S_lb := least S with b·P*(S, L) ≥ ⌈I_ε⌉ (proved). The counting argument cannot give
more than S_conc := least S with b·P_conc(S, L) ≥ ⌈I_ε⌉; S_lb ≤ S_conc ≤ S_lb + ⌈(L−1)/2⌉ + 1
(numerically). Compare with the least *largest* width (equal widths, theorem ``neurons``):
n ≈ √(I/(bL)); the least total is ≈ √(I/b), the same as one layer — depth does not
lower the total-neuron bound of D1, it lowers the width bound only.

>>> least_total_neurons_d1(8530, 8, 1), least_total_neurons_d1(8530, 8, 3)
(33, 34)
"""

from __future__ import annotations

import itertools
from typing import Any

from bounds.search import least_true
from bounds.signpatterns import LowerBoundResult
from bounds.validation import as_int

__all__ = [
    "concentrated_params_total",
    "least_total_neurons_d1",
    "least_total_neurons_d1_attained",
    "max_params_total",
    "max_params_total_brute",
    "total_neurons_bounds",
]


def _check(total: Any, layers: Any) -> tuple[int, int]:
    layers = as_int(layers, "layers", 1)
    total = as_int(total, "total_neurons", layers)
    return total, layers


def max_params_total(total: int, layers: int) -> int:
    """P*(S, L) = ⌊(2S − L + 1)²/4⌋ + S, a proved upper bound on P_dense for total S.

    >>> max_params_total(5, 1), max_params_total(5, 2)
    (30, 25)
    """
    s, layers = _check(total, layers)
    return (2 * s - layers + 1) ** 2 // 4 + s


def concentrated_params_total(total: int, layers: int) -> int:
    """P_dense of the profile (N, 1, …, 1), d = N = S − L + 1 (attained, so P_max ≥ it).

    >>> concentrated_params_total(5, 1), concentrated_params_total(5, 2)
    (30, 25)
    """
    s, layers = _check(total, layers)
    n = s - layers + 1
    widths = (n, n) + (1,) * (layers - 1)
    return sum(widths[i + 1] * (widths[i] + 1) for i in range(layers))


def max_params_total_brute(total: int, layers: int) -> int:
    """max P_dense over all profiles with n_1 + … + n_L = S and 1 ≤ d ≤ max width (enumeration).

    >>> max_params_total_brute(5, 2)
    25
    """
    s, layers = _check(total, layers)
    best = 0
    for comp in itertools.product(range(1, s + 1), repeat=layers):
        if sum(comp) != s:
            continue
        d = max(comp)  # P_dense is increasing in d
        widths = (d,) + comp
        best = max(best, sum(widths[i + 1] * (widths[i] + 1) for i in range(layers)))
    return best


def least_total_neurons_d1(info_ceil: int, bits: int, layers: int) -> int:
    """Least S with b·P*(S, L) ≥ ⌈I_ε⌉: a proved lower bound on n_1 + … + n_L under D1.

    >>> least_total_neurons_d1(0, 8, 2)
    2
    """
    info_ceil = as_int(info_ceil, "info_bits", 0)
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    return least_true(lambda s: bits * max_params_total(s, layers) >= info_ceil, lo=layers)


def least_total_neurons_d1_attained(info_ceil: int, bits: int, layers: int) -> int:
    """Least S with b·P_conc(S, L) ≥ ⌈I_ε⌉: the most the D1 count could ever prove.

    >>> least_total_neurons_d1_attained(8530, 8, 3)
    34
    """
    info_ceil = as_int(info_ceil, "info_bits", 0)
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    return least_true(lambda s: bits * concentrated_params_total(s, layers) >= info_ceil,
                      lo=layers)


def total_neurons_bounds(info_ceil: int, bits: int, layers: int,
                         eps: float | None = None) -> LowerBoundResult:
    """D1 bounds as a :class:`LowerBoundResult`: params ⌈I/b⌉, width, total.

    >>> r = total_neurons_bounds(8530, 8, 1)
    >>> r.params, r.neurons, r.neurons_total
    (1067, 33, 33)
    """
    from bounds.lower import least_width

    info_ceil = as_int(info_ceil, "info_bits", 0)
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    return LowerBoundResult(
        "total-neurons-dense",
        least_width(info_ceil, bits, layers),
        least_total_neurons_d1(info_ceil, bits, layers),
        -(-info_ceil // bits),
        {"model": "D1 dense", "b": bits, "L": layers, "eps": eps,
         "widths": "d <= max width; total = n_1 + ... + n_L"},
    )
