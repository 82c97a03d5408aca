"""The tail bounds of the C1/C2 analysis (``bounds.constructions.channels.analysis``).

Three lemmas, each proved from sympy steps and precisely cited textbook facts, about the very
sympy expressions the calculator evaluates (``noise_exponent_sym``, ``count_tail_log_sym``;
``failure_bound`` lambdifies them):

* ``tail-compound-rademacher``: for ``S`` a sum of ``N`` independent Rademacher signs with
  ``N ~ Bin(n, p)`` independent of them, ``μ = np``, and ``x > 0``:
  ``P(S ≥ x) ≤ exp(μ(cosh t − 1) − t x)``, ``t = asinh(x/μ)``; the bound decreases in ``x``;
* ``tail-binomial-count``: ``P(N ≥ c) ≤ μ^c / c!`` for ``N ~ Bin(n, p)``, ``μ = np``;
* ``tail-readout-mixture``: the readout bound ``_class_fail`` (summation by parts over the
  shift ``N_c`` common to an output's units) is an upper bound on the mixture
  ``Σ_c P(N_c = c) P(Bin(r, p_c) ≥ a)``.

``tests/test_tails.py`` checks each against exact distributions (convolution in rationals) and
simulation on small cases.

>>> from proofs.registry import names
>>> {"tail-compound-rademacher", "tail-binomial-count", "tail-readout-mixture"} <= set(names())
True
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from bounds.constructions.channels import analysis as an
from proofs.checks import Assumption, Identity, SymbolicInequality, Z3Proof
from proofs.citations import SOURCES, cite_fact, cite_proof
from proofs.engine import Proof, Step
from proofs.registry import register
from proofs.theorems import _deduce
from proofs.theorems._common import library_identity

__all__ = ["exact_binomial_pmf", "exact_compound_tail", "exact_mixture"]

t, xv, mu, y = sp.symbols("t x mu y", positive=True)
nn, cc = sp.symbols("n c", positive=True, integer=True)
pp = sp.Symbol("p", positive=True)


# ------------------------------------------------------------- exact references (rationals)
def exact_binomial_pmf(n: int, p: Fraction) -> list[Fraction]:
    """``P(Bin(n, p) = j)`` for ``j = 0…n`` in exact rationals."""
    return [Fraction(sp.binomial(n, j)) * p**j * (1 - p) ** (n - j) for j in range(n + 1)]


def exact_compound_tail(n: int, p: Fraction) -> dict[int, Fraction]:
    """``P(S ≥ x)`` for every integer ``x``, ``S`` = sum of ``Bin(n, p)`` Rademacher signs.

    Exact: the distribution of a sum of ``j`` signs is a convolution (``C(j, i)/2^j`` at
    ``2i − j``), mixed over the binomial count.
    """
    dist: dict[int, Fraction] = {}
    for j, w in enumerate(exact_binomial_pmf(n, p)):
        for i in range(j + 1):
            v = 2 * i - j
            dist[v] = dist.get(v, Fraction(0)) + w * Fraction(int(sp.binomial(j, i)), 2**j)
    tail, acc = {}, Fraction(0)
    for v in sorted(dist, reverse=True):
        acc += dist[v]
        tail[v] = acc
    return tail


def exact_mixture(r: int, need: int, margin: int, n: int, p: Fraction,
                  p_bad: list[Fraction]) -> Fraction:
    """``Σ_c P(N_c = c)·P(Bin(r, p_bad[margin − c]) ≥ need)`` with ``N_c ~ Bin(n, p)``;
    ``p_bad[x]`` for ``x ≤ 0`` is 1 (a unit beyond its margin is bad)."""
    total = Fraction(0)
    for c, w in enumerate(exact_binomial_pmf(n, p)):
        x = margin - c
        pb = p_bad[x] if x > 0 else Fraction(1)
        total += w * sum(exact_binomial_pmf(r, pb)[need:], Fraction(0))
    return total


# -------------------------------------------------------------------------------- proofs
@register("tail-compound-rademacher", claim=None)
def tail_compound_rademacher() -> Proof:
    """P(S ≥ x) ≤ exp(μ(cosh t − 1) − tx), t = asinh(x/μ), for a binomial sum of signs."""
    lib = an.noise_exponent_sym(xv, mu)
    mine = mu * (sp.sqrt(1 + (xv / mu) ** 2) - 1) - xv * sp.asinh(xv / mu)
    steps = (
        Step("model", "S = ε_1 + … + ε_N with ε_i independent uniform signs (±1) and "
             "N ~ Bin(n, p) independent of them; μ = np; x > 0", Assumption()),
        Step("sign-mgf", sp.Eq((sp.exp(t) + sp.exp(-t)) / 2, sp.cosh(t)), Identity(),
             "E e^{tε} = (e^t + e^{−t})/2 = cosh t, so E[e^{tS} | N] = cosh(t)^N"),
        Step("binomial-mgf", "E[cosh(t)^N] = (1 − p + p·cosh t)^n",
             cite_fact("binomial-theorem"),
             uses=("model", "sign-mgf")),
        Step("log-one-plus", sp.Le(sp.log(1 + y), y),
             SymbolicInequality(domain=((y, 0, sp.oo),)),
             "with y = p(cosh t − 1) ≥ 0: (1 + y)^n ≤ e^{ny}, so E e^{tS} ≤ exp(μ(cosh t − 1))",
             uses=("binomial-mgf",)),
        Step("cramer-chernoff", "for every t ≥ 0: P(S ≥ x) ≤ e^{−tx}·E e^{tS}",
             cite_fact("cramer-chernoff")),
        Step("t-nonnegative", sp.Ge(sp.asinh(y), 0),
             SymbolicInequality(domain=((y, 0, sp.oo),), depth=1),
             "t = asinh(x/μ) ≥ 0 is an admissible choice (y = x/μ)"),
        library_identity("library-exponent", "noise_exponent", lib, mine, (xv, mu),
                         "the expression the calculator lambdifies "
                         "(channels.analysis.noise_exponent_sym) equals μ(cosh t − 1) − tx at "
                         "t = asinh(x/μ), written with cosh(asinh z) = √(1 + z²)",
                         uses=("log-one-plus", "cramer-chernoff", "t-nonnegative")),
        Step("decreasing", sp.Eq(sp.diff(lib, xv), -sp.asinh(xv / mu), evaluate=False),
             Identity(), "d/dx of the bound's exponent is −asinh(x/μ) < 0: the bound "
             "decreases in x (used by the readout lemma)", uses=("library-exponent",)),
    )
    return Proof(
        name="tail-compound-rademacher",
        title="Cross-talk tail: Chernoff bound for a binomial sum of random signs",
        statement="For S a sum of N ~ Bin(n, p) independent uniform signs (N independent of "
        "the signs), μ = np and x > 0: P(S ≥ x) ≤ exp(μ(cosh t − 1) − tx) with t = asinh(x/μ); "
        "the bound is decreasing in x.",
        statement_latex=r"\Pr[S \ge x] \le e^{\mu(\cosh t - 1) - t x},\quad "
        r"t = \operatorname{asinh}(x/\mu)",
        paper_claim=None, steps=steps,
        assumptions=("N ~ Bin(n, p) independent of the signs; μ = np; x > 0",),
        references=(SOURCES["chernoff1952"].entry(), SOURCES["hoeffding1963"].entry(),
                    SOURCES["blm2013"].entry(),
                    "bounds.constructions.channels.analysis.noise_exponent_sym"),
    )


@register("tail-binomial-count", claim=None)
def tail_binomial_count() -> Proof:
    """P(N ≥ c) ≤ μ^c/c! for N ~ Bin(n, p), μ = np."""
    lib = sp.exp(an.count_tail_log_sym(cc, mu))
    steps = (
        Step("model", "N ~ Bin(n, p), μ = np, c ≥ 1 an integer", Assumption()),
        Step("subsets", "N ≥ c iff all trials of some c-subset succeed, so "
             "P(N ≥ c) ≤ C(n, c)·p^c",
             cite_fact("boole"), uses=("model",)),
        Step("choose-falling", sp.Eq(sp.binomial(nn, cc), sp.ff(nn, cc) / sp.factorial(cc),
                                     evaluate=False), Identity(),
             "C(n, c) = n(n − 1)…(n − c + 1)/c!"),
        Step("falling-step", sp.Le((nn - cc) / nn, 1),
             SymbolicInequality(domain=((nn, 1, sp.oo), (cc, 0, sp.oo))),
             "(n)_{c+1}/n^{c+1} = ((n)_c/n^c)·(n − c)/n, and (n)_0/n^0 = 1: by induction "
             "(n)_c ≤ n^c, so C(n, c) p^c ≤ (np)^c/c! = μ^c/c!",
             uses=("choose-falling",)),
        library_identity("library-form", "count_tail", lib, mu**cc / sp.factorial(cc),
                         (cc, mu), "exp of the expression the calculator lambdifies "
                         "(channels.analysis.count_tail_log_sym) is μ^c/c!",
                         uses=("subsets", "falling-step")),
    )
    return Proof(
        name="tail-binomial-count", title="Count tail: P(N ≥ c) ≤ μ^c/c! for a binomial count",
        statement="For N ~ Bin(n, p) with μ = np and every integer c ≥ 1: "
        "P(N ≥ c) ≤ μ^c/c!.",
        statement_latex=r"\Pr[N \ge c] \le \mu^c / c!",
        paper_claim=None, steps=steps, assumptions=("N ~ Bin(n, p), μ = np",),
        references=("bounds.constructions.channels.analysis.count_tail_log_sym",),
    )


@register("binomial-lower", claim=None)
def binomial_lower() -> Proof:
    """(n/k)^k ≤ C(n, k) for integers 1 ≤ k ≤ n (the lower half of the binomial sandwich)."""
    ii = sp.Symbol("i", nonnegative=True, integer=True)
    kk = sp.Symbol("k", positive=True, integer=True)
    steps = (
        Step("model", "integers n ≥ k ≥ 1", Assumption()),
        Step("choose-falling", sp.Eq(sp.binomial(nn, kk), sp.ff(nn, kk) / sp.factorial(kk),
                                     evaluate=False), Identity(),
             "C(n, k) = n(n − 1)…(n − k + 1)/k! = (n)_k/k!"),
        Step("factorial-positive", sp.Gt(sp.factorial(kk), 0, evaluate=False),
             SymbolicInequality(domain=((kk, 1, sp.oo),),
                                relation=sp.Gt(sp.factorial(kk).rewrite(sp.gamma), 0,
                                               evaluate=False)),
             "k! = Γ(k + 1) > 0"),
        Step("falling-ratio", sp.Ge((nn - ii) * kk - nn * (kk - ii), 0),
             SymbolicInequality(domain=((ii, 0, sp.oo), (nn, kk, sp.oo))),
             "(n − i)k − n(k − i) = i(n − k) ≥ 0, so (n − i)/(k − i) ≥ n/k for n ≥ k > i ≥ 0",
             uses=("model",)),
        Step("falling-product", "(n/k)^k ≤ (n)_k/k!", cite_fact("prod-le-prod"),
             "applied to f_i = n/k ≥ 0 and g_i = (n − i)/(k − i), i = 0…k − 1 (k − i > 0): "
             "f_i ≤ g_i is falling-ratio, ∏ f_i = (n/k)^k and ∏ g_i = (n)_k/(k)_k = (n)_k/k! "
             "(falling factorials as products)", uses=("model", "falling-ratio")),
        Step("conclusion", "(n/k)^k ≤ C(n, k)",
             Z3Proof(_deduce.binomial_lower, what="reals C = C(n, k), F = (n)_k, K = k!, "
                     "ρ = (n/k)^k: choose-falling (C·K = F), factorial-positive (K > 0) and "
                     "falling-product (ρ·K ≤ F)"),
             uses=("choose-falling", "factorial-positive", "falling-product")),
    )
    return Proof(
        name="binomial-lower", title="Binomial lower bound: (n/k)^k ≤ C(n, k)",
        statement="For all integers 1 ≤ k ≤ n: (n/k)^k ≤ C(n, k).",
        statement_latex=r"(n/k)^k \le \binom{n}{k}",
        paper_claim=None, steps=steps, assumptions=("integers n ≥ k ≥ 1",),
        references=(),
    )


@register("tail-readout-mixture", claim=None)
def tail_readout_mixture() -> Proof:
    """The readout bound of one output: summation by parts over the common shift N_c."""
    steps = (
        Step("model", "Given the shift N_c = c common to an output's r units, the units are "
             "bad independently, each with probability ≤ p_bad(M − c) (p_bad ≤ 1 for "
             "M − c ≤ 0); the output fails only if ≥ a of them are bad", Assumption()),
        Step("binomial-monotone", "T(c) = P(Bin(r, p_bad(M − c)) ≥ a) is an upper bound on the "
             "conditional failure probability and nondecreasing in c: P(Bin(r, p) ≥ a) = "
             "I_p(a, r − a + 1) is increasing in p, and p_bad(M − c) is nondecreasing in c",
             cite_fact("incomplete-beta"),
             uses=("model",)),
        Step("noise-decreasing", "p_bad(x) is nonincreasing in x: each Noise term is "
             "(tail-compound-rademacher, step `decreasing`), the others do not depend on x",
             cite_proof("tail-compound-rademacher", "the bound is decreasing in x")),
        Step("by-parts", "E T(N_c) = T(0) + Σ_{c=1}^{M+1} P(N_c ≥ c)·(T(c) − T(c − 1)) "
             "with T(M + 1) := 1; i.e. E T(N_c) = T(0) + Q(M + 1), Q(0) = 0, "
             "Q(c) = Q(c − 1) + q(c)(T(c) − T(c − 1)), q(c) = P(N_c ≥ c)",
             cite_fact("summation-by-parts"),
             "T(c) := 1 for c > M (a unit beyond its margin is bad), so T(N_c) = "
             "T(min(N_c, M + 1)) and the terms c > M + 1 vanish; by parts over "
             "min(N_c, M + 1) ∈ {0, …, M + 1}, whose tail at c ≤ M + 1 is P(N_c ≥ c)",
             uses=("model",)),
        Step("count-tail", "P(N_c ≥ c) ≤ U(c) = μ_c^c/c!",
             cite_proof("tail-binomial-count", "P(N_c ≥ c) ≤ μ_c^c/c!")),
        Step("tail-increment", "for every 1 ≤ c ≤ M: d(c − 1) ≤ d(c), d = R − Q, "
             "R(c) = Σ_{i=1}^{c} U(i)(T(i) − T(i − 1)) (R(0) = 0)",
             Z3Proof(_deduce.tail_increment, what="c, M free integers; q, U, T, Q, R "
                     "uninterpreted: T(c − 1) ≤ T(c) (binomial-monotone), q(c) ≤ U(c) "
                     "(count-tail), the recurrences of Q (by-parts) and R at c ⊢ "
                     "R(c − 1) − Q(c − 1) ≤ R(c) − Q(c)"),
             "d(c) − d(c − 1) = (U(c) − q(c))·(T(c) − T(c − 1)), a product of two "
             "numbers ≥ 0",
             uses=("binomial-monotone", "noise-decreasing", "by-parts", "count-tail")),
        Step("tail-sums-monotone", "d(0) ≤ d(M): R(M) − Q(M) ≥ R(0) − Q(0) = 0",
             cite_fact("monotone-nat"),
             "applied to n ↦ d(min(n, M)), whose steps are ≥ 0 by tail-increment (0 for "
             "n ≥ M)", uses=("tail-increment",)),
        Step("replace-tails", "every increment T(c) − T(c − 1) is ≥ 0, so replacing P(N_c ≥ c) "
             "by U(c) = μ_c^c/c! ≥ it gives E T(N_c) ≤ T(0) + Σ_{c=1}^{M} U(c)(T(c) − T(c−1)) "
             "+ U(M + 1)(1 − T(M)), for every M ≥ 0",
             Z3Proof(_deduce.replace_tails, what="M free integer; q, U, T, Q, R "
                     "uninterpreted: E T = T(0) + Q(M + 1), T(M + 1) = 1 and Q's recurrence "
                     "at M + 1 (by-parts), Q(0) = R(0) = 0, d(0) ≤ d(M) (tail-sums-monotone), "
                     "q(M + 1) ≤ U(M + 1) (count-tail), T(M) ≤ 1 (binomial-monotone) ⊢ "
                     "E T ≤ T(0) + R(M) + U(M + 1)(1 − T(M))"),
             "Q(M + 1) = Q(M) + q(M + 1)(1 − T(M)) ≤ R(M) + U(M + 1)(1 − T(M)); the right "
             "side is the sum channels.analysis._class_fail computes (before its min with 1), "
             "compared with the exact mixture in tests/test_tails.py",
             uses=("binomial-monotone", "by-parts", "count-tail", "tail-sums-monotone")),
    )
    return Proof(
        name="tail-readout-mixture",
        title="Readout tail: the per-output failure bound of the channel analysis",
        statement="With T(c) = P(Bin(r, p_bad(M − c)) ≥ a) and U(c) = μ_c^c/c!, the failure "
        "probability of an output is at most T(0) + Σ_{c=1}^{M} U(c)(T(c) − T(c − 1)) + "
        "U(M + 1)(1 − T(M)) (channels.analysis._class_fail).",
        paper_claim=None, steps=steps,
        assumptions=("conditional independence of an output's units given the active codes "
                     "(the collision model of bounds.constructions.channels)",),
        references=("bounds.constructions.channels.analysis._class_fail",),
    )
