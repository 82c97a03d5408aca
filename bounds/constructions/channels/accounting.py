"""Closed-form accounting (sympy) and Θ-limits of the output-channel template (C1/C2)."""

from __future__ import annotations

from typing import Any

import sympy

from bounds.constructions.channels.analysis import ChannelParams, stripped_formulas
from bounds.constructions.trivial import normalize_kind

__all__ = ["accounting", "theta_limits"]

MP, R_, S_, G_, GC_, GIN_ = sympy.symbols("m_prime r s G g G_in", positive=True, integer=True)
DELTA, K_ = sympy.symbols("delta k", positive=True)


def _nnz_fill(per_coord: float) -> float:
    """P(a signed sum of N ~ Poisson(per_coord) random signs is nonzero)."""
    from scipy.special import ive

    # P(S = 0) for a Skellam(λ/2, λ/2) is e^{-λ} I_0(λ) = ive(0, λ)
    return 1.0 - float(ive(0, per_coord))


def accounting(kind: str, params: ChannelParams | None = None) -> dict[str, sympy.Expr]:
    """Closed-form resources of C1/C2 as sympy expressions.

    Symbols: ``m_prime, r, s, G, g, G_in``; with ``params`` they are substituted, and the
    results equal :meth:`Network.resources` of every network built with those parameters
    (widths, ``max_width``, ``total_neurons``, ``params_dense``). ``P_nz`` is *not*
    deterministic (code collisions and sign cancellations in ``B Eᵀ``); reported are
    ``params_nonzero_upper`` (``nnz(B Eᵀ) ≤ s·nnz(B)`` with ``nnz(B) = r m'`` for a
    permutation, ``≤ 2 r m'`` for AND, plus the other layers; an upper bound on every
    instance) and ``params_nonzero_expected`` (random-instance model: a coordinate of a unit
    with ``λ_c = |own| m'/(G g)`` expected listened codes on it is nonzero with probability
    ``1 − e^{−λ_c} I₀(λ_c)``; AND without rerouting).

    >>> a = accounting("permutation")
    >>> a["params_dense"]
    G**2*r**2 + G*g*r*s + 2*G*r
    """
    kind = normalize_kind(kind)
    H = R_ * G_
    d = S_ * GC_
    if kind == "permutation":
        widths = (d, H, H)
        nnz_up = S_ * R_ * MP + 3 * H
        own = 1
    else:
        n1 = H + R_ * GIN_
        widths = (d, n1, n1, H)
        nnz_up = 2 * S_ * R_ * MP + 3 * n1 + H + R_ * MP
        own = 2
    dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(len(widths) - 1))
    out: dict[str, Any] = {
        "d": d,
        "H": H,
        "widths": sympy.Tuple(*widths),
        "max_width": sympy.Max(*widths),
        "total_neurons": sum(widths[1:]),
        "params_dense": sympy.expand(dense),
        "params_nonzero_upper": sympy.expand(nnz_up),
    }
    if params is None:
        return out
    subs = {MP: params.m_prime, R_: params.r, S_: params.s, G_: params.G, GC_: params.g,
            GIN_: params.G_in}
    res = {key: sympy.sympify(v).subs(subs) for key, v in out.items()}
    fill = _nnz_fill(own * params.m_prime / (params.G * params.g))
    extra = res["params_nonzero_upper"] - (own * params.s * params.r * params.m_prime)
    if kind == "pairwise-and":
        extra -= params.r * params.m_prime
    res["params_nonzero_expected"] = sympy.Float(params.H * params.d * fill) + extra
    res["params_nonzero_upper"] = sympy.Min(res["params_nonzero_upper"],
                                            params.H * params.d + extra)
    return res


def theta_limits(kind: str) -> dict[str, sympy.Expr]:
    """Θ-class of C1/C2 by sympy ``limit`` of ratios as ``m' → ∞`` (never ``O()``).

    The parameter formulas are :func:`~bounds.constructions.channels.analysis.parameter_formulas`
    (the ones :func:`choose_parameters` evaluates), with the ceilings and clamps dropped
    (``⌈x⌉/x → 1``, :func:`stripped_formulas`): ``r = s = r0 = c_r ln(m'/δ)``,
    ``G = c_G √(k m')``, ``g = c_d √(k m')``, ``G_in = c_in G``. Returned: the limits of
    ``max_width``, ``total_neurons`` over ``√m' ln m'`` and of ``params_dense``,
    ``params_nonzero_upper`` over ``m' ln² m'`` -- all finite and positive, i.e. the A5
    shape.

    >>> lim = theta_limits("permutation")
    >>> lim["total_neurons"], lim["params_nonzero_upper"]
    (3*sqrt(k), 9/16)
    """
    kind = normalize_kind(kind)
    f = stripped_formulas(MP, K_, DELTA)
    subs = {R_: f["r0"], S_: f["r0"], G_: f["G"], GC_: f["g"], GIN_: f["G_in"]}
    acc = accounting(kind)
    neurons_scale = sympy.sqrt(MP) * sympy.log(MP)
    params_scale = MP * sympy.log(MP) ** 2
    out = {}
    for key, scale in (("max_width", neurons_scale), ("total_neurons", neurons_scale),
                       ("params_dense", params_scale), ("params_nonzero_upper", params_scale)):
        if key == "max_width":
            out[key] = sympy.Max(*[sympy.limit(w.subs(subs) / scale, MP, sympy.oo)
                                   for w in acc["widths"]])
            continue
        expr = acc[key].subs(subs)
        out[key] = sympy.simplify(sympy.limit(expr / scale, MP, sympy.oo))
    return out
