"""Every lower bound of issue 10 against an independent computation over a spread of m′,
including 10¹⁵ and 10⁴⁰: total neurons (D1 and real parameters), the sign-pattern bound
with ε > 0, and the δ-probe-tolerant bound fed into the least width. References are
written here from the statements (natural logs in mpmath, exact integers), not imported."""

from __future__ import annotations

import mpmath
import pytest

from bounds import signpatterns as sgn
from bounds import tolerant
from bounds.families import pairwise, permutation
from bounds.lower import lower_bounds

SPREAD = [2, 10, 1000, 10**6, 10**15, 10**40]


def _g(m_: int, n_: int, d_: int) -> mpmath.mpf:
    # log2 min(2^M, 2(4eMD/N)^N): Telgarsky 2016 Lemma 4.3 (bounds.signpatterns)
    if m_ < n_:
        return mpmath.mpf(m_)
    return min(mpmath.mpf(m_), (mpmath.log(2) + n_ * (1 + mpmath.log(4 * m_ * d_ / mpmath.mpf(n_))))
               / mpmath.log(2))


def _pstar(s: int, layers: int) -> int:
    return (2 * s - layers + 1) ** 2 // 4 + s


def _total_bound(s: int, layers: int, outputs: int, probes: int) -> mpmath.mpf:
    p = _pstar(s, layers)
    return (mpmath.fsum(_g(probes * (s - layers + 1), p, ell) for ell in range(1, layers + 1))
            + _g(outputs * probes, p, layers))


def _width_bound(n: int, layers: int, outputs: int, probes: int) -> mpmath.mpf:
    return (mpmath.fsum(_g(probes * n, ell * (n * n + n), ell) for ell in range(1, layers + 1))
            + _g(outputs * probes, layers * (n * n + n), layers))


def _info(problem: str, mp_: int, e: int) -> tuple[mpmath.mpf, int]:
    """I_ε with the SPEC §3 volumes, and q. Permutation: log₂((m′−e)!) (e ≥ 2 or e = 0);
    pairwise (m = m′, M = C(m, 2)): log₂ (M)_{m′} − log₂ C(m′, e) − e log₂ M."""
    lg = mpmath.loggamma
    if problem == "permutation":
        return lg(mp_ - e + 1) / mpmath.ln(2), mp_
    m = max(mp_, 3)
    pairs = m * (m - 1) // 2
    val = (lg(pairs + 1) - lg(pairs - mp_ + 1) - (lg(mp_ + 1) - lg(e + 1) - lg(mp_ - e + 1))
           - e * mpmath.log(pairs)) / mpmath.ln(2)
    return max(mpmath.mpf(0), val), 1 + m + pairs


def _fam(problem: str, mp_: int):
    return permutation(mp_) if problem == "permutation" else pairwise(mp_)


@pytest.mark.parametrize("problem", ["permutation", "pairwise"])
@pytest.mark.parametrize("mp_", SPREAD)
@pytest.mark.parametrize("layers", [1, 3])
def test_total_neurons_d1_and_real(problem, mp_, layers):
    lb = lower_bounds(_fam(problem, mp_), bits=8, layers=layers)
    d1 = next(t for t in lb.lower_bounds if t.theorem == "params-dense").neurons_total
    real = next(t for t in lb.lower_bounds if t.theorem == "sign-patterns").neurons_total
    with mpmath.workdps(80 + 3 * len(str(mp_))):
        info, q = _info(problem, mp_, 0)
        need = int(mpmath.ceil(info))
        assert 8 * _pstar(d1, layers) >= need
        assert d1 == layers or 8 * _pstar(d1 - 1, layers) < need
        assert _total_bound(real, layers, mp_, q) >= info
        assert real == layers or _total_bound(real - 1, layers, mp_, q) < info
    assert lb.neurons_total_lb == max(d1, real)


@pytest.mark.parametrize("problem, eps", [("permutation", 0.1), ("permutation", 0.5),
                                          ("pairwise", 0.01)])
@pytest.mark.parametrize("mp_", [1000, 10**6, 10**15, 10**40])
def test_sign_patterns_with_errors(problem, eps, mp_):
    lb = lower_bounds(_fam(problem, mp_), bits="real", layers=2, eps=eps)
    t = next(t for t in lb.lower_bounds if t.theorem == "sign-patterns")
    e = lb.errors_allowed
    with mpmath.workdps(80 + 3 * len(str(mp_))):
        assert e == int(mpmath.floor(mpmath.mpf(repr(eps)) * mp_))
        info, q = _info(problem, mp_, e)
        assert _width_bound(t.neurons, 2, mp_, q) >= info
        assert t.neurons == 1 or _width_bound(t.neurons - 1, 2, mp_, q) < info


@pytest.mark.parametrize("mp_", [1000, 10**6, 10**15, 10**40])
def test_probe_tolerant_width(mp_):
    # δ = 1%: t = ⌊δ m′⌋ wrong one-hot probes; V_δ = V(m′, t) ≤ (m′)_t, so I_δ = log₂((m′−t)!)
    t = tolerant.wrong_probes_allowed(0.01, probes=mp_)
    info = tolerant.info_bits_probe_tolerant("permutation", mp_, t)
    n = sgn.least_width_real(info, layers=1, outputs=mp_, probes=mp_)
    with mpmath.workdps(80 + 3 * len(str(mp_))):
        ref = mpmath.loggamma(mp_ - t + 1) / mpmath.ln(2)
        assert _width_bound(n, 1, mp_, mp_) >= ref
        assert n == 1 or _width_bound(n - 1, 1, mp_, mp_) < ref
