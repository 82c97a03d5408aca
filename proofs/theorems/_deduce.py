"""z3 forms of the deductions that combine earlier steps of a proof (issue 12 item 5).

A step that only combines earlier steps ("monotone and bounded, hence the least value is…",
"each term grows at most by (m+1)/m, hence the predicate is downward closed") was once cited as
"steps x, y of this proof" and argued in words. Each builder here states the premises — the
claims of the named earlier steps, as formulas over unbounded z3 integers / reals, with the
library's quantities as uninterpreted functions where only their stated properties are used —
as hypotheses, and the step's claim as the goal, for :class:`proofs.checks.Z3Proof`: the step is
then ``proved`` (for every value) and its automatic mutant, the negated goal, fails.

What is *not* in a builder is the premises' own truth: each hypothesis is the claim of a step
that is proved (or cited) separately, named in the step's ``uses``.

>>> from proofs.checks import Z3Proof
>>> Z3Proof(injective).run("f ↦ N_f injective").status
'proved'
>>> Z3Proof(injective, negate=True).run("mutant").status
'failed'
"""

from __future__ import annotations

from typing import Any

import z3

__all__ = [
    "below_lambert",
    "binomial_lower",
    "convex_ratio",
    "downward_closed",
    "injective",
    "least_below_peak",
    "packed_bound",
    "volume_ratio",
    "lg_increasing",
    "monotone_masks",
    "tail_increment",
    "replace_tails",
    "change_variable",
    "step_dip",
    "dip_size",
]


def injective() -> tuple[list[Any], Any]:
    """Counting lemma: N_f computes f on every probe of Q (computes-every-instance); distinct
    instances differ at some probe (identifiable); hence f ↦ N_f is injective.

    Instances, networks, probes and output values are uninterpreted sorts; ``out(f, q)`` is
    instance f's output on probe q, ``run(N, q)`` network N's."""
    inst, net_s, probe, value = (z3.DeclareSort(s) for s in
                                 ("Instance", "Network", "Probe", "Value"))
    net = z3.Function("N", inst, net_s)
    out = z3.Function("out", inst, probe, value)
    run = z3.Function("run", net_s, probe, value)
    f, g = z3.Consts("f g", inst)
    q = z3.Const("q", probe)
    hyps = [z3.ForAll([f, q], run(net(f), q) == out(f, q)),
            z3.ForAll([f, g], z3.Implies(f != g, z3.Exists([q], out(f, q) != out(g, q))))]
    goal = z3.ForAll([f, g], z3.Implies(net(f) == net(g), f == g))
    return hyps, goal


def least_below_peak() -> tuple[list[Any], Any]:
    """Least P: B nondecreasing on [0, p] and nonincreasing on [p, D] (0 ≤ p ≤ D). Then
    (i) any P ∈ [0, D] with B(P) ≥ I has B(p) ≥ I — so none exists if B(p) < I, and the least
    such P is ≤ p; (ii) on [0, p] the set {B ≥ I} is upward closed — the least P ≤ p with
    B(P) ≥ I is found by bisection and is the least overall.

    ``B`` is an uninterpreted function ℤ → ℝ (the description bits), ``I`` the bits needed."""
    bits = z3.Function("B", z3.IntSort(), z3.RealSort())
    p, d, big_p, q, x, y = z3.Ints("p D P Q x y")
    need = z3.Real("I")
    hyps = [0 <= p, p <= d,
            z3.ForAll([x, y], z3.Implies(z3.And(0 <= x, x <= y, y <= p), bits(x) <= bits(y))),
            z3.ForAll([x, y], z3.Implies(z3.And(p <= x, x <= y, y <= d), bits(y) <= bits(x)))]
    goal = z3.And(
        z3.ForAll([big_p], z3.Implies(z3.And(0 <= big_p, big_p <= d, bits(big_p) >= need),
                                      bits(p) >= need)),
        z3.ForAll([big_p, q], z3.Implies(
            z3.And(0 <= big_p, big_p <= q, q <= p, bits(big_p) >= need), bits(q) >= need)))
    return hyps, goal


def volume_ratio() -> tuple[list[Any], Any]:
    """3V ≥ (m′)_e from V ≥ C·D_e (centre), 3D_e ≥ e! (derangement-ratio), C·e! = (m′)_e
    (upper-identity) and C = C(m′, e) ≥ 0: nonnegative integers."""
    vol, c, der, fact, falling = z3.Ints("V C D_e e_fact falling")
    hyps = [c >= 0, der >= 0, fact >= 1, vol >= c * der, 3 * der >= fact, c * fact == falling]
    return hyps, 3 * vol >= falling


def packed_bound() -> tuple[list[Any], Any]:
    """Total neurons: P_dense = Q + S ≤ ⌊(2S − L + 1)²/4⌋ + S from Q ≤ A·B (split),
    4AB ≤ (A + B)² (am-gm: (A + B)² − 4AB = (A − B)²), A + B = d + S, d ≤ max n_ℓ and
    max n_ℓ + (L − 1) ≤ S (the other L − 1 widths are ≥ 1): integers, ⌊·⌋ as z3 ``/``
    (floor division for a nonnegative numerator)."""
    d, s, lay, a, bb, q, p_dense, top = z3.Ints("d S L A B Q P_dense n_max")
    k = 2 * s - lay + 1
    hyps = [lay >= 1, d >= 1, a >= 0, bb >= 0, top >= d, top + (lay - 1) <= s,
            a + bb == d + s, q <= a * bb, (a + bb) * (a + bb) - 4 * a * bb == (a - bb) * (a - bb),
            p_dense == q + s]
    return hyps, p_dense <= (k * k) / 4 + s


def downward_closed() -> tuple[list[Any], Any]:
    """not fits(m) ⇒ not fits(m + 1), with B(m) = (layer terms) + (output term): each part
    grows at most by the factor (m + 1)/m (ratio-sign for every layer term, output-ratio for the
    output term), B(m) < I(m) (not fits), and I(m + 1)/(m + 1) ≥ I(m)/m (info-ratio): reals,
    m ≥ 1, the bits ≥ 0."""
    m, lay0, lay1, out0, out1, i0, i1 = z3.Reals("m layers_m layers_m1 output_m output_m1 "
                                                 "I_m I_m1")
    b0, b1 = lay0 + out0, lay1 + out1
    hyps = [m >= 1, lay0 >= 0, out0 >= 0, i0 >= 0,
            lay1 * m <= (m + 1) * lay0, out1 * m <= (m + 1) * out0,
            b0 < i0, i1 * m >= i0 * (m + 1)]
    return hyps, b1 < i1


def convex_ratio() -> tuple[list[Any], Any]:
    """I_lo(m)/m nondecreasing: f = ln Γ(· + 1) convex (gamma-convex) with f(0) = ln Γ(1) = 0;
    convexity between a = 0 and b = y = (1 − ε)(m + 1) with weight t = m/(m + 1) at
    x = (1 − ε)m gives f(x) ≤ (1 − t)f(0) + t·f(y). Goal: x = t·y (the weight is right) and
    f(x)·(m + 1) ≤ m·f(y), i.e. I_lo(m)/m ≤ I_lo(m + 1)/(m + 1) (I_lo = f/ln 2): reals."""
    m, eps, f0, fx, fy = z3.Reals("m epsilon f_0 f_x f_y")
    x, y, t = (1 - eps) * m, (1 - eps) * (m + 1), m / (m + 1)
    hyps = [m >= 1, eps >= 0, eps < 1, f0 == 0, fx <= (1 - t) * f0 + t * fy]
    return hyps, z3.And(x == t * y, fx * (m + 1) <= m * fy)


def below_lambert() -> tuple[list[Any], Any]:
    """capacity(n) ≤ Λ := Y/W(Y/e): with φ(x) = x(ln x − 1) uninterpreted, c = capacity(n) ≥ 0,
    ln c! ≤ Y (definition), φ(c) < ln c! for c ≥ 1 (stirling-lower, strict), φ(Λ) = Y
    (lambert-solves), Λ > 0 and Y > 0 (W > 0 on (0, ∞), lambert-defining; n ≥ 1), φ ≤ 0 on
    (0, 2] ⊂ (0, e] (phi-nonpositive), φ nondecreasing on [1, ∞) (phi-monotone) ⊢ c ≤ Λ: reals."""
    phi = z3.Function("phi", z3.RealSort(), z3.RealSort())
    c, lam, big_y, lnf, u, v = z3.Reals("c Lambda Y ln_c_fact u v")
    hyps = [c >= 0, big_y > 0, lam > 0, lnf <= big_y, z3.Implies(c >= 1, phi(c) < lnf),
            phi(lam) == big_y,
            z3.ForAll([u], z3.Implies(z3.And(u > 0, u <= 2), phi(u) <= 0)),
            z3.ForAll([u, v], z3.Implies(z3.And(1 <= u, u <= v), phi(u) <= phi(v)))]
    return hyps, c <= lam



def lg_increasing() -> tuple[list[Any], Any]:
    """log₂ is strictly increasing on (0, ∞), for every 0 < u < v (u, v free reals: the claim
    is for all of them): lg(v) − lg(u) = lg(v/u) (lg-ratio at x = u, y = v) and
    r·lg(r) ≥ r − 1 for r = v/u ≥ 1 (lg-lower) ⊢ lg(u) < lg(v); likewise u ≤ v ⇒
    lg(u) ≤ lg(v). The premises are taken at the instances used; ``lg`` is uninterpreted."""
    lg = z3.Function("lg", z3.RealSort(), z3.RealSort())
    u, v = z3.Reals("u v")
    r = v / u
    hyps = [z3.Implies(z3.And(u > 0, v > 0), lg(v) - lg(u) == lg(r)),
            z3.Implies(z3.And(u > 0, r >= 1), r * lg(r) >= r - 1)]
    goal = z3.And(z3.Implies(z3.And(0 < u, u < v), lg(u) < lg(v)),
                  z3.Implies(z3.And(0 < u, u <= v), lg(u) <= lg(v)))
    return hyps, goal



def monotone_masks() -> tuple[list[Any], Any]:
    """D3, for every 0 ≤ x ≤ y ≤ D (free integers): B(x) ≤ B(y), with B(P) = lg S(P),
    S(P) = Σ_{j≤P} C(D, j) (model): S(0) = 1 (mask-start), S(0) ≤ S(x) ≤ S(y)
    (mask-sums-monotone), lg nondecreasing on (0, ∞) at S(x) ≤ S(y) (lg-increasing).
    S, B, lg uninterpreted; premises at the instances used."""
    s = z3.Function("S", z3.IntSort(), z3.RealSort())
    bits = z3.Function("B", z3.IntSort(), z3.RealSort())
    lg = z3.Function("lg", z3.RealSort(), z3.RealSort())
    x, y, d = z3.Ints("x y D")
    hyps = [d >= 1, s(0) == 1,
            z3.Implies(z3.And(0 <= x, x <= y), z3.And(s(0) <= s(x), s(x) <= s(y))),
            z3.Implies(z3.And(0 < s(x), s(x) <= s(y)), lg(s(x)) <= lg(s(y))),
            bits(x) == lg(s(x)), bits(y) == lg(s(y))]
    goal = z3.Implies(z3.And(0 <= x, x <= y, y <= d), bits(x) <= bits(y))
    return hyps, goal


def _tail_functions() -> tuple[Any, ...]:
    return tuple(z3.Function(f, z3.IntSort(), z3.RealSort()) for f in ("q", "U", "T", "Q", "R"))


def tail_increment() -> tuple[list[Any], Any]:
    """Readout mixture, for every 1 ≤ c ≤ M (free integers): d(c − 1) ≤ d(c) for
    d = R − Q, the partial sums Q(c) = Σ_{i=1}^{c} q(i)ΔT(i), R(c) = Σ_{i=1}^{c} U(i)ΔT(i)
    (ΔT(i) = T(i) − T(i − 1)): from T(c − 1) ≤ T(c) (binomial-monotone), q(c) ≤ U(c)
    (count-tail) and the recurrences of Q, R at c (by-parts). Reals; q, U, T, Q, R
    uninterpreted."""
    q, uu, t, sq, su = _tail_functions()
    c, m = z3.Ints("c M")
    hyps = [m >= 1,
            z3.Implies(z3.And(1 <= c, c <= m), t(c - 1) <= t(c)),
            z3.Implies(c >= 1, q(c) <= uu(c)),
            z3.Implies(c >= 1, sq(c) == sq(c - 1) + q(c) * (t(c) - t(c - 1))),
            z3.Implies(c >= 1, su(c) == su(c - 1) + uu(c) * (t(c) - t(c - 1)))]
    goal = z3.Implies(z3.And(1 <= c, c <= m), su(c - 1) - sq(c - 1) <= su(c) - sq(c))
    return hyps, goal


def replace_tails() -> tuple[list[Any], Any]:
    """Readout mixture, for every M ≥ 0 (a free integer):
    E T(N_c) ≤ T(0) + R(M) + U(M + 1)(1 − T(M)), R(M) = Σ_{c=1}^{M} U(c)ΔT(c).

    Premises: E T(N_c) = T(0) + Q(M + 1) with T(M + 1) = 1 and the recurrence of Q at M + 1
    (by-parts; Q(c) = Σ_{i=1}^{c} q(i)ΔT(i), q(c) = P(N_c ≥ c)); Q(0) = R(0) = 0 (empty
    sums); R(0) − Q(0) ≤ R(M) − Q(M) (tail-sums-monotone); q(M + 1) ≤ U(M + 1) (count-tail);
    T(M) ≤ 1 (binomial-monotone: T is a probability). Reals; q, U, T, Q, R uninterpreted."""
    q, uu, t, sq, su = _tail_functions()
    m = z3.Int("M")
    et = z3.Real("E_T")
    hyps = [m >= 0, t(m) <= 1, t(m + 1) == 1, sq(0) == 0, su(0) == 0,
            et == t(0) + sq(m + 1),
            sq(m + 1) == sq(m) + q(m + 1) * (t(m + 1) - t(m)),
            su(0) - sq(0) <= su(m) - sq(m),
            q(m + 1) <= uu(m + 1)]
    return hyps, et <= t(0) + su(m) + uu(m + 1) * (1 - t(m))


def change_variable() -> tuple[list[Any], Any]:
    """A4 change of variable, for all integers 1 ≤ n₁ < n₂, every integer n ≥ 1 and every
    real M ≥ −1 (free): with g(u) = u e^u, Y(n) = bL(n² + n) ln 2, e > 0,

    (i) W(Y(n₁)/e) < W(Y(n₂)/e) and W(Y(n₁)) < W(Y(n₂)) (increasing);
    (ii) n ≥ e(g(M) + 1) ⇒ W(Y(n)/e) ≥ M, and n ≥ g(M) + 1 ⇒ W(Y(n)) ≥ M (unbounded);
    (iii) N(h(W(Y(n)/e))) = n and N(g(W(Y(n)))) = n, h(w) = w e^{w+1}, N(y) the least width
    for y/ln 2 bits (n is recovered).

    Premises, at the instances used: g nondecreasing on [−1, ∞) (xexp-monotone);
    W(z) ≥ −1 and g(W(z)) = z for z ≥ 0 (lambert-defining); Y(n₁) < Y(n₂) (budget-grows);
    Y(n) ≥ n for n ≥ 1 (budget-unbounded); h(w) = e·g(w) (exp-shift); N(Y(n)) = n
    (recover-n). g, h, W, Y, N uninterpreted."""
    real = z3.RealSort()
    g, h, lw, nw = (z3.Function(f, real, real) for f in ("g", "h", "W", "N"))
    yy = z3.Function("Y", z3.IntSort(), real)
    n1, n2, n = z3.Ints("n1 n2 n")
    big_m, e = z3.Reals("M e")
    hyps = [e > 0]
    zs = (yy(n1) / e, yy(n2) / e, yy(n1), yy(n2), yy(n) / e, yy(n))
    for z in zs:
        hyps.append(z3.Implies(z >= 0, z3.And(lw(z) >= -1, g(lw(z)) == z)))
    for a, bb in ((zs[0], zs[1]), (zs[2], zs[3])):
        hyps.append(z3.Implies(z3.And(-1 <= lw(bb), lw(bb) <= lw(a)), g(lw(bb)) <= g(lw(a))))
    for z in zs[4:]:
        hyps.append(z3.Implies(z3.And(-1 <= lw(z), lw(z) <= big_m), g(lw(z)) <= g(big_m)))
    hyps += [z3.Implies(z3.And(1 <= n1, n1 < n2), yy(n1) < yy(n2)),
             z3.Implies(n1 >= 1, yy(n1) >= n1), z3.Implies(n >= 1, yy(n) >= n),
             h(lw(zs[4])) == e * g(lw(zs[4])), z3.Implies(n >= 1, nw(yy(n)) == n)]
    increasing = z3.Implies(z3.And(1 <= n1, n1 < n2),
                            z3.And(lw(zs[0]) < lw(zs[1]), lw(zs[2]) < lw(zs[3])))
    unbounded = z3.Implies(z3.And(n >= 1, big_m >= -1),
                           z3.And(z3.Implies(n >= e * (g(big_m) + 1), lw(zs[4]) >= big_m),
                                  z3.Implies(n >= g(big_m) + 1, lw(zs[5]) >= big_m)))
    recovered = z3.Implies(n >= 1, z3.And(nw(h(lw(zs[4]))) == n, nw(g(lw(zs[5]))) == n))
    return hyps, z3.And(increasing, unbounded, recovered)



def _lg_instances() -> tuple[Any, Any, Any, Any]:
    """``lg`` and the lg-ratio, lg-lower and lg-increasing premises at given points."""
    lg = z3.Function("lg", z3.RealSort(), z3.RealSort())

    def ratio(x: Any, y: Any) -> Any:  # lg-ratio at (x, y): lg y − lg x = lg(y/x)
        return z3.Implies(z3.And(x > 0, y > 0), lg(y) - lg(x) == lg(y / x))

    def lower(r: Any) -> Any:  # lg-lower at r
        return z3.Implies(r >= 1, r * lg(r) >= r - 1)

    def incr(u: Any, v: Any) -> Any:  # lg-increasing at (u, v)
        return z3.And(z3.Implies(z3.And(0 < u, u < v), lg(u) < lg(v)),
                      z3.Implies(z3.And(0 < u, u <= v), lg(u) <= lg(v)))

    return lg, ratio, lower, incr


def step_dip() -> tuple[list[Any], Any]:
    """Pairwise envelope (B), at every step s′ = m + 1 (free integers m ≥ 3, k ≥ 0, free
    real ε ∈ (0, 1/2]) where e = ⌊εm″⌋ goes from k (at m) to k + 1 (at s′):
    I(s′) − I(m) ≥ L := lg((M′ − m)/M′) − lg(s′/(k + 1)) > −1 − lg(1 + 1/ε).

    I(x) = max(0, lg (M_x)_x − lg C(x, e) − e·lg M_x), M = C(m, 2), M′ = C(m + 1, 2)
    (family). Premises, at the instances used: k ≤ εm (errors-below); (M′)_{m+1} =
    (M′)_m(M′ − m) (falling-step); (x)_j > 0 for x ≥ j (falling-positive); C(m, k) > 0 for
    m ≥ k (binomial-positive); C(m + 1, k + 1)(k + 1) = C(m, k)(m + 1) (binomial-step);
    0 < ρ := (M′/M)^m (power-positive) and ρ ≤ (M′)_m/(M)_m (falling-product); lg ρ =
    m(lg M′ − lg M) (lg-power); s′ ≥ (k + 1)/ε (step-at-least); L > −1 − lg(1 + 1/ε)
    (dip-size); lg-ratio, lg-lower, lg-increasing (L ≤ 0, so the clamp max(0, ·) keeps
    the bound). lg uninterpreted; the falling factorials, binomials and ρ are reals."""
    lg, ratio, lower, incr = _lg_instances()
    m, k = z3.Ints("m k")
    eps, s1, big_m, mp, a, a1, bq, c0, c1, rho = z3.Reals(
        "epsilon s M Mp ff_Mp_m ff_Mp_m1 ff_M_m C_m_k C_m1_k1 rho")
    k1, mr, kr = z3.ToReal(k + 1), z3.ToReal(m), z3.ToReal(k)
    half, rate = (mp - mr) / mp, s1 / k1
    low = lg(half) - lg(rate)

    def clamp(x: Any) -> Any:
        return z3.If(x >= 0, x, 0)

    i0 = clamp(lg(bq) - lg(c0) - kr * lg(big_m))
    i1 = clamp(lg(a1) - lg(c1) - k1 * lg(mp))
    hyps = [m >= 3, k >= 0, eps > 0, eps <= z3.RealVal(1) / 2,
            big_m == mr * (mr - 1) / 2, mp == (mr + 1) * mr / 2, s1 == mr + 1,
            kr <= eps * mr, s1 >= k1 / eps,
            a1 == a * (mp - mr),
            z3.Implies(mp >= mr, a > 0), z3.Implies(big_m >= mr, bq > 0),
            z3.Implies(mr >= kr, c0 > 0),
            c1 * k1 == c0 * (mr + 1),
            z3.Implies(z3.And(big_m >= 1, mp >= 1), rho > 0),
            z3.Implies(z3.And(big_m >= mr, mp >= big_m), rho * bq <= a),
            lg(rho) == mr * (lg(mp) - lg(big_m)),
            ratio(a, a1), ratio(bq, a), ratio(c0, c1), ratio(mp, mp - mr), ratio(mp, mp),
            lower(rate), incr(rho, a / bq), incr(big_m, mp), incr(half, z3.RealVal(1)),
            low > -1 - lg(1 + 1 / eps)]
    goal = z3.And(i1 - i0 >= low, low > -1 - lg(1 + 1 / eps))
    return hyps, goal


def dip_size() -> tuple[list[Any], Any]:
    """Pairwise envelope (B), second part, for every m ≥ 3, k ≥ 0, ε ∈ (0, 1/2] (free):
    L = lg((M′ − m)/M′) − lg(s′/(k + 1)) > −1 − lg(1 + 1/ε), s′ = m + 1, M′ = C(m + 1, 2).

    Premises, at the instances used: M′ ≥ 2m (step-pairs); s′ < (k + 1)/ε + 1
    (step-ceiling); ((k + 1)/ε + 1)/(k + 1) ≤ 1/ε + 1 (step-ratio); lg-increasing;
    lg(2x) − lg(x) = 1 at x = 1/2 and lg(1) = 0 (lg-double, lg-ratio). lg uninterpreted."""
    lg, ratio, _lower, incr = _lg_instances()
    m, k = z3.Ints("m k")
    eps, s1, mp = z3.Reals("epsilon s Mp")
    k1, mr = z3.ToReal(k + 1), z3.ToReal(m)
    half, rate, one2 = (mp - mr) / mp, s1 / k1, z3.RealVal(1) / 2
    hyps = [m >= 3, k >= 0, eps > 0, eps <= one2, mp == (mr + 1) * mr / 2, s1 == mr + 1,
            mp >= 2 * mr, s1 < k1 / eps + 1, (k1 / eps + 1) / k1 <= 1 / eps + 1,
            incr(one2, half), incr(rate, 1 + 1 / eps), lg(2 * one2) - lg(one2) == 1,
            ratio(mp, mp)]
    return hyps, lg(half) - lg(rate) > -1 - lg(1 + 1 / eps)


def binomial_lower() -> tuple[list[Any], Any]:
    """(n/k)^k ≤ C(n, k): C(n, k)·k! = (n)_k (choose-falling), k! > 0 (factorial-positive)
    and (n/k)^k ≤ (n)_k/k! (falling-product). Reals: ``C`` = C(n, k), ``F`` = (n)_k,
    ``K`` = k!, ``rho`` = (n/k)^k."""
    c, f, kf, rho = z3.Reals("C F K rho")
    hyps = [c * kf == f, kf > 0, rho * kf <= f]
    return hyps, rho <= c
