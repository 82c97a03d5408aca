"""Lower bounds with real-valued parameters: counting sign patterns (issue 10, item 1).

No precision assumption: the parameters θ ∈ ℝ^W are arbitrary reals. What is counted
is the number K of distinct *behaviours* — output tables (y_j(x))_{j ≤ m′, x ∈ Q} on the
q identifying probes — that networks of a fixed architecture can realise. If networks
of that architecture compute every instance of F ε-correctly on Q, then, since each
table is ε-correct for at most V_ε instances, K·V_ε ≥ |F|, i.e. log₂ K ≥ I_ε.

**Lemma (sign patterns; Telgarsky, "Benefits of depth in neural networks", COLT 2016, PMLR
49, Lemma 4.3, from Warren 1968, Thm 3).** Stored wording (arXiv:1602.04485, §4): "Let a set
of polynomials 𝒬 be given where each q: ℝ^p → ℝ has degree ≤ α. Define 𝒮_0 := {{a ∈ ℝ^p :
q(a) ⋄ 0} : q ∈ 𝒬, ⋄ ∈ {<, ≥}}. Then the collection 𝒮 of all nonempty intersections of
elements of 𝒮_0 satisfies |𝒮| ≤ 2(4e|𝒬|α/p)^p." Used here only with |𝒬| = M ≥ p = N (the
stored statement names no such hypothesis, but it needs one — one polynomial in p ≥ 12
variables already gives 2 > 2(4e/p)^p cells — and Warren's Thm 3, on which it rests, assumes
m ≥ n). Each realised vector (1[f_i(a) > 0])_i = (1 − 1[−f_i(a) ≥ 0])_i picks a distinct
nonempty cell of 𝒮 for 𝒬 = {−f_i}, so M polynomials of degree ≤ D in N ≤ M real variables
have at most 2·(4e·M·D/N)^N such vectors; trivially also at most 2^M.
:func:`log2_sign_patterns` is log₂ of min(2^M, that bound) (2^M alone when M < N).

*Verification status (2026-12-02).* Verified against stored text: Telgarsky's Lemma 4.3 as
quoted above (code corpus, an HTML rendering of arXiv:1602.04485; the constant 4e and the
prefactor 2). Corroborating, not primary: a Lean formalization in the code corpus
(``sign_patterns_warren``: strict sign patterns of m polynomials of degree ≤ d in n
variables, 1 ≤ n ≤ m + 1, at most (4e·max(2, d)·(m + 1)/n)^n), and Warren's Thm 3 recalled
there as (4edm/n)^n for m ≥ n. **Not verified** (primary text not stored): Warren 1968 Thm 3
itself, Goldberg & Jerrum 1995, Anthony & Bartlett 1999 Thm 8.3, and BHLM 2019 Lemma 17 —
in particular the sharper 2(2eMD/N)^N form this module used before, now dropped for the
form above (N more bits per lemma application; m′ = 10⁶ permutation, L = 1: W 410 565 →
392 566, width 714 → 694; m′ = 1000: W 336 → 311, width 20 → 19).

**The partition argument (as in the proof of BHLM Thm 7).** Model of SPEC §1: h_0 = u = E·x
(fixed code), h_ℓ = ReLU(W_ℓ h_{ℓ−1} + β_ℓ), ℓ = 1 … L, widths n_0 = d, n_1, …, n_L, and
y_j(x) = 1[⟨D_j, h_L(x)⟩ − θ_j > 0] with D, θ fixed. Let W_ℓ = Σ_{i ≤ ℓ} n_i(n_{i−1} + 1)
be the parameters of layers 1…ℓ (W = W_L = P_dense). Build partitions 𝒮_0 = {ℝ^W},
𝒮_1, …, 𝒮_L of parameter space: on each cell of 𝒮_{ℓ−1} the on/off state of every unit of
layers < ℓ on every probe is constant, so h_{ℓ−1}(x) is a polynomial of degree ≤ ℓ − 1 in
the parameters of layers < ℓ and each pre-activation of layer ℓ on each probe is a
polynomial of degree ≤ ℓ in W_ℓ variables — n_ℓ·q polynomials; refine the cell by their
sign vectors: at most Π_ℓ(n_ℓ q, W_ℓ, ℓ) pieces (the lemma). On a cell of 𝒮_L every unit's
state on every probe is fixed, so z_j(x) = ⟨D_j, h_L(x)⟩ − θ_j is a polynomial of degree
≤ L in W variables — m′·q polynomials — and the output table is their sign vector: at
most Π(m′q, W, L) tables per cell. Hence

    log₂ K ≤ Σ_{ℓ=1}^{L} g(n_ℓ q, W_ℓ, ℓ) + g(m′ q, W, L),     g = log₂ Π   (*)

g(M, N, D) is nondecreasing in M, N and D (for N ≤ M: ∂/∂N [1 + N log₂(4eMD/N)] =
log₂(4MD/N) ≥ 2; for N ≥ M it is M), so (*) is nondecreasing in every width, d
included. Consequences (all proved in ``proofs/theorems/signpatterns.py``):

* **least width** (every width ≤ n, d ≤ n): (*) with all widths n is the worst case,
  so n ≥ least n with (*)(n, …, n) ≥ I_ε;
* **least parameters**: every architecture with W parameters has W_ℓ ≤ W and
  n_ℓ ≤ ⌊W/2⌋ (n_ℓ(n_{ℓ−1} + 1) ≤ W, n_{ℓ−1} ≥ 1), so
  log₂ K ≤ Σ_ℓ g(q⌊W/2⌋, W, ℓ) + g(m′q, W, L) =: G_L(W) and W ≥ least W with G_L(W) ≥ I_ε;
* **least total neurons** S = n_1 + … + n_L (d ≤ max width): P_dense ≤ ⌊(2S − L + 1)²/4⌋ + S
  (:func:`bounds.total_neurons.max_params_total`) and n_ℓ ≤ S − L + 1, so
  log₂ K ≤ Σ_ℓ g(q(S−L+1), P*, ℓ) + g(m′q, P*, L) with P* that maximum.

Scale: G_L(W) ≈ W·((L + 1)·log₂ q + O(log L)), so W = Ω(I_ε / log q) = Ω(m′) for both
families — an Ω(m′)-type bound, weaker by the factor log m′ than the Ω(m′ log m′ / b) of the
b-bit counting (D1); it wins over D1 exactly when b exceeds about (L + 1)·log₂ q bits per
parameter (:func:`crossover_bits`).

Decisions "(*) ≥ I_ε" are taken in mpmath at 40 + (digits of I_ε) significant digits and
accepted when the two sides differ by more than 15 digits above the working precision,
else retried with 60 more digits; a tie closer than that is resolved towards the *smaller*
answer, which is the safe side for a lower bound (stated in the result's assumptions).

>>> least_params_real(8529.398, layers=1, outputs=1000, probes=1000)
311
>>> least_width_real(8529.398, layers=1, outputs=1000, probes=1000)
19
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import mpmath

from bounds.lower import TheoremBound
from bounds.search import least_true
from bounds.validation import as_int

if TYPE_CHECKING:  # sympy loads only for the symbolic form (fast CLI start)
    import sympy as sp

__all__ = [
    "LowerBoundResult",
    "crossover_bits",
    "log2_behaviours_params",
    "log2_behaviours_total",
    "log2_behaviours_widths",
    "log2_sign_patterns",
    "log2_sign_patterns_sym",
    "least_params_real",
    "least_total_neurons_real",
    "least_width_real",
    "probes_count",
    "sign_pattern_bounds",
]

_DPS = (40, 100)


#: one theorem's bounds, the calculator's record (kept under this name for callers)
LowerBoundResult = TheoremBound


# ---------------------------------------------------------------- the lemma
def log2_sign_patterns(polys: int, variables: int, degree: int) -> mpmath.mpf:
    """log₂ of min(2^M, 2(4eMD/N)^N) (M ≥ N), or M (M < N): sign vectors of M polynomials.

    M = ``polys`` polynomials of degree ≤ D = ``degree`` in N = ``variables`` variables
    (Telgarsky 2016 Lemma 4.3, from Warren 1968 Thm 3). Evaluated at the current mpmath
    precision. Nondecreasing in M, N and D.

    >>> float(log2_sign_patterns(10, 20, 1))     # fewer polynomials than variables: 2^M
    10.0
    >>> round(float(log2_sign_patterns(100, 10, 2)), 6)   # 1 + 10·log2(4e·100·2/10)
    78.646231
    """
    big_m = as_int(polys, "polys", 0)
    big_n = as_int(variables, "variables", 1)
    deg = as_int(degree, "degree", 1)
    if big_m < big_n:
        return mpmath.mpf(big_m)
    warren = 1 + big_n * mpmath.log(4 * mpmath.e * big_m * deg / mpmath.mpf(big_n), 2)
    return min(mpmath.mpf(big_m), warren)


def log2_sign_patterns_sym(polys: sp.Expr, variables: sp.Expr, degree: sp.Expr) -> sp.Expr:
    """sympy form of the Warren branch: 1 + N·log₂(4e·M·D/N).

    >>> import sympy as sp
    >>> M, N, D = sp.symbols("M N D", positive=True)
    >>> sp.simplify(sp.diff(log2_sign_patterns_sym(M, N, D), N) - sp.log(4*M*D/N, 2))
    0
    """
    import sympy as sp

    return 1 + variables * sp.log(4 * sp.E * polys * degree / variables, 2)


def _check_arch(layers: Any, outputs: Any, probes: Any) -> tuple[int, int, int]:
    return (as_int(layers, "layers", 1), as_int(outputs, "outputs", 1),
            as_int(probes, "probes", 1))


def log2_behaviours_widths(widths: Sequence[Any], *, outputs: int, probes: int) -> mpmath.mpf:
    """Bound (*) on log₂(#output tables on q probes) for widths (d, n_1, …, n_L).

    >>> round(float(log2_behaviours_widths((2, 3), outputs=2, probes=2)), 6)   # 6 + 4 bits
    10.0
    """
    ws = [as_int(w, "width", 1) for w in widths]
    if len(ws) < 2:
        raise ValueError("widths must list d and at least one layer width")
    _, outputs, probes = _check_arch(1, outputs, probes)
    total = mpmath.mpf(0)
    params = 0
    for ell in range(1, len(ws)):
        params += ws[ell] * (ws[ell - 1] + 1)
        total += log2_sign_patterns(ws[ell] * probes, params, ell)
    return total + log2_sign_patterns(outputs * probes, params, len(ws) - 1)


def log2_behaviours_params(params: Any, *, layers: int, outputs: int,
                           probes: int) -> mpmath.mpf:
    """G_L(W): bound on log₂ K for *every* L-layer architecture with W = ``params``.

    Σ_{ℓ=1}^{L} g(q⌊W/2⌋, W, ℓ) + g(m′q, W, L).

    >>> round(float(log2_behaviours_params(1, layers=1, outputs=3, probes=3)), 6)
    10.61262
    """
    w = as_int(params, "params", 1)
    layers, outputs, probes = _check_arch(layers, outputs, probes)
    per_layer = probes * max(1, w // 2)
    total = mpmath.fsum(log2_sign_patterns(per_layer, w, ell) for ell in range(1, layers + 1))
    return total + log2_sign_patterns(outputs * probes, w, layers)


def log2_behaviours_total(total_neurons: Any, *, layers: int, outputs: int,
                          probes: int) -> mpmath.mpf:
    """Bound on log₂ K for every L-layer profile with n_1 + … + n_L = S (d ≤ max width).

    >>> from bounds.total_neurons import max_params_total
    >>> max_params_total(5, 1)
    30
    """
    from bounds.total_neurons import max_params_total

    layers, outputs, probes = _check_arch(layers, outputs, probes)
    s = as_int(total_neurons, "total_neurons", layers)
    pmax = max_params_total(s, layers)
    width = s - layers + 1
    total = mpmath.fsum(log2_sign_patterns(probes * width, pmax, ell)
                        for ell in range(1, layers + 1))
    return total + log2_sign_patterns(outputs * probes, pmax, layers)


# ---------------------------------------------------------------- decisions
def _as_mpf(info: Any) -> mpmath.mpf:
    if isinstance(info, Fraction):
        return mpmath.mpf(info.numerator) / info.denominator
    if isinstance(info, bool):
        raise ValueError("info_bits must be a real number >= 0")
    return mpmath.mpf(info)


def _reaches(bound: Any, info: Any) -> bool:
    """Is bound() ≥ I? Decided at 40 + (digits of I) significant digits, then 60 more,
    accepting when |bound − I| exceeds |I|·10^(15 − dps); an unresolved tie counts as True."""
    with mpmath.workdps(30):
        digits = len(str(int(abs(_as_mpf(info))))) + 1
    for extra in _DPS:
        dps = digits + extra
        with mpmath.workdps(dps):
            target = _as_mpf(info)
            diff = bound() - target
            if abs(diff) > max(1, abs(target)) * mpmath.mpf(10) ** (15 - dps):
                return bool(diff > 0)
    return True  # safe side: a smaller least W is still a valid lower bound


def _check_info(info: Any) -> Any:
    with mpmath.workdps(30):
        value = _as_mpf(info)
    if not mpmath.isfinite(value) or value < 0:
        raise ValueError(f"info_bits must be a finite real number >= 0 (got {info!r})")
    return info


def least_params_real(info_bits: Any, *, layers: int, outputs: int, probes: int) -> int:
    """Least W with G_L(W) ≥ I_ε: no L-layer ReLU network with fewer real parameters works.

    ``info_bits`` is I_ε (pass an mpmath value at ≥ 40 digits for huge m′; an exact
    ceiling integer is *not* appropriate here since log₂ K is real).

    >>> least_params_real(0, layers=1, outputs=5, probes=5)
    1
    """
    info = _check_info(info_bits)
    layers, outputs, probes = _check_arch(layers, outputs, probes)
    return least_true(lambda w: _reaches(
        lambda: log2_behaviours_params(w, layers=layers, outputs=outputs, probes=probes), info))


def least_width_real(info_bits: Any, *, layers: int, outputs: int, probes: int) -> int:
    """Least n such that some network with every width ≤ n (d ≤ n) could carry I_ε.

    >>> least_width_real(0, layers=2, outputs=5, probes=5)
    1
    """
    info = _check_info(info_bits)
    layers, outputs, probes = _check_arch(layers, outputs, probes)
    return least_true(lambda n: _reaches(
        lambda: log2_behaviours_widths((n,) * (layers + 1), outputs=outputs, probes=probes),
        info))


def least_total_neurons_real(info_bits: Any, *, layers: int, outputs: int, probes: int) -> int:
    """Least S = n_1 + … + n_L (d ≤ max width) allowed by the sign-pattern count.

    >>> least_total_neurons_real(0, layers=3, outputs=5, probes=5)
    3
    """
    info = _check_info(info_bits)
    layers, outputs, probes = _check_arch(layers, outputs, probes)
    return least_true(lambda s: _reaches(
        lambda: log2_behaviours_total(s, layers=layers, outputs=outputs, probes=probes),
        info), lo=layers)


def probes_count(problem: str, m_prime: Any, m: Any = None) -> int:
    """q, the number of identifying probes of a registered family: m′ one-hot inputs
    (permutation), 1 + m + C(m, 2) (pairwise, mixed) — the family's own
    :meth:`~bounds.families.ProblemFamily.probe_count`; a family without probes is
    refused (``ValueError`` naming it).

    >>> probes_count("permutation", 10), probes_count("pairwise", 10, m=10)
    (10, 56)
    """
    from bounds.families import family

    mp_ = as_int(m_prime, "m_prime", 2)
    return family(problem, mp_, m=m).probe_count()


def crossover_bits(info_bits: Any, *, layers: int, outputs: int, probes: int) -> int:
    """Least b at which the sign-pattern parameter bound is ≥ the D1 bound ⌈⌈I⌉/b⌉.

    >>> crossover_bits(8529.398, layers=1, outputs=1000, probes=1000)
    28
    """
    import math

    w = least_params_real(info_bits, layers=layers, outputs=outputs, probes=probes)
    with mpmath.workdps(50):
        ceil_i = int(mpmath.ceil(_as_mpf(info_bits)))
    # D1: ceil(ceil_i / b) <= w  <=>  ceil_i <= b * w
    return max(1, math.ceil(ceil_i / w)) if w > 0 else 1


def sign_pattern_bounds(info_bits: Any, *, layers: int, outputs: int, probes: int,
                        eps: float | None = None) -> LowerBoundResult:
    """All three sign-pattern bounds (params, max width, total neurons) as one result.

    >>> r = sign_pattern_bounds(8529.398, layers=1, outputs=1000, probes=1000)
    >>> r.theorem, r.params, r.neurons, r.neurons_total
    ('sign-patterns', 311, 19, 19)
    """
    layers, outputs, probes = _check_arch(layers, outputs, probes)
    kw = {"layers": layers, "outputs": outputs, "probes": probes}
    params = least_params_real(info_bits, **kw)
    width = least_width_real(info_bits, **kw)
    total = least_total_neurons_real(info_bits, **kw)
    assumptions = {
        "bits": "real (no precision assumption)",
        "L": layers,
        "outputs": outputs,
        "probes": probes,
        "eps": eps,
        "decoder": "fixed D, theta; y_j = 1[<D_j, h_L> > theta_j]",
        "lemma": "Telgarsky 2016 (COLT) Lemma 4.3, from Warren 1968 Thm 3: <= 2(4eMD/N)^N "
                 "sign vectors for M polynomials of degree <= D in N <= M variables "
                 "(verified against stored text of Telgarsky's lemma; Warren's primary text "
                 "not)",
        "ties": "decided at 100 + digits(I) digits; an unresolved tie goes to the smaller answer",
    }
    return LowerBoundResult("sign-patterns", width, total, params, assumptions)
