"""Sign-pattern lower bound with real parameters (issue 10 item 1), encoded as checked steps.

Registered: ``sign-patterns``. The lemma (Telgarsky 2016 Lemma 4.3, from Warren 1968 Thm 3) is
cited with its stored statement; the monotonicity of the bound and its worst case over the
admissible widths are proved with sympy and z3 (:mod:`proofs.theorems._deduce_width`);
the library's least W / least width / least total are checked against independent linear scans
and, at m′ = 10³ … 10⁴⁰, against an independent evaluation of the bound at W and W − 1.

>>> from proofs.registry import get
>>> get("sign-patterns").steps[0].name
'architecture'
"""

from __future__ import annotations

import itertools
from typing import Any

import mpmath
import numpy as np
import sympy as sp

import bounds.capacity as cap_mod
import bounds.signpatterns as sgn
from proofs.checks import (
    Assumption,
    Asymptotic,
    Example,
    Identity,
    SymbolicInequality,
    Z3Proof,
)
from proofs.citations import cite_definition, cite_fact, cite_proof
from proofs.engine import Proof, Step
from proofs.mutation import field_plus, plus
from proofs.registry import register
from proofs.theorems import _deduce, _deduce_signs, _deduce_width
from proofs.theorems._brute import info_and_probes
from proofs.theorems._brute import sign_patterns_log2_ref as _g_ref
from proofs.theorems._brute import sign_patterns_params_ref as _params_ref
from proofs.theorems._brute import sign_patterns_width_ref as _width_ref
from proofs.theorems._common import x

__all__: list[str] = []

M, N, D, r = sp.symbols("M N D r", positive=True)
_x, _y = sp.symbols("x y", positive=True)
_k = sp.Symbol("k", positive=True)

LEMMA = (
    "Lemma (Telgarsky, Benefits of depth in neural networks, COLT 2016, Lemma 4.3, from Warren "
    "1968, Thm 3), stored wording: 'Let a set of polynomials 𝒬 be given where each q: ℝ^p → ℝ "
    "has degree ≤ α. Define 𝒮_0 := {{a ∈ ℝ^p : q(a) ⋄ 0} : q ∈ 𝒬, ⋄ ∈ {<, ≥}}. Then the "
    "collection 𝒮 of all nonempty intersections of elements of 𝒮_0 satisfies "
    "|𝒮| ≤ 2(4e|𝒬|α/p)^p.' Applied only with |𝒬| = M ≥ p = N (Warren's Thm 3 assumes m ≥ n). "
    "Each realised vector (1[f_i(a) > 0])_i is 1 − (1[−f_i(a) ≥ 0])_i, a distinct nonempty "
    "cell of 𝒮 for 𝒬 = {−f_i}: so N ≤ M polynomials of degree ≤ D give at most "
    "2(4eMD/N)^N vectors. Verified against the stored text of arXiv:1602.04485 (2026-12-02). "
    "Not verified (not stored): Warren 1968, Goldberg & Jerrum 1995, Anthony & Bartlett 1999 "
    "Thm 8.3, BHLM 2019 Lemma 17 — whose sharper 2(2eMD/N)^N form is therefore not used."
)

ASSUMPTIONS = (
    "real-valued parameters (no precision assumption); L weight layers of ReLU units",
    "fixed public input code E, decoder D and thresholds θ (not parameters)",
    "every instance is computed ε-correctly on the q identifying probes by some parameter "
    "vector of the architecture",
)


#: the families whose log2|F| and q _brute.info_and_probes restates (an independent
#: oracle: it does not call the family objects, so a new family needs its own restatement)
RESTATED = ("permutation", "pairwise")


def _checked(capable: tuple[str, ...]) -> tuple[str, ...]:
    """The registered families that declare the capability the step checks and that the
    oracle restates, in registry order (a capable family the oracle does not restate is
    named by :func:`_unchecked`, never silently given another family's counts)."""
    return tuple(p for p in capable if p in RESTATED)


def _unchecked(capable: tuple[str, ...]) -> str:
    missing = [p for p in capable if p not in RESTATED]
    return f"; not checked (no independent restatement): {', '.join(missing)}" if missing else ""


def _with_probes() -> tuple[str, ...]:
    """Registered families with identifying probes (the sign-pattern bound needs them)."""
    from bounds.families import FAMILIES, ProblemFamily

    return tuple(n for n, e in FAMILIES.items()
                 if e.cls.probe_count is not ProblemFamily.probe_count)


def _real_capacity() -> tuple[str, ...]:
    from bounds.capacity import real_capacity_problems

    return real_capacity_problems()


def _scan_pred(k: int) -> tuple[bool, str]:
    # the search is family-agnostic: the families only supply (I, q) test inputs
    for problem in _checked(_with_probes()):
        info, q = info_and_probes(problem, k)
        for layers in (1, 2):
            kw = {"layers": layers, "outputs": k, "probes": q}
            with mpmath.workdps(60):
                want_w = next(w for w in itertools.count(1)
                              if _params_ref(w, layers, k, q) >= info)
                want_n = next(n for n in itertools.count(1)
                              if _width_ref(n, layers, k, q) >= info)
            got_w, got_n = sgn.least_params_real(info, **kw), sgn.least_width_real(info, **kw)
            if (got_w, got_n) != (want_w, want_n):
                return False, f"{problem}, L={layers}: library {(got_w, got_n)}, scan " \
                    f"{(want_w, want_n)}"
    return True, ""


def _huge_pred(k: int) -> tuple[bool, str]:
    for problem in _checked(_with_probes()):
        info, q = info_and_probes(problem, k)
        w = sgn.least_params_real(info, layers=1, outputs=k, probes=q)
        n = sgn.least_width_real(info, layers=1, outputs=k, probes=q)
        with mpmath.workdps(60 + len(str(q))):
            ok = (_params_ref(w, 1, k, q) >= info > _params_ref(w - 1, 1, k, q)
                  and _width_ref(n, 1, k, q) >= info > _width_ref(n - 1, 1, k, q))
        if not ok:
            return False, f"{problem}: W = {w}, n = {n} not the least"
    return True, f"W/m' = {w / k:.3f}"


def _g_pred(deg: int) -> tuple[bool, str]:
    """The library's g equals the restated g of partition (M < N: M; else min(M, Warren))
    on 0 ≤ M ≤ 40, 1 ≤ N ≤ 40: the function g-monotone writes out for z3."""
    with mpmath.workdps(40):
        for big_m, big_n in itertools.product(range(41), range(1, 41)):
            got, want = sgn.log2_sign_patterns(big_m, big_n, deg), _g_ref(big_m, big_n, deg)
            if abs(got - want) > mpmath.mpf(10) ** -30:
                return False, f"g({big_m}, {big_n}, {deg}): library {got}, restated {want}"
    return True, ""


_SAMPLED = ((1, 1), (2, 2), (1, 2, 1))


def _sampled_pred(widths: tuple[int, ...]) -> tuple[bool, str]:
    k = _SAMPLED.index(widths)
    rng = np.random.default_rng(20261201 + k)
    outputs, probes = 2, 3
    code = rng.standard_normal((probes, widths[0]))
    dec = np.array([[1.0] * widths[-1], [-1.0] * widths[-1]])
    theta = np.array([0.5, -0.5])
    seen = set()
    for _ in range(3000):
        h = code
        for a, b in itertools.pairwise(widths):
            h = np.maximum(0.0, h @ rng.standard_normal((a, b)) * 3 + rng.standard_normal(b))
        seen.add(((h @ dec.T - theta) > 0).tobytes())
    bound = float(sgn.log2_behaviours_widths(widths, outputs=outputs, probes=probes))
    return len(seen) <= 2**bound, f"widths {widths}: {len(seen)} tables seen ≤ 2^{bound:.2f}"


@register("sign-patterns", claim=None, assumptions=ASSUMPTIONS)
def sign_patterns() -> Proof:
    """Least real parameters, width and total neurons from the sign-pattern count."""
    warren = sgn.log2_sign_patterns_sym(M, N, D)
    steps = (
        Step("architecture", ASSUMPTIONS[0] + "; widths n_0 = d, n_1, …, n_L; "
             "W_ℓ = Σ_{i≤ℓ} n_i(n_{i−1} + 1), W = W_L", Assumption()),
        Step("public-interface", ASSUMPTIONS[1] + "; y_j(x) = 1[⟨D_j, h_L(x)⟩ − θ_j > 0]",
             Assumption()),
        Step("computes", ASSUMPTIONS[2], Assumption()),
        Step("counting", "If K output tables on Q are realisable and each is ε-correct for at "
             "most V_ε instances, then K·V_ε ≥ |F|, i.e. log₂ K ≥ I_ε.",
             cite_proof("error-tolerant-counting", "the pigeonhole step"),
             uses=("computes",)),
        Step("lemma", LEMMA + " Trivially the count is also ≤ 2^M.",
             cite_fact("sign-patterns")),
        Step("partition",
             "Refine parameter space layer by layer: on a cell where the on/off states of "
             "layers < ℓ are fixed on all q probes, each pre-activation of layer ℓ on each "
             "probe is a polynomial of degree ≤ ℓ in the W_ℓ parameters of layers ≤ ℓ "
             "(n_ℓ q polynomials); on a final cell z_j(x) = ⟨D_j, h_L(x)⟩ − θ_j is a polynomial "
             "of degree ≤ L in W variables (m′q polynomials). Hence log₂ K ≤ "
             "Σ_ℓ g(n_ℓ q, W_ℓ, ℓ) + g(m′q, W, L), with g(M, N, D) = M for M < N and "
             "min(M, 1 + N log₂(4eMD/N)) for M ≥ N (integers M ≥ 0, N, D ≥ 1: the lemma, and "
             "the trivial 2^M; as bounds.signpatterns.log2_sign_patterns evaluates it).",
             cite_fact("bhlm-partition"),
             uses=("architecture", "public-interface", "lemma")),
        Step("monotone-derivative",
             sp.Eq(sp.diff(warren, N), sp.log(4 * M * D / N, 2), evaluate=False), Identity(),
             "∂/∂N of the Warren exponent w = 1 + N log₂(4eMD/N), differentiable on N > 0",
             uses=("lemma",)),
        Step("monotone-sign", sp.Ge(sp.log(r, 2), 2), SymbolicInequality(domain=((r, 4, sp.oo),)),
             "log₂ r ≥ 2 for r ≥ 4: with r = 4MD/N ≥ 4 when N ≤ M and D ≥ 1 the derivative "
             "is ≥ 2 > 0, and with r = 4eMD/N the Warren term is ≥ 1 + 2N",
             uses=("monotone-derivative",)),
        Step("deriv-monotone", "a function continuous on a convex D ⊆ ℝ, differentiable on "
             "its interior with nonnegative derivative, is nondecreasing on D",
             cite_fact("deriv-monotone")),
        Step("warren-in-n",
             "For reals M > 0, D ≥ 1: w(M, ·, D) is nondecreasing on (0, M]",
             Z3Proof(_deduce_width.warren_in_n, what="reals M > 0, D ≥ 1, N₁, N₂ and the "
                     "Skolem point N₀ of deriv-monotone's hypothesis; w, w′, lg "
                     "uninterpreted: w differentiable and continuous at N > 0 with "
                     "w′(N) = lg(4MD/N) (monotone-derivative), lg r ≥ 2 for r ≥ 4 "
                     "(monotone-sign), deriv-monotone on (0, M] ⊢ 0 < N₁ ≤ N₂ ≤ M ⇒ "
                     "w(N₁) ≤ w(N₂)"),
             uses=("monotone-derivative", "monotone-sign", "deriv-monotone")),
        Step("log2-quotient",
             sp.Eq(sp.log(_y, 2) - sp.log(_x, 2), sp.log(_y / _x, 2), evaluate=False),
             Identity(), "log₂ y − log₂ x = log₂(y/x) for x, y > 0"),
        Step("log2-nonneg", sp.Ge(sp.log(r, 2), 0), SymbolicInequality(domain=((r, 1, sp.oo),)),
             "log₂ r ≥ 0 for r ≥ 1"),
        Step("e-factor", sp.Ge(4 * sp.E * r, 4), SymbolicInequality(domain=((r, 1, sp.oo),)),
             "4e·r ≥ 4 for r ≥ 1 (r = MD/N ≥ 1 when N ≤ M, D ≥ 1)"),
        Step("g-monotone",
             "g(M, N, D) of partition is nondecreasing in each argument: g(M₁, N₁, D₁) ≤ "
             "g(M₂, N₂, D₂) for integers 0 ≤ M₁ ≤ M₂, 1 ≤ N₁ ≤ N₂, 1 ≤ D₁ ≤ D₂ (for N ≤ M by "
             "warren-in-n, M and D through log₂; the branch M < N is the constant M, below "
             "the Warren term ≥ 1 + 2N)",
             Z3Proof(_deduce_width.g_monotone, what="integers M₁, M₂, N₁, N₂, D₁, D₂, g "
                     "written out as the library evaluates it with lg uninterpreted and e a "
                     "real > 0: warren-in-n at (M₁, D₁, N₁ ≤ N₂ ≤ M₁), log2-quotient and "
                     "log2-nonneg at 4eM₁D₁/N₂ ≤ 4eM₂D₂/N₂, monotone-sign at 4eM₂D₂/N₂, "
                     "e-factor at M₂D₂/N₂ ⊢ g(M₁, N₁, D₁) ≤ g(M₂, N₂, D₂)"),
             uses=("partition", "warren-in-n", "log2-quotient", "log2-nonneg", "monotone-sign",
                   "e-factor")),
        Step("g-library",
             "example: bounds.signpatterns.log2_sign_patterns(M, N, D) equals g as partition "
             "states it (the formula of g-monotone) for 0 ≤ M ≤ 40, 1 ≤ N ≤ 40, D = 1…4",
             Example(lo=1, hi=4, predicate=_g_pred, name="D",
                     what="independent restatement at 40 digits",
                     mutations=((sgn, "log2_sign_patterns", lambda v: v + 1),)),
             uses=("partition",)),
        Step("monotone-nat", "a sequence with f(k) ≤ f(k + 1) for all k is monotone",
             cite_fact("monotone-nat")),
        Step("le-induction", "a property true at m and passed from k to k + 1 for every "
             "k ≥ m holds for every k ≥ m", cite_fact("le-induction")),
        Step("params-admissible",
             "Every architecture has 2n_ℓ ≤ W_ℓ ≤ W and n_ℓ ≤ ⌊W/2⌋ (1 ≤ ℓ ≤ L)",
             Z3Proof(_deduce_width.params_admissible, what="integers L ≥ 1, ℓ; widths "
                     "n_i ≥ 1 and W_ℓ uninterpreted with W_0 = 0, W_{k+1} = W_k + "
                     "n_{k+1}(n_k + 1) for k < L, W_{k+1} = W_k for k ≥ L (architecture); "
                     "monotone-nat for W (Skolem form) ⊢ 2n_ℓ ≤ W_ℓ ≤ W_L, n_ℓ ≤ ⌊W_L/2⌋"),
             uses=("architecture", "monotone-nat")),
        Step("width-admissible",
             "If every width n_i ≤ n (d included): W_ℓ ≤ ℓ(n² + n) for 0 ≤ ℓ ≤ L",
             Z3Proof(_deduce_width.width_admissible, what="as params-admissible, n_i ≤ n; "
                     "le-induction for k ≤ L ⇒ W_k ≤ k(n² + n) from k = 0 (Skolem form) ⊢ "
                     "W_ℓ ≤ ℓ(n² + n)"),
             uses=("architecture", "le-induction")),
        Step("total-admissible",
             "With S = n_1 + … + n_L: n_ℓ ≤ S − L + 1 (1 ≤ ℓ ≤ L)",
             Z3Proof(_deduce_width.total_admissible, what="integers L ≥ 1, ℓ; widths n_i ≥ 1, "
                     "partial sums S_0 = 0, S_{k+1} = S_k + n_{k+1}; le-induction for "
                     "k ≤ L ⇒ S_k − S_a ≥ k − a from k = a, at a = ℓ and a = 0 ⊢ "
                     "n_ℓ = S_ℓ − S_{ℓ−1} ≤ S_L − L + 1"),
             uses=("architecture", "le-induction")),
        Step("total-dense", "With S = n_1 + … + n_L and d ≤ max n_ℓ: W = P_dense ≤ P*(S, L) = "
             "⌊(2S − L + 1)²/4⌋ + S",
             cite_proof("total-neurons-dense", "step d-bound: P_dense ≤ ⌊(2S − L + 1)²/4⌋ + S "
                        "for widths n_ℓ ≥ 1 with total S and 1 ≤ d ≤ max n_ℓ"),
             uses=("architecture",)),
        Step("sum-le-sum", "termwise f(ℓ) ≤ h(ℓ) on a finite index set gives Σ f ≤ Σ h",
             cite_fact("sum-le-sum")),
        Step("width-worst-case",
             "For max width n (d ≤ n) the bound is largest at all widths n; for W parameters "
             "it is ≤ G_L(W) = Σ_ℓ g(q·max(1, ⌊W/2⌋), W, ℓ) + g(m′q, W, L); for total S with "
             "d ≤ max n_ℓ it is ≤ Σ_ℓ g(q(S − L + 1), P*, ℓ) + g(m′q, P*, L) — the library's "
             "log2_behaviours_widths((n,)·(L+1)), log2_behaviours_params(W) and "
             "log2_behaviours_total(S).",
             Z3Proof(_deduce_width.worst_case, what="integers L, q, m′ ≥ 1, n, S; widths "
                     "and W_ℓ uninterpreted, g uninterpreted; finite sums Σ_{ℓ≤L} as an "
                     "uninterpreted Sum over summands: sum-le-sum in Skolem form per case, "
                     "g-monotone at each compared term, params-admissible, width-admissible, "
                     "total-admissible at the Skolem index and at L, total-dense ⊢ the bound "
                     "of partition ≤ each of the three worst cases"),
             uses=("partition", "g-monotone", "sum-le-sum", "params-admissible",
                   "width-admissible", "total-admissible", "total-dense")),
        Step("worst-monotone",
             "The three worst cases are nondecreasing in their size: G_L(W) ≤ G_L(W + 1) "
             "(W ≥ 1), the all-widths-n bound at n ≤ at n + 1 (n ≥ 1), the total-S bound at S "
             "≤ at S + 1 (S ≥ L) — so the predicates 'worst case ≥ I_ε' that least_true "
             "bisects are monotone",
             Z3Proof(_deduce_width.worst_monotone, what="integers L, q, m′ ≥ 1, W, n, S; g "
                     "and the finite sums uninterpreted as in width-worst-case: sum-le-sum in "
                     "Skolem form per case, g-monotone at each compared term (that max(1, "
                     "⌊W/2⌋), ℓ(n² + n) and ⌊(2S − L + 1)²/4⌋ + S are nondecreasing z3 proves "
                     "itself) ⊢ each worst case at size ≤ at size + 1"),
             uses=("g-monotone", "sum-le-sum")),
        Step("library-least-scan",
             "example: least_params_real and least_width_real equal independent linear scans "
             "of the bound (permutation and pairwise, L ∈ {1, 2}, m' = 2…25)",
             Example(lo=2, hi=25, predicate=_scan_pred, name="m'", what="mpmath at 60 digits",
                     mutations=((sgn, "least_params_real", plus()),
                                (sgn, "least_width_real", plus()))),
             uses=("width-worst-case", "counting")),
        Step("library-least-huge",
             "example: at m' ∈ {10^3, 10^6, 10^15, 10^40} the library's W and n satisfy "
             "bound(W) ≥ I_ε > bound(W − 1) by an independent evaluation",
             Example(points=(10**3, 10**6, 10**15, 10**40), predicate=_huge_pred, name="m'",
                     what="independent mpmath evaluation",
                     mutations=((sgn, "least_params_real", plus()),)),
             uses=("width-worst-case", "counting")),
        Step("sampled-architectures",
             "example: random parameter draws of tiny ReLU networks (widths (1, 1), (2, 2), "
             "(1, 2, 1)) realise no more tables than the bound (a sanity check of the "
             "partition step; sampling finds a subset)",
             Example(points=_SAMPLED, predicate=_sampled_pred, name="widths",
                     what="3000 seeded draws each",
                     mutations=((sgn, "log2_behaviours_widths", lambda v: v - 100),)),
             uses=("partition",)),
        Step("shape",
             "W ≈ I_ε/((L+1)·log₂ q): for permutations at L = 1, I/(2·log₂ m′) ~ m′/2, an "
             "Ω(m′) bound (not Ω(m′ log m′))",
             Asymptotic(sp.loggamma(x + 1) / sp.log(2) / (2 * sp.log(x, 2)) / x, x,
                        sp.Rational(1, 2)),
             uses=("width-worst-case",)),
    )
    return Proof(
        name="sign-patterns",
        title="Real parameters: the sign-pattern bound",
        statement=(
            "An L-layer ReLU network with real parameters, fixed input code and thresholded "
            "fixed decoder that computes every instance ε-correctly on q identifying probes "
            "needs Σ_ℓ g(n_ℓ q, W_ℓ, ℓ) + g(m′q, W, L) ≥ I_ε, g(M, N, D) = "
            "log₂ min(2^M, 2(4eMD/N)^N) for M ≥ N and M for M < N; hence W ≥ least W with "
            "G_L(W) ≥ I_ε, and the least width and total neurons likewise. The bound is "
            "Ω(m′)-type."),
        statement_latex=(r"\sum_{\ell=1}^{L} g(n_\ell q, W_\ell, \ell) + g(m' q, W, L) "
                         r"\ge I_\varepsilon"),
        paper_claim=None,
        steps=steps,
        assumptions=ASSUMPTIONS,
        references=(
            "H. E. Warren, Lower bounds for approximation by nonlinear manifolds, Trans. AMS "
            "133 (1968), Thm 3",
            "M. Anthony, P. L. Bartlett, Neural Network Learning: Theoretical Foundations, "
            "CUP 1999, ch. 8, Thm 8.3",
            "P. L. Bartlett, N. Harvey, C. Liaw, A. Mehrabian, Nearly-tight VC-dimension and "
            "pseudodimension bounds for piecewise linear neural networks, JMLR 20(63), 2019, "
            "Lemma 17 and the proof of Thm 7",
            "bounds.signpatterns",
        ),
    )


# ------------------------------------------------------------------ capacity with real params
m_, W_, L_ = sp.symbols("m W L", positive=True)


def _fits_ref(problem: str, mp_: int, n: int, layers: int) -> bool:
    with mpmath.workdps(60 + 3 * len(str(mp_))):
        info, q = info_and_probes(problem, mp_)
        return _width_ref(n, layers, mp_, q) >= info


def _cap_scan_pred(n: int) -> tuple[bool, str]:
    """capacity_real(n) = largest fitting m′, and the fitting m′ are exactly [2, cap]."""
    from bounds.capacity import capacity_real

    caps = []
    for problem in _checked(_real_capacity()):
        for layers in (1, 3):
            cap = capacity_real(n, layers=layers, problem=problem).m_prime_max
            fitting = [k for k in range(2, 3 * cap + 41) if _fits_ref(problem, k, n, layers)]
            if fitting != list(range(2, cap + 1)):
                return False, f"{problem}, L={layers}: cap {cap}, fitting ends {fitting[-3:]}"
            caps.append(cap)
    return True, f"caps {caps}" + _unchecked(_real_capacity())


def _cap_huge_pred(n: int) -> tuple[bool, str]:
    from bounds.capacity import capacity_real

    for problem in _checked(_real_capacity()):
        cap = capacity_real(n, problem=problem).m_prime_max
        if not (_fits_ref(problem, cap, n, 1) and not _fits_ref(problem, cap + 1, n, 1)):
            return False, f"{problem}: cap {cap} not the transition"
    return True, (f"permutation cap/n^2 = {capacity_real(n).m_prime_max / n**2:.3f}"
                  + _unchecked(_real_capacity()))


def _perm_info_eps(mp_: int, eps: float) -> Any:
    """log₂((m′ − ⌊εm′⌋)!) with ⌊εm′⌋ in exact rationals: I_ε of SPEC §3, restated."""
    from fractions import Fraction

    e = (Fraction(repr(eps)) * mp_).numerator // (Fraction(repr(eps)) * mp_).denominator
    with mpmath.workdps(60 + 3 * len(str(mp_))):
        return +(mpmath.loggamma(mp_ - e + 1) / mpmath.ln(2))


EPS_CASES = (0.1, 0.25, 0.5, 0.9)


def _lower_pred(eps: float) -> tuple[bool, str]:
    """I_lo(m′) ≤ I_ε(m′) (exact reference) for m′ = 1 … 300, up to 10^-40 (equality holds
    where (1 − ε)m′ is an integer; the two sides are evaluated at different precisions)."""
    from bounds.capacity import info_lower_permutation

    for mp_ in range(1, 301):
        with mpmath.workdps(80):
            above = info_lower_permutation(mp_, eps) - _perm_info_eps(mp_, eps)
            if above > mpmath.mpf(10) ** -40:
                return False, f"eps={eps}, m'={mp_}"
    return True, f"eps={eps}: m' = 1…300"


def _eps_scan_pred(n: int) -> tuple[bool, str]:
    """capacity_real(n, ε) is the largest m′ whose sign-pattern bound reaches I_ε(m′)."""
    from bounds.capacity import capacity_real

    caps = []
    for eps in EPS_CASES:
        for layers in (1, 2):
            cap = capacity_real(n, layers=layers, eps=eps).m_prime_max
            with mpmath.workdps(60):
                fitting = [k for k in range(2, 3 * cap + 41)
                           if _width_ref(n, layers, k, k) >= _perm_info_eps(k, eps)]
            if (max(fitting) if fitting else 0) != cap:
                return False, f"eps={eps}, L={layers}: cap {cap}, scan {fitting[-3:]}"
            caps.append(cap)
    return True, f"caps {caps}"


@register("capacity-real", claim="A4", assumptions=ASSUMPTIONS[:2])
def capacity_real_proof() -> Proof:
    """Capacity with real parameters: the transition m* of the sign-pattern predicate."""
    warren = sgn.log2_sign_patterns_sym(M, N, D)
    steps = (
        Step("architecture", ASSUMPTIONS[0] + "; all widths n (d ≤ n), W_ℓ = ℓ(n² + n)",
             Assumption()),
        Step("exact", "ε = 0: every instance is computed exactly on its identifying probes",
             Assumption()),
        Step("fits", "fits(m′) :⇔ B(m′) := Σ_ℓ g(n q, W_ℓ, ℓ) + g(m′ q, W, L) ≥ I_0(m′) "
             "(q = q(m′)); not fits(m′) means no such network computes F(m′) (theorem "
             "sign-patterns)", cite_proof("sign-patterns",
                        "no network with B(m′) < I_0(m′) computes F(m′)"), uses=("architecture",)),
        Step("restriction-families",
             "Each instance f of F(m′) extends to an instance f̂ of F(m′ + 1) (permutation: "
             "π(m′+1) = m′+1; pairwise: last pair {1, m+1}, the other pairs inside [m]) whose "
             "first m′ outputs on the padded probe (x, 0) (x_{m+1} = 0) are f's outputs on x; "
             "every identifying probe of F(m′), padded, is an identifying probe of F(m′ + 1) "
             "(one-hot stays one-hot; at most two active stays at most two).",
             cite_definition("families", "the instances and identifying probes of the "
                             "permutation and pairwise families")),
        Step("restriction-network",
             "A width-n network for F(m′ + 1) with public interface (E, D, θ) restricted to "
             "the columns of E for [m] and the first m′ rows of D and θ is a width-n network "
             "(same hidden layers) whose output j ≤ m′ on x is its output j on (x, 0).",
             cite_definition("network-class", "the network classes and the public interface: "
                             "E(x, 0) = E_{[m]}x, so the hidden states on (x, 0) are those on x")),
        Step("restriction-step",
             "ε = 0: if width-n networks compute every instance of F(m′ + 1) exactly on its "
             "identifying probes, they compute every instance of F(m′) exactly on its "
             "identifying probes (every m′ ≥ 1; for ε > 0 a restriction may exceed ⌊εm′⌋ "
             "wrong outputs, so this step is for ε = 0 only)",
             Z3Proof(_deduce_signs.restriction_step, what="uninterpreted sorts for the "
                     "instances, probes and networks of F(m′) and F(m′ + 1): exact at m′ + 1 "
                     "(a network net(F) of width ≤ n per instance), the extension and padding "
                     "facts (restriction-families), the restricted network "
                     "(restriction-network) ⊢ every instance of F(m′) has a width-n network "
                     "exact on its probes"),
             uses=("exact", "restriction-families", "restriction-network")),
        Step("monotone-nat", "a sequence with f(n + 1) ≤ f(n) for all n is antitone "
             "(applied to the predicate m ↦ C(m + 1) ordered by implication)",
             cite_fact("monotone-nat")),
        Step("restriction",
             "ε = 0: not fits(m* + 1) gives capacity ≤ m*: no m′ > m* has width-n networks "
             "computing every instance of F(m′) (both families, whatever the shape of fits)",
             Z3Proof(_deduce_signs.restriction_capacity, what="integers m, predicates C "
                     "(width-n networks compute F(m) exactly) and fits: C(m + 1) ⇒ C(m) "
                     "(restriction-step), antitone (monotone-nat), C ⇒ fits (fits), "
                     "not fits(m* + 1) ⊢ ∀ m > m*: not C(m)"),
             uses=("fits", "exact", "restriction-step", "monotone-nat")),
        Step("ratio-identity",
             sp.Eq(sp.simplify(sp.diff(warren / M, M) * M**2),
                   sp.simplify(N / sp.log(2) - warren), evaluate=False),
             Identity(), "M²·∂/∂M (Warren/M) = N/ln 2 − Warren", uses=("fits",)),
        Step("ratio-sign", sp.Ge(1 + N * sp.log(4 * r, 2), 0),
             SymbolicInequality(domain=((r, 1, sp.oo), (N, 0, sp.oo))),
             "Warren − N/ln 2 = 1 + N log₂(4MD/N) ≥ 0 for r = MD/N ≥ 1: Warren/M decreases; "
             "with the branch 2^M (g/M = 1) g(M)/M is nonincreasing, so g(λM) ≤ λ·g(M) for "
             "λ ≥ 1 — every layer term of a permutation (M = n m′) grows at most by the factor "
             "(m′+1)/m′", uses=("ratio-identity",)),
        Step("output-branch",
             sp.Ge(4 * sp.log(4 * sp.E, 2) * m_ / sp.E - sp.log(m_, 2), 0),
             SymbolicInequality(domain=((m_, 1, sp.oo),), fallback=((m_, 1, 400),)),
             "Permutation, not fits(m): the output term g(m², W, L) < I(m) ≤ m log₂ m < m², so "
             "it is the Warren branch with W ≤ m²; then W·log₂(4e) < m log₂ m, and this "
             "inequality gives W < 4Lm²/e", uses=("fits",)),
        Step("log-ratio", sp.Ge(x - sp.log(1 + x), 0),
             SymbolicInequality(domain=((x, 0, sp.oo),)),
             "log₂(1 + 1/m) ≤ 1/(m ln 2)"),
        Step("output-ratio",
             sp.Ge(sp.log(4 * sp.E * L_ * m_**2 / W_, 2) - 2 / sp.log(2), 0),
             SymbolicInequality(domain=((W_, 0, 4 * L_ * m_**2 / sp.E),),
                                fallback=((m_, 1, 60),)),
             "for W ≤ 4Lm²/e: log₂(4eLm²/W) ≥ log₂ e² = 2/ln 2, hence the Warren increment "
             "2W log₂(1 + 1/m) ≤ 2W/(m ln 2) ≤ Warren(m)/m: the output term also grows at "
             "most by (m+1)/m",
             uses=("output-branch", "log-ratio")),
        Step("info-ratio", "I(m)/m = log₂(m!)/m is nondecreasing: I(m+1)/(m+1) ≥ I(m)/m ⇔ "
             "m·log₂(m+1) ≥ log₂ m!, true as m! ≤ m^m < (m+1)^m",
             cite_proof("sparse-weakening", "ln m! ≤ m ln m for every integer m ≥ 1 (step "
                        "log-factorial-upper, proved by induction)")),
        Step("downward-closed",
             "Permutation: not fits(m) ⇒ B(m+1) ≤ ((m+1)/m)·B(m) < ((m+1)/m)·I(m) ≤ I(m+1), "
             "i.e. not fits(m+1); so fits is downward closed, bisection finds the largest "
             "fitting m′ and the sign-pattern least width is nondecreasing in m′",
             Z3Proof(_deduce.downward_closed, what="reals m ≥ 1, B(m) = layer terms + output "
                     "term: layers(m+1)·m ≤ (m+1)·layers(m) (ratio-sign, each layer term), "
                     "output(m+1)·m ≤ (m+1)·output(m) (output-ratio), B(m) < I(m) (not fits), "
                     "I(m+1)·m ≥ (m+1)·I(m) (info-ratio) ⊢ B(m+1) < I(m+1)"),
             uses=("ratio-sign", "output-ratio", "info-ratio")),
        Step("scan", "example: capacity_real(n) equals an independent scan of fits over "
             "[2, 3·cap + 40] and the fitting m′ are exactly [2, cap] (permutation and pairwise, "
             "L ∈ {1, 3}; "
             "for pairwise this is the range check of monotonicity, not a proof)",
             Example(lo=1, hi=6, predicate=_cap_scan_pred, name="n",
                     what="independent mpmath evaluation of the bound",
                     mutations=((cap_mod, "capacity_real", field_plus("m_prime_max", 1)),)),
             uses=("restriction", "downward-closed")),
        Step("huge", "example: at n ∈ {10^3, 10^6, 10^15}: fits(cap) and not fits(cap + 1) by an "
             "independent evaluation (both families)",
             Example(points=(10**3, 10**6, 10**15), predicate=_cap_huge_pred, name="n",
                     what="independent mpmath evaluation",
                     mutations=((cap_mod, "capacity_real", field_plus("m_prime_max", 1)),)),
             uses=("restriction",)),
        Step("eps-tolerant", "ε > 0 (permutations): every instance is computed ε-correctly "
             "(at most ⌊εm′⌋ wrong outputs); fits(m′) :⇔ B(m′) ≥ I_ε(m′) = "
             "log₂(⌈(1 − ε)m′⌉!), and not fits(m′) means no such network (theorem "
             "sign-patterns). No restriction lemma: fits may fail and hold again.",
             Assumption()),
        Step("gamma-convex", "ln Γ is convex on (0, ∞), Γ(1) = Γ(2) = 1 and Γ(k + 1) = k!",
             cite_fact("gamma-convex")),
        Step("floor", "x − 1 < ⌊x⌋ ≤ x for every real x; ⌈x⌉ is the least integer ≥ x",
             cite_fact("floor"), "with the ceiling fact ceiling-least (mathlib, same file)"),
        Step("loggamma-step",
             sp.Eq(sp.loggamma(_k + 1) - sp.loggamma(_k), sp.log(_k), evaluate=False),
             Identity(), "ln Γ(k + 1) − ln Γ(k) = ln k for k > 0 (Γ(k + 1) = kΓ(k))"),
        Step("log2-nonneg", sp.Ge(sp.log(r, 2), 0), SymbolicInequality(domain=((r, 1, sp.oo),)),
             "log₂ r ≥ 0 (and ln r ≥ 0) for r ≥ 1"),
        Step("log2-quotient",
             sp.Eq(sp.log(r * _k, 2) - sp.log(_k, 2), sp.log(r, 2), evaluate=False),
             Identity(), "log₂(rk) − log₂ k = log₂ r for r, k > 0: with r = m/k ≥ 1, "
             "log₂ k ≤ log₂ m (log2-nonneg)"),
        Step("relaxed-lower", "I_lo(m′) := log₂ Γ((1 − ε)m′ + 1) ≤ I_ε(m′) for every m′ ≥ 1, "
             "0 ≤ ε < 1: with x = (1 − ε)m′ and k = m′ − ⌊εm′⌋, k − 1 < x ≤ k (so k = ⌈x⌉), "
             "x + 1 ∈ (k, k + 1] where the convex ln Γ is ≤ (1 − t) ln Γ(k) + t ln Γ(k + 1) "
             "≤ ln Γ(k + 1) = ln k!",
             Z3Proof(_deduce_signs.relaxed_lower, what="integers m′ ≥ 1 and ⌊εm′⌋ with the "
                     "floor inequalities, reals ε ∈ [0, 1), ln Γ(k), ln Γ(k + 1), "
                     "ln Γ(x + 1): convexity of ln Γ at k, k + 1 with weight t = x + 1 − k "
                     "when k > 0, t ∈ [0, 1] (gamma-convex), ln Γ(k + 1) − ln Γ(k) = ln k ≥ 0 "
                     "(loggamma-step, log2-nonneg) ⊢ k − 1 < x ≤ k, x + 1 = (1 − t)k + "
                     "t(k + 1), ln Γ(x + 1) ≤ ln Γ(k + 1)"),
             "I_ε(m′) = log₂((m′ − ⌊εm′⌋)!) = log₂ Γ(k + 1) (gamma-convex: Γ(k + 1) = k!)",
             uses=("gamma-convex", "eps-tolerant", "floor", "loggamma-step", "log2-nonneg")),
        Step("relaxed-lower-checked", "example: the library's info_lower_permutation(m′, ε) "
             "≤ the exact I_ε = log₂((m′ − ⌊εm′⌋)!) for m′ ≤ 300 (to 10⁻⁴⁰: equal at integer "
             "x), ε ∈ {0.1, 0.25, 0.5, 0.9}",
             Example(points=EPS_CASES, predicate=_lower_pred, name="ε",
                     what="exact reference log₂((m′ − ⌊εm′⌋)!)",
                     mutations=((cap_mod, "info_lower_permutation", lambda v: v + 1),)),
             uses=("relaxed-lower",)),
        Step("relaxed-ratio", "I_lo(m)/m is nondecreasing: f(x) = ln Γ(x + 1) is convex with "
             "f(0) = 0, so f(x) ≤ (x/y)·f(y) for 0 < x ≤ y (convexity between 0 and y), "
             "applied with x = (1 − ε)m, y = (1 − ε)(m + 1)",
             Z3Proof(_deduce.convex_ratio, what="reals m ≥ 1, 0 ≤ ε < 1: f(0) = 0 and the "
                     "convexity inequality of gamma-convex at a = 0, b = (1 − ε)(m + 1), "
                     "t = m/(m + 1) ⊢ (1 − ε)m = t·b and f((1 − ε)m)·(m + 1) ≤ "
                     "m·f((1 − ε)(m + 1))"),
             "f(0) = ln Γ(1) = 0 and f convex on [0, ∞) (gamma-convex; f(x) = ln Γ(x + 1))",
             uses=("gamma-convex",)),
        Step("relaxed-small", "I_lo(m) ≤ m log₂ m for every integer m ≥ 1, 0 ≤ ε < 1",
             Z3Proof(_deduce_signs.relaxed_small, what="integers m ≥ 1 and ⌊εm⌋ with the "
                     "floor inequalities, k = m − ⌊εm⌋; reals I_lo ≤ I_ε = log₂ k! "
                     "(relaxed-lower), log₂ k! ≤ k log₂ k for k ≥ 1 (info-ratio's "
                     "log-factorial-upper), log₂ m = log₂ k + log₂(m/k) (log2-quotient), "
                     "log₂ r ≥ 0 for r ≥ 1 (log2-nonneg) ⊢ I_lo ≤ m log₂ m"),
             uses=("relaxed-lower", "info-ratio", "floor", "log2-quotient", "log2-nonneg")),
        Step("relaxed-downward", "Relaxed predicate R(m) :⇔ B(m) ≥ I_lo(m): fits ⇒ R, and "
             "not R(m) ⇒ B(m+1) ≤ ((m+1)/m)·B(m) < ((m+1)/m)·I_lo(m) ≤ I_lo(m+1) — the ratio "
             "steps above need only B(m) < I_lo(m) ≤ m log₂ m — i.e. not R(m+1). So no m′ "
             "above the transition m_top of R fits, and scanning down from m_top to the "
             "first m′ with fits(m′) gives the largest m′ the theorem allows.",
             Z3Proof(_deduce.downward_closed, what="as downward-closed with I_lo for I: "
                     "reals m ≥ 1, layers(m+1)·m ≤ (m+1)·layers(m) (ratio-sign), "
                     "output(m+1)·m ≤ (m+1)·output(m) (output-ratio, which needs only "
                     "B(m) < I_lo(m) ≤ m log₂ m), B(m) < I_lo(m) (not R(m)), "
                     "I_lo(m+1)·m ≥ (m+1)·I_lo(m) (relaxed-ratio) ⊢ B(m+1) < I_lo(m+1)"),
             "fits ⇒ R as I_lo ≤ I_ε (relaxed-lower); the scan down from m_top is then exact",
             uses=("ratio-sign", "output-ratio", "relaxed-ratio", "relaxed-small",
                   "eps-tolerant")),
        Step("eps-scan", "example: capacity_real(n, ε) equals the largest fitting m′ of an "
             "independent scan of B(m′) ≥ log₂((m′ − ⌊εm′⌋)!) over [2, 3·cap + 40] "
             "(ε ∈ {0.1, 0.25, "
             "0.5, 0.9}, L ∈ {1, 2})",
             Example(lo=1, hi=4, predicate=_eps_scan_pred, name="n",
                     what="independent mpmath evaluation of the bound",
                     mutations=((cap_mod, "capacity_real",
                                 field_plus("m_prime_max", 0, 2)),)),
             uses=("relaxed-downward",)),
    )
    return Proof(
        name="capacity-real",
        title="Capacity with real parameters",
        statement=("With real-valued parameters (ε = 0), width-n networks compute at most m* "
                   "features, m* the transition fits(m*), not fits(m* + 1) of the sign-pattern "
                   "predicate; for permutations fits is downward closed, so m* is the largest "
                   "m′ the theorem sign-patterns allows. For permutations with ε > 0, m* is "
                   "the largest m′ with fits(m′), found below the transition of a relaxed "
                   "predicate proved downward closed."),
        statement_latex=r"\mathrm{cap}_{\mathbb{R}}(n) = \max\{m' : B_n(m') \ge I_0(m')\}",
        paper_claim="A4",
        steps=steps,
        assumptions=ASSUMPTIONS[:2],
        references=("bounds.capacity.capacity_real", "theorem sign-patterns"),
    )
