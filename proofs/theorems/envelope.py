"""Monotone envelope of the pairwise I_ε (issue 10 item 4), encoded as checked steps.

Registered: ``pairwise-envelope``.

>>> from proofs.registry import get
>>> get("pairwise-envelope").steps[0].name
'family'
"""

from __future__ import annotations

import sympy as sp

import bounds.envelope as env
from proofs.checks import Argued, Assumption, Example, Identity, SymbolicInequality
from proofs.citations import cite
from proofs.engine import Proof, Step
from proofs.registry import register
from proofs.theorems._brute import suffix_minima

__all__: list[str] = []

ASSUMPTIONS = (
    "labelled pairwise family with m = m′ inputs (raised to 3 at m′ = 2), e = ⌊εm′⌋",
    "0 ≤ ε ≤ 1/2 (so ⌊1/ε⌋ ≥ 2: every run of constant e has length ≥ 2)",
)

mm, k, i = sp.symbols("m k i", positive=True, integer=True)
Mp, Mq = sp.symbols("M' M", positive=True)
ep, kk, s_, K_ = sp.symbols("epsilon k s K", positive=True)
EPSILONS = (0.01, 0.05, 0.2, 0.4, 0.5)


def _window_pred(eps: float) -> tuple[bool, str]:
    hi = 1300
    suffix = suffix_minima([env.pairwise_info_bits(m_, eps) for m_ in range(2, hi)])
    for m_ in range(2, 800):
        if env.pairwise_envelope(m_, eps) != suffix[m_ - 2]:
            return False, f"eps={eps}, m'={m_}"
    return True, f"eps={eps}: m' = 2…799"


@register("pairwise-envelope", claim=None, assumptions=ASSUMPTIONS)
def pairwise_envelope() -> Proof:
    """J(m′) = min_{m″ ≥ m′} I(m″) = min(I(m′), I(s⁺))."""
    steps = (
        Step("family", ASSUMPTIONS[0], Assumption()),
        Step("condition", ASSUMPTIONS[1], Assumption()),
        Step("binomial-run", sp.Eq(sp.binomial(mm + 1, k) / sp.binomial(mm, k),
                                   (mm + 1) / (mm + 1 - k), evaluate=False),
             Identity(fallback=((mm, 1, 40), (k, 1, 40))),
             "C(m+1, k)/C(m, k), e fixed inside a run"),
        Step("binomial-step", sp.Eq(sp.binomial(mm + 1, k + 1) / sp.binomial(mm, k),
                                    (mm + 1) / (k + 1), evaluate=False),
             Identity(fallback=((mm, 1, 40), (k, 1, 40))), "C(m+1, k+1)/C(m, k), e steps"),
        Step("falling-ratio", sp.Ge((Mp - i) * Mq - Mp * (Mq - i), 0),
             SymbolicInequality(domain=((i, 0, sp.oo), (Mp, Mq, sp.oo))),
             "(M′ − i)/(M − i) ≥ M′/M for M′ ≥ M > i ≥ 0, so (M′)_{m}/(M)_{m} ≥ (M′/M)^m"),
        Step("within-run", sp.Ge(mm**2 - 3 * mm - 2, 0),
             SymbolicInequality(domain=((mm, 4, sp.oo),), fallback=((mm, 4, 200),)),
             "(A): the increment inside a run is ≥ log₂((M′ − m)/(m + 1)) with M′ = C(m+1, 2), "
             "and (M′ − m)/(m+1) − 1 = (m² − 3m − 2)/(2(m+1)) ≥ 0 for m ≥ 4",
             uses=("binomial-run", "falling-ratio", "family")),
        Step("step-pairs", sp.Ge(mm * (mm + 1) / 2 - 2 * mm, 0),
             SymbolicInequality(domain=((mm, 3, sp.oo),), fallback=((mm, 3, 200),)),
             "M′ = C(m+1, 2) ≥ 2m for m ≥ 3, so (M′ − m)/M′ ≥ 1/2", uses=("family",)),
        Step("step-ratio", sp.Ge(1 / ep + 1 - ((kk + 1) / ep + 1) / (kk + 1), 0),
             SymbolicInequality(domain=((ep, 0, 1), (kk, 0, sp.oo))),
             "the step s′ = ⌈(k+1)/ε⌉ < (k+1)/ε + 1, hence s′/(k+1) < 1/ε + 1/(k+1) ≤ 1/ε + 1"),
        Step("step-dip", "(B): at a step I(s′) − I(s′ − 1) ≥ log₂((M′ − m)/M′) − log₂(s′/(k+1)) "
             "> −1 − log₂(1 + 1/ε)",
             Argued(steps=("binomial-step", "falling-ratio", "step-pairs", "step-ratio"),
                    argument="at a step the log-volume ratio is C(m+1, k+1)/C(m, k) = "
                    "(m+1)/(k+1) (binomial-step) against the falling factorial ratio "
                    "≥ (M′ − m)/M′ (falling-ratio), with (M′ − m)/M′ ≥ 1/2 (step-pairs) and "
                    "s′/(k+1) < 1 + 1/ε (step-ratio); log₂ is increasing"),
             uses=("binomial-step", "falling-ratio", "step-pairs", "step-ratio")),
        Step("run-length", "the run of e = k is [⌈k/ε⌉, ⌈(k+1)/ε⌉) and "
             "⌈(k+1)/ε⌉ = ⌈k/ε + 1/ε⌉ ≥ ⌈k/ε + ⌊1/ε⌋⌉ = ⌈k/ε⌉ + ⌊1/ε⌋: every run has length "
             "≥ ⌊1/ε⌋ ≥ 2 (ε ≤ 1/2)",
             cite("gkp1994", "§3.1 (floors and ceilings)",
                  "⌈x + n⌉ = ⌈x⌉ + n for every integer n, and x ≤ y implies ⌈x⌉ ≤ ⌈y⌉"),
             uses=("condition",)),
        Step("condition-monotone", sp.Ge(sp.diff(K_ * sp.log(s_ / 2 - 1, 2), s_), 0),
             SymbolicInequality(domain=((s_, 3, sp.oo), (K_, 0, sp.oo))),
             "the left side (⌊1/ε⌋ − 1)·log₂(s/2 − 1) of (C) is nondecreasing in s, and "
             "unbounded when ⌊1/ε⌋ ≥ 2: (C) holds at every s from its first s₀ on"),
        Step("run-starts", "(C): a run starting at s ≥ 4 rises by ≥ (⌊1/ε⌋ − 1)·log₂(s/2 − 1) "
             "(A, run-length), the next step dips by < 1 + log₂(1 + 1/ε) (B), so "
             "I(s_next) ≥ I(s) wherever (C) holds at s, hence (condition-monotone) at every "
             "later run start. So for m′ ≥ 4 with (C) at s⁺: min_{m″ ≥ m′} I = "
             "min(I(m′), I(s⁺)) (I rises inside [m′, s⁺) by A).",
             Argued(steps=("within-run", "step-dip", "run-length", "condition-monotone"),
                    argument="sum the rises (A) over a run of length ≥ ⌊1/ε⌋ and subtract the "
                    "dip (B) at its end; (C) at s makes the sum ≥ 0, and (C) at s persists to "
                    "later run starts by condition-monotone"),
             uses=("within-run", "step-dip", "run-length", "condition-monotone")),
        Step("finite-window", "Every m′ ≥ 2: let t be the least m″ ≥ max(m′, 4) with ε = 0 or "
             "(C) at s⁺(m″) (it exists: s⁺(m″) > m″ and condition-monotone). Then "
             "J(m′) = min(I(m′), …, I(t), I(s⁺(t))), a finite minimum taken exactly "
             "(bounds.envelope.envelope_points); J is nondecreasing as a suffix minimum, so "
             "the capacity search bisects on it.",
             Argued(steps=("run-starts", "condition-monotone"),
                    argument="from t on every later run start rises (run-starts), so the "
                    "suffix minimum beyond t is attained at t or at s⁺(t); below t the finite "
                    "minimum is taken term by term"),
             uses=("run-starts", "condition-monotone")),
        Step("window", "example: pairwise_envelope equals the suffix minimum of I over "
             "[m′, 1300) for every m′ in [2, 800) (ε ∈ {0.01, 0.05, 0.2, 0.4, 0.5})",
             Example(points=EPSILONS, predicate=_window_pred, name="ε",
                     what="direct minimum",
                     mutations=((env, "pairwise_envelope", lambda v: v + 1),)),
             uses=("finite-window",)),
    )
    return Proof(
        name="pairwise-envelope",
        title="Monotone envelope of the pairwise I_ε",
        statement=("For labelled pairwise families (m = m′) and ε ≤ 1/2, J(m′) = "
                   "min_{m″ ≥ m′} I_ε(m″) equals min(I_ε(m′), I_ε(s⁺)), s⁺ the next m″ where "
                   "⌊εm″⌋ steps, whenever m′ ≥ 4 and (C) holds at s⁺; for every other m′ ≥ 2 it "
                   "is the exact minimum over a finite window up to the first m″ where it does. "
                   "J is nondecreasing and the capacity search bisects on J."),
        statement_latex=r"J(m') = \min(I_\varepsilon(m'), I_\varepsilon(s^+))",
        paper_claim=None, steps=steps, assumptions=ASSUMPTIONS,
        references=("bounds.envelope",),
    )
