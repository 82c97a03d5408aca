"""Exact permutation error volume (issue 10 item 4), encoded as checked steps.

Registered: ``permutation-volume-exact``. The reduction to fibre partitions and the rook
formula are cited; the tail identity (Pascal, sympy), the derangement recurrence (sympy) and
e! ≤ 3·D_e for every e ≥ 2 (induction step by z3) are proved, and the bracket
(m′)_e/3 ≤ V ≤ (m′)_e follows for every m′. The library's implementation (agreement counts,
tail counts, the sympy form, the calculator's wiring) is compared with enumeration of all
words g ∈ [m′]^{m′} on small m′ — examples, which no general step uses.

>>> from proofs.registry import get
>>> get("permutation-volume-exact").steps[0].name
'network-word'
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import mpmath
import sympy as sp

import bounds.volumes as vol
from bounds.families.permutation import ExactVolumePermutation as _EVP
from proofs.checks import Example, Identity, Z3Proof
from proofs.citations import cite_definition, cite_fact
from proofs.engine import Proof, Step
from proofs.mutation import plus, times
from proofs.registry import register
from proofs.theorems import _deduce, _deduce_signs

__all__: list[str] = []

ASSUMPTIONS = ("ε-correct: at most e = ⌊εm′⌋ outputs wrong on the m′ one-hot probes",)


def _brute_agreements(fibres: tuple[int, ...]) -> list[int]:
    n = sum(fibres)
    g = tuple(v for v, c in enumerate(fibres) for _ in range(c))
    out = [0] * (n + 1)
    for p in itertools.permutations(range(n)):
        out[sum(a == b for a, b in zip(p, g, strict=True))] += 1
    return out


def _rook_pred(n: int) -> tuple[bool, str]:
    for c in vol.partitions(n):
        if vol.agreement_counts(c) != _brute_agreements(c):
            return False, f"fibres {c}"
    return True, f"{len(vol.partitions(n))} partitions"


def _bracket_pred(n: int) -> tuple[bool, str]:
    for e in range(n + 1):
        v = vol.max_volume_exact(n, e)
        if not vol.permutation_centre_volume(n, e) <= v <= math.perm(n, e):
            return False, f"e={e}"
        if e >= 2 and 3 * v < math.perm(n, e):
            return False, f"e={e}: 3V < (n)_e"
    if n >= 2 and vol.max_volume_exact(n, 1) != 2:
        return False, "V(n, 1) != 2"
    return True, ""


def _exact_vs_brute(n: int) -> tuple[bool, str]:
    brute = vol.max_volume_brute(n)
    return brute == [vol.max_volume_exact(n, e) for e in range(n + 1)], f"{brute}"


def _derange_pred(k: int) -> bool:
    return math.factorial(k) <= 3 * vol.derangements(k)


def _huge_pred(n: int) -> tuple[bool, str]:
    e = n // 100
    lo, hi = vol.log2_volume_bounds(n, e)
    with mpmath.workdps(60 + len(str(n))):
        ref = (mpmath.loggamma(n + 1) - mpmath.loggamma(n - e + 1)) / mpmath.ln(2)
        ok = abs(hi - ref) <= abs(ref) * mpmath.mpf(10) ** -30 and \
            abs(hi - lo - mpmath.log(3, 2)) < mpmath.mpf(10) ** -20
    return ok, ""


def _bottom_pred(n: int) -> tuple[bool, str]:
    """Max over g ∈ ([n] ∪ {⊥})^n equals max over g ∈ [n]^n (⊥ is value n, never agreed)."""
    perms = list(itertools.permutations(range(n)))
    best_total = [0] * (n + 1)
    for g in itertools.product(range(n + 1), repeat=n):
        agree = [sum(a == b for a, b in zip(p, g, strict=True)) for p in perms]
        for e in range(n + 1):
            best_total[e] = max(best_total[e], sum(1 for a in agree if a >= n - e))
    return best_total == vol.max_volume_brute(n), f"{best_total}"


def _tail_identity_pred(i: int) -> bool:
    return all(sum((-1) ** (i - k) * math.comb(i, k) for k in range(t, i + 1))
               == (-1) ** (i - t) * math.comb(i - 1, t - 1) for t in range(1, i + 1))


def _tail_pred(n: int) -> tuple[bool, str]:
    for c in vol.partitions(n):
        counts = vol.agreement_counts(c)
        for t in range(n + 1):
            if vol.tail_count(c, t) != sum(counts[t:]):
                return False, f"fibres {c}, t={t}"
    return True, ""


def _sym_pred(n: int) -> tuple[bool, str]:
    got = [vol.max_volume_sym(n, e) for e in range(n + 1)]
    want = [vol.max_volume_exact(n, e) for e in range(n + 1)]
    return got == want, f"{want}"


def _wiring_pred(n: int) -> tuple[bool, str]:
    """The calculator's family: exact V where it applies, (n)_e elsewhere, three forms agree."""
    import numpy as np

    from bounds.families.permutation import ExactVolumePermutation, exact_volume_applies

    fam = ExactVolumePermutation(n, n)
    brute = vol.max_volume_brute(n) if n <= 6 else None
    es = np.arange(n + 1, dtype=np.float64)
    _, arr = ExactVolumePermutation.log2_counts_array(np.full(n + 1, float(n)), es)
    for e in range(n + 1):
        v = fam.exact_tolerant_volume(e)
        if v != vol.max_volume_exact(n, e) or (brute is not None and v != brute[e]):
            return False, f"e={e}: V = {v}"
        if exact_volume_applies(n, e) != (v < math.perm(n, e)):
            return False, f"e={e}: applies flag"
        with mpmath.workdps(50):
            if abs(fam._log2_volume_mp(e) - mpmath.log(v, 2)) > mpmath.mpf(10) ** -40:
                return False, f"e={e}: log2 V"
        if abs(arr[e] - math.log2(v)) > 1e-12 * max(1.0, math.log2(v)):
            return False, f"e={e}: array log2 V"
    return True, "brute force" if brute is not None else "exact partitions"


def _wiring_huge_pred(n: int) -> tuple[bool, str]:
    from bounds.families.permutation import ExactVolumePermutation

    fam = ExactVolumePermutation(n, n)
    with mpmath.workdps(60 + len(str(n))):
        ok1 = fam._log2_volume_mp(1) == 1
        ref = (mpmath.loggamma(n + 1) - mpmath.loggamma(n - 2 + 1)) / mpmath.ln(2)
        ok2 = abs(fam._log2_volume_mp(2) - ref) <= abs(ref) * mpmath.mpf(10) ** -40
    return ok1 and ok2, "e = 1: V = 2; e = 2: (m')_2 kept"


_i, _t, _e, _k, _m = sp.symbols("i t e k m'", positive=True, integer=True)
_D, _F, _s = sp.symbols("D F s")


def _bump_last(v: Any) -> Any:
    """Perturbation of a count list: its last entry plus one."""
    return [*v[:-1], v[-1] + 1]


def _z3_derangement_step() -> tuple[list[Any], Any]:
    """f(e) := 3·D_e − e!, f(e+1) = (e+1)·f(e) + 3·(−1)^{e+1} (step derangement-f-step).
    Invariant: f(e) ≥ 0, and f(e) ≥ 1 for even e. Step e → e + 1 for every e ≥ 2."""
    import z3

    e, q, par, f, f1 = z3.Ints("e q par f f1")
    sign = z3.If(par == 0, -1, 1)  # (−1)^{e+1}: e even (par 0) gives −1
    hyps = [e >= 2, e == 2 * q + par, z3.Or(par == 0, par == 1), f >= 0,
            z3.Implies(par == 0, f >= 1), f1 == (e + 1) * f + 3 * sign]
    goal = z3.And(f1 >= 0, z3.Implies(par == 1, f1 >= 1))  # e + 1 even iff e odd
    return hyps, goal


@register("permutation-volume-exact", claim=None, assumptions=ASSUMPTIONS)
def permutation_volume_exact() -> Proof:
    """V(m′, e) = max over fibre partitions of the rook-formula count."""
    steps = (
        Step("network-word", "A network's columns on the one-hot probes define g ∈ ([m′] ∪ "
             "{⊥})^{m′}; it is ε-correct for π iff π agrees with g on ≥ m′ − e coordinates.",
             cite_definition("epsilon-correct")),
        Step("reduction", "Replacing ⊥ by a value never removes an agreement; relabelling "
             "coordinates and values preserves the count, so only the fibre sizes of g "
             "(a partition of m′) matter.",
             cite_fact("rook-invariance"), uses=("network-word",)),
        Step("rook-numbers", "The board {(j, g(j))} has column sizes c_v; i non-attacking "
             "rooks pick i values and a row in each: r_i = e_i(c).",
             cite_fact("rook-product"),
             uses=("reduction",)),
        Step("hit-formula", "Permutations with exactly k agreements: N_k = Σ_{i≥k} (−1)^{i−k} "
             "C(i, k) r_i (n − i)!", cite_fact("hit-formula"),
             uses=("rook-numbers",)),
        Step("hit-formula-checked", "example: agreement_counts(c) equals direct enumeration "
             "of S_n for every partition c of n ≤ 8",
             Example(lo=1, hi=8, predicate=_rook_pred, what="enumeration of S_n",
                     mutations=((vol, "agreement_counts", _bump_last),)),
             uses=("hit-formula",)),
        Step("exact-vs-brute", "example: max_volume_exact(m′, ·) equals the maximum over all "
             "g ∈ [m′]^{m′} by enumeration (m′ ≤ 6; m′ = 5 gives [1, 2, 11, 36, 120, 120])",
             Example(lo=1, hi=6, predicate=_exact_vs_brute, name="m'",
                     what="enumeration of every word g and every permutation",
                     mutations=((vol, "max_volume_exact", plus()),)),
             uses=("hit-formula-checked", "reduction")),
        Step("bottom", "example: allowing ⊥ (an output column that is no e_i) never helps: the "
             "maximum over ([m′] ∪ {⊥})^{m′} equals the maximum over [m′]^{m′} (m′ ≤ 4; the "
             "general statement is step reduction)",
             Example(lo=1, hi=4, predicate=_bottom_pred, name="m'",
                     what="enumeration of every word with ⊥ and every permutation",
                     mutations=((vol, "max_volume_brute", _bump_last),)),
             uses=("reduction",)),
        Step("tail-base",
             sp.Eq(sp.Sum((-1) ** (_i - _k) * sp.binomial(_i, _k), (_k, _i, _i)),
                   sp.binomial(_i - 1, _i - 1), evaluate=False),
             Identity(), "S(t) := Σ_{k=t}^{i} (−1)^{i−k} C(i, k) at t = i equals "
             "(−1)^{i−t} C(i−1, t−1) at t = i"),
        Step("tail-pascal",
             sp.Eq((-1) ** (_i - _t) * sp.binomial(_i - 1, _t - 1)
                   - (-1) ** (_i - _t - 1) * sp.binomial(_i - 1, _t),
                   (-1) ** (_i - _t) * sp.binomial(_i, _t), evaluate=False),
             Identity(), "T(t) − T(t + 1) = (−1)^{i−t} C(i, t) = S(t) − S(t + 1) for "
             "T(t) := (−1)^{i−t} C(i−1, t−1) (Pascal's rule), every 1 ≤ t < i"),
        Step("tail-identity",
             "Σ_{k=t}^{i} (−1)^{i−k} C(i, k) = (−1)^{i−t} C(i−1, t−1) for all 1 ≤ t ≤ i",
             cite_fact("le-induction"),
             "with j = i − t and P(j) :⇔ (j ≤ i − 1 ⇒ S(i − j) = T(i − j)), from m = 0: P(0) is "
             "tail-base, and P(j) ⇒ P(j + 1) as S and T have the same differences "
             "(tail-pascal), so S(t) = T(t) for every 1 ≤ t ≤ i",
             uses=("tail-base", "tail-pascal")),
        Step("tail-identity-checked", "example: the tail identity in exact integers for "
             "1 ≤ t ≤ i ≤ 80", Example(lo=1, hi=80, predicate=_tail_identity_pred, name="i",
                                        what="exact integers"),
             uses=("tail-identity",)),
        Step("tail-partition", "#{π : ≥ t agreements} = Σ_{k=t}^{n} N_k: the agreement "
             "count maps the permutations with ≥ t agreements into {t, …, n}, and its fibres "
             "are the sets counted by N_k",
             cite_fact("card-fiberwise"), uses=("hit-formula",)),
        Step("sum-exchange", "Σ_{x∈s} Σ_{y∈t(x)} f(x, y) = Σ_{y∈t′} Σ_{x∈s′(y)} f(x, y) when "
             "x ∈ s ∧ y ∈ t(x) ⇔ x ∈ s′(y) ∧ y ∈ t′ for all x, y",
             cite_fact("sum-comm-dependent")),
        Step("sum-congr", "sums over the same finite set of summands equal on it are equal",
             cite_fact("sum-congr")),
        Step("sum-mul", "(Σ_i f(i))·a = Σ_i f(i)·a", cite_fact("sum-mul")),
        Step("tail-formula", "#{π : ≥ t agreements} = Σ_{k≥t} N_k = Σ_{i≥t} (−1)^{i−t} "
             "C(i−1, t−1) r_i (n−i)! for every board and every t ≥ 1",
             Z3Proof(_deduce_signs.tail_formula, what="integers n ≥ t ≥ 1, uninterpreted "
                     "r_i(n−i)!, signed binomials, N_k, summands, Σ and product: "
                     "tail-partition, hit-formula (t ≤ k ≤ n), sum-exchange with its index-set "
                     "hypothesis proved by z3, sum-congr (twice), sum-mul, tail-identity "
                     "(i ≥ t) ⊢ T = Σ_{i=t}^{n} (−1)^{i−t} C(i−1, t−1) r_i (n−i)!"),
             uses=("hit-formula", "tail-identity", "tail-partition", "sum-exchange",
                   "sum-congr", "sum-mul")),
        Step("tail-formula-checked", "example: tail_count equals the sum of the hit numbers "
             "N_k, k ≥ t, for every partition of n ≤ 12 and every t",
             Example(lo=1, hi=12, predicate=_tail_pred, name="n", what="exact integers",
                     mutations=((vol, "tail_count", plus()),)),
             uses=("tail-formula", "hit-formula-checked")),
        Step("sympy-form", "example: the sympy form max_volume_sym (sympy binomial, factorial "
             "and elementary symmetric polynomials) equals max_volume_exact (m′ ≤ 8)",
             Example(lo=1, hi=8, predicate=_sym_pred, name="m'", what="sympy, exact",
                     mutations=((vol, "max_volume_sym", plus()),)),
             uses=("tail-formula-checked",)),
        Step("derangement-def", "D_e := #{π ∈ S_e without fixed point} = Σ_{k=0}^{e} (−1)^k "
             "e!/k! (the hit number N_0 of the diagonal board)",
             cite_fact("derangements-sum"),
             "numDerangements e counts the derangements of an e-set and equals the sum"),
        Step("derangement-form",
             sp.Eq(sp.binomial(_e, _k) * sp.factorial(_e - _k),
                   sp.factorial(_e) / sp.factorial(_k), evaluate=False),
             Identity(), "C(e, k)(e − k)! = e!/k! for 0 ≤ k ≤ e, so D_e = Σ_{k=0}^{e} (−1)^k "
             "C(e, k)(e − k)!, the form the next steps use", uses=("derangement-def",)),
        Step("derangement-recurrence",
             sp.Eq(sp.Sum((-1) ** _k * sp.binomial(_e, _k) * sp.factorial(_e - _k),
                          (_k, 0, _e - 1))
                   + (-1) ** _e * sp.binomial(_e, _e) * sp.factorial(0)
                   - _e * sp.Sum((-1) ** _k * sp.binomial(_e - 1, _k)
                                 * sp.factorial(_e - 1 - _k), (_k, 0, _e - 1)),
                   (-1) ** _e, evaluate=False),
             Identity(), "D_e − e·D_{e−1} = (−1)^e: D_e's sum split at its last term k = e, "
             "every e ≥ 1", uses=("derangement-def", "derangement-form")),
        Step("derangements", "example: bounds.volumes.derangements(k) = sympy.subfactorial(k) "
             "(k ≤ 60); it computes the recurrence D_k = k·D_{k−1} + (−1)^k",
             Example(lo=0, hi=60, predicate=lambda k: vol.derangements(k) == sp.subfactorial(k),
                     what="exact integers", mutations=((vol, "derangements", lambda v: v + 1),)),
             uses=("derangement-recurrence",)),
        Step("derangement-f-step",
             sp.Eq(3 * ((_e + 1) * _D + _s) - (_e + 1) * _F,
                   (_e + 1) * (3 * _D - _F) + 3 * _s, evaluate=False),
             Identity(), "with D = D_e, F = e!, s = (−1)^{e+1}: f(e) := 3D_e − e! satisfies "
             "f(e+1) = 3D_{e+1} − (e+1)! = (e+1)·f(e) + 3(−1)^{e+1}",
             uses=("derangement-recurrence",)),
        Step("derangement-base",
             sp.Eq(3 * sp.Sum((-1) ** _k * sp.binomial(2, _k) * sp.factorial(2 - _k),
                              (_k, 0, 2)) - sp.factorial(2), 1, evaluate=False),
             Identity(), "f(2) = 3·D_2 − 2! = 1 (D_2 from derangement-def)",
             uses=("derangement-def", "derangement-form")),
        Step("derangement-induction",
             "for every e ≥ 2: f(e) ≥ 0 and (e even ⇒ f(e) ≥ 1) implies the same at e + 1",
             Z3Proof(_z3_derangement_step, what="e, f symbolic integers, e = 2q + par"),
             uses=("derangement-f-step",)),
        Step("derangement-ratio", "e! ≤ 3·D_e for every e ≥ 2 (so the permutation centre gives "
             "V ≥ (m′)_e/3)",
             cite_fact("le-induction"),
             "with m = 2 and P(e) :⇔ f(e) ≥ 0 ∧ (e even ⇒ f(e) ≥ 1): P(2) is derangement-base "
             "(f(2) = 1), P(e) ⇒ P(e + 1) for every e ≥ 2 is derangement-induction (z3); "
             "f(e) ≥ 0 is e! ≤ 3·D_e",
             uses=("derangement-base", "derangement-induction")),
        Step("derangement-ratio-checked", "example: e! ≤ 3·D_e with the library's "
             "derangements(e), e = 2…400", Example(lo=2, hi=400, predicate=_derange_pred,
                                                   what="exact integers",
                                                   mutations=((vol, "derangements", times(0)),)),
             uses=("derangement-ratio", "derangements")),
        Step("upper-count", "For a word g, a permutation π agreeing with g on ≥ m′ − e "
             "coordinates agrees on some set A with |A| = m′ − e; given A, π|_A = g|_A is "
             "fixed and π maps the other e coordinates bijectively onto the e values left: at "
             "most C(m′, e)·e! permutations (every m′ ≥ e ≥ 0).",
             cite_fact("product-rule"), uses=("network-word",)),
        Step("upper-identity", sp.Eq(sp.binomial(_m, _e) * sp.factorial(_e),
                                     sp.factorial(_m) / sp.factorial(_m - _e), evaluate=False),
             Identity(), "C(m′, e)·e! = (m′)_e", uses=("upper-count",)),
        Step("centre", "For g the identity word, the permutations with ≥ m′ − e fixed points "
             "are chosen by their set of i ≤ e moved points and a derangement of it; the sets "
             "of permutations moving exactly S are pairwise disjoint, D_|S| each: "
             "V(m′, e) ≥ Σ_{i≤e} C(m′, i) D_i ≥ C(m′, e) D_e.",
             cite_fact("disjoint-union-count"), uses=("network-word", "derangement-def")),
        Step("ratio", "3V(m′, e) ≥ 3C(m′, e)D_e ≥ C(m′, e)·e! = (m′)_e for every m′ ≥ e ≥ 2",
             Z3Proof(_deduce.volume_ratio, what="integers V, C = C(m′, e) ≥ 0, D_e ≥ 0, "
                     "e! ≥ 1: V ≥ C·D_e (centre), 3D_e ≥ e! (derangement-ratio), "
                     "C·e! = (m′)_e (upper-identity) ⊢ 3V ≥ (m′)_e"),
             uses=("centre", "derangement-ratio", "upper-identity")),
        Step("one-error-upper", "For every word g ∈ ([m′] ∪ {⊥})^{m′}, no three pairwise "
             "different permutations are each within one error of g: at most two are. (Two "
             "within one error at the same coordinate agree elsewhere, so are equal — a "
             "permutation is determined by its values on m′ − 1 points; at different "
             "coordinates j ≠ j′, two different ones force g(j) = g(j′), and a third, "
             "correct at both, would not be injective.)",
             Z3Proof(_deduce_signs.one_error_upper, what="every m′: coordinates an "
                     "uninterpreted sort, permutations maps with a two-sided inverse, word "
                     "values a sort containing the columns e_i injectively and ⊥"),
             uses=("network-word",)),
        Step("one-error-attained", "For m′ ≥ 2, g = (1, 1, 3, 4, …, m′) has two permutations "
             "within one error: π = id (wrong at coordinate 2) and the transposition (1 2) "
             "(wrong at coordinate 1).",
             Z3Proof(_deduce_signs.one_error_attained, what="every m′ ≥ 2: two different "
                     "points a, b of an uninterpreted sort"),
             uses=("network-word",)),
        Step("one-error", "V(m′, 1) = 2 for every m′ ≥ 2 (the maximum over words of the "
             "number of permutations within one error).",
             Z3Proof(_deduce_signs.one_error_max, what="count(w) ≤ 2 for every word "
                     "(one-error-upper), count(g₀) ≥ 2 (one-error-attained), V the maximum of "
                     "count over the finite set of words"),
             uses=("one-error-upper", "one-error-attained")),
        Step("bracket", "example: Σ_{i≤e} C(m′, i) D_i ≤ V(m′, e) ≤ m′!/(m′−e)!, 3V ≥ (m′)_e "
             "for e ≥ 2, and V(m′, 1) = 2, with the library's max_volume_exact (m′ = 2…22)",
             Example(lo=2, hi=22, predicate=_bracket_pred, name="m'",
                     what="exact partitions", mutations=((vol, "max_volume_exact", plus()),)),
             uses=("ratio", "one-error", "exact-vs-brute")),
        Step("huge", "example: log2_volume_bounds at m′ ∈ {10^3, 10^6, 10^15, 10^40}, "
             "e = m′/100: upper = log₂((m′)_e), width log₂ 3",
             Example(points=(10**3, 10**6, 10**15, 10**40), predicate=_huge_pred, name="m'",
                     what="independent mpmath",
                     mutations=((vol, "log2_volume_bounds", lambda v: (v[0], v[1] + 1)),)),
             uses=("ratio",)),
        Step("calculator", "example: the calculator's family ExactVolumePermutation uses "
             "V(m′, e) exactly where it is computed and smaller than (m′)_e (m′ ≤ 30, or "
             "e = 1), equal to the enumeration of every word for m′ ≤ 6; its mpmath and array "
             "forms agree (m′ = 2…12)",
             Example(lo=2, hi=12, predicate=_wiring_pred, name="m'",
                     what="brute force (m' <= 6), exact partitions, mpmath, numpy",
                     mutations=((_EVP, "exact_tolerant_volume", plus()),)),
             uses=("exact-vs-brute", "bracket")),
        Step("calculator-huge", "example at m′ ∈ {10^3, 10^15, 10^40}: e = 1 uses V = 2 (step "
             "one-error, every m′), e ≥ 2 beyond m′ = 30 keeps the bound (m′)_e, within "
             "log₂ 3 bits of the truth (step ratio, every m′)",
             Example(points=(10**3, 10**15, 10**40), predicate=_wiring_huge_pred, name="m'",
                     what="independent mpmath",
                     mutations=((_EVP, "_log2_volume_mp", plus()),)), uses=("one-error", "ratio")),
    )
    return Proof(
        name="permutation-volume-exact",
        title="Exact error volume for permutations",
        statement=("The most permutations one network can be ε-correct for is "
                   "V(m′, e) = max_c Σ_{k ≥ m′−e} Σ_{i≥k} (−1)^{i−k} C(i, k) e_i(c) (m′−i)!, "
                   "c over partitions of m′; V(m′, 1) = 2 and (m′)_e/3 ≤ V ≤ (m′)_e for e ≥ 2."),
        statement_latex=r"V(m', e) = \max_c \sum_{k \ge m'-e} N_k(c)",
        paper_claim=None, steps=steps, assumptions=ASSUMPTIONS,
        references=("J. Riordan, An Introduction to Combinatorial Analysis, 1958",
                    "bounds.volumes"),
    )
