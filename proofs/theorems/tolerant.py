"""δ-probe-tolerant lower bound (issue 10 item 3), encoded as checked steps.

Registered: ``probe-tolerant``. The volumes for the "at most t = ⌊δq⌋ wrong probes" notion are
brute-forced on small sizes; the vacuity of the notion for pairwise AND at t ≥ m′ is checked.

>>> from proofs.registry import get
>>> get("probe-tolerant").steps[0].name
'notion'
"""

from __future__ import annotations

import math

import mpmath

import bounds.constructions.verify as verify
import bounds.tolerant as tol
import bounds.volumes as vol
from proofs.checks import Assumption, Example, Z3Proof
from proofs.citations import cite_definition, cite_fact, cite_proof
from proofs.engine import Proof, Step
from proofs.mutation import plus
from proofs.registry import register
from proofs.theorems._brute import probe_volume_permutation
from proofs.theorems._deduce_cp import cp_coverage

__all__: list[str] = []

ASSUMPTIONS = (
    "δ-probe-correct: at most t = ⌊δ·q⌋ of the q identifying probes have a wrong output "
    "vector (or t = ⌊δ/w⌋ for a distribution giving each probe mass ≥ w)",
)


def _perm_probe_pred(n: int) -> tuple[bool, str]:
    best = probe_volume_permutation(n)  # brute force over every network (_brute.py)
    return best == [vol.max_volume_exact(n, t) for t in range(n + 1)], f"{best}"


_CP_SIZES = (1, 2, 5, 10, 50, 200)


def _cp_pred(n: int) -> tuple[bool, str]:
    """p̄ = clopper_pearson_upper(e, n) solves P(Bin(n, p̄) ≤ e) = 0.05 (e < n), p̄(n) = 1."""
    alpha = 1 - verify.CONFIDENCE
    worst = mpmath.mpf(0)
    with mpmath.workdps(40):
        for e in range(n):
            q = mpmath.mpf(verify.clopper_pearson_upper(e, n))
            cdf = mpmath.fsum(mpmath.binomial(n, j) * q**j * (1 - q)**(n - j)
                              for j in range(e + 1))
            worst = max(worst, abs(cdf - alpha))
    top = verify.clopper_pearson_upper(n, n)
    return worst < 1e-9 and top == 1.0, f"max |F(e, p̄) − α| = {float(worst):.1e}"


_AND_CASES = ((2, 3), (2, 4), (3, 3))


def _and_pred(case: tuple[int, int]) -> tuple[bool, str]:
    mp_, m = case
    brute = tol.max_volume_brute_and(mp_, m)
    size = math.perm(m * (m - 1) // 2, mp_)
    for t, v in enumerate(brute):
        if v > tol.volume_and(mp_, m, t):
            return False, f"t={t}: brute {v} > bound"
        if t >= mp_ and v != size:
            return False, f"t={t}: brute {v} != |F| = {size}"
    return True, f"(m', m) = {(mp_, m)}: {brute}"


def _huge_pred(n: int) -> tuple[bool, str]:
    t = tol.wrong_probes_allowed(0.01, probes=n)
    got = tol.info_bits_probe_tolerant("permutation", n, t)
    with mpmath.workdps(60 + len(str(n))):
        ref = mpmath.loggamma(n - t + 1) / mpmath.ln(2)
        return abs(got - ref) <= abs(ref) * mpmath.mpf(10) ** -30, f"t = {t}"


@register("probe-tolerant", claim=None, assumptions=ASSUMPTIONS)
def probe_tolerant() -> Proof:
    """I_δ = log₂|F| − log₂ V_δ for the δ-probe-correct notion."""
    steps = (
        Step("notion", ASSUMPTIONS[0], Assumption()),
        Step("verdicts", "Certified on the identifying probes is t = 0; certified on all "
             "≤ k-sparse inputs implies it (probes are ≤ 2-sparse); Monte-Carlo at 95% "
             "confidence on μ sees e errors in n μ-samples and passes when p̄(e) ≤ δ, "
             "p̄(e) = clopper_pearson_upper(e, n) (bounds.constructions.verify), the one-sided "
             "Clopper–Pearson upper limit: F(e, p̄(e)) = α = 0.05 for e < n, p̄(n) = 1, "
             "F(x, q) = P(Bin(n, q) ≤ x).",
             cite_definition("verdicts"), uses=("notion",)),
        Step("cp-defining", "example: for every e < n the library's p̄(e) solves "
             "F(e, p̄(e)) = 0.05 (|error| < 1e-9, exact binomial sums in mpmath), and p̄(n) = 1",
             Example(points=_CP_SIZES, predicate=_cp_pred, name="n",
                     what="mpmath binomial CDF",
                     mutations=((verify, "clopper_pearson_upper", lambda v: v * 0.99),)),
             uses=("verdicts",)),
        Step("binomial-tail-monotone", "For x < n, 1 − F(x, q) = Σ_{j=x+1}^{n} C(n, j) q^j "
             "(1 − q)^{n−j} = I_q(x + 1, n − x), the integral from 0 to q of a density ≥ 0, so "
             "F(x, ·) is nonincreasing on [0, 1]; F(·, q) is nondecreasing (terms ≥ 0)",
             cite_fact("incomplete-beta")),
        Step("cp-coverage", "For every true μ-error rate p ∈ [0, 1]: each outcome x with "
             "p > p̄(x) lies in D_p = {x : F(x, p) ≤ α}, which is downward closed, so the miss "
             "event lies in {X ≤ max D_p} of probability F(max D_p, p) ≤ α, and "
             "P(p ≤ p̄(X)) ≥ 1 − α; when covered, a pass (p̄(e) ≤ δ) gives μ-error p ≤ δ, so "
             "k wrong probes of mass ≥ w_min(μ) each have k ≤ ⌊δ/w_min(μ)⌋ = t",
             Z3Proof(cp_coverage, what="integers n ≥ 1, outcomes, k ≥ 0; reals α ∈ (0, 1), "
                     "p ∈ [0, 1], δ, w > 0; F, p̄ uninterpreted: F(x, ·) nonincreasing for "
                     "x < n and F(·, q) nondecreasing (binomial-tail-monotone), F(x, p̄(x)) = α "
                     "for x < n and p̄(n) = 1 (verdicts) ⊢ misses ⊆ D_p, D_p "
                     "downward closed, covered ∧ pass ∧ p ≥ k·w ⇒ k ≤ ⌊δ/w⌋"),
             uses=("verdicts", "binomial-tail-monotone")),
        Step("counting", "If every instance has a δ-probe-correct network in the class and one "
             "network is δ-probe-correct for at most V_δ instances, then B ≥ log₂|F| − log₂ V_δ.",
             cite_proof("error-tolerant-counting", "the pigeonhole step"), uses=("notion",)),
        Step("permutation-volume", "On probe e_i, π's output is e_{π⁻¹(i)}, so the network "
             "defines h(i) and π is right at i iff π⁻¹(i) = h(i); π ↦ π⁻¹ is a bijection, "
             "so V_δ = V(m′, t) (theorem permutation-volume-exact).",
             cite_proof("permutation-volume-exact", "V(m′, t) counts the π agreeing with h on ≥ "
                        "m′ − t points"), uses=("counting",)),
        Step("permutation-volume-checked", "example: brute force over every h and π (m′ ≤ 4): "
             "the probe-wise volume equals max_volume_exact(m′, t)",
             Example(lo=1, hi=4, predicate=_perm_probe_pred, name="m'", what="enumeration",
                     mutations=((vol, "max_volume_exact", plus()),)),
             uses=("permutation-volume",)),
        Step("and-volume", "Pairwise AND, labelled: off a set S of t′ = min(t, M) pair probes "
             "the network's table fixes every output whose pair is off S; the others take "
             "distinct pairs of S: V_δ ≤ min(|F|, C(M, t′)·(t′)_{min(t′, m′)}). The all-zero "
             "network is wrong on exactly m′ probes for every instance, so V_δ = |F| for t ≥ m′.",
             cite_fact("product-rule"), uses=("counting",)),
        Step("and-volume-checked", "example: brute force over every network table on the pair "
             "probes (outputs in {0,1}^{m'}) and every instance, (m′, m) ∈ {(2, 3), (2, 4), "
             "(3, 3)}: volume ≤ bound, = |F| for t ≥ m′",
             Example(points=_AND_CASES, predicate=_and_pred, name="(m′, m)",
                     what="enumeration",
                     mutations=((tol, "volume_and", lambda v: v - 1),)),
             uses=("and-volume",)),
        Step("huge", "example: at m′ ∈ {10^3, 10^6, 10^15, 10^40}, δ = 0.01, the library's "
             "I_δ = log₂((m′ − t)!)",
             Example(points=(10**3, 10**6, 10**15, 10**40), predicate=_huge_pred, name="m'",
                     what="independent mpmath",
                     mutations=((tol, "info_bits_probe_tolerant", lambda v: v + 1),)),
             uses=("permutation-volume",)),
    )
    return Proof(
        name="probe-tolerant",
        title="Networks wrong on at most a δ fraction of the identifying probes",
        statement=("A class computing every instance δ-probe-correctly (≤ t = ⌊δq⌋ wrong "
                   "probes) needs B ≥ log₂|F| − log₂ V_δ bits: permutation V_δ = V(m′, t); "
                   "pairwise AND V_δ ≤ min(|F|, C(M, t)(t)_{min(t, m′)}), vacuous for "
                   "t ≥ m′."),
        statement_latex=r"B \ge \log_2|F| - \log_2 V_\delta",
        paper_claim=None, steps=steps, assumptions=ASSUMPTIONS,
        references=("bounds.tolerant", "bounds.volumes"),
    )
