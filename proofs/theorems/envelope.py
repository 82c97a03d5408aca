"""Monotone envelope of the pairwise I_ε (issue 10 item 4), encoded as checked steps.

Registered: ``pairwise-envelope``.

>>> from proofs.registry import get
>>> get("pairwise-envelope").steps[0].name
'family'
"""

from __future__ import annotations

import sympy as sp

import bounds.envelope as env
from proofs.checks import Assumption, Identity, RangeCheck, SymbolicInequality
from proofs.citations import cite_steps
from proofs.engine import Proof, Step
from proofs.registry import register
from proofs.theorems._brute import suffix_minima

__all__: list[str] = []

ASSUMPTIONS = (
    "labelled pairwise family with m = m′ inputs (raised to 3 at m′ = 2), e = ⌊εm′⌋",
    "m′ ≥ 4 and (⌊1/ε⌋ − 1)·log₂(s⁺/2 − 1) ≥ 1 + log₂(1 + 1/ε) at the next step s⁺",
)

mm, k, i = sp.symbols("m k i", positive=True, integer=True)
Mp, Mq = sp.symbols("M' M", positive=True)


def _window_pred(idx: int) -> tuple[bool, str]:
    eps = (0.01, 0.05, 0.2, 0.5)[idx]
    hi = 1300
    suffix = suffix_minima([env.pairwise_info_bits(m_, eps) for m_ in range(4, hi)])
    checked = 0
    for m_ in range(4, 800):
        try:
            got = env.pairwise_envelope(m_, eps)
        except ValueError:
            continue
        if got != suffix[m_ - 4]:
            return False, f"eps={eps}, m'={m_}"
        checked += 1
    return True, f"eps={eps}: {checked} values"


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
        Step("step-dip", "(B): at a step I(s′) − I(s′ − 1) ≥ log₂((M′ − m)/M′) − log₂(s′/(k+1)) "
             "> −1 − log₂(1 + 1/ε) (M′ ≥ 2m, s′ < (k+1)/ε + 1)",
             cite_steps("binomial-step", "falling-ratio"),
             uses=("binomial-step", "falling-ratio")),
        Step("run-starts", "(C): runs have length ≥ ⌊1/ε⌋, so consecutive run starts satisfy "
             "I(s_next) − I(s) ≥ (⌊1/ε⌋ − 1)·log₂(s/2 − 1) − 1 − log₂(1 + 1/ε) ≥ 0 from s⁺ "
             "on (the condition, increasing in s). Hence J(m′) = min(I(m′), I(s⁺)).",
             cite_steps("within-run", "step-dip"),
             uses=("within-run", "step-dip", "condition")),
        Step("window", "pairwise_envelope equals the suffix minimum of I over [m′, 1300) for "
             "m′ < 800 wherever the condition holds (ε ∈ {0.01, 0.05, 0.2, 0.5})",
             RangeCheck(points=(0, 1, 2, 3), predicate=_window_pred, name="case",
                        what="direct minimum"), uses=("run-starts",)),
    )
    return Proof(
        name="pairwise-envelope",
        title="Monotone envelope of the pairwise I_ε",
        statement=("For labelled pairwise families (m = m′), J(m′) = min_{m″ ≥ m′} I_ε(m″) "
                   "equals min(I_ε(m′), I_ε(s⁺)), s⁺ the next m″ where ⌊εm″⌋ steps, under the "
                   "stated condition; J is nondecreasing and the capacity search bisects on J."),
        statement_latex=r"J(m') = \min(I_\varepsilon(m'), I_\varepsilon(s^+))",
        paper_claim=None, steps=steps, assumptions=ASSUMPTIONS,
        references=("bounds.envelope",),
    )
