"""Monotone envelope of the pairwise I_ε (issue 10 item 4), encoded as checked steps.

Registered: ``pairwise-envelope``.

>>> from proofs.registry import get
>>> get("pairwise-envelope").steps[0].name
'family'
"""

from __future__ import annotations

import sympy as sp

import bounds.envelope as env
from proofs.checks import Argued, Assumption, Example, Identity, SymbolicInequality, Z3Proof
from proofs.citations import cite, cite_fact
from proofs.engine import Proof, Step
from proofs.registry import register
from proofs.theorems import _deduce
from proofs.theorems._brute import suffix_minima
from proofs.theorems.derived import lg_steps

__all__: list[str] = []

ASSUMPTIONS = (
    "labelled pairwise family with m = m′ inputs (raised to 3 at m′ = 2), e = ⌊εm′⌋",
    "0 ≤ ε ≤ 1/2 (so ⌊1/ε⌋ ≥ 2: every run of constant e has length ≥ 2)",
)

mm, k, i = sp.symbols("m k i", positive=True, integer=True)
Mp, Mq = sp.symbols("M' M", positive=True)
ep, kk, s_, K_ = sp.symbols("epsilon k s K", positive=True)
xpos, ypos = sp.symbols("x y", positive=True)
xr, yr = sp.symbols("x y", real=True)  # no sign assumption: the domain of a step supplies it
jj = sp.Symbol("j", integer=True, nonnegative=True)
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
        Step("errors-below", "k = e(m) = ⌊εm⌋ ≤ εm", cite_fact("floor"),
             "⌊x⌋ ≤ x at x = εm", uses=("family",)),
        Step("step-at-least", "a step s′ = ⌈(k + 1)/ε⌉ (where e goes from k to k + 1) has "
             "s′ ≥ (k + 1)/ε", cite_fact("ceiling-least"), "⌈x⌉ ≥ x", uses=("family",)),
        Step("step-ceiling", "a step s′ = ⌈(k + 1)/ε⌉ has s′ < (k + 1)/ε + 1",
             cite_fact("ceiling-upper"), uses=("family",)),
        Step("falling-step", sp.Eq(sp.ff(xpos, mm + 1), sp.ff(xpos, mm) * (xpos - mm),
                                   evaluate=False),
             Identity(), "(M′)_{m+1} = (M′)_m·(M′ − m)"),
        Step("falling-positive", sp.Gt(sp.ff(xr, jj), 0),
             SymbolicInequality(domain=((xr, jj, sp.oo),),
                                relation=sp.Gt(sp.ff(xr, jj).rewrite(sp.gamma), 0)),
             "(x)_j = Γ(x + 1)/Γ(x − j + 1) > 0 for real x ≥ j ≥ 0 (so (M)_m, (M′)_m > 0 "
             "once M ≥ m)"),
        Step("binomial-positive", sp.Gt(sp.binomial(xr, jj), 0),
             SymbolicInequality(domain=((xr, jj, sp.oo),),
                                relation=sp.Gt(sp.binomial(xr, jj).rewrite(sp.gamma), 0)),
             "C(m, k) = Γ(m + 1)/(Γ(k + 1)Γ(m − k + 1)) > 0 for m ≥ k ≥ 0"),
        Step("power-positive", sp.Gt((yr / xr) ** jj, 0),
             SymbolicInequality(domain=((xr, 1, sp.oo), (yr, 1, sp.oo))),
             "ρ = (M′/M)^m > 0 for M, M′ ≥ 1"),
        Step("falling-product", "(M′/M)^m ≤ (M′)_m/(M)_m for integers m ≥ 0 and reals "
             "M′ ≥ M ≥ m", cite_fact("prod-le-prod"),
             "applied to f_i = M′/M ≥ 0 and g_i = (M′ − i)/(M − i), i = 0…m − 1 (M − i > 0): "
             "f_i ≤ g_i is (M′ − i)M ≥ M′(M − i) (falling-ratio), ∏ f_i = (M′/M)^m and "
             "∏ g_i = (M′)_m/(M)_m (falling factorials as products)",
             uses=("falling-ratio",)),
        *lg_steps(),
        Step("lg-power", sp.Eq(sp.log((ypos / xpos) ** jj, 2),
                               jj * (sp.log(ypos, 2) - sp.log(xpos, 2)), evaluate=False),
             Identity(), "log₂ (y/x)^j = j(log₂ y − log₂ x) for x, y > 0, integer j ≥ 0"),
        Step("lg-double", sp.Eq(sp.log(2 * xpos, 2) - sp.log(xpos, 2), 1, evaluate=False),
             Identity(), "log₂(2x) − log₂ x = 1 for x > 0"),
        Step("dip-size", "at a step s′ = m + 1 (m ≥ 3, e: k → k + 1, 0 < ε ≤ 1/2): "
             "log₂((M′ − m)/M′) − log₂(s′/(k+1)) > −1 − log₂(1 + 1/ε), M′ = C(m + 1, 2)",
             Z3Proof(_deduce.dip_size, what="free integers m ≥ 3, k ≥ 0, free real ε; lg "
                     "uninterpreted: M′ ≥ 2m (step-pairs), s′ < (k + 1)/ε + 1 (step-ceiling), "
                     "((k + 1)/ε + 1)/(k + 1) ≤ 1/ε + 1 (step-ratio), lg increasing "
                     "(lg-increasing), lg(1) − lg(1/2) = 1 (lg-double), lg(1) = 0 (lg-ratio)"),
             "(M′ − m)/M′ ≥ 1/2 and s′/(k + 1) < 1/ε + 1, and log₂ is increasing",
             uses=("step-pairs", "step-ceiling", "step-ratio", "lg-increasing", "lg-double",
                   "lg-ratio")),
        Step("step-dip", "(B): at a step s′ = m + 1 (m ≥ 3, e: k → k + 1, 0 < ε ≤ 1/2) "
             "I(s′) − I(s′ − 1) ≥ log₂((M′ − m)/M′) − log₂(s′/(k+1)) > −1 − log₂(1 + 1/ε)",
             Z3Proof(_deduce.step_dip, what="free integers m ≥ 3, k ≥ 0, free real ε; lg "
                     "uninterpreted, falling factorials, binomials and ρ = (M′/M)^m reals: "
                     "I = max(0, lg (M)_m − lg C(m, e) − e lg M) (family), k ≤ εm "
                     "(errors-below), s′ ≥ (k + 1)/ε (step-at-least), falling-step, "
                     "falling-positive, binomial-positive, binomial-step, power-positive, "
                     "falling-product, lg-power, dip-size, lg-ratio, lg-lower, lg-increasing"),
             "the log-volume ratio at a step is C(m+1, k+1)/C(m, k) = (m+1)/(k+1) "
             "(binomial-step) against (M′)_{m+1}/(M)_m = (M′ − m)(M′)_m/(M)_m ≥ "
             "(M′ − m)(M′/M)^m (falling-step, falling-product); the e log₂ M terms leave "
             "(m − k)·log₂(M′/M) ≥ 0; the bound is ≤ 0, so the clamp max(0, ·) keeps it",
             uses=("family", "errors-below", "step-at-least", "falling-step",
                   "falling-positive", "binomial-positive", "binomial-step", "power-positive",
                   "falling-product", "lg-power", "dip-size", "lg-ratio", "lg-lower",
                   "lg-increasing")),
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
