"""Asymptotic corollaries of SPEC §3: how paper claims A1, A2, A3 (weakening) and A4 follow.

Every limit is a ``sympy.limit`` of a ratio as the size → ∞, taken of the library's own sympy
forms (``bounds.families`` log₂|F| and log₂ V_ε, ``bounds.lower.least_width_sym``,
``bounds.capacity.lambert_capacity_sym``). Floors and ceilings are handled by sandwiching: the
quantity lies between two smooth functions with the same limit. b, L are constants and
0 ≤ ε ≤ ε₀ < 1; δ = 1 − ε > 0 is used because sympy needs the sign of 1 − ε.

>>> from proofs.registry import get
>>> get("asymptotic-params").paper_claim
'A1'
"""

from __future__ import annotations

import math

import mpmath
import sympy as sp

import bounds.capacity as cap
import bounds.counting as cnt
import bounds.families as fams
import bounds.lower as low
from proofs.checks import (
    Assumption,
    Asymptotic,
    Example,
    Identity,
    Induction,
    SymbolicInequality,
    Z3Proof,
)
from proofs.citations import cite_fact, cite_proof
from proofs.engine import Proof, Step, theorem
from proofs.mutation import field_plus, times
from proofs.registry import register
from proofs.theorems import _deduce
from proofs.theorems._common import b, eps, nL, x

__all__: list[str] = []

delta = sp.Symbol("delta", positive=True)
c = sp.Symbol("c", positive=True)
u = sp.Symbol("u", positive=True)
v_ = sp.Symbol("u", real=True)  # no sign assumption: the domain of a step supplies it
w = sp.Symbol("w", positive=True)
nv = sp.Symbol("n", real=True)  # no sign assumption: the domain of a step supplies it
hv = sp.Symbol("h", real=True)
npos = sp.Symbol("n", positive=True)


def _budget(width: sp.Expr) -> sp.Expr:
    """Y = bL(n² + n) ln 2, the budget in nats of the capacity proof (its upper-form)."""
    return b * nL * (width**2 + width) * sp.log(2)


def _info_sym(e_expr: sp.Expr) -> sp.Expr:
    """I_ε of permutations from the library's sympy forms, with e = e_expr (real)."""
    fam = fams.permutation(2)
    return fam.log2_size_sym(x) - fam.log2_tolerant_volume_sym(e_expr, x)


def _common_assumptions() -> tuple[str, ...]:
    return ("b, L constant; 0 ≤ ε ≤ ε₀ < 1 constant (δ = 1 − ε > 0); permutation family",
            "D1: B = b·P_dense")


def _sandwich_steps() -> list[Step]:
    return [
        Step("constants", _common_assumptions()[0], Assumption()),
        Step("library-info", sp.Eq(_info_sym(eps * x), sp.loggamma((1 - eps) * x + 1) / sp.log(2),
                                   evaluate=False),
             Identity(), "the library's log₂|F| − log₂ V_ε with e = εm' (smooth in m')"),
        Step("floor-sandwich", "(1 − ε)m' ≤ m' − ⌊εm'⌋ < (1 − ε)m' + 1",
             cite_fact("floor")),
        Step("loggamma-monotone", "ln Γ is increasing on [1.47, ∞), so log₂ Γ((1−ε)m' + 1) ≤ "
             "I_ε(m') ≤ log₂ Γ((1−ε)m' + 2) once (1−ε)m' ≥ 1",
             cite_fact("gamma-minimum"),
             uses=("floor-sandwich", "library-info")),
    ]


def _ratio_points_pred(k: int) -> tuple[bool, str]:
    lb = low.lower_bounds(fams.permutation(k), bits=8)
    ratio = mpmath.mpf(lb.params_lb) * 8 / (k * mpmath.log(k, 2))
    lo = 1 - 1 / mpmath.log(k)
    hi = 1 + mpmath.mpf(8) / (k * mpmath.log(k, 2))
    ok = lo <= ratio <= hi
    return ok, f"b·P/(m' log₂ m') = {mpmath.nstr(ratio, 8)} in [{mpmath.nstr(lo, 6)}, 1]"


@register("asymptotic-params", claim="A1")
def asymptotic_params() -> Proof:
    """bits Θ(m′ log m′); P_D1/(m′ log₂ m′) → (1−ε)/b."""
    lower = _info_sym(eps * x).subs(eps, 1 - delta)
    upper = cnt.log2_factorial_sym(delta * x + 1)
    mlog = x * sp.log(x, 2)
    steps = _sandwich_steps() + [
        Step("bits-lower-limit", sp.Eq(sp.Limit(lower / mlog, x, sp.oo), delta, evaluate=False),
             Asymptotic(lower / mlog, x, delta),
             "lower side of the sandwich, ε = 1 − δ", uses=("loggamma-monotone",)),
        Step("bits-upper-limit", sp.Eq(sp.Limit(upper / mlog, x, sp.oo), delta, evaluate=False),
             Asymptotic(upper / mlog, x, delta),
             "upper side: bounds.counting.log2_factorial_sym((1−ε)m' + 1)",
             uses=("loggamma-monotone",)),
        Step("bits-theta", "I_ε/(m' log₂ m') → 1 − ε: the bits bound is Θ(m' log m')",
             cite_fact("squeeze"), uses=("bits-lower-limit", "bits-upper-limit")),
        Step("params-upper-limit",
             sp.Eq(sp.Limit((upper / b + 1) / mlog, x, sp.oo), delta / b, evaluate=False),
             Asymptotic((upper / b + 1) / mlog, x, delta / b),
             "P_D1 = ⌈I_ε/b⌉ < I_ε/b + 1 ≤ (upper side)/b + 1: the ceiling's +1 vanishes "
             "relative to m' log₂ m'", uses=("bits-upper-limit",)),
        Step("params-limit",
             sp.Eq(sp.Limit(lower / b / mlog, x, sp.oo), delta / b, evaluate=False),
             Asymptotic(lower / b / mlog, x, delta / b),
             "P_D1 = ⌈I_ε/b⌉ ≥ I_ε/b ≥ (lower side)/b (proof params-dense); with step "
             "params-upper-limit, P/(m' log₂ m') → (1 − ε)/b",
             uses=("bits-theta", "params-upper-limit")),
        Step("library-points",
             "the library's b·P/(m' log₂ m') lies in [1 − 1/ln m', 1 + b/(m' log₂ m')] "
             "(b = 8, ε = 0) at m' = 10³, 10⁶, 10⁹, 10¹²",
             Example(points=(10**3, 10**6, 10**9, 10**12), predicate=_ratio_points_pred,
                     name="m'", what="lower_bounds(permutation(m'), bits=8) by mpmath",
                     mutations=((low, "lower_bounds", field_plus("params_lb", 0, 2)),)),
             "m' ln m' − m' ≤ ln m'! ≤ m' ln m' (cited Stirling-type bounds) — the rate at "
             "which the ratio approaches its limit", uses=("params-limit",)),
    ]
    return theorem("asymptotic-params", "A1",
        "A1: parameters Θ(m′ log m′), ratio → (1 − ε)/b",
        steps,
        latex=r"\lim_{m'\to\infty} \frac{\lceil I_\varepsilon/b\rceil}"
        r"{m' \log_2 m'} = \frac{1-\varepsilon}{b}",
        assumptions=_common_assumptions(),
        references=("design §3 asymptotic corollaries",))


@register("asymptotic-neurons", claim="A2")
def asymptotic_neurons() -> Proof:
    """n_min = Θ(√(m′ log m′)): n*/√(m′ ln m′) → √((1−ε)/(bL ln 2))."""
    lower = low.least_width_sym(_info_sym(eps * x).subs(eps, 1 - delta), b, nL)
    upper = low.least_width_sym(cnt.log2_factorial_sym(delta * x + 1), b, nL)
    root = sp.sqrt(x * sp.log(x))
    limit = sp.sqrt(delta / (b * nL * sp.log(2)))
    steps = _sandwich_steps() + [
        Step("closed-form", "n_min = max(1, ⌈n*(I_ε)⌉) with n* = bounds.lower.least_width_sym",
             cite_proof("neurons")),
        Step("lower-limit", sp.Eq(sp.Limit(lower / root, x, sp.oo), limit, evaluate=False),
             Asymptotic(lower / root, x, limit), "n* is increasing in I",
             uses=("loggamma-monotone", "closed-form")),
        Step("upper-limit", sp.Eq(sp.Limit(upper / root, x, sp.oo), limit, evaluate=False),
             Asymptotic(upper / root, x, limit), uses=("loggamma-monotone", "closed-form")),
        Step("one-over-root", sp.Eq(sp.Limit(1 / root, x, sp.oo), 0, evaluate=False),
             Asymptotic(1 / root, x, 0)),
        Step("ceiling-upper-limit",
             sp.Eq(sp.Limit((upper + 1) / root, x, sp.oo), limit, evaluate=False),
             cite_fact("limit-sum"),
             "n_min ≤ ⌈n*⌉ < n* + 1 ≤ (upper side) + 1, and (upper + 1)/√(m' ln m') = "
             "upper/√(m' ln m') + 1/√(m' ln m') → limit + 0: the ceiling's +1 vanishes",
             uses=("upper-limit", "one-over-root")),
        Step("theta", "n_min/√(m' ln m') → √((1 − ε)/(bL ln 2)) ∈ (0, ∞): "
             "n_min = Θ(√(m' log m'))",
             cite_fact("squeeze"), uses=("lower-limit", "upper-limit", "ceiling-upper-limit")),
    ]
    return theorem("asymptotic-neurons", "A2", "A2: neurons Θ(√(m′ log m′))", steps,
        latex=r"\lim \frac{n_{\min}}{\sqrt{m' \ln m'}} = "
        r"\sqrt{\frac{1-\varepsilon}{bL\ln 2}}",
        assumptions=_common_assumptions(),
        references=("design §3 asymptotic corollaries",))


def _capacity_points_pred(k: int) -> tuple[bool, str]:
    c_ = cap.capacity(k, bits=8)
    y = mpmath.mpf(c_.budget_bits) * mpmath.ln(2)
    low_sol = mpmath.exp(mpmath.lambertw(y).real)  # solves m ln m = Y
    ok = low_sol - 1 <= c_.m_prime_max <= c_.m_prime_lambert
    ratio = c_.m_prime_max / (k * k / math.log(k))
    return ok, (f"e^W(Y) − 1 = {mpmath.nstr(low_sol - 1, 10)} ≤ {c_.m_prime_max} ≤ "
                f"{c_.m_prime_lambert:.1f}; cap/(n²/ln n) = {ratio:.4f}")


@register("asymptotic-capacity", claim="A4")
def asymptotic_capacity() -> Proof:
    """capacity(n) = Θ(n²/log n): both sandwich functions / (n²/ln n) → bL ln 2 / 2."""
    n_of_w = low.least_width_sym(w * sp.exp(w + 1) / sp.log(2), b, nL)
    n_of_u = low.least_width_sym(u * sp.exp(u) / sp.log(2), b, nL)
    upper = sp.exp(w + 1) * sp.log(n_of_w) / n_of_w**2
    lower = sp.exp(u) * sp.log(n_of_u) / n_of_u**2
    limit = b * nL * sp.log(2) / 2
    steps = (
        Step("constants", "D1, all widths n, b and L constant, ε = 0, permutations",
             Assumption()),
        Step("upper-form", "capacity(n) ≤ Y/W(Y/e) = e^{w+1}, w = W(Y/e), "
             "Y = bL(n² + n) ln 2", cite_proof("capacity")),
        Step("lower-form", "capacity(n) ≥ e^{u} − 1, u = W(Y): log₂ m'! ≤ m' log₂ m' and "
             "m' ln m' = Y at m' = e^{W(Y)}",
             cite_fact("lambert-w-factorial")),
        Step("xexp-increasing", sp.Ge(sp.diff(v_ * sp.exp(v_), v_), 0),
             SymbolicInequality(domain=((v_, -1, sp.oo),)),
             "d/du (u e^u) = (1 + u) e^u ≥ 0 on [−1, ∞)"),
        Step("xexp-monotone", "g(u) = u e^u is nondecreasing on [−1, ∞)",
             cite_fact("deriv-monotone"),
             "D = [−1, ∞) is convex, g is continuous on it and differentiable inside with "
             "g′ ≥ 0 (xexp-increasing)", uses=("xexp-increasing",)),
        Step("lambert-defining", "W(z) ≥ −1 and W(z)·e^{W(z)} = z for every z ≥ 0 "
             "(principal branch)", cite_fact("lambert-w-branch")),
        Step("budget-grows", sp.Gt(_budget(nv + hv) - _budget(nv), 0),
             SymbolicInequality(domain=((nv, 0, sp.oo), (hv, 1, sp.oo), (b, 1, sp.oo),
                                        (nL, 1, sp.oo))),
             "Y(n) = bL(n² + n) ln 2 is strictly increasing over the widths: "
             "Y(n + h) > Y(n) for n ≥ 0, h ≥ 1, b, L ≥ 1"),
        Step("budget-unbounded", sp.Ge(_budget(nv), nv),
             SymbolicInequality(domain=((nv, 1, sp.oo), (b, 1, sp.oo), (nL, 1, sp.oo))),
             "Y(n) ≥ n for n ≥ 1 (b, L ≥ 1): Y is unbounded"),
        Step("exp-shift", sp.Eq(w * sp.exp(w + 1), sp.E * (w * sp.exp(w)), evaluate=False),
             Identity(), "h(w) = w e^{w+1} = e·g(w)"),
        Step("recover-n", sp.Eq(low.least_width_sym(b * nL * (npos**2 + npos), b, nL), npos,
                                evaluate=False),
             Identity(lhs=sp.factor(low.least_width_sym(b * nL * (npos**2 + npos), b, nL),
                                    deep=True), rhs=npos),
             "bounds.lower.least_width_sym(Y/ln 2, b, L) at Y = bL(n² + n) ln 2 is n for "
             "every n > 0 (sympy factors the radicand 4n² + 4n + 1 = (2n + 1)² first)"),
        Step("change-variable", "n ↦ W(Y/e) and n ↦ W(Y) are strictly increasing and "
             "unbounded (W(Y(n)/e) ≥ M once n ≥ e(M e^M + 1), W(Y(n)) ≥ M once "
             "n ≥ M e^M + 1, every M ≥ −1), and n is recovered from w = W(Y/e) as "
             "n*(w e^{w+1}/ln 2) = bounds.lower.least_width_sym (and from u = W(Y) as "
             "n*(u e^u/ln 2)): for every width n ≥ 1",
             Z3Proof(_deduce.change_variable, what="free integers 1 ≤ n₁ < n₂, n ≥ 1, free "
                     "real M ≥ −1; g, h, W, Y, N uninterpreted: g nondecreasing on [−1, ∞) "
                     "(xexp-monotone), W ≥ −1 and g(W(z)) = z for z ≥ 0 (lambert-defining), "
                     "Y(n₁) < Y(n₂) (budget-grows), Y(n) ≥ n (budget-unbounded), "
                     "h = e·g (exp-shift), N(Y(n)) = n (recover-n)"),
             "if W(z₂) ≤ W(z₁) then z₂ = g(W(z₂)) ≤ g(W(z₁)) = z₁; if W(Y(n)) < M then "
             "Y(n) ≤ g(M) < n ≤ Y(n); e·g(W(Y/e)) = Y",
             uses=("xexp-monotone", "lambert-defining", "budget-grows", "budget-unbounded",
                   "exp-shift", "recover-n")),
        Step("upper-limit", sp.Eq(sp.Limit(upper, w, sp.oo), limit, evaluate=False),
             Asymptotic(upper, w, limit),
             "e^{w+1}/(n²/ln n) with Y = w e^{w+1}", uses=("upper-form", "change-variable")),
        Step("lower-limit", sp.Eq(sp.Limit(lower, u, sp.oo), limit, evaluate=False),
             Asymptotic(lower, u, limit),
             "e^{u}/(n²/ln n) with Y = u e^{u}", uses=("lower-form", "change-variable")),
        Step("theta", "capacity(n)/(n²/ln n) → bL ln 2/2: capacity is Θ(n²/log n), in "
             "particular O(n²/log n) (A4)", cite_fact("squeeze"),
             uses=("upper-limit", "lower-limit")),
        Step("library-points",
             "the library's capacity lies between e^{W(Y)} − 1 and its Lambert form "
             "(b = 8, L = 1) at n = 10, 10², …, 10⁵",
             Example(points=(10, 100, 1000, 10**4, 10**5), predicate=_capacity_points_pred,
                     name="n", what="bounds.capacity.capacity by mpmath",
                     mutations=((cap, "capacity", field_plus("m_prime_max", 0, 2)),)),
             uses=("upper-form", "lower-form")),
    )
    return theorem("asymptotic-capacity", "A4", "A4: capacity Θ(n²/log n)", steps,
        latex=r"\lim_{n\to\infty} \frac{\mathrm{cap}(n)}{n^2/\ln n} = "
        r"\frac{bL\ln 2}{2}",
        assumptions=("D1, all widths n, b and L constant, ε = 0, permutation family",),
        references=("design §3 capacity",))


def _weakening_pred(k: int) -> tuple[bool, str]:
    fam = fams.permutation(k)
    for bits in (1, 8):
        slots = k * k
        info = cnt.log2_factorial(k)
        simple = info / (bits + math.log2(slots))
        for model in ("sparse", "mask"):
            got = low.params_lower_bound(fam, bits=bits, model=model, slots=slots)
            if got is None or got > 2 * k or got < simple - 1e-9:
                return False, f"{model}, b={bits}: library {got}, range [{simple:.2f}, {2 * k}]"
    return True, ""


def _weakening_points(k: int) -> tuple[bool, str]:
    fam = fams.permutation(k)
    dense = low.params_lower_bound(fam, bits=8)
    sparse = low.params_lower_bound(fam, bits=8, model="sparse", slots=k * k)
    ok = sparse is not None and sparse <= 2 * k and sparse < dense
    return ok, f"D1 P ≥ {dense} ({dense / k:.2f} m'), D2 with D = m'² P ≥ {sparse} " \
        f"({(sparse or 0) / k:.2f} m')"


@register("sparse-weakening", claim="A3")
def sparse_weakening() -> Proof:
    """Under D2 with D = poly(m′) the counting bound is only Θ(m′) — the hinge of A3."""
    info = fams.permutation(2).log2_size_sym(x)
    simple = info / (b + c * sp.log(x, 2))
    xs = sp.Symbol("x", positive=True)
    steps = (
        Step("model", "D2: B(P) = P·b + log₂ C(D, P) with D = m'^c slots (c ≥ 2 constant)",
             Assumption()),
        Step("binomial-upper", "C(D, P) ≤ D^P",
             cite_proof("tail-binomial-count", "C(D, P) = (D)_P/P! ≤ D^P/P! ≤ D^P (steps "
                  "choose-falling, falling-step)")),
        Step("simple-bound", "B(P) ≤ P(b + log₂ D), so P ≥ I/(b + c log₂ m')",
             cite_proof("error-tolerant-counting", "B ≥ I_ε; with step binomial-upper"),
             uses=("model", "binomial-upper")),
        Step("only-linear", sp.Eq(sp.Limit(simple / x, x, sp.oo), 1 / c, evaluate=False),
             Asymptotic(simple / x, x, 1 / c),
             "the D2 lower bound I/(b + c log₂ m') is Θ(m'), not Θ(m' log m')",
             uses=("simple-bound",)),
        Step("not-m-log-m",
             sp.Eq(sp.Limit(simple / (x * sp.log(x, 2)), x, sp.oo), 0, evaluate=False),
             Asymptotic(simple / (x * sp.log(x, 2)), x, 0), uses=("simple-bound",)),
        Step("binomial-lower", "C(D, P) ≥ (D/P)^P",
             cite_proof("binomial-lower", "(n/k)^k ≤ C(n, k) for 1 ≤ k ≤ n, at n = D, k = P")),
        Step("log-factorial-upper", sp.Le(sp.loggamma(xs + 1), xs * sp.log(xs)),
             Induction(xs, 1, 1),
             "ln m'! ≤ m' ln m' for every integer m' ≥ 1 (so log₂ m'! ≤ m' log₂ m'): at m' = 1, "
             "0 ≤ 0; consecutive differences m' ln(1 + 1/m') ≥ m'/(m' + 1) ≥ 0"),
        Step("two-m-suffices",
             sp.Ge(2 * xs * sp.log(xs / 2, 2) - xs * sp.log(xs, 2), 0, evaluate=False),
             SymbolicInequality(domain=((xs, 4, sp.oo),)),
             "with D = m'², P = 2m': B(P) ≥ 2m' log₂(m'/2) ≥ m' log₂ m' ≥ log₂ m'! for m' ≥ 4, "
             "so the D2 (and D3) bound is at most 2m' — the counting bound really is Θ(m')",
             uses=("binomial-lower", "log-factorial-upper")),
        Step("library-range",
             "params_lower_bound(permutation(m'), model ∈ {sparse, mask}, slots = m'²) lies in "
             "[I/(b + log₂ D), 2m'] (b ∈ {1, 8}, m' = 4…150)",
             Example(4, 150, predicate=_weakening_pred, name="m'",
                     what="library vs the two bounds",
                        mutations=((low, "params_lower_bound", times(5)),)),
             uses=("simple-bound", "two-m-suffices")),
        Step("contrast",
             "D1 needs Θ(m' log m') (proof asymptotic-params); D2 with D = m'² needs only "
             "≤ 2m' (b = 8; m' = 10³, 10⁴, 10⁵)",
             Example(points=(10**3, 10**4, 10**5), predicate=_weakening_points, name="m'",
                     what="library params_lower_bound, D1 vs D2",
                     mutations=((low, "params_lower_bound", times(5)),)),
             uses=("library-range",)),
    )
    return theorem("sparse-weakening", "A3",
        "A3 hinge: with D = poly(m′) slots the sparse bound is only Θ(m′)",
        steps,
        latex=r"\frac{I_0}{b + c\log_2 m'} = \Theta(m')",
        assumptions=("D2 (or D3) with D = m'^c slots, c ≥ 2 constant; b constant; ε = 0",),
        references=("design §3 description models",))
