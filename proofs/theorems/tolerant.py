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

import bounds.tolerant as tol
import bounds.volumes as vol
from proofs.checks import Assumption, Example
from proofs.citations import cite_fact, cite_proof
from proofs.engine import Proof, Step
from proofs.mutation import plus
from proofs.registry import register
from proofs.theorems._brute import probe_volume_permutation

__all__: list[str] = []

ASSUMPTIONS = (
    "δ-probe-correct: at most t = ⌊δ·q⌋ of the q identifying probes have a wrong output "
    "vector (or t = ⌊δ/w⌋ for a distribution giving each probe mass ≥ w)",
)


def _perm_probe_pred(n: int) -> tuple[bool, str]:
    best = probe_volume_permutation(n)  # brute force over every network (_brute.py)
    return best == [vol.max_volume_exact(n, t) for t in range(n + 1)], f"{best}"


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
             "confidence on μ with upper confidence bound ≤ δ gives, with that confidence, "
             "δ-correctness under μ, i.e. t = ⌊δ/w_min(μ)⌋ wrong probes.",
             cite_fact("clopper-pearson"), uses=("notion",)),
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
