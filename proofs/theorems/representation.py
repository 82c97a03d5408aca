"""Representation for contrast (SPEC §4): JL dimension (A6), storage bound, and the gap (A7).

* ``jl-dim`` — the library's JL dimension is the least d with d(ε²/2 − ε³/3) ≥ 4 ln N (checked
  with interval arithmetic), matches sklearn's documented values with ``rounding="sklearn"``,
  and is Θ(log m′) for N = m′ + 1 (A6);
* ``storage`` — storing a k-sparse set of m′ features needs d·b ≥ log₂ Σ_{i≤k} C(m′, i)
  = Θ(k log m′);
* ``gap`` — the computing neuron bound over the JL dimension → ∞; in fact
  ln n_min / d_JL tends to a positive constant, so n_min = exp(Θ(d_JL)) (A7); and the library's
  crossover m′ is the first m′ where computing needs more neurons.

>>> from proofs.registry import get
>>> get("gap").paper_claim
'A7'
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import mpmath
import sympy as sp
from mpmath import iv

import bounds.families as fams
import bounds.lower as low
import bounds.representation as rep
from proofs.checks import (
    Assumption,
    Asymptotic,
    BruteForce,
    Example,
    SymbolicInequality,
)
from proofs.citations import cite_fact, cite_proof
from proofs.engine import Proof, Step, theorem
from proofs.mutation import field_plus, plus
from proofs.registry import register
from proofs.theorems._common import b, ceil_log2, close, exact_log2, library_identity, nL, x

__all__: list[str] = []

ej = sp.Symbol("epsilon_JL", positive=True)
Nsym = sp.Symbol("N", positive=True, integer=True)
k = sp.Symbol("k", positive=True, integer=True)
s_ = sp.Symbol("s", positive=True)
_JL_EPS = ("0.5", "0.3", "0.1", "0.01")


def _iv_rational(q: Fraction) -> object:
    return iv.mpf(q.numerator) / iv.mpf(q.denominator)


def _jl_least_pred(N: int) -> tuple[bool, str]:
    """d = jl_min_dim(N, ε) satisfies d·c ≥ 4 ln N > (d − 1)·c, c = ε²/2 − ε³/3 (intervals)."""
    old = iv.prec
    iv.prec = 80
    try:
        four_ln = 4 * iv.log(N)
        for eps_s in _JL_EPS:
            q = Fraction(eps_s)
            c = _iv_rational(q * q / 2 - q**3 / 3)
            d = rep.jl_min_dim(N, float(eps_s))
            enough = d * c - four_ln
            short = (d - 1) * c - four_ln
            if not (enough.a >= 0 and short.b < 0):
                if enough.b < 0 or short.a >= 0:
                    return False, f"eps={eps_s}: library d = {d} is not the least integer"
                return False, f"eps={eps_s}: undecided at 80 bits"
            trunc = rep.jl_min_dim(N, float(eps_s), rounding="sklearn")
            if trunc not in (d, d - 1):
                return False, f"eps={eps_s}: sklearn rounding gives {trunc}, ceil {d}"
    finally:
        iv.prec = old
    return True, ""


_SKLEARN = {  # sklearn.random_projection.johnson_lindenstrauss_min_dim, documented examples
    "N = 10⁶ and ε = 0.5": (10**6, 0.5, 663), "N = 10⁶ and ε = 0.1": (10**6, 0.1, 11841),
    "N = 10⁶ and ε = 0.01": (10**6, 0.01, 1112658), "N = 10⁴ and ε = 0.1": (10**4, 0.1, 7894),
    "N = 10⁵ and ε = 0.1": (10**5, 0.1, 9868),
}


def _sklearn_pred(case: str) -> tuple[bool, str]:
    N, eps, want = _SKLEARN[case]
    got = rep.jl_min_dim(N, eps, rounding="sklearn")
    return got == want, f"N = {N}, ε = {eps}: {got} (documented {want})"


@register("jl-dim", claim="A6")
def jl_dim() -> Proof:
    """Dasgupta–Gupta JL dimension, the library's rounding, and Θ(log m′)."""
    lib = rep.jl_min_dim_sym(Nsym, ej)
    ratio = rep.jl_min_dim_sym(x + 1, ej) / sp.log(x)
    limit = 4 / (ej**2 / 2 - ej**3 / 3)
    steps = (
        Step("points", "Represent m' features by N = m' + 1 points (features and origin), so "
             "norms and pairwise distances are kept within 1 ± ε_JL.", Assumption()),
        Step("dasgupta-gupta", "N points embed with distortion 1 ± ε in any "
             "d ≥ 4 ln N/(ε²/2 − ε³/3) dimensions",
             cite_fact("jl-dasgupta-gupta")),
        library_identity("library-form", "d_JL", lib,
                         24 * sp.log(Nsym) / (ej**2 * (3 - 2 * ej)), (Nsym, ej),
                         "the expression bounds.representation.jl_min_dim_sym returns (what "
                         "the calculator evaluates) is the cited Dasgupta–Gupta bound",
                         uses=("dasgupta-gupta",)),
        Step("denominator-positive", sp.Gt(ej**2 / 2 - ej**3 / 3, 0, evaluate=False),
             SymbolicInequality(domain=((ej, 0, 1),)),
             "so the bound is finite and positive for 0 < ε < 1"),
        Step("library-least",
             "jl_min_dim(N, ε) is the least integer d ≥ 4 ln N/(ε²/2 − ε³/3), and the sklearn "
             "rounding is its truncation (ε ∈ {0.5, 0.3, 0.1, 0.01}, N = 2…3000)",
             Example(2, 3000, predicate=_jl_least_pred, name="N",
                        what="mpmath iv at 80 bits, ε as an exact decimal",
                        mutations=((rep, "jl_min_dim", plus(1)),)),
             uses=("library-form",)),
        Step("sklearn-values",
             "rounding='sklearn' reproduces sklearn's documented values 663; 11841; 1112658; "
             "7894; 9868",
             Example(points=tuple(_SKLEARN), predicate=_sklearn_pred, name="case",
                     what="sklearn.random_projection.johnson_lindenstrauss_min_dim docs",
                     mutations=((rep, "jl_min_dim", plus(1)),))),
        Step("optimal", "Every embedding with distortion 1 ± ε needs Ω(ε⁻² log N) dimensions",
             cite_fact("jl-optimal")),
        Step("log-growth", sp.Eq(sp.Limit(ratio, x, sp.oo), limit, evaluate=False),
             Asymptotic(ratio, x, limit),
             "d_JL(m' + 1)/ln m' → 4/(ε²/2 − ε³/3) ∈ (0, ∞): Θ(log m') dimensions (A6)",
             uses=("library-form", "denominator-positive")),
    )
    return theorem("jl-dim", "A6",
        "A6: representing m′ features takes Θ(log m′) dimensions (JL)",
        steps,
        latex=r"d_{JL} = \left\lceil \frac{4\ln(m'+1)}{\varepsilon^2/2 - "
        r"\varepsilon^3/3} \right\rceil = \Theta(\log m')",
        assumptions=("N = m' + 1 points: the m' one-hot features and the origin",
                     "0 < ε_JL < 1 constant"),
        references=("design §4 ", "bounds.representation.jl_min_dim"))


def _sparse_sets(mp_: int, kk: int = 3) -> int:
    return sum(1 for r in range(kk + 1) for _ in itertools.combinations(range(mp_), r))


def _storage_pred(mp_: int) -> tuple[bool, str]:
    for kk in (1, 2, 3, 5):
        count = sum(math.comb(mp_, i) for i in range(min(kk, mp_) + 1))
        if not close(rep.storage_bits(mp_, kk), exact_log2(count)):
            return False, f"k={kk}: storage_bits {rep.storage_bits(mp_, kk)!r}"
        for bits in (1, 8):
            d = rep.storage_dims(mp_, kk, bits)
            want = -(-ceil_log2(count) // bits)
            if d != want:
                return False, f"k={kk}, b={bits}: storage_dims {d}, least {want}"
    return True, ""


@register("storage", claim="A6")
def storage() -> Proof:
    """d·b ≥ log₂ Σ_{i≤k} C(m′, i) = Θ(k log m′)."""
    upper = sp.log((k + 1) * x**k, 2) / (k * sp.log(x, 2))
    lower = sp.log((x / k) ** k, 2) / (k * sp.log(x, 2))
    steps = (
        Step("model", "d numbers of b bits determine the k-sparse set of active features.",
             Assumption()),
        Step("subsets", "#{S ⊆ [m'] : |S| ≤ k} = Σ_{i≤k} C(m', i) for every m', k",
             cite_fact("subsets-count")),
        Step("count-sets", "#{S ⊆ [m'] : |S| ≤ k} = Σ_{i≤k} C(m', i) (k = 3, m' = 2…12)",
             BruteForce(count=_sparse_sets,
                        formula=lambda mp_: sum(math.comb(mp_, i) for i in range(4)),
                        sizes=tuple(range(2, 13)), what="itertools.combinations",
                        example=True)),
        Step("counting", "d·b ≥ log₂ Σ_{i≤k} C(m', i)",
             cite_proof("counting-lemma", "applied to representing: distinct sets need distinct "
                        "descriptions"), uses=("model", "subsets")),
        Step("library-least",
             "storage_bits(m', k) = log₂ Σ_{i≤k} C(m', i) and storage_dims(m', k, b) is the "
             "least d with d·b ≥ that (k ∈ {1, 2, 3, 5}, b ∈ {1, 8}, m' = 2…300)",
             Example(2, 300, predicate=_storage_pred, name="m'", what="exact integers",
                        mutations=((rep, "storage_dims", plus(1)),
                                   (rep, "storage_bits", plus(1e-6)))),
             uses=("counting",)),
        Step("sandwich-lower", "(m'/k)^k ≤ C(m', k) ≤ Σ_{i≤k} C(m', i)",
             cite_proof("binomial-lower", "(n/k)^k ≤ C(n, k) for 1 ≤ k ≤ n, at n = m'; the "
                        "other terms of the sum are ≥ 0")),
        Step("sandwich", "C(m', i) ≤ m'^i ≤ m'^k for i ≤ k (m' ≥ 1), so "
             "Σ_{i≤k} C(m', i) ≤ (k + 1)·m'^k", cite_fact("binomial-bounds")),
        Step("lower-limit", sp.Eq(sp.Limit(lower, x, sp.oo), 1, evaluate=False),
             Asymptotic(lower, x, 1), uses=("sandwich-lower",)),
        Step("upper-limit", sp.Eq(sp.Limit(upper, x, sp.oo), 1, evaluate=False),
             Asymptotic(upper, x, 1), uses=("sandwich",)),
        Step("theta", "log₂ Σ_{i≤k} C(m', i)/(k log₂ m') → 1: storage needs Θ(k log m' / b) "
             "numbers, matching JL's O(log m') for constant k", cite_fact("squeeze"),
             uses=("lower-limit", "upper-limit")),
    )
    return theorem("storage", "A6",
        "Storage counting bound: d·b ≥ log₂ Σ_{i≤k} C(m′, i) = Θ(k log m′)",
        steps,
        latex=r"d\,b \ge \log_2 \sum_{i\le k}\binom{m'}{i} = \Theta(k\log m')",
        assumptions=("a representation is d numbers of b bits from which the k-sparse set "
                     "of active features can be recovered", "k constant"),
        references=("design §4 storage counting bound",))


def _neurons_fast(mp_: int, bits: int) -> int:
    """n_min for permutations, ε = 0, L = 1, from log₂ m'! by mpmath (margin-checked)."""
    with mpmath.workdps(40):
        val = mpmath.loggamma(mp_ + 1) / mpmath.ln(2)
        ceil = int(mpmath.ceil(val))
        if ceil - val < mpmath.mpf(10) ** -20 and mp_ > 2:
            raise ArithmeticError(f"log2({mp_}!) too close to an integer")
    if mp_ <= 2:
        ceil = ceil_log2(math.factorial(mp_))
    c = -(-ceil // bits)
    nn = max(1, (math.isqrt(1 + 4 * c) - 1) // 2)
    while nn * nn + nn < c:
        nn += 1
    while nn > 1 and (nn - 1) ** 2 + (nn - 1) >= c:
        nn -= 1
    return nn


def _crossover_pred(eps_jl: float) -> tuple[bool, str]:
    cr = rep.crossover(bits=8, layers=1, eps_jl=eps_jl)
    c = cr.m_prime

    def jl(mp_: int) -> int:
        return int(rep.jl_min_dim(mp_ + 1, eps_jl))

    if not _neurons_fast(c, 8) > jl(c):
        return False, f"at m' = {c} computing does not exceed representation"
    # every m' < c: n(m') <= jl(m'); prune blocks [a, z] with n(z) <= jl(a) (both nondecreasing)
    stack, points = [(2, c - 1)], 0
    while stack:
        a, z = stack.pop()
        if a > z:
            continue
        points += 1
        if _neurons_fast(z, 8) <= jl(a):
            continue
        if a == z:
            return False, f"computing already exceeds representation at m' = {a} < {c}"
        mid = (a + z) // 2
        stack += [(a, mid), (mid + 1, z)]
    return True, (f"ε_JL = {eps_jl}: crossover m' = {c} (n ≥ {cr.neurons_lb} > d = "
                  f"{cr.jl_dims}); {points} blocks inspected")


@register("gap", claim="A7")
def gap() -> Proof:
    """n_min/d_JL → ∞ and ln n_min/d_JL → (ε²/2 − ε³/3)/8: exponentially apart; crossover."""
    info = fams.permutation(2).log2_size_sym(x)
    nstar = low.least_width_sym(info, b, nL)
    d = rep.jl_min_dim_sym(x + 1, ej)
    ratio = (nstar / d).subs(ej, 1 / (1 + s_))
    log_ratio = sp.log(nstar) / d
    log_limit = (ej**2 / 2 - ej**3 / 3) / 8
    steps = (
        Step("computing", "n_min(m') ≥ n*(log₂ m'!) = bounds.lower.least_width_sym",
             cite_proof("neurons")),
        Step("representing", "d_JL(m') = ⌈4 ln(m' + 1)/(ε²/2 − ε³/3)⌉ suffices",
             cite_proof("jl-dim")),
        Step("ratio-infinite", sp.Eq(sp.Limit(nstar / d, x, sp.oo), sp.oo, evaluate=False),
             Asymptotic(ratio, x, sp.oo),
             "with ε_JL = 1/(1 + s), s > 0 (covers 0 < ε_JL < 1) so sympy knows the sign",
             uses=("computing", "representing")),
        Step("exponential", sp.Eq(sp.Limit(log_ratio, x, sp.oo), log_limit, evaluate=False),
             Asymptotic(log_ratio, x, log_limit),
             "ln n*/d_JL → (ε²/2 − ε³/3)/8 > 0: n_min = exp(Θ(d_JL)) — computing and "
             "representing are exponentially apart (A7)", uses=("computing", "representing")),
        Step("library-crossover",
             "crossover(bits=8, eps_jl) is the first m' with n_min(m') > d_JL(m'): checked "
             "against an independent scan of [2, m'] for ε_JL ∈ {0.5, 0.3}",
             Example(points=(0.5, 0.3), predicate=_crossover_pred, name="ε_JL",
                     what="block pruning: both sides are nondecreasing in m'",
                     mutations=((rep, "crossover", field_plus("m_prime", -1)),)),
             uses=("ratio-infinite",)),
    )
    return theorem("gap", "A7", "A7: computing vs representing are exponentially apart", steps,
        latex=r"\lim \frac{\ln n_{\min}}{d_{JL}} = "
        r"\frac{\varepsilon^2/2 - \varepsilon^3/3}{8}",
        assumptions=("permutation family, ε = 0, D1, b and L constant",
                     "representation by JL with N = m' + 1 points, 0 < ε_JL < 1 constant"),
        references=("design §4 gap", "bounds.representation.crossover"))
