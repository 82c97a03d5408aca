"""z3 form of the one-sided Clopper–Pearson coverage step of proof ``probe-tolerant``.

The Monte-Carlo verdict passes when the one-sided upper limit p̄(e) of the μ-error rate is
≤ δ, where e errors are seen in n samples and p̄(e) solves F(e, p̄) = α (1 for e = n), with
F(x, q) = P(Bin(n, q) ≤ x). That this limit covers the true rate with probability ≥ 1 − α
was a citation of Clopper & Pearson (1934) whose text was not available (issue 12 item 5);
it is an elementary consequence of two monotonicities of F, proved here for every n, α, p:

* the miss event {p > p̄(X)} lies in D_p = {x : F(x, p) ≤ α}, which is downward closed, so
  it lies in {X ≤ max D_p}, of probability F(max D_p, p) ≤ α (F is the CDF);
* on the coverage event a passing verdict bounds the number of wrong probes.

The hypotheses are the claims of earlier steps (their truth is checked there): F nonincreasing
in q for x < n (binomial-tail-monotone, from the incomplete beta function, fact
incomplete-beta), nondecreasing in x (the same step), and the defining equation of p̄
(verdicts; step cp-defining checks the library's clopper_pearson_upper against it).

>>> from proofs.checks import Z3Proof
>>> Z3Proof(cp_coverage).run("coverage").status
'proved'
>>> Z3Proof(cp_coverage, negate=True).run("mutant").status
'failed'
"""

from __future__ import annotations

from typing import Any

import z3

__all__ = ["cp_coverage"]


def cp_coverage() -> tuple[list[Any], Any]:
    """Integers n ≥ 1, outcomes x, y, the observed e and the number k of wrong probes; reals
    α ∈ (0, 1), the true rate p ∈ [0, 1], δ, the least probe mass w > 0; F and p̄
    uninterpreted. Goal: (i) every x ≤ n with p > p̄(x) has F(x, p) ≤ α; (ii) D_p is
    downward closed; (iii) if p ≤ p̄(e) ≤ δ (covered, passing) and the μ-error p ≥ k·w, then
    k ≤ ⌊δ/w⌋."""
    n, x, y, e, k = z3.Ints("n x y e k")
    alpha, p, q1, q2, delta, w = z3.Reals("alpha p q1 q2 delta w")
    cdf = z3.Function("F", z3.IntSort(), z3.RealSort(), z3.RealSort())
    pbar = z3.Function("pbar", z3.IntSort(), z3.RealSort())

    def unit(q: Any) -> Any:
        return z3.And(0 <= q, q <= 1)

    hyps = [
        n >= 1, alpha > 0, alpha < 1, unit(p),
        # binomial-tail-monotone: F(x, ·) nonincreasing on [0, 1] for x < n …
        z3.ForAll([x, q1, q2], z3.Implies(z3.And(0 <= x, x < n, unit(q1), unit(q2), q1 <= q2),
                                          cdf(x, q1) >= cdf(x, q2))),
        # … and F(·, q) nondecreasing on {0, …, n}
        z3.ForAll([x, y, q1], z3.Implies(z3.And(0 <= y, y <= x, x <= n, unit(q1)),
                                         cdf(y, q1) <= cdf(x, q1))),
        # cp-defining: F(x, p̄(x)) = α with p̄(x) ∈ [0, 1] for x < n, and p̄(n) = 1
        z3.ForAll([x], z3.Implies(z3.And(0 <= x, x < n),
                                  z3.And(unit(pbar(x)), cdf(x, pbar(x)) == alpha))),
        pbar(n) == 1,
    ]
    miss_in_d = z3.ForAll([x], z3.Implies(z3.And(0 <= x, x <= n, p > pbar(x)),
                                          cdf(x, p) <= alpha))
    d_closed = z3.ForAll([x, y], z3.Implies(z3.And(0 <= y, y <= x, x <= n, cdf(x, p) <= alpha),
                                            cdf(y, p) <= alpha))
    wrong = z3.Implies(z3.And(0 <= e, e <= n, p <= pbar(e), pbar(e) <= delta, w > 0, k >= 0,
                              p >= k * w),
                       k <= z3.ToInt(delta / w))
    return hyps, z3.And(miss_in_d, d_closed, wrong)
