"""Exact permutation error volume (issue 10 item 4), encoded as checked steps.

Registered: ``permutation-volume-exact``. The reduction to fibre partitions and the rook
formula are stated; every formula is checked by enumeration of all words g ∈ [m′]^{m′}.

>>> from proofs.registry import get
>>> get("permutation-volume-exact").steps[0].name
'network-word'
"""

from __future__ import annotations

import itertools
import math

import mpmath
import sympy as sp

import bounds.volumes as vol
from proofs.checks import RangeCheck
from proofs.citations import cite_definition, cite_fact
from proofs.engine import Proof, Step
from proofs.registry import register

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
        Step("hit-formula-checked", "agreement_counts(c) equals direct enumeration of S_n for "
             "every partition c of n ≤ 7", RangeCheck(1, 7, predicate=_rook_pred,
                                                      what="enumeration of S_n"),
             uses=("hit-formula",)),
        Step("exact-vs-brute", "max_volume_exact(m′, ·) equals the maximum over all g ∈ "
             "[m′]^{m′} by enumeration (m′ ≤ 5; m′ = 5 gives [1, 2, 11, 36, 120, 120])",
             RangeCheck(1, 5, predicate=_exact_vs_brute, name="m'",
                        what="enumeration of every word g and every permutation"),
             uses=("hit-formula-checked", "reduction")),
        Step("derangements", "bounds.volumes.derangements(k) = D_k = sympy.subfactorial(k)",
             RangeCheck(0, 60, predicate=lambda k: vol.derangements(k) == sp.subfactorial(k),
                        what="exact integers")),
        Step("derangement-ratio", "e! ≤ 3·D_e for e ≥ 2 (so the permutation centre gives "
             "V ≥ (m′)_e/3)", RangeCheck(2, 400, predicate=_derange_pred,
                                          what="exact integers"),
             uses=("derangements",)),
        Step("bracket", "Σ_{i≤e} C(m′, i) D_i ≤ V(m′, e) ≤ m′!/(m′−e)!, 3V ≥ (m′)_e for "
             "e ≥ 2, and V(m′, 1) = 2 (m′ = 2…22)", RangeCheck(2, 22, predicate=_bracket_pred,
                                                                 what="exact partitions"),
             uses=("exact-vs-brute", "derangement-ratio")),
        Step("huge", "log2_volume_bounds at m′ ∈ {10^3, 10^6, 10^15, 10^40}, e = m′/100: upper "
             "= log₂((m′)_e), width log₂ 3", RangeCheck(points=(10**3, 10**6, 10**15, 10**40),
                                                       predicate=_huge_pred,
                                                       what="independent mpmath"),
             uses=("bracket",)),
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
