"""z3 forms of the run argument of the pairwise envelope (issue 12: run-starts, finite-window).

Same pattern as :mod:`proofs.theorems._deduce`: each builder returns ``(hypotheses, goal)`` for
:class:`proofs.checks.Z3Proof`; the hypotheses are the claims of earlier steps of the proof
``pairwise-envelope`` taken at the points the deduction needs (so no quantified premise over an
uninterpreted function is left for z3 to instantiate, except in the two induction steps, where
the premise is the proved inductive step itself and the cited principle ``le-induction``).

The model, over unbounded integers x, k and a real ε:

* ``R(x)`` = lg (M_x)_x − lg C(x, e(x)) − e(x)·lg M_x (M_x = C(x, 2)), the unclamped I_ε, and
  ``I(x)`` = max(0, R(x)) (step ``family``);
* ``E(x)`` = e(x) = ⌊εx⌋, known only through the floor fact εx − 1 < E(x) ≤ εx;
* ``S(k)`` = ⌈k/ε⌉, the first m″ with e(m″) ≥ k (the start of the run of e = k, for ε > 0),
  known through the ceiling facts and ``run-structure``;
* ``q`` = ⌊1/ε⌋, ``lg`` = log₂ (uninterpreted), λ(s) = lg(s/2 − 1) and
  (C)(s) :⇔ (q − 1)·λ(s) ≥ 1 + lg(1 + 1/ε).

>>> from proofs.checks import Z3Proof
>>> Z3Proof(run_structure).run("⌊εx⌋ ≥ k ⇔ x ≥ ⌈k/ε⌉").status
'proved'
>>> Z3Proof(run_structure, negate=True).run("mutant").status
'failed'
"""

from __future__ import annotations

from typing import Any

import z3

from proofs.theorems._deduce import _lg_instances

__all__ = ["condition_monotone", "finite_window", "run_chain", "run_chain_step", "run_gain",
           "run_length", "run_rise", "run_starts", "run_structure", "run_sum", "run_sum_step"]

_HALF = z3.RealVal(1) / 2


class _Model:
    """The uninterpreted functions and the step claims as instances at given points."""

    def __init__(self) -> None:
        ints, reals = z3.IntSort(), z3.RealSort()
        self.lg, self.ratio, self.lower, self.incr = _lg_instances()
        self.raw = z3.Function("R", ints, reals)
        self.info = z3.Function("I", ints, reals)
        self.err = z3.Function("E", ints, ints)
        self.start = z3.Function("S", ints, ints)
        self.eps = z3.Real("epsilon")
        self.q = z3.Int("q")

    # --- definitions and premises at a point
    def clamp(self, x: Any) -> Any:
        """family: I(x) = max(0, R(x))."""
        return self.info(x) == z3.If(self.raw(x) >= 0, self.raw(x), 0)

    def floor(self, x: Any) -> Any:
        """floor fact at εx: εx − 1 < E(x) ≤ εx."""
        e = z3.ToReal(self.err(x))
        return z3.And(self.eps * x - 1 < e, e <= self.eps * x)

    def floor_q(self) -> Any:
        """floor fact at 1/ε: 1/ε − 1 < q ≤ 1/ε."""
        return z3.And(1 / self.eps - 1 < self.q, self.q <= 1 / self.eps)

    def lam(self, s: Any) -> Any:
        return self.lg(z3.ToReal(s) / 2 - 1)

    def dip_bound(self) -> Any:
        return -1 - self.lg(1 + 1 / self.eps)

    def cond(self, s: Any) -> Any:
        """(C) at s."""
        return (self.q - 1) * self.lam(s) >= 1 + self.lg(1 + 1 / self.eps)

    def eps_range(self, positive: bool = True) -> list[Any]:
        return [self.eps > 0 if positive else self.eps >= 0, self.eps <= _HALF]

    # --- claims of earlier steps, at a point
    def structure(self, x: Any, k: Any) -> Any:
        """run-structure at (x, k): E(x) ≥ k ⇔ x ≥ S(k)."""
        return (self.err(x) >= k) == (x >= self.start(k))

    def rise(self, x: Any) -> Any:
        """run-rise at x (abstract form)."""
        return z3.Implies(z3.And(x >= 4, self.err(x) == self.err(x + 1)),
                          z3.And(self.raw(x + 1) - self.raw(x) >= self.lam(x),
                                 self.lam(x) >= 0, self.info(x + 1) >= self.info(x)))

    def summed(self, s: Any, j: Any) -> Any:
        """Q(s, j): R(j) − R(s) ≥ (j − s)·λ(s) and I(j) ≥ I(s)."""
        return z3.And(self.raw(j) - self.raw(s) >= z3.ToReal(j - s) * self.lam(s),
                      self.info(j) >= self.info(s))

    def run_sum_at(self, s: Any, j: Any) -> Any:
        """run-sum at (s, j)."""
        return z3.Implies(z3.And(s >= 4, j >= s, self.err(j) == self.err(s)),
                          self.summed(s, j))

    def dip(self, m: Any) -> Any:
        """step-dip at a step s′ = m + 1 (abstract form)."""
        return z3.Implies(z3.And(m >= 3, self.err(m + 1) == self.err(m) + 1),
                          self.info(m + 1) - self.info(m) > self.dip_bound())

    def gain(self, k: Any) -> Any:
        """run-gain at k: (C) at the run start S(k) ≥ 4 ⇒ I(S(k + 1)) ≥ I(S(k))."""
        s0 = self.start(k)
        return z3.Implies(z3.And(s0 >= 4, self.cond(s0)),
                          self.info(self.start(k + 1)) >= self.info(s0))

    def chain(self, k1: Any, k: Any) -> Any:
        """run-chain at (k₁, k)."""
        s1 = self.start(k1)
        return z3.Implies(z3.And(s1 >= 4, self.cond(s1), k >= k1),
                          self.info(self.start(k)) >= self.info(s1))

    def monotone(self, s: Any, s2: Any) -> Any:
        """condition-monotone at (s, s′), first part."""
        return z3.Implies(z3.And(4 <= s, s <= s2, self.cond(s)), self.cond(s2))

    def unbounded(self, s: Any) -> Any:
        """condition-monotone at s, second part."""
        return z3.Implies(s >= 6 + 4 / self.eps, self.cond(s))

    def run_starts_at(self, mp: Any, m2: Any) -> Any:
        """run-starts at (m′, m″)."""
        sp = self.start(self.err(mp) + 1)
        return z3.Implies(z3.And(mp >= 4, self.cond(sp)),
                          z3.And(mp < sp, z3.Implies(m2 >= mp, self.info(m2) >= z3.If(
                              self.info(mp) <= self.info(sp), self.info(mp), self.info(sp)))))


def run_rise() -> tuple[list[Any], Any]:
    """(A) inside a run, for every x ≥ 4 and k ≥ 0 with 2k ≤ x (free; e(x) = e(x + 1) = k ≤
    εx ≤ x/2 for every ε ∈ [0, 1/2]): R(x + 1) − R(x) ≥ lg((M′ − x)/(x + 1)) ≥ lg(x/2 − 1) ≥ 0
    and I(x + 1) ≥ I(x).

    R(x) = lg (M)_x − lg C(x, k) − k·lg M, M = C(x, 2), M′ = C(x + 1, 2), I = max(0, R)
    (family). Premises at the instances used: k ≤ εx ≤ x/2 (errors-below, condition);
    (M′)_{x+1} = (M′)_x(M′ − x) (falling-step); (y)_j > 0 for y ≥ j (falling-positive);
    C(x, k) > 0 (binomial-positive); C(x + 1, k)(x + 1 − k) = C(x, k)(x + 1) (binomial-run);
    0 < ρ = (M′/M)^x (power-positive), ρ ≤ (M′)_x/(M)_x (falling-product), lg ρ =
    x(lg M′ − lg M) (lg-power); (M′ − x)/(x + 1) − (x/2 − 1) = 1/(x + 1) (within-run);
    lg-ratio, lg-increasing. lg uninterpreted; falling
    factorials, binomials and ρ are reals."""
    mdl = _Model()
    lg, ratio, incr = mdl.lg, mdl.ratio, mdl.incr
    x, k = z3.Ints("x k")
    big_m, mp, a, a1, bq, c0, c1, rho = z3.Reals("M Mp ff_Mp_x ff_Mp_x1 ff_M_x C_x_k C_x1_k rho")
    xr, kr = z3.ToReal(x), z3.ToReal(k)
    gap = (mp - xr) / (xr + 1)
    floor_rise = xr / 2 - 1
    r0 = lg(bq) - lg(c0) - kr * lg(big_m)
    r1 = lg(a1) - lg(c1) - kr * lg(mp)

    def clamp(v: Any) -> Any:
        return z3.If(v >= 0, v, 0)

    one = z3.RealVal(1)
    hyps = [x >= 4, k >= 0, 2 * kr <= xr,
            big_m == xr * (xr - 1) / 2, mp == (xr + 1) * xr / 2,
            a1 == a * (mp - xr),
            z3.Implies(big_m >= xr, bq > 0),
            z3.Implies(xr >= kr, c0 > 0),
            c1 * (xr + 1 - kr) == c0 * (xr + 1),
            z3.Implies(z3.And(big_m >= 1, mp >= 1), rho > 0),
            z3.Implies(z3.And(big_m >= xr, mp >= big_m), rho * bq <= a),
            lg(rho) == xr * (lg(mp) - lg(big_m)),
            gap - floor_rise == 1 / (xr + 1),
            ratio(a, a1), ratio(bq, a), ratio(c0, c1), ratio(xr + 1, mp - xr), ratio(one, one),
            incr(rho, a / bq), incr(big_m, mp), incr(c1 / c0, xr + 1), incr(floor_rise, gap),
            incr(one, floor_rise)]
    goal = z3.And(r1 - r0 >= lg(gap), lg(gap) >= lg(floor_rise), lg(floor_rise) >= 0,
                  clamp(r1) >= clamp(r0))
    return hyps, goal


def run_structure() -> tuple[list[Any], Any]:
    """For all integers x, k and real ε > 0 (free): ⌊εx⌋ ≥ k ⇔ x ≥ ⌈k/ε⌉, i.e. E(x) ≥ k ⇔
    x ≥ S(k). Premises: εx − 1 < ⌊εx⌋ ≤ εx (floor); ⌈k/ε⌉ ≥ k/ε and every integer n ≥ k/ε
    has n ≥ ⌈k/ε⌉ (ceiling-least, at n = x). Integers e = ⌊εx⌋, c = ⌈k/ε⌉."""
    x, k, e, c = z3.Ints("x k e c")
    eps = z3.Real("epsilon")
    xr, kr = z3.ToReal(x), z3.ToReal(k)
    hyps = [eps > 0, eps * xr - 1 < e, e <= eps * xr,
            c >= kr / eps, z3.Implies(xr >= kr / eps, x >= c)]
    return hyps, (e >= k) == (x >= c)


def run_length() -> tuple[list[Any], Any]:
    """Every run of e has length ≥ ⌊1/ε⌋ ≥ 2, for every integer k and ε ∈ (0, 1/2] (free):
    S(k + 1) − S(k) ≥ q ≥ 2. Premises: S(k + 1) = ⌈(k + 1)/ε⌉ ≥ (k + 1)/ε (ceiling-least),
    S(k) = ⌈k/ε⌉ < k/ε + 1 (ceiling-upper), 1/ε − 1 < q ≤ 1/ε (floor). Integers."""
    mdl = _Model()
    k = z3.Int("k")
    eps, q = mdl.eps, mdl.q
    c0, c1 = z3.Ints("S_k S_k1")
    kr = z3.ToReal(k)
    hyps = [*mdl.eps_range(), c1 >= (kr + 1) / eps, c0 < kr / eps + 1, mdl.floor_q()]
    return hyps, z3.And(c1 - c0 >= q, q >= 2)


def _sum_pred(mdl: _Model, s: Any, j: Any) -> Any:
    """P(j) of the induction in run-sum: E(j) = E(s) ⇒ Q(s, j)."""
    return z3.Implies(mdl.err(j) == mdl.err(s), mdl.summed(s, j))


def run_sum_step() -> tuple[list[Any], Any]:
    """Base and inductive step of run-sum, for every s ≥ 4, j and ε ∈ [0, 1/2] (free):
    P(s), and P(j) ⇒ P(j + 1) for j ≥ s, where P(j) :⇔ (E(j) = E(s) ⇒ R(j) − R(s) ≥
    (j − s)·λ(s) ∧ I(j) ≥ I(s)). Premises: floor at εs, εj, ε(j + 1) (so E(s) ≤ E(j) ≤ E(j + 1)
    and E(j + 1) = E(s) forces E(j) = E(s)); run-rise at j; lg-increasing at
    (s/2 − 1, j/2 − 1)."""
    mdl = _Model()
    s, j = z3.Ints("s j")
    sr, jr = z3.ToReal(s), z3.ToReal(j)
    hyps = [s >= 4, *mdl.eps_range(positive=False), mdl.floor(s), mdl.floor(j),
            mdl.floor(j + 1), mdl.rise(j), mdl.incr(sr / 2 - 1, jr / 2 - 1)]
    goal = z3.And(_sum_pred(mdl, s, s),
                  z3.Implies(z3.And(j >= s, _sum_pred(mdl, s, j)), _sum_pred(mdl, s, j + 1)))
    return hyps, goal


def _induction(pred: Any, var: Any, lo: Any) -> tuple[Any, Any]:
    """The inductive step ∀n ≥ lo: P(n) ⇒ P(n + 1) and the conclusion ∀n ≥ lo: P(n) of
    le-induction for P from lo."""
    step = z3.ForAll([var], z3.Implies(z3.And(var >= lo, pred(var)), pred(var + 1)))
    every = z3.ForAll([var], z3.Implies(var >= lo, pred(var)))
    return step, every


def run_sum() -> tuple[list[Any], Any]:
    """(A) summed over a run, for every s ≥ 4, j ≥ s with e(j) = e(s), ε ∈ [0, 1/2] (free):
    R(j) − R(s) ≥ (j − s)·λ(s) and I(j) ≥ I(s). Premises: the base P(s) and the inductive
    step ∀n ≥ s: P(n) ⇒ P(n + 1) (run-sum-step), and le-induction for P from s, as the instance
    P(s) ∧ (∀n ≥ s: P(n) ⇒ P(n + 1)) ⇒ ∀n ≥ s: P(n)."""
    mdl = _Model()
    s, j, n = z3.Ints("s j n")

    def pred(v: Any) -> Any:
        return _sum_pred(mdl, s, v)

    step, every = _induction(pred, n, s)
    hyps = [s >= 4, *mdl.eps_range(positive=False), pred(s), step,
            z3.Implies(z3.And(pred(s), step), every)]
    return hyps, mdl.run_sum_at(s, j)


def condition_monotone() -> tuple[list[Any], Any]:
    """(C) persists and eventually holds, for all integers s, s′ and ε ∈ (0, 1/2] (free):
    4 ≤ s ≤ s′ and (C)(s) ⇒ (C)(s′); and (C)(s) for every s ≥ 6 + 4/ε. Premises: floor at
    1/ε (so q ≥ 2); lg-increasing at (s/2 − 1, s′/2 − 1), (2(1 + 1/ε), s/2 − 1) and
    (1, 1 + 1/ε); lg(2y) − lg(y) = 1 at y = 1 + 1/ε (lg-double); lg(1) = 0 (lg-ratio)."""
    mdl = _Model()
    s, s2 = z3.Ints("s s2")
    sr, s2r = z3.ToReal(s), z3.ToReal(s2)
    y = 1 + 1 / mdl.eps
    one = z3.RealVal(1)
    hyps = [*mdl.eps_range(), mdl.floor_q(),
            mdl.incr(sr / 2 - 1, s2r / 2 - 1), mdl.incr(2 * y, sr / 2 - 1), mdl.incr(one, y),
            mdl.lg(2 * y) - mdl.lg(y) == 1, mdl.ratio(one, one)]
    return hyps, z3.And(mdl.monotone(s, s2), mdl.unbounded(s))


def run_gain() -> tuple[list[Any], Any]:
    """(C) at a run start gives the next run start no lower I, for every integer k and
    ε ∈ (0, 1/2] (free): S(k) ≥ 4 and (C)(S(k)) ⇒ I(S(k + 1)) ≥ I(S(k)).

    Premises at the instances used: run-length at k and k + 1 (S(k + 1) − S(k) ≥ q,
    S(k + 2) − S(k + 1) ≥ q, q ≥ 2); run-structure at (S(k), k), (S(k), k + 1),
    (S(k + 1) − 1, k), (S(k + 1) − 1, k + 1), (S(k + 1), k + 1), (S(k + 1), k + 2) (so
    e = k on S(k) and S(k + 1) − 1, e = k + 1 at S(k + 1)); run-sum at (S(k), S(k + 1) − 1);
    step-dip at m = S(k + 1) − 1; I = max(0, R) at S(k), S(k + 1) − 1, S(k + 1) (family).
    (If λ(S(k)) < 0, (C) makes the dip bound positive; otherwise the rises pay for it.)"""
    mdl = _Model()
    k = z3.Int("k")
    st, q = mdl.start, mdl.q
    s0, s1, s2 = st(k), st(k + 1), st(k + 2)
    hyps = [*mdl.eps_range(), s1 - s0 >= q, s2 - s1 >= q, q >= 2,
            mdl.structure(s0, k), mdl.structure(s0, k + 1),
            mdl.structure(s1 - 1, k), mdl.structure(s1 - 1, k + 1),
            mdl.structure(s1, k + 1), mdl.structure(s1, k + 2),
            mdl.run_sum_at(s0, s1 - 1), mdl.dip(s1 - 1),
            mdl.clamp(s0), mdl.clamp(s1 - 1), mdl.clamp(s1)]
    return hyps, mdl.gain(k)


def _chain_pred(mdl: _Model, k1: Any, k: Any) -> Any:
    """P(k) of the induction in run-chain: I(S(k)) ≥ I(S(k₁))."""
    return mdl.info(mdl.start(k)) >= mdl.info(mdl.start(k1))


def run_chain_step() -> tuple[list[Any], Any]:
    """Base and inductive step of run-chain, for all integers k₁, k and ε ∈ (0, 1/2] (free),
    given S(k₁) ≥ 4 and (C)(S(k₁)): P(k₁), and P(k) ⇒ P(k + 1) for k ≥ k₁, P(k) :⇔
    I(S(k)) ≥ I(S(k₁)). Premises: run-structure at (S(k), k) and (S(k), k₁) (so S(k) ≥
    S(k₁)); condition-monotone at (S(k₁), S(k)); run-gain at k."""
    mdl = _Model()
    k1, k = z3.Ints("k1 k")
    st = mdl.start
    hyps = [*mdl.eps_range(), st(k1) >= 4, mdl.cond(st(k1)),
            mdl.structure(st(k), k), mdl.structure(st(k), k1),
            mdl.monotone(st(k1), st(k)), mdl.gain(k)]
    goal = z3.And(_chain_pred(mdl, k1, k1),
                  z3.Implies(z3.And(k >= k1, _chain_pred(mdl, k1, k)),
                             _chain_pred(mdl, k1, k + 1)))
    return hyps, goal


def run_chain() -> tuple[list[Any], Any]:
    """(C) carried along the run starts, for all integers k₁, k and ε ∈ (0, 1/2] (free):
    S(k₁) ≥ 4, (C)(S(k₁)) and k ≥ k₁ ⇒ I(S(k)) ≥ I(S(k₁)). Premises: P(k₁) and
    ∀n ≥ k₁: P(n) ⇒ P(n + 1) (run-chain-step, under its hypotheses S(k₁) ≥ 4, (C)(S(k₁))),
    le-induction for P from k₁."""
    mdl = _Model()
    k1, k, n = z3.Ints("k1 k n")

    def pred(v: Any) -> Any:
        return _chain_pred(mdl, k1, v)

    step, every = _induction(pred, n, k1)
    given = z3.And(mdl.start(k1) >= 4, mdl.cond(mdl.start(k1)))
    hyps = [*mdl.eps_range(), z3.Implies(given, z3.And(pred(k1), step)),
            z3.Implies(z3.And(pred(k1), step), every)]
    return hyps, mdl.chain(k1, k)


def run_starts() -> tuple[list[Any], Any]:
    """The theorem, for all integers m′, m″ and ε ∈ (0, 1/2] (free): with k₀ = e(m′),
    s⁺ = S(k₀ + 1), if m′ ≥ 4 and (C)(s⁺) then m′ < s⁺ and every m″ ≥ m′ has
    I(m″) ≥ min(I(m′), I(s⁺)) — so min_{m″ ≥ m′} I(m″) = min(I(m′), I(s⁺)).

    With k = e(m″), premises at the instances used: run-structure at (m′, k₀ + 1) (m′ < s⁺),
    (m″, k) and (S(k), k) (S(k) ≤ m″, e(S(k)) ≥ k); floor at εm′, εm″, εS(k) (e is
    nondecreasing, and S(k) ≥ k/ε > m′ when k > k₀); run-sum at (m′, m″) (k = k₀: the run of
    m′) and at (S(k), m″); run-chain at (k₀ + 1, k) (k > k₀)."""
    mdl = _Model()
    mp, m2 = z3.Ints("mp m2")
    err, st = mdl.err, mdl.start
    k0, k = err(mp), err(m2)
    hyps = [*mdl.eps_range(), mdl.structure(mp, k0 + 1), mdl.structure(m2, k),
            mdl.structure(st(k), k),
            mdl.floor(mp), mdl.floor(m2), mdl.floor(st(k)),
            mdl.run_sum_at(mp, m2), mdl.run_sum_at(st(k), m2), mdl.chain(k0 + 1, k)]
    return hyps, mdl.run_starts_at(mp, m2)


def finite_window() -> tuple[list[Any], Any]:
    """The corollary, for all integers m′, t, m″ and ε ∈ [0, 1/2] (free), with
    s⁺(t) = S(e(t) + 1): (i) if ε > 0 and t ≥ max(4, 6 + 4/ε) then (C)(s⁺(t)) — so a t as below
    exists; (ii) if m′ ≥ 2, t ≥ max(m′, 4) and (ε = 0 or (C)(s⁺(t))), every m″ ≥ m′ has
    m″ ≤ t or I(m″) ≥ I(t) or (ε > 0 and I(m″) ≥ I(s⁺(t))): the minimum of I over
    m″ ≥ m′ is the minimum over W = {m′, …, t} ∪ {s⁺(t)} (s⁺(t) only for ε > 0), a subset of
    [m′, ∞) (s⁺(t) > t); (iii) J(m′) ≤ J(m′ + 1) for J(x) = min_{m″ ≥ x} I(m″) (J(m′) is a
    lower bound of I on [m′, ∞), J(m′ + 1) = I(w) for some w ≥ m′ + 1).

    Premises at the instances used: run-starts at (t, m″) (ε > 0); run-structure at
    (t, e(t) + 1) (t < s⁺(t)); condition-monotone (second part) at s⁺(t); floor at εt, εm″
    and run-sum at (t, m″) (ε = 0: e ≡ 0)."""
    mdl = _Model()
    mp, t, m2 = z3.Ints("mp t m2")
    eps, info = mdl.eps, mdl.info
    sp = mdl.start(mdl.err(t) + 1)
    hyps = [*mdl.eps_range(positive=False),
            z3.Implies(eps > 0, mdl.run_starts_at(t, m2)),
            z3.Implies(eps > 0, mdl.unbounded(sp)),
            z3.Implies(eps > 0, mdl.structure(t, mdl.err(t) + 1)),
            mdl.floor(t), mdl.floor(m2), mdl.run_sum_at(t, m2)]
    # J(m′) = min_{m″ ≥ m′} I(m″): a lower bound of I on [m′, ∞) attained at some point;
    # w is where J(m′ + 1) is attained
    suffix_min = z3.Function("J", z3.IntSort(), z3.RealSort())
    w = z3.Int("w")
    hyps += [w >= mp + 1, suffix_min(mp + 1) == info(w),
             z3.Implies(w >= mp, suffix_min(mp) <= info(w))]
    exists = z3.Implies(z3.And(eps > 0, t >= 4, t >= 6 + 4 / eps), mdl.cond(sp))
    given = z3.And(mp >= 2, t >= mp, t >= 4, z3.Or(eps == 0, mdl.cond(sp)))
    window = z3.Implies(z3.And(given, m2 >= mp),
                        z3.Or(m2 <= t, info(m2) >= info(t),
                              z3.And(eps > 0, info(m2) >= info(sp), sp > t)))
    return hyps, z3.And(exists, window, suffix_min(mp) <= suffix_min(mp + 1))
