"""Monotone envelope of the pairwise I_ε (issue 10 item 4), encoded as checked steps.

Registered: ``pairwise-envelope``.

>>> from proofs.registry import get
>>> get("pairwise-envelope").steps[0].name
'family'
"""

from __future__ import annotations

import sympy as sp

import bounds.envelope as env
from proofs.checks import Assumption, Example, Identity, SymbolicInequality, Z3Proof
from proofs.citations import cite_fact
from proofs.engine import Proof, Step
from proofs.registry import register
from proofs.theorems import _deduce, _deduce_runs
from proofs.theorems._brute import suffix_minima
from proofs.theorems.derived import lg_steps

__all__: list[str] = []

ASSUMPTIONS = (
    "labelled pairwise family with m = m′ inputs (raised to 3 at m′ = 2), e = ⌊εm′⌋",
    "0 ≤ ε ≤ 1/2 (so ⌊1/ε⌋ ≥ 2: every run of constant e has length ≥ 2)",
)

mm, k, i = sp.symbols("m k i", positive=True, integer=True)
Mp, Mq = sp.symbols("M' M", positive=True)
ep, kk = sp.symbols("epsilon k", positive=True)
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
        Step("within-run", sp.Eq((mm * (mm + 1) / 2 - mm) / (mm + 1) - (mm / 2 - 1), 1 / (mm + 1),
                                 evaluate=False),
             Identity(fallback=((mm, 1, 60),)),
             "with M′ = C(m + 1, 2): (M′ − m)/(m + 1) − (m/2 − 1) = 1/(m + 1) > 0, so the "
             "increment bound log₂((M′ − m)/(m + 1)) of (A) exceeds log₂(m/2 − 1)",
             uses=("family",)),
        Step("step-pairs", sp.Ge(mm * (mm + 1) / 2 - 2 * mm, 0),
             SymbolicInequality(domain=((mm, 3, sp.oo),), fallback=((mm, 3, 200),)),
             "M′ = C(m+1, 2) ≥ 2m for m ≥ 3, so (M′ − m)/M′ ≥ 1/2", uses=("family",)),
        Step("step-ratio", sp.Ge(1 / ep + 1 - ((kk + 1) / ep + 1) / (kk + 1), 0),
             SymbolicInequality(domain=((ep, 0, 1), (kk, 0, sp.oo))),
             "the step s′ = ⌈(k+1)/ε⌉ < (k+1)/ε + 1, hence s′/(k+1) < 1/ε + 1/(k+1) ≤ 1/ε + 1"),
        Step("errors-below", "εm − 1 < e(m) = ⌊εm⌋ ≤ εm (so k = e(m) ≤ εm), and "
             "1/ε − 1 < q := ⌊1/ε⌋ ≤ 1/ε", cite_fact("floor"),
             "x − 1 < ⌊x⌋ ≤ x at x = εm and at x = 1/ε", uses=("family",)),
        Step("step-at-least", "S(k) := ⌈k/ε⌉ (ε > 0) has S(k) ≥ k/ε, and every integer n ≥ "
             "k/ε has n ≥ S(k); in particular a step s′ = ⌈(k + 1)/ε⌉ (where e goes from k to "
             "k + 1) has s′ ≥ (k + 1)/ε", cite_fact("ceiling-least"),
             "⌈x⌉ is the least integer ≥ x, at x = k/ε", uses=("family",)),
        Step("step-ceiling", "S(k) = ⌈k/ε⌉ < k/ε + 1; a step s′ = ⌈(k + 1)/ε⌉ has "
             "s′ < (k + 1)/ε + 1", cite_fact("ceiling-upper"), uses=("family",)),
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
        Step("run-rise", "(A): inside a run (x ≥ 4, e(x) = e(x + 1) = k, 0 ≤ ε ≤ 1/2), with "
             "R(x) = log₂ (M)_x − log₂ C(x, e(x)) − e(x)·log₂ M the unclamped I (I = max(0, R)): "
             "R(x + 1) − R(x) ≥ log₂((M′ − x)/(x + 1)) ≥ log₂(x/2 − 1) ≥ 0, and "
             "I(x + 1) ≥ I(x)",
             Z3Proof(_deduce_runs.run_rise, what="free integers x ≥ 4, k ≥ 0 with 2k ≤ x "
                     "(k ≤ εx ≤ x/2: errors-below, condition); lg uninterpreted, falling "
                     "factorials, binomials and ρ = (M′/M)^x reals: family, falling-step, "
                     "falling-positive, binomial-positive, binomial-run, power-positive, "
                     "falling-product, lg-power, within-run, lg-ratio, lg-increasing at the "
                     "points used"),
             "(M′)_{x+1}/(M)_x = (M′ − x)(M′)_x/(M)_x ≥ (M′ − x)(M′/M)^x and "
             "C(x + 1, k)/C(x, k) = (x + 1)/(x + 1 − k) ≤ x + 1, the e·log₂ terms leave "
             "(x − k)·log₂(M′/M) ≥ 0; then within-run and log₂ increasing",
             uses=("family", "condition", "errors-below", "falling-step", "falling-positive",
                   "binomial-positive", "binomial-run", "power-positive", "falling-product",
                   "lg-power", "within-run", "lg-ratio", "lg-increasing")),
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
        Step("run-structure", "for integers x, k and ε > 0: e(x) = ⌊εx⌋ ≥ k ⇔ x ≥ S(k) = "
             "⌈k/ε⌉; so e = k exactly on [S(k), S(k + 1)), the run of e = k",
             Z3Proof(_deduce_runs.run_structure, what="free integers x, k, e = ⌊εx⌋, "
                     "c = ⌈k/ε⌉, free real ε > 0: εx − 1 < e ≤ εx (errors-below), c ≥ k/ε and "
                     "x ≥ k/ε ⇒ x ≥ c (step-at-least)"),
             "e ≥ k ⇒ εx ≥ k ⇒ x ≥ k/ε ⇒ x ≥ c; x ≥ c ⇒ εx ≥ k ⇒ e > k − 1",
             uses=("errors-below", "step-at-least")),
        Step("run-length", "every run of e has length ≥ ⌊1/ε⌋ ≥ 2 (0 < ε ≤ 1/2): the run of "
             "e = k is [S(k), S(k + 1)) (run-structure) and S(k + 1) − S(k) ≥ q = ⌊1/ε⌋ ≥ 2",
             Z3Proof(_deduce_runs.run_length, what="free integers k, q, S(k), S(k + 1), free "
                     "real ε ∈ (0, 1/2]: S(k + 1) ≥ (k + 1)/ε (step-at-least), S(k) < k/ε + 1 "
                     "(step-ceiling), 1/ε − 1 < q ≤ 1/ε (errors-below)"),
             "S(k + 1) ≥ k/ε + 1/ε ≥ k/ε + q > S(k) − 1 + q, in integers",
             uses=("condition", "step-at-least", "step-ceiling", "errors-below")),
        Step("condition-monotone", "for integers 4 ≤ s ≤ s′ and 0 < ε ≤ 1/2: (C) at s implies "
             "(C) at s′, where (C)(s) :⇔ (⌊1/ε⌋ − 1)·log₂(s/2 − 1) ≥ 1 + log₂(1 + 1/ε); and "
             "(C) holds at every s ≥ 6 + 4/ε",
             Z3Proof(_deduce_runs.condition_monotone, what="free integers s, s′, q, free real "
                     "ε ∈ (0, 1/2], lg uninterpreted: 1/ε − 1 < q ≤ 1/ε (errors-below), "
                     "lg-increasing, lg-double and lg-ratio at the points used"),
             "log₂(s/2 − 1) is nondecreasing in s and q − 1 ≥ 1; s/2 − 1 ≥ 2(1 + 1/ε) gives "
             "log₂(s/2 − 1) ≥ 1 + log₂(1 + 1/ε) > 0",
             uses=("condition", "errors-below", "lg-increasing", "lg-double", "lg-ratio")),
        Step("le-induction", "a property P(n) of integers true at n₀ and passed from n to "
             "n + 1 for every n ≥ n₀ holds for every n ≥ n₀",
             cite_fact("le-induction"),
             "used as the instance P(n₀) ∧ (∀n ≥ n₀: P(n) ⇒ P(n + 1)) ⇒ ∀n ≥ n₀: P(n) in "
             "run-sum (n₀ = s) and run-chain (n₀ = k₁), on ℕ shifted by n₀"),
        Step("run-sum-step", "for s ≥ 4 and 0 ≤ ε ≤ 1/2, with P(j) :⇔ (e(j) = e(s) ⇒ "
             "R(j) − R(s) ≥ (j − s)·log₂(s/2 − 1) ∧ I(j) ≥ I(s)): P(s), and P(j) ⇒ P(j + 1) "
             "for every j ≥ s",
             Z3Proof(_deduce_runs.run_sum_step, what="free integers s ≥ 4, j, free real ε; R, "
                     "I, E = e uninterpreted: floor at εs, εj, ε(j + 1) (errors-below: e is "
                     "nondecreasing), run-rise at j, lg-increasing at (s/2 − 1, j/2 − 1)"),
             "e(j + 1) = e(s) pins e(j) = e(s) between them, and the rise at j is ≥ "
             "log₂(j/2 − 1) ≥ log₂(s/2 − 1)",
             uses=("errors-below", "run-rise", "lg-increasing")),
        Step("run-sum", "(A) summed: for s ≥ 4, j ≥ s with e(j) = e(s) (0 ≤ ε ≤ 1/2): "
             "R(j) − R(s) ≥ (j − s)·log₂(s/2 − 1) and I(j) ≥ I(s)",
             Z3Proof(_deduce_runs.run_sum, what="free integers s, j; R, I, E, lg "
                     "uninterpreted: P(s) and ∀n ≥ s: P(n) ⇒ P(n + 1) (run-sum-step), the "
                     "le-induction instance for P from s"),
             "induction on j from s", uses=("run-sum-step", "le-induction")),
        Step("run-gain", "(C) at a run start: for every k with S(k) ≥ 4 and (C) at S(k) "
             "(0 < ε ≤ 1/2), I(S(k + 1)) ≥ I(S(k))",
             Z3Proof(_deduce_runs.run_gain, what="free integers k, q, free real ε; R, I, E, S, "
                     "lg uninterpreted: run-length at k and k + 1, run-structure at the six "
                     "points used, run-sum at (S(k), S(k + 1) − 1), step-dip at "
                     "m = S(k + 1) − 1, I = max(0, R) at S(k), S(k + 1) − 1, S(k + 1) (family)"),
             "the run [S(k), S(k + 1)) has ≥ q − 1 rises, each ≥ log₂(S(k)/2 − 1) (run-sum), "
             "and the dip at S(k + 1) is < 1 + log₂(1 + 1/ε) (step-dip); (C) makes the sum ≥ 0; "
             "if R(S(k)) < 0 then I(S(k)) = 0",
             uses=("family", "run-length", "run-structure", "run-sum", "step-dip")),
        Step("run-chain-step", "for k₁ with S(k₁) ≥ 4 and (C) at S(k₁) (0 < ε ≤ 1/2), with "
             "P(k) :⇔ I(S(k)) ≥ I(S(k₁)): P(k₁), and P(k) ⇒ P(k + 1) for every k ≥ k₁",
             Z3Proof(_deduce_runs.run_chain_step, what="free integers k₁, k, q, free real ε; "
                     "I, E, S, lg uninterpreted: run-structure at (S(k), k) and (S(k), k₁), "
                     "condition-monotone at (S(k₁), S(k)), run-gain at k"),
             "S(k) ≥ S(k₁), so (C) holds at S(k) and the next run start is no lower",
             uses=("run-structure", "condition-monotone", "run-gain")),
        Step("run-chain", "for k ≥ k₁ with S(k₁) ≥ 4 and (C) at S(k₁) (0 < ε ≤ 1/2): "
             "I(S(k)) ≥ I(S(k₁)) — every later run start is no lower",
             Z3Proof(_deduce_runs.run_chain, what="free integers k₁, k; I, S, lg "
                     "uninterpreted: P(k₁) and ∀n ≥ k₁: P(n) ⇒ P(n + 1) (run-chain-step), the "
                     "le-induction instance for P from k₁"),
             "induction on k from k₁", uses=("run-chain-step", "le-induction")),
        Step("run-starts", "the theorem: for 0 < ε ≤ 1/2, m′ ≥ 4 and s⁺ = S(e(m′) + 1) with "
             "(C) at s⁺: m′ < s⁺ and I(m″) ≥ min(I(m′), I(s⁺)) for every m″ ≥ m′, so "
             "min_{m″ ≥ m′} I(m″) = min(I(m′), I(s⁺))",
             Z3Proof(_deduce_runs.run_starts, what="free integers m′, m″, q, free real ε; R, "
                     "I, E, S, lg uninterpreted: run-structure at (m′, e(m′) + 1), (m″, e(m″)), "
                     "(S(e(m″)), e(m″)); floor at εm′, εm″, εS(e(m″)) (errors-below); run-sum "
                     "at (m′, m″) and (S(e(m″)), m″); run-chain at (e(m′) + 1, e(m″))"),
             "m″ in the run of m′: I rises from m′ (run-sum); m″ in a later run k: I(m″) ≥ "
             "I(S(k)) (run-sum) ≥ I(s⁺) (run-chain)",
             uses=("run-structure", "errors-below", "run-sum", "run-chain")),
        Step("finite-window", "for 0 ≤ ε ≤ 1/2, every m′ ≥ 2 and every t ≥ max(m′, 4) with "
             "ε = 0 or (C) at s⁺(t) = S(e(t) + 1): each m″ ≥ m′ has m″ ≤ t, or I(m″) ≥ I(t), or "
             "(ε > 0 and I(m″) ≥ I(s⁺(t)), s⁺(t) > t); so J(m′) = min_{m″ ≥ m′} I(m″) = "
             "min(I(m′), …, I(t), I(s⁺(t))) (s⁺(t) only for ε > 0), a finite minimum taken "
             "exactly (bounds.envelope.envelope_points, with the least such t); such t exist "
             "((C) at s⁺(t) for every t ≥ max(4, 6 + 4/ε)). J is nondecreasing (J(m′) ≤ J(m′ + 1), "
             "a suffix minimum), so the capacity search bisects on it.",
             Z3Proof(_deduce_runs.finite_window, what="free integers m′, t, m″, q, free real "
                     "ε ∈ [0, 1/2]; R, I, E, S, lg uninterpreted: run-starts at (t, m″), "
                     "run-structure at (t, e(t) + 1), condition-monotone at s⁺(t) (ε > 0); floor "
                     "at εt, εm″ and run-sum at (t, m″) (ε = 0); J(m′) ≤ I on [m′, ∞) and "
                     "J(m′ + 1) = I(w), w ≥ m′ + 1 (J a minimum, attained by the window)"),
             "beyond t the theorem at m′ = t (ε > 0) or the single run e ≡ 0 (ε = 0) bounds "
             "I(m″) below by a point of the window",
             uses=("run-starts", "run-structure", "condition-monotone", "errors-below",
                   "run-sum")),
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
