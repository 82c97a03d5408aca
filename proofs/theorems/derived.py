"""Derived bounds of SPEC §3: parameters (D1, D2, D3), neurons, capacity and its Lambert form.

Each proof takes the bits bound B ≥ I_ε from ``error-tolerant-counting`` and turns it into a
bound on a resource, then checks the library's calculator (``bounds.lower``, ``bounds.models``,
``bounds.capacity``) against an independent exact computation: integer answers must be the
*least* (or, for capacity, the *largest*) integers satisfying the inequality, decided in exact
integer arithmetic (2^{bP}·V_ε ≥ |F| with Python big integers).

>>> from proofs.registry import get
>>> get("neurons").paper_claim
'A2'
"""

from __future__ import annotations

import functools
import itertools
import math

import mpmath
import sympy as sp

import bounds.capacity as cap
import bounds.families as fams
import bounds.lower as low
import bounds.models as mod
from bounds.models.sparse import peak_formula
from proofs.checks import (
    Assumption,
    BruteForce,
    Example,
    Identity,
    Induction,
    SymbolicInequality,
    Z3Proof,
)
from proofs.citations import cite_fact, cite_proof
from proofs.engine import Proof, Step, theorem
from proofs.mutation import field_plus, plus
from proofs.registry import register
from proofs.theorems import _deduce
from proofs.theorems._common import (
    b,
    ceil_log2,
    close,
    library_identity,
    log2_factorial_big,
    n,
    nL,
)

__all__ = ["lg_steps"]

P, I, D, a, w, Y = sp.symbols("P I_epsilon D a w Y", positive=True)
ell = sp.Symbol("ell", integer=True, positive=True)


def lg_steps() -> tuple[Step, Step, Step]:
    """The three steps proving log₂ increasing on (0, ∞): ``lg-ratio``, ``lg-lower`` (sympy)
    and ``lg-increasing`` (z3 from the two), for a proof whose deduction uses it.

    >>> [s.name for s in lg_steps()]
    ['lg-ratio', 'lg-lower', 'lg-increasing']
    """
    xs, ys = sp.symbols("x y", positive=True)
    r = sp.Symbol("r", real=True)
    return (
        Step("lg-ratio", sp.Eq(sp.log(ys, 2) - sp.log(xs, 2), sp.log(ys / xs, 2),
                               evaluate=False),
             Identity(), "log₂ y − log₂ x = log₂(y/x) for x, y > 0"),
        Step("lg-lower", sp.Ge(r * sp.log(r, 2), r - 1),
             SymbolicInequality(domain=((r, 1, sp.oo),)),
             "r·log₂ r ≥ r − 1 for r ≥ 1: so log₂ r > 0 for r > 1"),
        Step("lg-increasing", "log₂ u < log₂ v for all 0 < u < v, and log₂ u ≤ log₂ v for "
             "all 0 < u ≤ v",
             Z3Proof(_deduce.lg_increasing, what="reals, lg uninterpreted: lg(v) − lg(u) = "
                     "lg(v/u) (lg-ratio), r·lg(r) ≥ r − 1 at r = v/u ≥ 1 (lg-lower) ⊢ "
                     "lg(u) < lg(v) for 0 < u < v"),
             "log₂ v − log₂ u = log₂(v/u) with v/u > 1, and (v/u)·log₂(v/u) ≥ v/u − 1 > 0",
             uses=("lg-ratio", "lg-lower")),
    )


def _cited_bits() -> Step:
    return Step(
        "bits-needed",
        "B ≥ I_ε for any class that computes every instance ε-correctly",
        cite_proof("error-tolerant-counting"),
    )


def _least_params_exact(size: int, vol: int, bits: int) -> int:
    """Least P ≥ 0 with 2^{bP}·V ≥ |F| (D1), from ⌈log₂⌈|F|/V⌉⌉, then verified."""
    need = ceil_log2(-(-size // vol))
    p = -(-need // bits)
    assert (vol << (bits * p)) >= size and (p == 0 or (vol << (bits * (p - 1))) < size)
    return p


def _families(k: int) -> list[fams.ProblemFamily]:
    return fams.proof_families(k)  # every registered family's small member


_EPS = (0.0, 0.1, 0.5)


def _params_dense_pred(k: int) -> tuple[bool, str]:
    for fam in _families(k):
        for eps in _EPS:
            err = fams.errors_allowed(k, eps)
            size, vol = fam.exact_size(), fam.exact_tolerant_volume(err)
            for bits in (1, 4, 8, 16, 32):
                want = _least_params_exact(size, vol, bits)
                got = low.params_lower_bound(fam, bits=bits, eps=eps)
                if got != want:
                    return False, f"{fam.label}, eps={eps}, b={bits}: library {got}, least {want}"
    return True, ""


def _reference_pred(k: int) -> tuple[bool, str]:
    ref = {1000: (1067, 33, "8529.398"), 10**6: (2311111, 1520, "18488884.82")}
    params, neurons, digits = ref[k]
    lb = low.lower_bounds(fams.permutation(k), bits=8, layers=1)
    info = log2_factorial_big(k)
    if not mpmath.nstr(info, len(digits) + 1).startswith(digits[:-1]):
        return False, f"log2({k}!) = {info}"
    if not close(lb.log2_instances, info):
        return False, f"log2_instances {lb.log2_instances!r} vs {info}"
    ok_p = 8 * params >= info > 8 * (params - 1)
    ok_n = 8 * (neurons**2 + neurons) >= info > 8 * ((neurons - 1) ** 2 + neurons - 1)
    if not (ok_p and ok_n and lb.params_lb == params and lb.neurons_lb == neurons):
        return False, f"library P={lb.params_lb}, n={lb.neurons_lb}; log2({k}!) = {info}"
    return True, f"log2|F| = {mpmath.nstr(info, 15)}, P = {params}, n = {neurons}"


@register("params-dense", claim="A1")
def params_dense() -> Proof:
    """P ≥ ⌈I_ε / b⌉ under D1."""
    steps = (
        Step("model", "D1: a network with P dense b-bit parameters has a B = b·P bit "
             "description.", Assumption()),
        library_identity("library-model", "B_D1", mod.description_bits_sym("dense", P, b),
                         sp.log((2**b) ** P, 2), (P, b),
                         "the expression bounds.models.description_bits_sym('dense', P, b) "
                         "returns (what the calculator evaluates) is log₂ of the number of "
                         "networks, (2^b)^P: P parameters of 2^b values each; so b·P = B ≥ I_ε "
                         "and P ≥ I_ε/b",
                         uses=("model",)),
        _cited_bits(),
        Step("round-up", "P is an integer, so P ≥ I_ε/b gives P ≥ ⌈I_ε/b⌉.",
             cite_fact("ceiling-least"), uses=("library-model", "bits-needed")),
        Step("library-formula",
             sp.Eq(sp.Function("P_D1")(I, b), sp.ceiling(I / b), evaluate=False),
             Identity(lhs=low.least_params_formula(I, b, lambda a_, c_: sp.ceiling(a_ / c_)),
                      rhs=sp.ceiling(sp.solve(sp.Eq(mod.description_bits_sym("dense", P, b),
                                                    I), P)[0])),
             "the formula body bounds.lower.least_params_formula that params_lower_bound "
             "evaluates under D1 (with exact ceiling division), taken with sympy's ceiling, "
             "equals the ceiling of sympy's solution P of B_D1(P) = I_ε",
             uses=("round-up",)),
        Step("library-least",
             "params_lower_bound(F, bits=b, eps) is the least P with 2^{bP}·V_ε ≥ |F| "
             "(permutation and pairwise m = m'+2; ε ∈ {0, 0.1, 0.5}; b ∈ {1, 4, 8, 16, 32}; "
             "m' = 2…250)",
             Example(2, 250, predicate=_params_dense_pred, name="m'",
                     what="exact big-integer comparison",
                        mutations=((low, "params_lower_bound", plus(1)),)),
             uses=("round-up",)),
        Step("reference-numbers",
             "Reference values: permutation, b = 8: m' = 1000 → P ≥ 1067, n ≥ 33; "
             "m' = 10⁶ → P ≥ 2 311 111, n ≥ 1520",
             Example(points=(1000, 10**6), predicate=_reference_pred, name="m'",
                     what="library lower_bounds vs log2(m'!) by mpmath loggamma at 50 digits",
                     mutations=((low, "lower_bounds", field_plus("params_lb", 1)),)),
             uses=("library-least",)),
    )
    return theorem("params-dense", "A1", "Parameters under D1: P ≥ ⌈I_ε / b⌉", steps,
        latex=r"P_{\mathrm{dense}} \ge \left\lceil I_\varepsilon / b \right\rceil",
        assumptions=("D1: B = b·P_dense (dense, fixed topology, zeros count)",
                     "b-bit parameters"),
        references=("design §3 derived bounds", "bounds.lower.params_lower_bound"))


@functools.cache
def _exact_counts(model: str, bits: int, slots: int) -> tuple[int, ...]:
    """2^B(P) for P = 0 … D: the independent oracle for the library's classes_exact.

    D2 counts exactly-P placements of b-bit values (C(D, P)·2^{bP}); D3 counts masks with
    at most P survivors (running sums of C(D, j), so the whole table costs O(D) binomials).
    """
    combs = [1]
    for p in range(slots):  # C(D, p+1) = C(D, p)·(D − p)/(p + 1), exact
        combs.append(combs[-1] * (slots - p) // (p + 1))
    if model == "sparse":
        return tuple(c << (bits * p) for p, c in enumerate(combs))
    return tuple(itertools.accumulate(combs))


def _sparse_exact_bits(model: str, p: int, bits: int, slots: int) -> int:
    return _exact_counts(model, bits, slots)[p]


def _masks_by_enumeration(slots: int) -> int:
    """Σ_P #masks with ≤ P ones on D slots, by listing every 0/1 mask (D ≤ 12)."""
    masks = [sum(bits) for bits in itertools.product((0, 1), repeat=slots)]
    return sum(sum(1 for ones in masks if ones <= p) for p in range(slots + 1))


def _peak_pred(model: str):  # type: ignore[no-untyped-def]
    def pred(slots: int) -> tuple[bool, str]:
        for bits in (1, 2, 4, 8):
            vals = _exact_counts(model, bits, slots)
            peak = mod.peak_params(model, slots, bits)
            if vals[peak] != max(vals):
                return False, f"b={bits}: B(peak={peak}) is not the maximum"
            if any(vals[p + 1] < vals[p] for p in range(peak)):
                return False, f"b={bits}: B decreases before the peak {peak}"
        return True, ""

    return pred


@functools.cache
def _sparse_table(model: str, bits: int, slots: int) -> tuple[int, ...]:
    """2^{B(P)} for P = 0 … peak, exactly (shared by every family and ε at these D, b)."""
    return _exact_counts(model, bits, slots)[: mod.peak_params(model, slots, bits) + 1]


def _least_sparse(model: str, size: int, vol: int, bits: int, slots: int) -> int | None:
    for p, count in enumerate(_sparse_table(model, bits, slots)):
        if count * vol >= size:
            return p
    return None


def _params_sparse_pred(model: str):  # type: ignore[no-untyped-def]
    def pred(k: int) -> tuple[bool, str]:
        for fam in _families(k):
            size = fam.exact_size()
            for eps in (0.0, 0.25):
                vol = fam.exact_tolerant_volume(fams.errors_allowed(k, eps))
                for bits in (1, 8):
                    dense = low.params_lower_bound(fam, bits=bits, eps=eps)
                    for slots in (k, 3 * k, k * k, 1000):
                        want = _least_sparse(model, size, vol, bits, slots)
                        got = low.params_lower_bound(fam, bits=bits, eps=eps, model=model,
                                                     slots=slots)
                        if got != want:
                            return False, (f"{fam.label}, eps={eps}, b={bits}, D={slots}: "
                                           f"library {got}, least {want}")
                        if model == "sparse" and got is not None and got > dense:
                            return False, f"D2 bound {got} exceeds D1 bound {dense}"
                        if model == "mask":  # against D2's exact least P (the params-sparse
                            # step checks the library's D2 against the same oracle)
                            sp_ = _least_sparse("sparse", size, vol, bits, slots)
                            if got is not None and (sp_ is None or sp_ > got):
                                return False, f"D3 bound {got} below D2 bound {sp_}"
        return True, ""

    return pred


def _sparse_proof(model: str) -> Proof:
    name = f"params-{model}"
    label = "D2"
    formula = P * b + sp.log(sp.binomial(D, P), 2)
    ratio = 2**b * (D - P) / (P + 1)

    def B(p: sp.Expr) -> sp.Expr:
        return mod.description_bits_sym(model, p, b, D)

    theta, t2, v = sp.symbols("theta t v", nonnegative=True)
    peak = peak_formula(D, t2, lambda a_, c_: a_ / c_ - theta)  # the library's peak body
    rise = t2 * (D - (peak - 1)) - peak
    fall = -1 - (t2 * (D - peak) - (peak + 1)).subs(theta, t2 / (t2 + 1) - v)

    assumptions = (
        f"{label}: B(P) = P·b + log₂ C(D, P) (P nonzero b-bit values among D slots)",
        "0 ≤ P < D",
    )
    steps = (
        Step("model", assumptions[0], Assumption()),
        library_identity("library-model", f"B_{label}", B(P), formula, (P, b, D),
                         f"the expression bounds.models.description_bits_sym('{model}', P, b, "
                         "D) returns (what the calculator evaluates) is the model's formula",
                         uses=("model",)),
        Step("increment", sp.Eq(B(P + 1) - B(P), sp.log(ratio, 2), evaluate=False), Identity(),
             "C(D, P+1)/C(D, P) = (D − P)/(P + 1): B(P+1) − B(P) = log₂ r with "
             f"r = {sp.sstr(ratio)}, so B(P+1) ≥ B(P) exactly while r ≥ 1 and B increases up "
             "to its peak", uses=("library-model",)),
        Step("peak-rises", sp.Ge(rise, 0, evaluate=False),
             SymbolicInequality(domain=((theta, 0, sp.oo), (t2, 2, sp.oo), (D, 1, sp.oo))),
             "p = bounds.models.sparse.peak_formula(D, t, ⌊·⌋) with t = 2^b (what peak_params "
             "evaluates, then min with D), ⌊a/c⌋ written a/c − θ with fractional part θ ≥ 0: "
             "the increment B(p) − B(p − 1) = log₂(t(D − p + 1)/p) is ≥ 0, and the ratio "
             "t(D − P)/(P + 1) decreases in P, so B is nondecreasing on [0, min(p, D)]",
             uses=("increment",)),
        Step("peak-falls", sp.Ge(fall, 0, evaluate=False),
             SymbolicInequality(domain=((v, 0, sp.oo), (t2, 2, sp.oo), (D, 1, sp.oo))),
             "the fractional part of an integer ratio a/(t + 1) is at most t/(t + 1), θ = "
             "t/(t + 1) − v with v ≥ 0: then t(D − p) − (p + 1) ≤ −1 < 0, so B(p + 1) < B(p) "
             "and B decreases after p: peak_params is the maximiser",
             uses=("increment",)),
        Step("library-peak",
             f"peak_params('{model}', D, b) maximises B and B is nondecreasing before it "
             "(D = 1…100, b ∈ {1, 2, 4, 8})",
             Example(1, 100, predicate=_peak_pred(model), name="D", what="exact integers 2^B",
                        mutations=((mod, "peak_params", plus(-1)),)),
             uses=("increment",)),
        _cited_bits(),
        Step("monotone-pieces", "B(x) ≤ B(y) for 0 ≤ x ≤ y ≤ p and B(y) ≤ B(x) for "
             "p ≤ x ≤ y ≤ D (p = min(peak, D))",
             cite_fact("monotone-nat"),
             "applied to n ↦ B(min(n, p)), whose steps are ≥ 0 by peak-rises (0 for n ≥ p), "
             "and to n ↦ B(min(max(n, p), D)), whose steps are ≤ 0 by peak-falls",
             uses=("peak-rises", "peak-falls")),
        Step("least-P", "The bound is the least P ≤ peak with B(P) ≥ I_ε (none if B(peak) < "
             "I_ε: no network with D slots can carry the family).",
             Z3Proof(_deduce.least_below_peak, what="B: ℤ → ℝ uninterpreted, monotone on "
                     "[0, p], antitone on [p, D] (monotone-pieces) ⊢ B(P) ≥ I ⇒ B(p) ≥ I on "
                     "[0, D], and {B ≥ I} is upward closed on [0, p]"),
             "a class with P nonzero parameters needs B(P) ≥ I_ε (bits-needed); any such "
             "P > p has B(p) ≥ B(P) ≥ I_ε, so the least one is ≤ p and bisection on [0, p] "
             "finds it",
             uses=("monotone-pieces", "bits-needed")),
        Step("library-least",
             f"params_lower_bound(F, model='{model}', slots=D) is that least P "
             "(permutation and pairwise; ε ∈ {0, 0.25}; b ∈ {1, 8}; D ∈ {m', 3m', m'², 1000}; "
             "m' = 2…40), and the models are ordered "
             + "D2 ≤ D1",
             Example(2, 40, predicate=_params_sparse_pred(model), name="m'",
                     what="exact big-integer search",
                        mutations=((low, "params_lower_bound", plus(1)),)),
             uses=("least-P",)),
    )
    return theorem(name, "A3", f"Parameters under {label}: least P with B(P) ≥ I_ε", steps,
        latex=r"\min\{P : " + sp.latex(formula) + r" \ge I_\varepsilon\}",
        assumptions=assumptions,
        references=("design §3 description models", "bounds.models", "bounds.lower"))


@register("params-sparse", claim="A3")
def params_sparse() -> Proof:
    """Least P with P·b + log₂ C(D, P) ≥ I_ε under D2."""
    return _sparse_proof("sparse")


def _mask_proof() -> Proof:
    j = sp.Symbol("j", integer=True, nonnegative=True)
    formula = sp.log(sp.Sum(sp.binomial(D, j), (j, 0, P)), 2)
    model = mod.get_model("mask")
    p0 = sp.Symbol("P", integer=True, nonnegative=True)
    s_mask = next(iter(mod.description_bits_sym("mask", p0, b, D).atoms(sp.Sum)))
    assumptions = (
        "D3: the weights are fixed and instance-independent; a network of the class keeps "
        "at most P of the D weights (a mask); B(P) = log₂ Σ_{j≤P} C(D, j)",
        "0 ≤ P ≤ D",
    )
    steps = (
        Step("model", assumptions[0], Assumption()),
        Step("count-masks",
             "#masks on D slots with at most P ones = Σ_{j≤P} C(D, j) = the library's "
             "2^B(P) (summed over P = 0…D)",
             BruteForce(count=lambda d: sum(model.classes_exact(p, 1, d) for p in range(d + 1)),
                        formula=_masks_by_enumeration, sizes=(1, 2, 3, 5, 8, 10),
                        what="every 0/1 mask listed with itertools.product", example=True),
             "the library's exact class sizes at these D (the model's count, "
             "Σ_{j≤P} C(D, j), is the number of subsets of at most P slots: "
             "FACTS subsets-count)",
             uses=("model",)),
        Step("all-masks", sp.Eq(sp.Function("B_D3")(D, D), D, evaluate=False),
             Identity(lhs=mod.description_bits_sym("mask", D, b, D).doit(), rhs=D),
             "the library's expression bounds.models.description_bits_sym('mask', P, b, D) at "
             "P = D, summed by sympy (binomial theorem at x = 1: every subset is a mask), is "
             "D bits, the budget Mask.budget_mp returns without summing",
             uses=("model",)),
        Step("library-peak",
             "peak_params('mask', D, b) = D maximises B and B is nondecreasing in P "
             "(D = 1…100, b ∈ {1, 2, 4, 8})",
             Example(1, 100, predicate=_peak_pred("mask"), name="D", what="exact integers 2^B",
                        mutations=((mod, "peak_params", plus(-1)),)),
             uses=("all-masks",)),
        _cited_bits(),
        Step("mask-increment", sp.Eq(s_mask.subs(p0, p0 + 1) - s_mask, sp.binomial(D, p0 + 1),
                                     evaluate=False),
             Identity(lhs=sp.difference_delta(s_mask, p0), rhs=sp.binomial(D, p0 + 1)),
             "S(P) = Σ_{j≤P} C(D, j) is the sum inside the library's B "
             "(bounds.models.description_bits_sym('mask', P, b, D) = log₂ S(P)); sympy's "
             "difference_delta of that Sum in its upper limit P is C(D, P + 1), for every "
             "integer P ≥ 0",
             uses=("model",)),
        Step("binomial-nonneg", sp.Ge(sp.binomial(D, p0 + 1), 0, evaluate=False),
             SymbolicInequality(domain=()),
             "C(D, P + 1) ≥ 0 for integers D ≥ 1, P ≥ 0 (sympy's assumptions on a binomial "
             "of integers)"),
        Step("mask-sums-monotone", "S(x) ≤ S(y) for all integers 0 ≤ x ≤ y",
             cite_fact("monotone-nat"),
             "applied to P ↦ S(P), whose steps S(P + 1) − S(P) = C(D, P + 1) are ≥ 0 "
             "(mask-increment, binomial-nonneg)",
             uses=("mask-increment", "binomial-nonneg")),
        Step("mask-start", sp.Eq(s_mask.subs(p0, 0), 1, evaluate=False),
             Identity(lhs=s_mask.subs(p0, 0), rhs=1), "S(0) = C(D, 0) = 1: S(P) ≥ 1 > 0",
             uses=("model",)),
        *lg_steps(),
        Step("monotone-masks", "B(x) ≤ B(y) for all integers 0 ≤ x ≤ y ≤ D (peak p = D)",
             Z3Proof(_deduce.monotone_masks, what="x, y, D free integers; S, B, lg "
                     "uninterpreted: S(0) = 1 (mask-start), S(0) ≤ S(x) ≤ S(y) "
                     "(mask-sums-monotone), lg nondecreasing (lg-increasing), B = lg∘S "
                     "(model) ⊢ B(x) ≤ B(y)"),
             "B = log₂ S with S nondecreasing and S ≥ S(0) = 1 > 0; log₂ is nondecreasing",
             uses=("model", "mask-start", "mask-sums-monotone", "lg-increasing")),
        Step("least-P", "The bound is the least P ≤ D with B(P) ≥ I_ε (none if D < I_ε: no "
             "mask of D fixed weights can carry the family).",
             Z3Proof(_deduce.least_below_peak, what="B: ℤ → ℝ uninterpreted, monotone on "
                     "[0, p] with p = D (monotone-masks; [p, D] is a point) ⊢ B(P) ≥ I ⇒ "
                     "B(D) ≥ I, and {B ≥ I} is upward closed on [0, D]"),
             "a mask class keeping P weights needs B(P) ≥ I_ε (bits-needed); B(D) = D "
             "(all-masks), so none exists if D < I_ε",
             uses=("monotone-masks", "all-masks", "bits-needed")),
        Step("library-least",
             "params_lower_bound(F, model='mask', slots=D) is that least P "
             "(permutation and pairwise; ε ∈ {0, 0.25}; b ∈ {1, 8}; D ∈ {m', 3m', m'², 1000}; "
             "m' = 2…40), and the models are ordered D3 ≥ D2",
             Example(2, 40, predicate=_params_sparse_pred("mask"), name="m'",
                     what="exact big-integer search",
                        mutations=((low, "params_lower_bound", plus(1)),)),
             uses=("least-P",)),
    )
    return theorem("params-mask", "A3",
        "Parameters under D3: least P with log₂ Σ_{j≤P} C(D, j) ≥ I_ε",
        steps,
        latex=r"\min\{P : " + sp.latex(formula) + r" \ge I_\varepsilon\}",
        assumptions=assumptions,
        references=("design §3 description models", "bounds.models.mask", "bounds.lower"))


@register("params-mask", claim="A3")
def params_mask() -> Proof:
    """Least P with log₂ Σ_{j≤P} C(D, j) ≥ I_ε under D3."""
    return _mask_proof()


def _profiles_pred(k: int) -> tuple[bool, str]:
    count = 0
    for layers in (1, 2, 3):
        for widths in itertools.product(range(1, k + 1), repeat=layers + 1):
            if max(widths) != k:
                continue
            count += 1
            if mod.p_dense(widths) > mod.p_dense_equal(k, layers):
                return False, f"widths {widths}: P_dense exceeds L(n² + n)"
    return True, ""


def _least_width_pred(info: int) -> tuple[bool, str]:
    for bits in (1, 8):
        for layers in (1, 3):
            got = low.least_width(info, bits, layers)
            least = next(k for k in itertools.count(1) if bits * layers * (k * k + k) >= info)
            closed = next(k for k in itertools.count(0)
                          if bits * layers * (2 * k + 1) ** 2 >= bits * layers + 4 * info)
            if not (got == least == max(1, closed)):
                return False, f"b={bits}, L={layers}: library {got}, least {least}, ⌈n*⌉ {closed}"
    return True, ""


def _neurons_pred(k: int) -> tuple[bool, str]:
    for fam in _families(k):
        for eps in (0.0, 0.25):
            size = fam.exact_size()
            vol = fam.exact_tolerant_volume(fams.errors_allowed(k, eps))
            for bits in (1, 8):
                for layers in (1, 2):
                    got = low.neurons_lower_bound(fam, bits=bits, layers=layers, eps=eps)
                    want = next(w_ for w_ in itertools.count(1)
                                if (vol << (bits * layers * (w_ * w_ + w_))) >= size)
                    if got != want:
                        return False, (f"{fam.label}, eps={eps}, b={bits}, L={layers}: "
                                       f"library {got}, least {want}")
    return True, ""


def _neurons_sparse_pred(k: int) -> tuple[bool, str]:
    fam = fams.permutation(k)
    size = fam.exact_size()
    for model in ("sparse", "mask"):
        for bits in (1, 8):
            got = low.neurons_lower_bound(fam, bits=bits, model=model)
            for w_ in itertools.count(1):
                slots = w_ * w_ + w_
                peak = mod.peak_params(model, slots, bits)
                if _sparse_exact_bits(model, peak, bits, slots) >= size:
                    break
            if got != w_:
                return False, f"{model}, b={bits}: library {got}, least {w_}"
    return True, ""


@register("neurons", claim="A2")
def neurons() -> Proof:
    """Least n with b·L·(n² + n) ≥ I_ε, closed form ⌈(−1 + √(1 + 4I_ε/(bL)))/2⌉."""
    nstar = low.least_width_sym(I, b, nL)
    c_ = sp.Symbol("c", positive=True)
    steps = (
        Step("widths", "Every width n_0 = d, n_1, …, n_L is at most n; L weight layers.",
             Assumption()),
        library_identity("library-p-dense", "P_dense", mod.p_dense_equal_sym(n, nL),
                         sp.Sum(n * n + n, (ell, 1, nL)), (n, nL),
                         "bounds.models.p_dense_equal_sym(n, L) (what the calculator "
                         "evaluates) is the sum over the L layers of n·n weights and n biases"),
        Step("layer-identity", sp.Eq(n**2 + n - (a * c_ + c_), (n - a) * n + (n - c_) * (a + 1),
                                     evaluate=False),
             Identity(), "one layer with widths a = n_{ℓ−1} ≤ n, c = n_ℓ ≤ n: both terms on "
             "the right are ≥ 0, so a·c + c ≤ n² + n and any profile with max width n has "
             "P_dense ≤ L(n² + n)", uses=("widths",)),
        Step("library-profiles",
             "p_dense(widths) ≤ p_dense_equal(max width, L) for every profile with widths in "
             "[1, n], L ≤ 3 (n = 1…7)",
             Example(1, 7, predicate=_profiles_pred, name="n", what="all width profiles enumerated",
                        mutations=((mod, "p_dense_equal", plus(-1)),)),
             uses=("layer-identity",)),
        _cited_bits(),
        Step("closed-form", sp.Eq(b * nL * (nstar**2 + nstar), I, evaluate=False), Identity(),
             "n* = bounds.lower.least_width_sym(I, b, L) solves b·L·(n² + n) = I_ε; n² + n is "
             "strictly increasing for n ≥ 0, so b·L·(n² + n) ≥ I_ε ⇔ n ≥ n* and the least "
             "integer width is ⌈n*⌉ (at least 1)",
             uses=("library-p-dense", "bits-needed")),
        Step("library-least-width",
             "least_width(I, b, L) = least n with bL(n² + n) ≥ I = max(1, ⌈n*⌉) "
             "(I = 0…3000, b ∈ {1, 8}, L ∈ {1, 3})",
             Example(0, 3000, predicate=_least_width_pred, name="I",
                        what="integer search and ⌈n*⌉ via bL(2k+1)² ≥ bL + 4I",
                        mutations=((low, "least_width", plus(1)),)),
             uses=("closed-form",)),
        Step("library-neurons",
             "neurons_lower_bound(F, bits=b, layers=L, eps) is the least n with "
             "2^{bL(n²+n)}·V_ε ≥ |F| (permutation and pairwise; ε ∈ {0, 0.25}; b ∈ {1, 8}; "
             "L ∈ {1, 2}; m' = 2…150)",
             Example(2, 150, predicate=_neurons_pred, name="m'", what="exact big integers",
                        mutations=((low, "neurons_lower_bound", plus(1)),)),
             uses=("library-least-width",)),
        Step("library-neurons-d2-d3",
             "under D2/D3 neurons_lower_bound is the least n whose D = n² + n slots can carry "
             "I_0 at the peak P (permutation, b ∈ {1, 8}, m' = 2…40)",
             Example(2, 40, predicate=_neurons_sparse_pred, name="m'", what="exact big integers",
                        mutations=((low, "neurons_lower_bound", plus(1)),)),
             uses=("library-neurons",)),
    )
    return theorem("neurons", "A2", "Neurons: least n with b·L·(n² + n) ≥ I_ε", steps,
        latex=r"n \ge \left\lceil \frac{-1 + \sqrt{1 + 4 I_\varepsilon/(bL)}}{2} "
        r"\right\rceil",
        assumptions=("every width ≤ n (including d = n_0), L weight layers",
                     "D1 (B = b·P_dense) unless stated", "b-bit parameters"),
        references=("design §3 derived bounds", "bounds.lower.least_width"))


def _capacity_pred(k: int) -> tuple[bool, str]:
    for bits in (1, 8):
        for layers in (1, 2):
            budget = bits * layers * (k * k + k)
            c = cap.capacity(k, bits=bits, layers=layers).m_prime_max
            ok_c = c >= 2 and math.factorial(c) <= (1 << budget) < math.factorial(c + 1)
            ok_0 = c == 0 and math.factorial(2) > (1 << budget)
            if not (ok_c or ok_0):
                return False, f"b={bits}, L={layers}: library capacity {c} is not the largest"
    return True, ""


def _inverse_pred(k: int) -> tuple[bool, str]:
    fam = fams.permutation(k)
    n_min = low.neurons_lower_bound(fam, bits=8)
    above = cap.capacity(n_min, bits=8).m_prime_max
    below = cap.capacity(n_min - 1, bits=8).m_prime_max if n_min > 1 else 0
    if above >= k > below:
        return True, ""
    return False, f"n_min = {n_min}: capacity(n_min) = {above}, capacity(n_min − 1) = {below}"


def _lambert_pred(k: int) -> tuple[bool, str]:
    budget = cap.budget_bits(k, bits=8)
    lam = cap.lambert_capacity(budget)
    y = budget * math.log(2)
    if not close(lam * (math.log(lam) - 1), y, 1e-10):
        return False, f"lambert_capacity = {lam!r} does not solve m'(ln m' − 1) = Y"
    exact = cap.capacity(k, bits=8).m_prime_max
    if exact > lam:
        return False, f"capacity {exact} exceeds the Lambert form {lam}"
    return True, ""


def _phi_of_lambert(lam: sp.Expr) -> sp.Expr:
    """φ(m') = m'(ln m' − 1) at m' = lam, with W(z) inside the logarithm written z·e^{−W(z)}
    (the defining W e^W = z); sympy must still simplify the result to Y."""
    (wz,) = lam.atoms(sp.LambertW)
    return lam * (sp.log(lam.subs(wz, wz.args[0] * sp.exp(-wz))) - 1)


def _capacity_reference(k: int) -> tuple[bool, str]:
    ref = {100: (7115, 7116.3), 1000: (460980, None)}
    want, lam = ref[k]
    c = cap.capacity(k, bits=8)
    budget = 8 * (k * k + k)
    ok = log2_factorial_big(want) <= budget < log2_factorial_big(want + 1)
    if not ok or c.m_prime_max != want:
        return False, f"library {c.m_prime_max}, reference {want}"
    if lam is not None and round(c.m_prime_lambert, 1) != lam:
        return False, f"Lambert form {c.m_prime_lambert!r}, reference {lam}"
    return True, f"capacity = {want}" + (f", Lambert {lam}" if lam else "")


@register("capacity", claim="A4")
def capacity() -> Proof:
    """capacity(n) = max m′ with I_ε(m′) ≤ b·L(n² + n); Lambert form m′(ln m′ − 1) = Y."""
    mvar = sp.Symbol("m'", positive=True)
    lam = cap.lambert_capacity_sym(Y / sp.log(2))  # what the library's sympy form gives
    phi = mvar * (sp.log(mvar) - 1)
    steps = (
        Step("model", "D1, every width n, L layers, b-bit parameters: B = b·L·(n² + n).",
             Assumption()),
        _cited_bits(),
        Step("definition", "capacity(n) = max{m' : I_ε(m') ≤ b·L·(n² + n)}; the search "
             "bisects on a nondecreasing function of m': I_ε itself for permutations "
             "(I_ε = log₂((m' − e)!) with m' − e nondecreasing) and for ε = 0, and for labelled "
             "pairwise families with ε > 0 the envelope min_{m'' ≥ m'} I_ε(m'') (I_ε alone "
             "dips where e steps up)",
             cite_proof("pairwise-envelope",
                        "the envelope is nondecreasing; with step bits-needed, "
                        "any family computed by width-n networks fits the budget"),
             uses=("model", "bits-needed")),
        Step("library-largest",
             "capacity(n, bits=b, layers=L).m_prime_max = c satisfies c! ≤ 2^B < (c+1)! "
             "(permutation, ε = 0; b ∈ {1, 8}; L ∈ {1, 2}; n = 1…40)",
             Example(1, 40, predicate=_capacity_pred, name="n", what="exact big-integer factorials",
                        mutations=((cap, "capacity", field_plus("m_prime_max", 1)),)),
             uses=("definition",)),
        Step("library-inverse",
             "capacity(n_min(m')) ≥ m' > capacity(n_min(m') − 1) (b = 8, m' = 2…150)",
             Example(2, 150, predicate=_inverse_pred, name="m'",
                        what="neurons and capacity are inverse to each other",
                        mutations=((cap, "capacity", field_plus("m_prime_max", 0, 2)),)),
             uses=("library-largest",)),
        Step("lambert-defining", "W(z)·e^{W(z)} = z, so W(z) = z·e^{−W(z)} for z > 0 "
             "(principal branch, W(z) > 0)", cite_fact("lambert-w-branch")),
        Step("lambert-solves",
             sp.Eq(sp.Function("varphi")(sp.Function("lambert_capacity")(Y / sp.log(2))), Y,
                   evaluate=False),
             Identity(lhs=_phi_of_lambert(lam), rhs=Y),
             "φ(m') = m'(ln m' − 1) at m' = bounds.capacity.lambert_capacity_sym(Y/ln 2) (the "
             "library's expression), with W(z) inside the logarithm written z·e^{−W(z)}: sympy "
             "then simplifies φ − Y to 0 for every Y > 0", uses=("lambert-defining",)),
        Step("phi-increasing", sp.Ge(sp.diff(phi, mvar), 0, evaluate=False),
             SymbolicInequality(domain=((mvar, 1, sp.oo),)),
             "φ(m') = m'(ln m' − 1) is nondecreasing for m' ≥ 1"),
        Step("phi-monotone", "φ(x) ≤ φ(y) for 1 ≤ x ≤ y", cite_fact("deriv-monotone"),
             "D = [1, ∞) is convex, φ is continuous on it and differentiable inside with "
             "φ′ = ln m′ ≥ 0 (phi-increasing)", uses=("phi-increasing",)),
        Step("phi-nonpositive", sp.Le(phi, 0), SymbolicInequality(domain=((mvar, 0, sp.E),)),
             "φ(m′) = m′(ln m′ − 1) ≤ 0 on (0, e]: so φ(Λ) = Y > 0 forces Λ > e"),
        Step("stirling-lower", sp.Gt(sp.loggamma(mvar + 1), phi),
             Induction(mvar, 1, 1),
             "ln m'! > m' ln m' − m' for every integer m' ≥ 1: at m' = 1, 0 > −1; the "
             "difference of consecutive terms is 1 − m' ln(1 + 1/m') ≥ 0 by ln(1 + y) ≤ y"),
        Step("capacity-below-lambert",
             "capacity(n) ≤ Y/W(Y/e) with Y = b·L·(n² + n)·ln 2, for every n",
             Z3Proof(_deduce.below_lambert, what="reals, φ uninterpreted: ln c! ≤ Y "
                     "(definition), φ(c) < ln c! for c ≥ 1 (stirling-lower), φ(Λ) = Y "
                     "(lambert-solves), Λ, Y > 0 (lambert-defining: W > 0), φ ≤ 0 on (0, 2] "
                     "(phi-nonpositive), φ nondecreasing on [1, ∞) (phi-monotone) ⊢ c ≤ Λ"),
             "if c > Λ then Λ > e ≥ 1 and φ(c) ≥ φ(Λ) = Y ≥ ln c! > φ(c)",
             uses=("definition", "lambert-defining", "lambert-solves", "phi-monotone",
                   "phi-nonpositive", "stirling-lower")),
        Step("library-lambert",
             "the library's numbers: capacity(n) ≤ lambert_capacity(B) and lambert_capacity "
             "solves m'(ln m' − 1) = Y in floats (b = 8, n = 1…200)",
             Example(1, 200, predicate=_lambert_pred, name="n", what="library floats, rel. 1e-10",
                     mutations=((cap, "lambert_capacity", plus(1e-3)),))),
        Step("reference-numbers",
             "Reference values (b = 8, L = 1): capacity(100) = 7115 (Lambert 7116.3), "
             "capacity(1000) = 460 980",
             Example(points=(100, 1000), predicate=_capacity_reference, name="n",
                        what="log2(c!) ≤ B < log2((c+1)!) by mpmath loggamma at 50 digits",
                        mutations=((cap, "capacity", field_plus("m_prime_max", 1)),)),
             uses=("library-largest",)),
    )
    return theorem("capacity", "A4", "Capacity: the most features n neurons can compute", steps,
        latex=r"\mathrm{cap}(n) \le \frac{Y}{W(Y/e)},\quad Y = bL(n^2+n)\ln 2",
        assumptions=("D1, all widths n, L layers, b-bit parameters",
                     "permutation family for the Lambert-W form, ε = 0"),
        references=("design §3 capacity", "bounds.capacity"))
