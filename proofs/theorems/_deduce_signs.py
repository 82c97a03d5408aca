"""z3 forms of deductions in the sign-pattern, real-capacity and exact-volume proofs (issue 12).

Same pattern as :mod:`proofs.theorems._deduce`: each builder returns ``(hypotheses, goal)`` for
:class:`proofs.checks.Z3Proof`. The hypotheses are the claims of the named earlier steps (or
instances of them), with library quantities as uninterpreted constants / functions where only
their stated properties are used; the goal is the step's claim. The automatic mutant (the
negated goal) must fail. What is not in a builder is the premises' own truth: each is a step
proved or cited separately, named in the step's ``uses``.

Permutations of [m′] are modelled on an uninterpreted sort ``Point`` (the m′ coordinates): a
permutation is a map with a two-sided inverse, so a proof over the sort holds for every finite
(indeed every) point set, i.e. for every m′, without arithmetic.

>>> from proofs.checks import Z3Proof
>>> Z3Proof(one_error_upper).run("V(m', 1) ≤ 2").status
'proved'
>>> Z3Proof(one_error_upper, negate=True).run("mutant").status
'failed'
"""

from __future__ import annotations

from typing import Any

import z3

__all__ = ["one_error_attained", "one_error_max", "one_error_upper", "relaxed_lower",
           "relaxed_small", "restriction_capacity", "restriction_step", "tail_formula"]


def _perm(p: Any, p_inv: Any, x: Any) -> list[Any]:
    """p is a permutation of the points: a two-sided inverse p_inv exists."""
    return [z3.ForAll([x], p_inv(p(x)) == x), z3.ForAll([x], p(p_inv(x)) == x)]


def _within_one(p: Any, g: Any, val: Any, j: Any, x: Any) -> Any:
    """p agrees with the word g at every coordinate except possibly j (≤ 1 wrong output)."""
    return z3.ForAll([x], z3.Implies(x != j, val(p(x)) == g(x)))


def one_error_upper() -> tuple[list[Any], Any]:
    """V(m′, 1) ≤ 2: for every word g, no three pairwise different permutations are each
    within one error of g, i.e. at most two are.

    Coordinates and permutation values are the sort ``Point``; an output value is the sort
    ``Value``, ``val`` the injective map of a point i to the value "column e_i" — values outside
    its image play ⊥ (network-word), so the word may contain ⊥. g, π₁, π₂, π₃ (each with a
    two-sided inverse) and their error coordinates j₁, j₂, j₃ are free, hence arbitrary. Goal:
    two of π₁, π₂, π₃ are equal."""
    pt, vs = z3.DeclareSort("Point"), z3.DeclareSort("Value")
    x, y = z3.Consts("x y", pt)
    val = z3.Function("val", pt, vs)
    g = z3.Function("g", pt, vs)
    perms = [(z3.Function(f"pi{i}", pt, pt), z3.Function(f"pi{i}_inv", pt, pt))
             for i in (1, 2, 3)]
    js = z3.Consts("j1 j2 j3", pt)
    hyps = [z3.ForAll([x, y], z3.Implies(val(x) == val(y), x == y))]
    for (p, p_inv), j in zip(perms, js, strict=True):
        hyps += [*_perm(p, p_inv, x), _within_one(p, g, val, j, x)]

    def same(p: Any, q: Any) -> Any:
        return z3.ForAll([x], p(x) == q(x))

    (p1, _), (p2, _), (p3, _) = perms
    return hyps, z3.Or(same(p1, p2), same(p1, p3), same(p2, p3))


def one_error_attained() -> tuple[list[Any], Any]:
    """V(m′, 1) ≥ 2 for m′ ≥ 2: two different points a, b (coordinates 1, 2) and the word
    g₀(x) = val(a) at x = b, val(x) elsewhere (g₀ = (1, 1, 3, …, m′)) ⊢ the identity and the
    transposition (a b) are permutations (each its own inverse), both within one error of g₀
    (at b and at a), and different at a."""
    pt, vs = z3.DeclareSort("Point"), z3.DeclareSort("Value")
    x, a, b = z3.Consts("x a b", pt)
    val = z3.Function("val", pt, vs)

    def g0(v: Any) -> Any:
        return z3.If(v == b, val(a), val(v))

    def swap(v: Any) -> Any:
        return z3.If(v == a, b, z3.If(v == b, a, v))

    goal = z3.And(
        z3.ForAll([x], swap(swap(x)) == x),
        z3.ForAll([x], z3.Implies(x != b, val(x) == g0(x))),
        z3.ForAll([x], z3.Implies(x != a, val(swap(x)) == g0(x))),
        a != swap(a))
    return [a != b], goal


def one_error_max() -> tuple[list[Any], Any]:
    """V(m′, 1) = 2 from the two parts: words are the sort ``Word``, count(w) the number of
    permutations within one error of w; at most two for every w (one-error-upper), at least
    two for g₀ (one-error-attained); V is the maximum: count(w) ≤ V for every w and
    count(w*) = V for some w* (a finite nonempty set of words) ⊢ V = 2."""
    word = z3.DeclareSort("Word")
    w, g0, best = z3.Consts("w g_0 w_star", word)
    count = z3.Function("count", word, z3.IntSort())
    v = z3.Int("V")
    hyps = [z3.ForAll([w], count(w) <= 2), count(g0) >= 2,
            z3.ForAll([w], count(w) <= v), count(best) == v]
    return hyps, v == 2


def relaxed_small() -> tuple[list[Any], Any]:
    """I_lo(m) ≤ m·log₂ m: integers m ≥ 1 and ⌊εm⌋ (floor: εm − 1 < ⌊εm⌋ ≤ εm, 0 ≤ ε < 1),
    k = m − ⌊εm⌋; reals I_lo, I_ε = log₂ k!, ℓ_k = log₂ k, ℓ_m = log₂ m, ℓ_r = log₂ r with
    r·k = m. Hypotheses: I_lo ≤ I_ε (relaxed-lower), log₂ k! ≤ k·log₂ k for k ≥ 1
    (log-factorial-upper, via info-ratio), ℓ_m = ℓ_k + ℓ_r (log2-quotient), log₂ r ≥ 0 for
    r ≥ 1 and log₂ k ≥ 0 for k ≥ 1 (log2-nonneg) ⊢ I_lo ≤ m·ℓ_m."""
    m, fl = z3.Ints("m floor_eps_m")
    eps, i_lo, i_eps, lk, lm, lr, r = z3.Reals("epsilon I_lo I_eps log2_k log2_m log2_r r")
    k = m - fl
    hyps = [m >= 1, eps >= 0, eps < 1, eps * m - 1 < fl, fl <= eps * m,
            i_lo <= i_eps, z3.Implies(k >= 1, i_eps <= k * lk),
            z3.Implies(k >= 1, r * k == m), lm == lk + lr,
            z3.Implies(r >= 1, lr >= 0), z3.Implies(k >= 1, lk >= 0)]
    return hyps, i_lo <= m * lm


def relaxed_lower() -> tuple[list[Any], Any]:
    """I_lo(m) ≤ I_ε(m): integers m ≥ 1 and ⌊εm⌋ (floor), reals 0 ≤ ε < 1, x = (1 − ε)m,
    k = m − ⌊εm⌋, t = x + 1 − k; reals a = ln Γ(k), b = ln Γ(k + 1) = ln k!, c = ln Γ(x + 1).
    Hypotheses: the convexity inequality of gamma-convex at the points k, k + 1 ∈ (0, ∞) with
    weight t, for 0 ≤ t ≤ 1 (c ≤ (1 − t)a + t·b); b − a = ln k ≥ 0 for k ≥ 1 (loggamma-step,
    log2-nonneg) ⊢ k − 1 < x ≤ k (so k = ⌈x⌉, ceiling-least), x + 1 = (1 − t)k + t(k + 1)
    (the weight is right) and c ≤ b, i.e. log₂ Γ(x + 1) ≤ log₂ k! (both / ln 2)."""
    m, fl = z3.Ints("m floor_eps_m")
    eps, a, b, c, ln_k = z3.Reals("epsilon lnGamma_k lnGamma_k1 lnGamma_x1 ln_k")
    x = (1 - eps) * m
    k = m - fl
    t = x + 1 - k
    hyps = [m >= 1, eps >= 0, eps < 1, eps * m - 1 < fl, fl <= eps * m,
            z3.Implies(z3.And(k > 0, t >= 0, t <= 1), c <= (1 - t) * a + t * b),
            b - a == ln_k, z3.Implies(k >= 1, ln_k >= 0)]
    return hyps, z3.And(k - 1 < x, x <= k, x + 1 == (1 - t) * k + t * (k + 1), c <= b)


def restriction_step() -> tuple[list[Any], Any]:
    """ε = 0: if width-n networks compute every instance of F(m′ + 1) exactly on its
    identifying probes, they compute every instance of F(m′) exactly on its probes.

    Sorts: instances, probes and networks of F(m′) (small) and of F(m′ + 1) (big), output
    values. ``net(F)`` is a network computing the big instance F (the hypothesis ``exact`` at
    m′ + 1, in Skolem form), of width ≤ n. Family facts (restriction-families): ``ext(f)`` is
    the big instance extending f (π(m′+1) = m′+1; pairwise: last pair {1, m+1}), whose first
    m′ outputs on the padded probe ``pad(x)`` (x_{m+1} = 0) are f's outputs on x, and padding
    maps identifying probes to identifying probes. Network fact (restriction-network):
    ``restrict(N)`` (columns of E for [m], first m′ rows of D and θ) has N's hidden layers (same
    width) and output j ≤ m′ on x equal to N's output j on pad(x). Goal: every small f has a
    small network of width ≤ n computing it exactly on its probes."""
    inst_s, inst_b, probe_s, probe_b, net_s, net_b, value = (z3.DeclareSort(s) for s in (
        "InstanceSmall", "InstanceBig", "ProbeSmall", "ProbeBig", "NetworkSmall", "NetworkBig",
        "Value"))
    i = z3.IntSort()
    mp, n, j = z3.Ints("m_prime n j")
    f = z3.Const("f", inst_s)
    big_f = z3.Const("F", inst_b)
    x = z3.Const("x", probe_s)
    p = z3.Const("p", probe_b)
    net_v = z3.Const("N", net_b)
    small_v = z3.Const("N_small", net_s)
    net = z3.Function("net", inst_b, net_b)
    width_b, width_s = z3.Function("width", net_b, i), z3.Function("width_small", net_s, i)
    run_b = z3.Function("run", net_b, probe_b, i, value)
    run_s = z3.Function("run_small", net_s, probe_s, i, value)
    out_b = z3.Function("out", inst_b, probe_b, i, value)
    out_s = z3.Function("out_small", inst_s, probe_s, i, value)
    probe_in_b = z3.Function("identifying", probe_b, z3.BoolSort())
    probe_in_s = z3.Function("identifying_small", probe_s, z3.BoolSort())
    ext = z3.Function("ext", inst_s, inst_b)
    pad = z3.Function("pad", probe_s, probe_b)
    restrict = z3.Function("restrict", net_b, net_s)
    hyps = [mp >= 1, n >= 1,
            z3.ForAll([big_f], width_b(net(big_f)) <= n),
            z3.ForAll([big_f, p, j], z3.Implies(z3.And(probe_in_b(p), 1 <= j, j <= mp + 1),
                                                run_b(net(big_f), p, j) == out_b(big_f, p, j))),
            z3.ForAll([f, x, j], z3.Implies(z3.And(probe_in_s(x), 1 <= j, j <= mp),
                                            out_b(ext(f), pad(x), j) == out_s(f, x, j))),
            z3.ForAll([x], z3.Implies(probe_in_s(x), probe_in_b(pad(x)))),
            z3.ForAll([net_v, x, j], z3.Implies(z3.And(1 <= j, j <= mp),
                                                run_s(restrict(net_v), x, j)
                                                == run_b(net_v, pad(x), j))),
            z3.ForAll([net_v], width_s(restrict(net_v)) == width_b(net_v))]
    goal = z3.ForAll([f], z3.Exists([small_v], z3.And(
        width_s(small_v) <= n,
        z3.ForAll([x, j], z3.Implies(z3.And(probe_in_s(x), 1 <= j, j <= mp),
                                     run_s(small_v, x, j) == out_s(f, x, j))))))
    return hyps, goal


def restriction_capacity() -> tuple[list[Any], Any]:
    """capacity ≤ m*: C(m) :⇔ width-n networks compute every instance of F(m) exactly (on the
    identifying probes). C(m + 1) ⇒ C(m) for every m ≥ 1 (restriction-step); a predicate on ℕ
    with that property is antitone (monotone-nat, for the order of implication, applied to
    m ↦ C(m + 1)), given as the instance "(∀ m ≥ 1: C(m + 1) ⇒ C(m)) ⇒ ∀ 1 ≤ a ≤ b:
    C(b) ⇒ C(a)"; C(m) ⇒ fits(m) (fits); not fits(m* + 1), m* ≥ 1 ⊢ no m > m* has C(m)."""
    cap = z3.Function("C", z3.IntSort(), z3.BoolSort())
    fits = z3.Function("fits", z3.IntSort(), z3.BoolSort())
    m, a, b, top = z3.Ints("m a b m_star")
    step = z3.ForAll([m], z3.Implies(z3.And(m >= 1, cap(m + 1)), cap(m)))
    hyps = [top >= 1, step,
            z3.Implies(step, z3.ForAll([a, b], z3.Implies(z3.And(1 <= a, a <= b, cap(b)),
                                                         cap(a)))),
            z3.ForAll([m], z3.Implies(cap(m), fits(m))), z3.Not(fits(top + 1))]
    return hyps, z3.ForAll([m], z3.Implies(m > top, z3.Not(cap(m))))


def tail_formula() -> tuple[list[Any], Any]:
    """#{π : ≥ t agreements} = Σ_{i=t}^{n} (−1)^{i−t} C(i−1, t−1) r_i (n−i)! for every board,
    n and t ≥ 1, from the hit formula and the tail identity by exchanging two finite sums.

    Integers n ≥ t ≥ 1; w(i) = r_i (n − i)!, a(i, k) = (−1)^{i−k} C(i, k), b(i) =
    (−1)^{i−t} C(i−1, t−1), N(k) the hit numbers, T the tail count: uninterpreted. A summand is
    an element of the sort ``Summand`` read by ``at(f, x)``; ``Sum(f, lo, hi)`` is
    Σ_{x=lo}^{hi} f(x) and ``times`` is the product — both uninterpreted, so only the cited sum
    lemmas below are used, each as the instance this deduction needs: card-fiberwise
    (T = Σ_{k=t}^{n} N(k)), sum-comm-dependent (the exchange, *given* its hypothesis on index
    sets, which z3 must prove: t ≤ k ≤ n ∧ k ≤ i ≤ n ⇔ t ≤ i ≤ n ∧ t ≤ k ≤ i), sum-congr
    (twice: summands equal on the range give equal sums), sum-mul (w(i) out of the inner sum);
    hit-formula (N(k) = Σ_{i=k}^{n} a(i, k)w(i) for t ≤ k ≤ n) and tail-identity
    (Σ_{k=t}^{i} a(i, k) = b(i) for i ≥ t)."""
    i_s = z3.IntSort()
    summand = z3.DeclareSort("Summand")
    at = z3.Function("at", summand, i_s, i_s)
    total = z3.Function("Sum", summand, i_s, i_s, i_s)
    mul = z3.Function("times", i_s, i_s, i_s)
    w, b, hit = (z3.Function(s, i_s, i_s) for s in ("w", "b", "N"))
    a = z3.Function("a", i_s, i_s, i_s)
    row, col, coef = (z3.Function(s, i_s, summand) for s in ("row", "col", "coef"))
    nk, outer_k, outer_i, fin = z3.Consts("N_k outer_k outer_i final", summand)
    n, t, i, k = z3.Ints("n t i k")
    tail = z3.Int("T")

    def in_range(v: Any, lo: Any, hi: Any) -> Any:
        return z3.And(lo <= v, v <= hi)

    defs = [z3.ForAll([i, k], at(row(k), i) == mul(a(i, k), w(i))),    # row(k)[i]: N_k summand
            z3.ForAll([i, k], at(col(i), k) == mul(a(i, k), w(i))),    # col(i)[k]
            z3.ForAll([i, k], at(coef(i), k) == a(i, k)),
            z3.ForAll([k], at(nk, k) == hit(k)),
            z3.ForAll([k], at(outer_k, k) == total(row(k), k, n)),
            z3.ForAll([i], at(outer_i, i) == total(col(i), t, i)),
            z3.ForAll([i], at(fin, i) == mul(b(i), w(i)))]
    index_sets = z3.ForAll([i, k], z3.And(in_range(k, t, n), in_range(i, k, n))
                           == z3.And(in_range(i, t, n), in_range(k, t, i)))
    hyps = [t >= 1, n >= t, *defs,
            tail == total(nk, t, n),
            z3.ForAll([k], z3.Implies(in_range(k, t, n), hit(k) == total(row(k), k, n))),
            z3.Implies(index_sets, total(outer_k, t, n) == total(outer_i, t, n)),
            z3.Implies(z3.ForAll([k], z3.Implies(in_range(k, t, n), at(nk, k) == at(outer_k, k))),
                       total(nk, t, n) == total(outer_k, t, n)),
            z3.ForAll([i], total(col(i), t, i) == mul(total(coef(i), t, i), w(i))),
            z3.ForAll([i], z3.Implies(t <= i, total(coef(i), t, i) == b(i))),
            z3.Implies(z3.ForAll([i], z3.Implies(in_range(i, t, n),
                                                 at(outer_i, i) == at(fin, i))),
                       total(outer_i, t, n) == total(fin, t, n))]
    return hyps, tail == total(fin, t, n)
