"""Representation, for contrast (SPEC §4; paper claims A6, A7).

* **Johnson–Lindenstrauss** (Dasgupta–Gupta form): N points embed into d dimensions
  with all pairwise distances within 1 ± ε once d ≥ 4 ln N / (ε²/2 − ε³/3).
  ``rounding="ceil"`` (default) returns the least integer satisfying it — a true
  bound; ``rounding="sklearn"`` truncates as
  ``sklearn.random_projection.johnson_lindenstrauss_min_dim`` does (663 for
  N = 10⁶, ε = 0.5).
  For m′ features we embed **N = m′ + 1 points**: the m′ one-hot feature vectors and
  the origin, so that norms (distance to the origin) and pairwise distances — hence
  inner products, to within O(ε) — are preserved.
* **Optimality** (Larsen & Nelson 2017): every embedding needs Ω(ε⁻² log N)
  dimensions — cited, asymptotic, no constant.
* **Storage counting bound**: naming a k-sparse subset of m′ features in d b-bit
  numbers needs d·b ≥ log₂ Σ_{i≤k} C(m′, i) = Θ(k log m′) (the counting lemma applied
  to representing instead of computing).
* **The gap (A7)**: the computing neuron bound (``bounds.lower``) against the JL
  dimension, and the **crossover** m′ from which computing needs more neurons.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from bounds.counting import ceil_log2_ratio
from bounds.families import family
from bounds.lower import Target, least_width
from bounds.provenance import provenance
from bounds.records import Record
from bounds.validation import as_int, as_int_array, as_m_prime, as_real

if TYPE_CHECKING:
    import sympy as sp

__all__ = [
    "Crossover",
    "ROUNDINGS",
    "Representation",
    "crossover",
    "jl_min_dim",
    "jl_min_dim_sym",
    "representation",
    "storage_bits",
    "storage_dims",
]

ROUNDINGS = ("ceil", "sklearn")


def _check_rounding(rounding: Any) -> str:
    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding must be one of {', '.join(ROUNDINGS)} (got {rounding!r})")
    return str(rounding)


def jl_min_dim(n_points: Any, eps: Any = 0.1, rounding: str = "ceil") -> Any:
    """Least d with d ≥ 4 ln N / (ε²/2 − ε³/3) (Dasgupta–Gupta JL), or sklearn's truncation.

    Broadcasts over arrays of N and of ε. N must be an integer ≥ 1; 0 < ε < 1.

    >>> jl_min_dim(10**6, 0.5, rounding="sklearn"), jl_min_dim(10**6, 0.5)
    (663, 664)
    >>> jl_min_dim(10**6, np.array([0.5, 0.1, 0.01]), rounding="sklearn").tolist()
    [663, 11841, 1112658]
    >>> jl_min_dim(np.array([10**4, 10**5, 10**6]), 0.1, rounding="sklearn").tolist()
    [7894, 9868, 11841]
    """
    rounding = _check_rounding(rounding)
    scalar = np.isscalar(n_points) and np.isscalar(eps)
    if np.isscalar(eps):
        eps_arr = np.asarray(as_real(eps, "eps", 0.0, 1.0, low_closed=False))
    else:
        eps_arr = np.asarray(eps, dtype=np.float64)
        if np.any(~np.isfinite(eps_arr)) or np.any(eps_arr <= 0) or np.any(eps_arr >= 1):
            raise ValueError("eps must be a real number in (0, 1)")
    if np.isscalar(n_points):
        n_val = as_int(n_points, "n_points", 1)
        ln_n: Any = math.log(n_val)
    else:
        n_arr = as_int_array(n_points, "n_points", 1)
        ln_n = np.log(n_arr.astype(np.float64))
    denom = eps_arr**2 / 2.0 - eps_arr**3 / 3.0
    raw = 4.0 * ln_n / denom
    if rounding == "sklearn":
        out = np.asarray(raw).astype(np.int64)
    else:
        out = np.ceil(np.asarray(raw)).astype(np.int64)
    return int(out) if scalar else out


def jl_min_dim_sym(n_points: sp.Expr, eps: sp.Expr) -> sp.Expr:
    """sympy form of the JL bound before rounding: 4 ln N / (ε²/2 − ε³/3).

    >>> import sympy as sp
    >>> N, e = sp.symbols("N epsilon", positive=True)
    >>> sp.limit(jl_min_dim_sym(N, e) / sp.log(N), N, sp.oo)
    4/(-epsilon**3/3 + epsilon**2/2)
    """
    import sympy as sp

    return 4 * sp.log(n_points) / (eps**2 / 2 - eps**3 / 3)


def _storage_count(m_prime: int, k: int) -> int:
    return sum(math.comb(m_prime, i) for i in range(min(k, m_prime) + 1))


def storage_bits(m_prime: Any, k: Any) -> float:
    """log₂ Σ_{i≤k} C(m′, i): bits to name one k-sparse set of m′ features.

    >>> round(storage_bits(1000, 3), 6)
    27.312398
    """
    mp_ = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    count = _storage_count(mp_, k)
    return math.log2(count) if count < 2**1000 else count.bit_length() - 1 + math.log2(
        count / (1 << (count.bit_length() - 1))
    )


def storage_dims(m_prime: Any, k: Any, bits: Any) -> int:
    """Least d with d·b ≥ log₂ Σ_{i≤k} C(m′, i), in exact integers (theorem storage).

    >>> storage_dims(1000, 3, 8), storage_dims(10**9, 3, 8)
    (4, 11)
    """
    mp_ = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    b = as_int(bits, "bits", 1)
    need = ceil_log2_ratio(_storage_count(mp_, k))
    return -(-need // b)


@dataclass(frozen=True)
class Representation(Record):
    """Dimensions needed to *represent* m′ features (JL), with the storage bound."""

    m_prime: int
    eps: float
    rounding: str
    points: int
    dims: int
    storage_k: int
    storage_bits_per_dim: int
    storage_dims: int
    provenance: str
    assumptions: tuple[str, ...]

    json_first = (
        "m_prime", "eps", "rounding", "dims", "points", "storage_k", "storage_bits_per_dim",
        "storage_dims", "provenance", "assumptions"
    )


def representation(
    m_prime: Any, eps: Any = 0.1, rounding: str = "ceil", *, k: int = 3, bits: int = 8
) -> Representation:
    """JL dimension for m′ features (N = m′ + 1 points) and the k-sparse storage bound.

    >>> r = representation(10**6 - 1, 0.5, rounding="sklearn")
    >>> r.points, r.dims
    (1000000, 663)
    """
    mp_ = as_m_prime(m_prime)
    eps = as_real(eps, "eps", 0.0, 1.0, low_closed=False)
    rounding = _check_rounding(rounding)
    dims = jl_min_dim(mp_ + 1, eps, rounding)
    return Representation(
        m_prime=mp_,
        eps=eps,
        rounding=rounding,
        points=mp_ + 1,
        dims=dims,
        storage_k=k,
        storage_bits_per_dim=bits,
        storage_dims=storage_dims(mp_, k, bits),
        provenance=provenance("jl-dim", eps_JL=eps, N="m'+1", rounding=rounding)
        + "; optimal up to constants (Larsen-Nelson 2017, cited)",
        assumptions=(
            "N = m' + 1 points: the m' one-hot features and the origin",
            f"distortion 1 ± {eps:g} of every pairwise distance",
            "rounding: " + ("least integer (a true bound)" if rounding == "ceil"
                            else "truncation, as sklearn's johnson_lindenstrauss_min_dim"),
            f"storage bound: k={k}-sparse sets, b={bits}-bit coordinates",
        ),
    )


@dataclass(frozen=True)
class Crossover(Record):
    """Where the computing neuron bound first exceeds the JL dimension (claim A7)."""

    m_prime: int
    neurons_lb: int
    jl_dims: int
    bits_per_param: int
    layers: int
    eps: float
    eps_jl: float
    rounding: str
    problem: str
    provenance: str



def _neurons(problem: str, m_prime: int, bits: int, layers: int, eps: float) -> int:
    return least_width(Target(family(problem, m_prime), eps).ceil, bits, layers)


def crossover(
    *,
    bits: int = 8,
    layers: int = 1,
    eps: float = 0.0,
    eps_jl: float = 0.1,
    rounding: str = "ceil",
    problem: str = "permutation",
) -> Crossover:
    """Smallest m′ with neurons_lb(m′) > jl_min_dim(m′ + 1) (theorem gap).

    Both sides are nondecreasing step functions of m′, so on an interval [a, c] no
    crossing exists when neurons_lb(c) ≤ jl_min_dim(a + 1); a divide-and-conquer search prunes
    with that test and inspects single points only near crossings, so the answer is
    the first m′ ≥ 2, not merely some crossing point.

    >>> c = crossover(bits=8, layers=1, eps_jl=0.5)
    >>> c.m_prime, c.neurons_lb > c.jl_dims
    (168202, True)
    """
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    eps = as_real(eps, "eps", 0.0, 1.0)
    eps_jl = as_real(eps_jl, "eps_jl", 0.0, 1.0, low_closed=False)
    rounding = _check_rounding(rounding)

    def neu(m: int) -> int:
        return _neurons(problem, m, bits, layers, eps)

    def jl(m: int) -> int:
        return int(jl_min_dim(m + 1, eps_jl, rounding))

    hi = 4
    while neu(hi) <= jl(hi):
        hi *= 2

    def first(a: int, c: int) -> int | None:
        if neu(c) <= jl(a):
            return None
        if a == c:
            return a
        mid = (a + c) // 2
        left = first(a, mid)
        return left if left is not None else first(mid + 1, c)

    found = first(2, hi)
    assert found is not None
    return Crossover(
        m_prime=found,
        neurons_lb=neu(found),
        jl_dims=jl(found),
        bits_per_param=bits,
        layers=layers,
        eps=eps,
        eps_jl=eps_jl,
        rounding=rounding,
        problem=problem,
        provenance=provenance("gap", b=bits, L=layers, eps=eps, eps_JL=eps_jl,
                              rounding=rounding),
    )
