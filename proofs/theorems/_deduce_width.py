"""z3 forms of the worst-case-width deduction of the sign-pattern proof (issue 12).

Same pattern as :mod:`proofs.theorems._deduce`: each builder returns ``(hypotheses, goal)`` for
:class:`proofs.checks.Z3Proof`; the hypotheses are the claims of the named earlier steps (at
the instances used), the goal is the step's claim, and the automatic mutant (the negated goal)
must fail. log₂ is the uninterpreted ``lg``; e is a real constant ``e`` with only the property
4e·r ≥ 4 for r ≥ 1 (step e-factor) used.

A premise of the form (∀k A(k)) ⇒ C (an induction principle, sum-le-sum, deriv-monotone) is
stated in Skolem form, (A(k₀) ⇒ C) at a free constant k₀: as a hypothesis it is equivalent
(∃k₀ (A(k₀) ⇒ C)), the goal does not mention k₀, and z3 then has to prove A(k₀) for an
arbitrary k₀ — quantifier-free, so both of Z3Proof's checks are decided.

The per-layer term of the bound (theorem sign-patterns, step partition) is g(M, N, D), exactly
as :func:`bounds.signpatterns.log2_sign_patterns` evaluates it for integers M ≥ 0, N ≥ 1,
D ≥ 1: g = M if M < N, else min(M, w(M, N, D)) with the Warren term
w(M, N, D) = 1 + N·log₂(4e·M·D/N).

>>> from proofs.checks import Z3Proof
>>> Z3Proof(warren_in_n).run("w nondecreasing in N on (0, M]").status
'proved'
>>> Z3Proof(warren_in_n, negate=True).run("mutant").status
'failed'
"""

from __future__ import annotations

from typing import Any

import z3

__all__ = ["g_monotone", "params_admissible", "total_admissible", "warren_in_n", "width_admissible",
           "worst_case", "worst_monotone"]


def _lg() -> Any:
    return z3.Function("lg", z3.RealSort(), z3.RealSort())


def warren_in_n() -> tuple[list[Any], Any]:
    """w(M, ·, D) is nondecreasing on (0, M], for free reals M > 0, D ≥ 1, 0 < N₁ ≤ N₂ ≤ M.

    w and its derivative w′ are uninterpreted functions of N (M, D fixed). Premises: w is
    differentiable (hence continuous) at every N > 0 with w′(N) = lg(4MD/N)
    (monotone-derivative: sympy's derivative of the elementary 1 + N·log₂(4eMD/N), N > 0);
    lg(r) ≥ 2 for r ≥ 4 (monotone-sign); deriv-monotone on the convex set (0, M]: "w
    continuous on (0, M], differentiable on (0, M) and w′ ≥ 0 there ⇒ w(N₁) ≤ w(N₂) for
    N₁ ≤ N₂ in (0, M]", in Skolem form — (∀N P(N)) ⇒ C is ∃N₀ (P(N₀) ⇒ C), N₀ a free
    constant (the point where P would fail, if it did) — so that the premises are
    quantifier-free at N₀ ⊢ w(N₁) ≤ w(N₂)."""
    lg = _lg()
    w = z3.Function("w", z3.RealSort(), z3.RealSort())
    dw = z3.Function("dw", z3.RealSort(), z3.RealSort())
    smooth = z3.Function("differentiable_at", z3.RealSort(), z3.BoolSort())
    cont = z3.Function("continuous_at", z3.RealSort(), z3.BoolSort())
    m, d, n0, n1, n2 = z3.Reals("M D N0 N1 N2")
    r0 = 4 * m * d / n0
    inside = z3.And(0 < n1, n1 <= n2, n2 <= m)
    premise = z3.And(z3.Implies(z3.And(0 < n0, n0 <= m), cont(n0)),
                     z3.Implies(z3.And(0 < n0, n0 < m), z3.And(smooth(n0), dw(n0) >= 0)))
    hyps = [m > 0, d >= 1,
            z3.Implies(n0 > 0, z3.And(smooth(n0), cont(n0), dw(n0) == lg(r0))),
            z3.Implies(r0 >= 4, lg(r0) >= 2),
            z3.Implies(premise, z3.Implies(inside, w(n1) <= w(n2)))]
    return hyps, z3.Implies(inside, w(n1) <= w(n2))


def _g(lg: Any, e: Any, big_m: Any, big_n: Any, deg: Any) -> tuple[Any, Any, Any]:
    """(g, w, the argument 4eMD/N of lg) at integers M, N, D, as the library evaluates g."""
    mr, nr, dr = z3.ToReal(big_m), z3.ToReal(big_n), z3.ToReal(deg)
    arg = 4 * e * mr * dr / nr
    w = 1 + nr * lg(arg)
    return z3.If(big_m < big_n, mr, z3.If(mr <= w, mr, w)), w, arg


def g_monotone() -> tuple[list[Any], Any]:
    """g(M₁, N₁, D₁) ≤ g(M₂, N₂, D₂) for free integers 0 ≤ M₁ ≤ M₂, 1 ≤ N₁ ≤ N₂,
    1 ≤ D₁ ≤ D₂, with g as the library evaluates it (module docstring).

    Premises at the instances used: w(M₁, ·, D₁) nondecreasing on (0, M₁] at N₁ ≤ N₂
    (warren-in-n); lg(y) − lg(x) = lg(y/x) for x, y > 0 (log2-quotient) and lg(r) ≥ 0 for
    r ≥ 1 (log2-nonneg) at x = 4eM₁D₁/N₂, y = 4eM₂D₂/N₂; lg(r) ≥ 2 for r ≥ 4
    (monotone-sign) at r = 4eM₂D₂/N₂; 4e·r ≥ 4 for r ≥ 1 (e-factor) at r = M₂D₂/N₂."""
    lg, e = _lg(), z3.Real("e")
    m1, m2, n1, n2, d1, d2 = z3.Ints("M1 M2 N1 N2 D1 D2")
    g11, w11, _ = _g(lg, e, m1, n1, d1)
    _g12, w12, x = _g(lg, e, m1, n2, d1)
    g22, _w22, y = _g(lg, e, m2, n2, d2)
    ratio = z3.ToReal(m2 * d2) / z3.ToReal(n2)
    hyps = [e > 0,
            z3.Implies(z3.And(0 < z3.ToReal(n1), n1 <= n2, z3.ToReal(n2) <= z3.ToReal(m1),
                              d1 >= 1), w11 <= w12),
            z3.Implies(z3.And(x > 0, y > 0), lg(y) - lg(x) == lg(y / x)),
            z3.Implies(y / x >= 1, lg(y / x) >= 0),
            z3.Implies(y >= 4, lg(y) >= 2),
            z3.Implies(ratio >= 1, 4 * e * ratio >= 4)]
    pre = z3.And(0 <= m1, m1 <= m2, 1 <= n1, n1 <= n2, 1 <= d1, d1 <= d2)
    return hyps, z3.Implies(pre, g11 <= g22)


def _widths(points: tuple[Any, ...]) -> tuple[Any, Any, Any, Any, list[Any]]:
    """Widths n_0 = d, n_1, …, n_L ≥ 1 (uninterpreted ``n``), W_ℓ = Σ_{i≤ℓ} n_i(n_{i−1} + 1)
    as the recurrence W_0 = 0, W_{k+1} = W_k + n_{k+1}(n_k + 1) for 0 ≤ k < L (extended by
    W_{k+1} = W_k for k ≥ L), S_ℓ = n_1 + … + n_ℓ likewise (S_0 = 0); L ≥ 1. The definitions
    are stated at the indices k of ``points`` (the instances used)."""
    n = z3.Function("n", z3.IntSort(), z3.IntSort())
    ww = z3.Function("W", z3.IntSort(), z3.IntSort())
    ss = z3.Function("S", z3.IntSort(), z3.IntSort())
    lay = z3.Int("L")
    defs = [lay >= 1, ww(0) == 0, ss(0) == 0]
    for k in points:
        defs += [z3.Implies(z3.And(0 <= k, k <= lay), n(k) >= 1),
                 z3.Implies(z3.And(0 <= k + 1, k + 1 <= lay), n(k + 1) >= 1),
                 z3.Implies(z3.And(0 <= k, k < lay), ww(k + 1) == ww(k) + n(k + 1) * (n(k) + 1)),
                 z3.Implies(k >= lay, ww(k + 1) == ww(k)),
                 z3.Implies(z3.And(0 <= k, k < lay), ss(k + 1) == ss(k) + n(k + 1))]
    return n, ww, ss, lay, defs


def _induction(p: Any, lo: Any, k0: Any, at: Any) -> Any:
    """le-induction for P from lo, in Skolem form at the free k0 and at the instance k = at
    of its conclusion: (P(lo) ∧ (k0 ≥ lo ∧ P(k0) ⇒ P(k0 + 1))) ⇒ (at ≥ lo ⇒ P(at)) — the
    principle (P(lo) ∧ ∀ k ≥ lo (P(k) ⇒ P(k + 1))) ⇒ ∀ k ≥ lo P(k) as a hypothesis, since
    (∀k A(k)) ⇒ C is ∃k (A(k) ⇒ C)."""
    return z3.Implies(z3.And(p(lo), z3.Implies(z3.And(k0 >= lo, p(k0)), p(k0 + 1))),
                      z3.Implies(at >= lo, p(at)))


def params_admissible() -> tuple[list[Any], Any]:
    """2n_ℓ ≤ W_ℓ ≤ W_L, so n_ℓ ≤ ⌊W_L/2⌋, for 1 ≤ ℓ ≤ L (free ℓ; widths, W_ℓ as
    in :func:`_widths`). Premise: monotone-nat for the sequence W (W_k ≤ W_{k+1} for every
    k ≥ 0 ⇒ W_a ≤ W_b for 0 ≤ a ≤ b), in Skolem form at the free k0 and at the instances
    (a, b) = (ℓ, L) and (0, ℓ − 1) of its conclusion."""
    ell, k0 = z3.Ints("l k0")
    n, ww, _ss, lay, defs = _widths((k0, ell - 1))

    def le(a: Any, b: Any) -> Any:
        return z3.Implies(z3.And(0 <= a, a <= b), ww(a) <= ww(b))

    mono = z3.Implies(z3.Implies(k0 >= 0, ww(k0) <= ww(k0 + 1)),
                      z3.And(le(ell, lay), le(z3.IntVal(0), ell - 1)))
    goal = z3.Implies(z3.And(1 <= ell, ell <= lay),
                      z3.And(2 * n(ell) <= ww(ell), ww(ell) <= ww(lay), 2 * n(ell) <= ww(lay),
                             n(ell) <= ww(lay) / 2))
    return [*defs, mono], goal


def width_admissible() -> tuple[list[Any], Any]:
    """If every n_i ≤ n (0 ≤ i ≤ L, d included): W_ℓ ≤ ℓ(n² + n) for 0 ≤ ℓ ≤ L (free ℓ, n).
    Premise: le-induction for P(k): k ≤ L ⇒ W_k ≤ k(n² + n), from k = 0 (Skolem form at k0,
    conclusion at k = ℓ); "every n_i ≤ n" at i = k0, k0 + 1."""
    ell, k0, top = z3.Ints("l k0 n_max")
    n, ww, _ss, lay, defs = _widths((k0,))
    narrow = [z3.Implies(z3.And(0 <= i, i <= lay), n(i) <= top) for i in (k0, k0 + 1)]

    def p(k: Any) -> Any:
        return z3.Implies(k <= lay, ww(k) <= k * (top * top + top))

    hyps = [*defs, *narrow, _induction(p, z3.IntVal(0), k0, ell)]
    return hyps, z3.Implies(z3.And(0 <= ell, ell <= lay), ww(ell) <= ell * (top * top + top))


def total_admissible() -> tuple[list[Any], Any]:
    """n_ℓ ≤ S − L + 1 for 1 ≤ ℓ ≤ L, S = S_L = n_1 + … + n_L (free ℓ). Premise: le-induction
    for Q_a(b): b ≤ L ⇒ S_b − S_a ≥ b − a, from b = a, at a = ℓ (conclusion at b = L) and at
    a = 0 (conclusion at b = ℓ − 1), each in Skolem form (k0, k1)."""
    ell, k0, k1 = z3.Ints("l k0 k1")
    n, _ww, ss, lay, defs = _widths((k0, k1, ell - 1))

    def q(lo: Any) -> Any:
        return lambda k: z3.Implies(k <= lay, ss(k) - ss(lo) >= k - lo)

    hyps = [*defs, _induction(q(ell), ell, k0, lay),
            _induction(q(z3.IntVal(0)), z3.IntVal(0), k1, ell - 1)]
    return hyps, z3.Implies(z3.And(1 <= ell, ell <= lay), n(ell) <= ss(lay) - lay + 1)


def worst_case() -> tuple[list[Any], Any]:
    """The bound of partition is at most each worst case, for every architecture: free
    integers L ≥ 1, q ≥ 1, m′ ≥ 1, widths n_0 = d, n_1, …, n_L, W_ℓ, S = n_1 + … + n_L and
    n (uninterpreted ``n``, ``W``; ``S`` an integer), g uninterpreted.

    B = Σ_{ℓ=1}^{L} g(n_ℓ q, W_ℓ, ℓ) + g(m′q, W_L, L) (partition) is ≤
    (width) Σ_ℓ g(nq, ℓ(n² + n), ℓ) + g(m′q, L(n² + n), L) when every n_i ≤ n (the Boolean
    ``narrow``), the library's log2_behaviours_widths((n,)·(L+1));
    (params) G_L(W_L) = Σ_ℓ g(q·max(1, ⌊W_L/2⌋), W_L, ℓ) + g(m′q, W_L, L), the library's
    log2_behaviours_params(W_L);
    (total) Σ_ℓ g(q(S − L + 1), P*, ℓ) + g(m′q, P*, L), P* = ⌊(2S − L + 1)²/4⌋ + S, when
    d ≤ max n_ℓ (the Boolean ``d_small``), the library's log2_behaviours_total(S).

    A finite sum Σ_{ℓ=1}^{L} is ``Sum(f, L)`` over summands of the sort ``Summand`` read by
    ``at(f, ℓ)``, uninterpreted. Premises, at the instances used: sum-le-sum for each case
    c ∈ {width, params, total} in Skolem form at a free index i_c ((∀ℓ ∈ [1, L]: at(B, ℓ) ≤
    at(c, ℓ)) ⇒ Sum(B, L) ≤ Sum(c, L) is ∃i_c ((i_c ∈ [1, L] ⇒ …) ⇒ …)); g-monotone at
    each term compared; params-admissible (1 ≤ n_ℓ, 2n_ℓ ≤ W_ℓ ≤ W_L, n_ℓ ≤ ⌊W_L/2⌋),
    width-admissible (narrow ⇒ n_ℓ ≤ n, W_ℓ ≤ ℓ(n² + n)) and total-admissible
    (n_ℓ ≤ S − L + 1) at ℓ = i_c and ℓ = L; total-dense (d_small ⇒ W_L ≤ P*)."""
    real, i_s = z3.RealSort(), z3.IntSort()
    g = z3.Function("g", i_s, i_s, i_s, real)
    summand = z3.DeclareSort("Summand")
    at = z3.Function("at", summand, i_s, real)
    total = z3.Function("Sum", summand, i_s, real)
    arch, wid, par, tot = z3.Consts("B_terms width_terms params_terms total_terms", summand)
    n, ww = z3.Function("n", i_s, i_s), z3.Function("W", i_s, i_s)
    lay, q, mp, top, big_s, iw, ip, it = z3.Ints("L q m_prime n_max S i_width i_params "
                                                  "i_total")
    narrow, d_small = z3.Bools("narrow d_small")
    wl = ww(lay)
    half = z3.If(wl / 2 >= 1, wl / 2, 1)
    pstar = (2 * big_s - lay + 1) * (2 * big_s - lay + 1) / 4 + big_s

    def width_terms(k: Any) -> Any:
        return g(top * q, k * (top * top + top), k)

    def params_terms(k: Any) -> Any:
        return g(q * half, wl, k)

    def total_terms(k: Any) -> Any:
        return g(q * (big_s - lay + 1), pstar, k)

    def mono(a: tuple[Any, Any, Any], b: tuple[Any, Any, Any]) -> Any:
        pre = z3.And(0 <= a[0], a[0] <= b[0], 1 <= a[1], a[1] <= b[1], 1 <= a[2], a[2] <= b[2])
        return z3.Implies(pre, g(*a) <= g(*b))

    def admissible(k: Any) -> list[Any]:
        inside = z3.And(1 <= k, k <= lay)
        return [z3.Implies(inside, z3.And(n(k) >= 1, 2 * n(k) <= ww(k), ww(k) <= wl,
                                          n(k) <= wl / 2)),
                z3.Implies(z3.And(narrow, 0 <= k, k <= lay),
                           z3.And(n(k) <= top, ww(k) <= k * (top * top + top))),
                z3.Implies(inside, n(k) <= big_s - lay + 1)]

    def arch_term(k: Any) -> tuple[Any, Any, Any]:
        return (n(k) * q, ww(k), k)

    hyps = [lay >= 1, q >= 1, mp >= 1, *admissible(lay),
            z3.Implies(d_small, wl <= pstar)]
    out = (mp * q, wl, lay)
    for terms, c, i in ((width_terms, wid, iw), (params_terms, par, ip),
                        (total_terms, tot, it)):
        hyps += [at(arch, i) == g(*arch_term(i)), at(c, i) == terms(i), *admissible(i),
                 z3.Implies(z3.Implies(z3.And(1 <= i, i <= lay), at(arch, i) <= at(c, i)),
                            total(arch, lay) <= total(c, lay))]
    hyps += [mono(arch_term(iw), (top * q, iw * (top * top + top), iw)),
             mono(arch_term(ip), (q * half, wl, ip)),
             mono(arch_term(it), (q * (big_s - lay + 1), pstar, it)),
             mono(out, (mp * q, lay * (top * top + top), lay)),
             mono(out, (mp * q, pstar, lay))]
    bound = total(arch, lay) + g(*out)
    goal = z3.And(
        z3.Implies(narrow, bound <= total(wid, lay) + g(mp * q, lay * (top * top + top), lay)),
        bound <= total(par, lay) + g(mp * q, wl, lay),
        z3.Implies(d_small, bound <= total(tot, lay) + g(mp * q, pstar, lay)))
    return hyps, goal


def worst_monotone() -> tuple[list[Any], Any]:
    """Each worst case of :func:`worst_case` is nondecreasing in its size, so the predicates
    "worst case ≥ I_ε" that bounds.search.least_true bisects are monotone: free integers
    L, q, m′ ≥ 1, W ≥ 1, n ≥ 1, S ≥ L, g uninterpreted:

    G_L(W) ≤ G_L(W + 1), G_L(W) = Σ_ℓ g(q·max(1, ⌊W/2⌋), W, ℓ) + g(m′q, W, L);
    B_n ≤ B_{n+1}, B_n = Σ_ℓ g(nq, ℓ(n² + n), ℓ) + g(m′q, L(n² + n), L);
    T_S ≤ T_{S+1}, T_S = Σ_ℓ g(q(S − L + 1), P*(S), ℓ) + g(m′q, P*(S), L),
    P*(S) = ⌊(2S − L + 1)²/4⌋ + S.

    Premises, at the instances used: sum-le-sum for each of the three in Skolem form at a free
    index i_c, g-monotone at each compared term (as in :func:`worst_case`)."""
    real, i_s = z3.RealSort(), z3.IntSort()
    g = z3.Function("g", i_s, i_s, i_s, real)
    summand = z3.DeclareSort("Summand")
    at = z3.Function("at", summand, i_s, real)
    total = z3.Function("Sum", summand, i_s, real)
    lay, q, mp, w, top, big_s, iw, ip, it = z3.Ints("L q m_prime W n S i_width i_params "
                                                     "i_total")

    def half(v: Any) -> Any:
        return z3.If(v / 2 >= 1, v / 2, 1)

    def pstar(v: Any) -> Any:
        return (2 * v - lay + 1) * (2 * v - lay + 1) / 4 + v

    def mono(a: tuple[Any, Any, Any], b: tuple[Any, Any, Any]) -> Any:
        pre = z3.And(0 <= a[0], a[0] <= b[0], 1 <= a[1], a[1] <= b[1], 1 <= a[2], a[2] <= b[2])
        return z3.Implies(pre, g(*a) <= g(*b))

    cases = (  # (summands at size, at size + 1, output term's N at size, at size + 1, i)
        (lambda v: (q * half(v), v), w, w + 1, w, w + 1, ip, "params"),
        (lambda v: (v * q, None), top, top + 1, lay * (top * top + top),
         lay * ((top + 1) * (top + 1) + top + 1), iw, "width"),
        (lambda v: (q * (v - lay + 1), pstar(v)), big_s, big_s + 1, pstar(big_s),
         pstar(big_s + 1), it, "total"))
    hyps = [lay >= 1, q >= 1, mp >= 1]
    goal = []
    for term, lo, hi, out_lo, out_hi, i, name in cases:
        small, big = z3.Consts(f"{name}_at_size {name}_at_size_plus_1", summand)

        def args(v: Any, k: Any, term: Any = term) -> tuple[Any, Any, Any]:
            m_arg, n_arg = term(v)
            return (m_arg, k * (v * v + v) if n_arg is None else n_arg, k)

        hyps += [at(small, i) == g(*args(lo, i)), at(big, i) == g(*args(hi, i)),
                 z3.Implies(z3.Implies(z3.And(1 <= i, i <= lay), at(small, i) <= at(big, i)),
                            total(small, lay) <= total(big, lay)),
                 mono(args(lo, i), args(hi, i)),
                 mono((mp * q, out_lo, lay), (mp * q, out_hi, lay))]
        goal.append((total(small, lay) + g(mp * q, out_lo, lay),
                     total(big, lay) + g(mp * q, out_hi, lay)))
    (p0, p1), (b0, b1), (t0, t1) = goal
    return hyps, z3.And(z3.Implies(w >= 1, p0 <= p1), z3.Implies(top >= 1, b0 <= b1),
                        z3.Implies(big_s >= lay, t0 <= t1))
