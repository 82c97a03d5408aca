"""Capacity and solve with real parameters (issue 10 item 1 leftovers), against independent
computations: the sign-pattern bound (*) re-evaluated from the lemma in natural logs, a
brute-force scan over m′, and mpmath at large n."""

from __future__ import annotations

import functools
import json
from fractions import Fraction

import mpmath
import pytest

from bounds.capacity import capacity, capacity_real, fits_real
from bounds.solve import solve
from proofs.theorems._brute import sign_patterns_width_ref as _bound_ref


def _info_ref(problem: str, mp_: int) -> tuple[mpmath.mpf, int]:
    """(I_0, q): log₂ m′! and m′ probes, or log₂ (M)_{m′} (M = C(m, 2), m = m′ or 3) and
    1 + m + M probes."""
    if problem == "permutation":
        return mpmath.loggamma(mp_ + 1) / mpmath.ln(2), mp_
    m = max(mp_, 3)
    pairs = m * (m - 1) // 2
    return (mpmath.loggamma(pairs + 1) - mpmath.loggamma(pairs - mp_ + 1)) / mpmath.ln(2), \
        1 + m + pairs


def _fits_ref(problem: str, mp_: int, n: int, layers: int) -> bool:
    with mpmath.workdps(60 + 3 * len(str(mp_))):
        info, q = _info_ref(problem, mp_)
        return _bound_ref(n, layers, mp_, q) >= info


@pytest.mark.parametrize("problem", ["permutation", "pairwise"])
@pytest.mark.parametrize("layers", [1, 2, 4])
def test_capacity_real_equals_brute_force_scan(problem, layers):
    # every m′ in [2, 3·cap + 40] decided independently: the fitting m′ form exactly [2, cap]
    for n in (1, 2, 3, 5, 8):
        cap = capacity_real(n, layers=layers, problem=problem).m_prime_max
        top = 3 * cap + 40
        fitting = [mp_ for mp_ in range(2, top + 1) if _fits_ref(problem, mp_, n, layers)]
        assert fitting == list(range(2, cap + 1)), (n, cap, fitting[-3:])


@pytest.mark.parametrize("problem", ["permutation", "pairwise"])
@pytest.mark.parametrize("n", [10**3, 10**6, 10**15])
def test_capacity_real_large_n_mpmath(problem, n):
    cap = capacity_real(n, problem=problem).m_prime_max
    assert _fits_ref(problem, cap, n, 1)
    assert not _fits_ref(problem, cap + 1, n, 1)
    # the real-parameter count allows at least as much as b-bit networks for every b
    # that the sign-pattern count beats only at large b: here compare with b = 8
    assert cap >= capacity(n, bits=8, problem=problem).m_prime_max or n >= 10**15


@pytest.mark.parametrize("mp_", [2, 10, 1000, 10**6, 10**15])
def test_solve_real_inverse_of_capacity(mp_):
    n = solve(m_prime=mp_, bits="real", layers=1).neurons
    assert _fits_ref("permutation", mp_, n, 1)
    assert n == 1 or not _fits_ref("permutation", mp_, n - 1, 1)
    assert solve(neurons=n, bits="real", layers=1).m_prime >= mp_
    if n > 1:
        assert capacity_real(n - 1).m_prime_max < mp_


def test_solve_real_layers_least():
    for mp_, n in ((1000, 12), (10**5, 60)):
        layers = solve(m_prime=mp_, neurons=n, bits="real").layers
        assert _fits_ref("permutation", mp_, n, layers)
        assert layers == 1 or not _fits_ref("permutation", mp_, n, layers - 1)


def test_fits_real_matches_reference_near_answer():
    assert fits_real(1000, 19) and not fits_real(1000, 18)
    assert _fits_ref("permutation", 1000, 19, 1) and not _fits_ref("permutation", 1000, 18, 1)


@pytest.mark.parametrize("kwargs, word", [
    ({"eps": 0.1, "problem": "pairwise"}, "eps"), ({"problem": "mixed"}, "problem"),
    ({"model": "sparse"}, "model")])
def test_capacity_real_refusals(kwargs, word):
    with pytest.raises(ValueError, match=word):
        capacity(100, bits="real", **kwargs)


def test_solve_real_refuses_pairwise_eps_capacity():
    with pytest.raises(ValueError, match="eps"):
        solve(neurons=100, bits="real", layers=1, eps=0.1, problem="pairwise")


# ---------------------------------------------------------------- eps > 0 (permutations)
def _fits_eps_ref(mp_: int, n: int, layers: int, eps: float) -> bool:
    """B(m′) ≥ log₂((m′ − ⌊εm′⌋)!) with ⌊εm′⌋ from exact integers (ε = p/q given as such)."""
    num, den = Fraction(repr(eps)).as_integer_ratio()
    e = mp_ * num // den
    with mpmath.workdps(_dps(mp_)):
        return _width_ref(n, layers, mp_) >= mpmath.loggamma(mp_ - e + 1) / mpmath.ln(2)


def _dps(mp_: int) -> int:
    return 60 + 3 * len(str(mp_))


@functools.cache
def _width_ref(n: int, layers: int, mp_: int) -> mpmath.mpf:
    """B(m′) at the precision :func:`_fits_eps_ref` uses for m′, computed once: it does not
    depend on ε, and the scans below for the three ε go over the same m′."""
    with mpmath.workdps(_dps(mp_)):
        return _bound_ref(n, layers, mp_, mp_)


@pytest.mark.parametrize("eps", [0.05, 0.3, 0.75])
@pytest.mark.parametrize("layers", [1, 3])
def test_capacity_real_eps_is_largest_fitting_by_brute_scan(eps, layers):
    # every m′ in [2, 3·cap + 40] decided independently: cap fits and nothing above it does
    for n in (1, 2, 4, 7):
        cap = capacity_real(n, layers=layers, eps=eps).m_prime_max
        fitting = [k for k in range(2, 3 * cap + 41) if _fits_eps_ref(k, n, layers, eps)]
        assert (max(fitting) if fitting else 0) == cap, (n, cap, fitting[-3:])


@pytest.mark.parametrize("n", [10**3, 10**6, 10**15])
def test_capacity_real_eps_large_n(n):
    eps = 0.1
    cap = capacity_real(n, eps=eps).m_prime_max
    assert _fits_eps_ref(cap, n, 1, eps)
    assert not any(_fits_eps_ref(cap + j, n, 1, eps) for j in range(1, 30))
    # tolerating errors can only enlarge the capacity (I_eps <= I_0)
    assert cap >= capacity_real(n).m_prime_max


@pytest.mark.parametrize("eps", [0.1, 0.5])
def test_relaxed_info_below_exact_and_ratio_nondecreasing(eps):
    from bounds.capacity import info_lower_permutation

    with mpmath.workdps(60):
        lo = [info_lower_permutation(k, eps) for k in range(1, 400)]
        assert all(lo[k - 1] <= mpmath.loggamma(k - int(Fraction(repr(eps)) * k) + 1)
                   / mpmath.ln(2) + mpmath.mpf(10) ** -40 for k in range(1, 400))
        ratios = [v / k for k, v in enumerate(lo, start=1)]
        assert all(a <= b for a, b in zip(ratios, ratios[1:], strict=False))


def test_solve_real_eps_capacity_matches():
    s = solve(neurons=10, bits="real", layers=1, eps=0.1)
    assert s.solved_for == "m_prime"
    assert s.m_prime == capacity_real(10, eps=0.1).m_prime_max == 390


def test_cli_real_eps_capacity_and_refusals():
    from click.testing import CliRunner

    from bounds.cli import build_cli

    runner, cli = CliRunner(), build_cli()
    res = runner.invoke(cli, ["capacity", "10", "--bits", "real", "--eps", "0.1", "--json"])
    assert res.exit_code == 0 and json.loads(res.output)[0]["m_prime_max"] == 390
    for args in (["capacity", "10", "--bits", "real", "--eps", "0.1", "--problem", "pairwise"],
                 ["solve", "--neurons", "10", "--bits", "real", "--layers", "1", "--eps", "0.1",
                  "--problem", "pairwise"]):
        res = runner.invoke(cli, args)
        lines = res.output.strip().splitlines()
        assert res.exit_code == 2 and len(lines) == 1 and "eps" in lines[0], res.output
        assert "Traceback" not in res.output
