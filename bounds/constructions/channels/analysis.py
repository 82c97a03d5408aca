"""Analysis and parameter choice of the output-channel template (C1/C2).

The cross-talk tail bound, the readout binomial tail and their union bound
(:func:`failure_bound`), and the parameter formulas that use it
(:func:`choose_parameters`). The formulas and their justification are in the package
docstring of :mod:`bounds.constructions.channels` ("Analysis", "Parameter formulas").
All constants are this library's, never the paper's.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

from scipy.stats import binom

from bounds.constructions.trivial import default_m, normalize_kind
from bounds.validation import as_int, as_m_prime

__all__ = ["CONSTANTS", "AnalysisBoundWarning", "ChannelParams", "choose_parameters",
           "failure_bound"]

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
def _noise_tail(x: float, mu: float) -> float:
    """Chernoff bound ``P(S ≥ x)`` for a Rademacher sum with Bin/Poisson count of mean mu."""
    if x <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    t = math.asinh(x / mu)
    return min(1.0, math.exp(mu * (math.cosh(t) - 1.0) - t * x))


def _count_tail(c: int, mu: float) -> float:
    """``P(N ≥ c) ≤ μ^c / c!`` for ``N ~ Bin(n, p)``, ``np = μ``."""
    if c <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    return math.exp(min(0.0, c * math.log(mu) - math.lgamma(c + 1)))


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


def failure_bound(
    kind: str, m_prime: int, k: int, r: int, s: int, G: int, g: int, tau: int = 1,
    rho: float = 0.5,
) -> dict[str, float]:
    """Union bound on the per-input failure probability (module docstring, "Analysis").

    Returns the contributions ``T`` (target-1 outputs), ``H`` (AND: one endpoint active),
    ``Z`` (other outputs) and their ``total``.

    >>> b = failure_bound("permutation", 20000, 3, 15, 15, 490, 490)
    >>> b["total"] < 0.01
    True
    """
    kind = normalize_kind(kind)
    gamma = 0.5 - 0.5 / s
    margin = math.floor(gamma * s) + 1
    own = 1 if kind == "permutation" else 2
    per = math.ceil(m_prime / G)
    q = per / m_prime
    mu = own * per * k * s / g
    muc = own * k * s / g
    need_z = math.ceil(rho * r)
    need_t = r - need_z + 1

    def noise(x: float) -> float:
        return _noise_tail(x, mu)

    out: dict[str, float] = {}
    if kind == "permutation":
        out["T"] = k * _class_fail(r, need_t, margin, muc, noise)
        out["Z"] = m_prime * _class_fail(r, need_z, margin, muc, lambda x: k * q + noise(x))
    else:
        c2 = math.comb(k, 2)
        out["T"] = c2 * _class_fail(r, need_t, margin, muc, noise)
        out["H"] = k * tau * _class_fail(
            r, need_z, margin, muc, lambda x: (k - 1) * tau * q + noise(x)
        )
        out["Z"] = m_prime * _class_fail(
            r, need_z, margin, muc,
            lambda x: c2 * (q + (tau * q) ** 2) + k * tau * q * noise(x) + noise(x + s),
        )
    out["total"] = float(min(1.0, sum(out.values())))
    return out


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
    ell = math.log(m_prime / delta)
    root = math.sqrt(k * m_prime)
    G = as_int(overrides.get("G", math.ceil(c["c_G"] * root)), "G", 1)
    g = as_int(overrides.get("g", math.ceil(c["c_d"] * root)), "g", 1)
    rho = float(overrides.get("rho", 0.5))
    if kind == "permutation":
        tau, G_in = 1, 0
    else:
        tau_f = max(math.floor(c["beta"] * G / max(k - 1, 1)), math.ceil(2 * math.log(m_prime)))
        tau = as_int(overrides.get("tau", tau_f), "tau", 1)
        G_in = as_int(overrides.get("G_in", math.ceil(c["c_in"] * G)), "G_in", 0)
    fixed = "r" in overrides or "s" in overrides
    r = as_int(overrides.get("r", max(1, math.ceil(c["c_r"] * ell))), "r", 1)
    s = as_int(overrides.get("s", r), "s", 1)
    bnd = failure_bound(kind, m_prime, k, r, s, G, g, tau, rho)["total"]
    r_cap = min(_MAX_R, 3 * r + 10)
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
    gamma = 0.5 - 0.5 / s
    return ChannelParams(
        kind=kind, m_prime=m_prime, m=m, k=k, delta=delta, r=r, s=s, G=G, g=g, G_in=G_in,
        tau=tau, gamma=gamma, lam=1.0 / (1.0 - 2.0 * gamma), rho=rho, w=k, bound=bnd,
        constants=tuple(sorted(c.items())),
    )
