"""Analysis and parameter choice of the output-channel template (C1/C2).

The cross-talk tail bound, the readout binomial tail and their union bound
(:func:`failure_bound`), and the parameter formulas that use it
(:func:`choose_parameters`). The formulas and their justification are in the package
docstring of :mod:`bounds.constructions.channels` ("Analysis", "Parameter formulas").
All constants are this library's, never the paper's.

The formulas are written once, in sympy (:func:`failure_terms`, :func:`noise_exponent_sym`,
:func:`count_tail_log_sym`, :func:`margin_gamma`, :func:`parameter_formulas`); the numbers
are those expressions lambdified, and the proofs inspect the same expressions:
``tail-compound-rademacher``, ``tail-binomial-count``, ``tail-readout-mixture``
(``proofs/theorems/tails.py``) prove the tail bounds, ``analysis-permutation-channels`` /
``analysis-pairwise-and-channels`` the union bound (with the margin read off built
networks), ``accounting-*-channels`` the parameter formulas and the Θ-shape.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

import sympy
from scipy.stats import binom

from bounds.constructions.trivial import default_m, normalize_kind
from bounds.validation import as_int, as_m_prime

__all__ = ["CONSTANTS", "NOISE", "AnalysisBoundWarning", "ChannelParams", "FailureTerm",
           "analysis_margin", "choose_parameters", "count_tail_log_sym", "failure_bound",
           "failure_terms", "margin_collisions", "margin_gamma", "noise_exponent_sym",
           "parameter_formulas", "stripped_formulas"]

#: the constants of the parameter formulas (module docstring)
CONSTANTS: dict[str, float] = {"c_r": 0.75, "c_G": 2.0, "c_d": 2.0, "beta": 0.05, "c_in": 1.0}
_MAX_R = 400


class AnalysisBoundWarning(UserWarning):
    """The chosen parameters do not meet delta by the stated analysis (small m′ or overrides)."""


@dataclass(frozen=True)
class ChannelParams:
    """Chosen parameters of C1/C2 (see module docstring for the formulas)."""

    kind: str
    m_prime: int
    m: int
    k: int
    delta: float
    r: int
    s: int
    G: int
    g: int
    G_in: int
    tau: int
    gamma: float
    lam: float
    rho: float
    w: int
    bound: float
    constants: tuple[tuple[str, float], ...]

    @property
    def H(self) -> int:
        """Output-channel units ``r·G``."""
        return self.r * self.G

    @property
    def H_in(self) -> int:
        """Input-channel budget ``r·G_in`` (0 for a permutation)."""
        return self.r * self.G_in

    @property
    def d(self) -> int:
        """Code dimension ``s·g``."""
        return self.s * self.g

    @property
    def theta(self) -> float:
        """Decoder threshold ``⌈ρ r⌉ − 1/2``."""
        return math.ceil(self.rho * self.r) - 0.5

    @property
    def layers(self) -> int:
        return 2 if self.kind == "permutation" else 3


# ------------------------------------------------------------------ analysis
# The analysis is written once, as sympy expressions (:func:`failure_terms`,
# :func:`noise_exponent_sym`, :func:`count_tail_log_sym`, :func:`margin_gamma`); the numbers
# below evaluate exactly those expressions (lambdified), and the proofs
# (``proofs/theorems/tails.py``, ``analysis-*-channels``) inspect the same expressions.
X_, MU_ = sympy.symbols("x mu", positive=True)
C_ = sympy.Symbol("c", integer=True, nonnegative=True)
K_, Q_, TAU_, S_, R_, MP_ = sympy.symbols("k q tau s r m_prime", positive=True)
RHO_ = sympy.Symbol("rho", positive=True)
NOISE = sympy.Function("Noise")
"""``Noise(x)``: the cross-talk tail bound P(s·ξ ≥ x) (:func:`noise_exponent_sym`)."""


def noise_exponent_sym(x: Any = X_, mu: Any = MU_) -> sympy.Expr:
    """Exponent of the cross-talk Chernoff bound: ``μ(cosh t − 1) − t x``, ``t = asinh(x/μ)``.

    ``P(S ≥ x) ≤ exp(noise_exponent_sym(x, μ))`` for a sum ``S`` of ``N`` Rademacher signs,
    ``N ~ Bin(n, p)``, ``np = μ`` (proof ``tail-compound-rademacher``).

    >>> noise_exponent_sym().subs({X_: 1, MU_: 1}).evalf(6)
    -0.467160
    """
    t = sympy.asinh(x / mu)
    return mu * (sympy.cosh(t) - 1) - t * x


def count_tail_log_sym(c: Any = C_, mu: Any = MU_) -> sympy.Expr:
    """``ln(μ^c / c!)``: ``P(N ≥ c) ≤ μ^c/c!`` for ``N ~ Bin(n, p)``, ``np = μ``.

    Proof ``tail-binomial-count``.

    >>> count_tail_log_sym().subs({C_: 2, MU_: 1})
    -log(2)
    """
    return c * sympy.log(mu) - sympy.loggamma(c + 1)


def margin_gamma(s: int) -> Fraction:
    """The margin ``γ = 1/2 − 1/(2s)`` of the template (module docstring), exactly.

    >>> margin_gamma(15)
    Fraction(7, 15)
    """
    return Fraction(1, 2) - Fraction(1, 2 * s)


def margin_collisions(s: int, gamma: Fraction | float) -> int:
    """``M = ⌊γ s⌋ + 1``: the fewest wrong-direction collisions that break a unit.

    >>> margin_collisions(15, margin_gamma(15)), margin_collisions(4, margin_gamma(4))
    (8, 2)
    """
    return math.floor(Fraction(gamma) * s) + 1


def analysis_margin(s: int) -> int:
    """The margin :func:`failure_bound` assumes: ``margin_collisions(s, margin_gamma(s))``.

    >>> analysis_margin(15)
    8
    """
    return margin_collisions(s, margin_gamma(s))


@dataclass(frozen=True)
class FailureTerm:
    """One class of outputs in the union bound: ``multiplicity · F(need, p_bad)``.

    ``F(need, p_bad)`` is the readout tail of :func:`_class_fail`: the probability that at
    least ``need`` of an output's ``r`` units are bad, each bad with probability at most
    ``p_bad(x)`` when ``x`` more wrong-direction collisions would break it. ``p_bad`` is a
    sympy expression in ``x`` and ``Noise(·)``.
    """

    name: str
    multiplicity: sympy.Expr
    need: sympy.Expr
    p_bad: sympy.Expr


def failure_terms(kind: str) -> tuple[FailureTerm, ...]:
    """The terms of the union bound of :func:`failure_bound` (module docstring, "Analysis").

    Symbols ``k, q, tau, s, r, rho, m_prime`` and ``x``; ``q = ⌈m'/G⌉/m'``.

    >>> [t.name for t in failure_terms("pairwise-and")]
    ['T', 'H', 'Z']
    """
    kind = normalize_kind(kind)
    need_z = sympy.ceiling(RHO_ * R_)
    need_t = R_ - need_z + 1
    noise = NOISE(X_)
    if kind == "permutation":
        return (FailureTerm("T", K_, need_t, noise),
                FailureTerm("Z", MP_, need_z, K_ * Q_ + noise))
    c2 = K_ * (K_ - 1) / 2
    return (
        FailureTerm("T", c2, need_t, noise),
        FailureTerm("H", K_ * TAU_, need_z, (K_ - 1) * TAU_ * Q_ + noise),
        FailureTerm("Z", MP_, need_z,
                    c2 * (Q_ + (TAU_ * Q_) ** 2) + K_ * TAU_ * Q_ * noise + NOISE(X_ + S_)),
    )


@cache
def _noise_fn() -> Callable[[float, float], float]:
    return sympy.lambdify((X_, MU_), noise_exponent_sym(), modules="math")


@cache
def _count_fn() -> Callable[[int, float], float]:
    return sympy.lambdify((C_, MU_), count_tail_log_sym(), modules="math")


def _noise_tail(x: float, mu: float) -> float:
    """Chernoff bound ``P(S ≥ x)`` for a Rademacher sum with Bin/Poisson count of mean mu."""
    if x <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    return min(1.0, math.exp(min(0.0, _noise_fn()(x, mu))))


def _count_tail(c: int, mu: float) -> float:
    """``P(N ≥ c) ≤ μ^c / c!`` for ``N ~ Bin(n, p)``, ``np = μ``."""
    if c <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    return math.exp(min(0.0, _count_fn()(c, mu)))


def _class_fail(r: int, need: int, margin: int, muc: float, p_bad: Any) -> float:
    """``Σ_c P(N_c = c) · P(Bin(r, p_bad(margin − c)) ≥ need)`` (Abel summation, upper)."""

    def tail(c: int) -> float:
        return float(binom.sf(need - 1, r, min(1.0, p_bad(margin - c))))

    total = prev = tail(0)
    for c in range(1, margin + 1):
        cur = tail(c)
        total += _count_tail(c, muc) * (cur - prev)
        prev = cur
    total += _count_tail(margin + 1, muc) * (1.0 - prev)
    return min(1.0, total)


@cache
def _term_fns(kind: str) -> tuple[tuple[str, Any, Any, Any], ...]:
    args = (K_, Q_, TAU_, S_, R_, RHO_, MP_)
    out = []
    noise_mu = sympy.Function("NoiseMu")  # Noise(z) with the mean μ as a second argument
    for term in failure_terms(kind):
        p_bad = term.p_bad.replace(NOISE, lambda z: noise_mu(z, MU_))
        pb = sympy.lambdify((X_, MU_, *args), p_bad,
                            modules=[{"NoiseMu": _noise_tail}, "math"])
        out.append((term.name, sympy.lambdify(args, term.multiplicity, modules="math"),
                    sympy.lambdify(args, term.need, modules="math"), pb))
    return tuple(out)


def failure_bound(
    kind: str, m_prime: int, k: int, r: int, s: int, G: int, g: int, tau: int = 1,
    rho: float = 0.5, gamma: Fraction | float | None = None,
) -> dict[str, float]:
    """Union bound on the per-input failure probability (module docstring, "Analysis").

    Evaluates the terms of :func:`failure_terms` (``Noise`` = the bound of
    :func:`noise_exponent_sym`) with the margin ``M = ⌊γ s⌋ + 1`` of
    :func:`margin_collisions`, ``γ`` = :func:`margin_gamma` unless given. Returns the
    contributions ``T`` (target-1 outputs), ``H`` (AND: one endpoint active), ``Z`` (other
    outputs) and their ``total``.

    >>> b = failure_bound("permutation", 20000, 3, 15, 15, 490, 490)
    >>> b["total"] < 0.01
    True
    """
    kind = normalize_kind(kind)
    margin = analysis_margin(s) if gamma is None else margin_collisions(s, gamma)
    own = 1 if kind == "permutation" else 2
    per = math.ceil(m_prime / G)
    q = per / m_prime
    mu = own * per * k * s / g
    muc = own * k * s / g
    args = (k, q, tau, s, r, rho, m_prime)
    out: dict[str, float] = {}
    for name, mult, need, pb in _term_fns(kind):
        out[name] = mult(*args) * _class_fail(
            r, int(need(*args)), margin, muc, lambda x, pb=pb: pb(x, mu, *args))
    out["total"] = float(min(1.0, sum(out.values())))
    return out


# ------------------------------------------------------------------ parameter formulas
# Plain symbols (no assumptions), so sympy keeps sqrt(k*m') and log(m'/δ) as written and the
# lambdified numbers are the same floating-point operations as the formulas' text.
PF_MP, PF_K, PF_DELTA, PF_G = sympy.symbols("m_prime k delta G")
PF_C = {key: sympy.Symbol(key) for key in CONSTANTS}


def parameter_formulas() -> dict[str, sympy.Expr]:
    """The parameter formulas of the module docstring as sympy expressions.

    In ``m_prime, k, delta`` and the constants ``c_r, c_G, c_d, beta, c_in``; ``tau`` and
    ``G_in`` in the (possibly overridden) ``G``. ``r0`` is the starting ``r = s``, ``r_cap``
    the largest value :func:`choose_parameters` raises them to. These very expressions are
    lambdified for the numbers, and substituted in the Θ-limits of the proofs.

    >>> f = parameter_formulas()
    >>> sympy.sstr(f["G"]), sympy.sstr(f["r_cap"])
    ('ceiling(c_G*sqrt(k*m_prime))', 'Min(400, 3*Max(1, ceiling(c_r*log(m_prime/delta))) + 10)')
    """
    c = PF_C
    root = sympy.sqrt(PF_K * PF_MP)
    r0 = sympy.Max(1, sympy.ceiling(c["c_r"] * sympy.log(PF_MP / PF_DELTA)))
    return {
        "G": sympy.ceiling(c["c_G"] * root),
        "g": sympy.ceiling(c["c_d"] * root),
        "r0": r0,
        "r_cap": sympy.Min(_MAX_R, 3 * r0 + 10),
        "tau": sympy.Max(sympy.floor(c["beta"] * PF_G / sympy.Max(PF_K - 1, 1)),
                         sympy.ceiling(2 * sympy.log(PF_MP))),
        "G_in": sympy.ceiling(c["c_in"] * PF_G),
    }


def stripped_formulas(m_prime: sympy.Symbol, k: sympy.Symbol, delta: sympy.Symbol, *,
                      up: bool = False) -> dict[str, sympy.Expr]:
    """:func:`parameter_formulas` with this library's constants, the clamps ``Max(1, ·)`` /
    ``Min(400, ·)`` and the ceilings/floors dropped, ``G_in`` in terms of ``G``: the forms
    whose limits give the Θ-class (``⌈x⌉/x → 1``). ``up``: ``⌈z⌉ → z + 1`` (an upper bound)
    instead of ``z``.

    >>> mp, k, d = sympy.symbols("m_prime k delta", positive=True)
    >>> f = stripped_formulas(mp, k, d)
    >>> sympy.sstr(f["G"]), sympy.sstr(f["G_in"])
    ('2*sqrt(k)*sqrt(m_prime)', '2*sqrt(k)*sqrt(m_prime)')
    """
    env = {PF_MP: m_prime, PF_K: k, PF_DELTA: delta,
           **{sym: sympy.nsimplify(CONSTANTS[key]) for key, sym in PF_C.items()}}

    def strip(e: sympy.Expr) -> sympy.Expr:
        e = e.replace(sympy.ceiling, (lambda z: z + 1) if up else (lambda z: z))
        e = e.replace(sympy.floor, lambda z: z)
        for clamp in (sympy.Max, sympy.Min):
            e = e.replace(clamp, lambda *a: next(x for x in a if x.free_symbols))
        return e.subs(env)

    out = {key: strip(e) for key, e in parameter_formulas().items()}
    out["G_in"] = out["G_in"].subs(PF_G, out["G"])
    return out


@cache
def _formula_fns() -> dict[str, Callable[..., int]]:
    args = (PF_MP, PF_K, PF_DELTA, PF_G, *PF_C.values())
    return {key: sympy.lambdify(args, expr, modules="math")
            for key, expr in parameter_formulas().items()}


def choose_parameters(kind: str, m_prime: int, k: int, delta: float, **overrides: Any
                      ) -> ChannelParams:
    """Parameters of C1/C2 from the formulas of the module docstring.

    ``overrides`` may set the constants (``c_r, c_G, c_d, beta, c_in``), ``m`` (AND), or
    the parameters ``r, s, G, g, G_in, tau, rho`` directly (then ``r``/``s`` are not
    increased to meet the bound; ``bound`` still reports it).

    >>> p = choose_parameters("pairwise-and", 20000, 3, 0.01)
    >>> (p.r, p.s, p.G, p.g, p.G_in, p.tau, p.theta), p.bound <= 0.01
    ((15, 15, 490, 490, 490, 20, 7.5), True)
    """
    kind = normalize_kind(kind)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    if isinstance(delta, bool) or not (0.0 < float(delta) < 1.0):
        raise ValueError(f"delta must be a number in (0, 1) (got {delta!r})")
    delta = float(delta)
    known = {"c_r", "c_G", "c_d", "beta", "c_in", "m", "r", "s", "G", "g", "G_in", "tau",
             "rho"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown parameter override(s) {sorted(bad)}; accepted: {sorted(known)}")
    c = {**CONSTANTS, **{key: float(v) for key, v in overrides.items() if key in CONSTANTS}}
    m = default_m(kind, m_prime, overrides.get("m"))
    fns = _formula_fns()

    def formula(key: str, G_: int = 0) -> int:
        return int(fns[key](m_prime, k, delta, G_, *(c[key_] for key_ in PF_C)))

    G = as_int(overrides.get("G", formula("G")), "G", 1)
    g = as_int(overrides.get("g", formula("g")), "g", 1)
    rho = float(overrides.get("rho", 0.5))
    if kind == "permutation":
        tau, G_in = 1, 0
    else:
        tau = as_int(overrides.get("tau", formula("tau", G)), "tau", 1)
        G_in = as_int(overrides.get("G_in", formula("G_in", G)), "G_in", 0)
    fixed = "r" in overrides or "s" in overrides
    r = as_int(overrides.get("r", formula("r0")), "r", 1)
    s = as_int(overrides.get("s", r), "s", 1)
    bnd = failure_bound(kind, m_prime, k, r, s, G, g, tau, rho)["total"]
    r_cap = formula("r_cap")
    while not fixed and bnd > delta and r < r_cap:
        r, s = r + 1, s + 1
        bnd = failure_bound(kind, m_prime, k, r, s, G, g, tau, rho)["total"]
    if bnd > delta:
        warnings.warn(
            f"the analysis bound {bnd:.3g} exceeds delta={delta:g} for m_prime={m_prime}, "
            f"k={k} (r = s = {r}); only the simulation vouches for this network",
            AnalysisBoundWarning,
            stacklevel=2,
        )
    gamma = margin_gamma(s)
    return ChannelParams(
        kind=kind, m_prime=m_prime, m=m, k=k, delta=delta, r=r, s=s, G=G, g=g, G_in=G_in,
        tau=tau, gamma=float(gamma), lam=float(1 / (1 - 2 * gamma)), rho=rho, w=k, bound=bnd,
        constants=tuple(sorted(c.items())),
    )
