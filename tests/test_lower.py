"""Lower bounds (SPEC §3) checked against exact-integer brute force and sympy limits.

Every expected value is recomputed here: ⌈I_ε⌉ from bit lengths of exact factorials,
least integers by linear scans over exact inequalities (2^(bP) ≥ m′! …), D2/D3 by scanning
P with 2^(bP)·C(D, P)·V_ε ≥ |F| in integers, and the asymptotic constants by sympy limits.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from bounds.counting import log2_factorial_sym
from bounds.families import pairwise, permutation
from bounds.lower import (
    least_width,
    least_width_sym,
    lower_bounds,
    lower_bounds_array,
    neurons_lower_bound,
    params_lower_bound,
)
from bounds.models import description_bits, description_bits_sym, p_dense, peak_params
from proofs.theorems._brute import least_width_scan


# ------------------------------------------------------------------ own references
def pow2_at_least(x: int, k: int) -> bool:
    """2^k >= x for integers x >= 1, k >= 0, exactly."""
    return (x - 1).bit_length() <= k


def ceil_log2(x: int) -> int:
    return (x - 1).bit_length()


def ceil_log2_ratio_ref(p: int, q: int) -> int:
    """Least integer t >= 0 with q * 2^t >= p (0 when q >= p)."""
    t = 0
    while (q << t) < p:
        t += 1
    return t


def my_errors(mp: int, eps_text: str) -> int:
    from fractions import Fraction

    return math.floor(Fraction(eps_text) * mp)


def perm_target(mp: int, eps_text: str = "0") -> tuple[int, int]:
    """(|F|, V_eps) for permutations: m'! and m'!/(m'-e)!."""
    e = my_errors(mp, eps_text)
    return math.factorial(mp), math.perm(mp, e)


def pair_target(mp: int, m: int, eps_text: str = "0", labelled: bool = True) -> tuple[int, int]:
    big = m * (m - 1) // 2
    e = my_errors(mp, eps_text)
    size = math.perm(big, mp) if labelled else math.comb(big, mp)
    return size, math.comb(mp, e) * big**e


def scan_least_width(need: int, bits: int, layers: int) -> int:
    n = 1
    while bits * layers * (n * n + n) < need:
        n += 1
    return n


# ------------------------------------------------------------------ SPEC reference numbers
def test_reference_numbers_m1000():
    f = math.factorial(1000)
    bl = f.bit_length()
    log2f = (bl - 64) + math.log2(f >> (bl - 64))
    assert f"{log2f:.3f}" == "8529.398"
    lb = lower_bounds(permutation(1000), bits=8, layers=1)
    assert lb.log2_instances == pytest.approx(log2f, rel=1e-14)
    assert lb.bits_lb == pytest.approx(log2f, rel=1e-14)
    assert lb.bits_lb_ceil == ceil_log2(f) == 8530
    assert lb.params_lb == 1067 == -(-ceil_log2(f) // 8)
    assert lb.neurons_lb == 33 == scan_least_width(ceil_log2(f), 8, 1)
    assert lb.errors_allowed == 0


def test_reference_numbers_m1e6():
    with mpmath.workdps(40):
        ref = mpmath.loggamma(10**6 + 1) / mpmath.log(2)
        assert mpmath.nstr(ref, 12) == "18488884.82"
        need = int(mpmath.ceil(ref))
    assert need == 18488885
    lb = lower_bounds(permutation(10**6), bits=8, layers=1)
    assert lb.log2_instances == pytest.approx(float(ref), rel=1e-14)
    assert f"{lb.log2_instances:.2f}" == "18488884.82"
    assert lb.bits_lb_ceil == need
    assert lb.params_lb == 2311111 == -(-need // 8)
    assert lb.neurons_lb == 1520 == scan_least_width(need, 8, 1)
    assert 1520 * 1521 * 8 >= need > 1519 * 1520 * 8


def test_lower_bounds_dict_keys_and_provenance():
    d = lower_bounds(permutation(1000), bits=8).as_dict()
    keys = ["m_prime", "problem", "bits_per_param", "layers", "eps", "model", "log2_instances",
            "bits_lb", "params_lb", "neurons_lb", "provenance"]
    assert list(d)[: len(keys)] == keys
    assert d["provenance"].startswith("this library's theorem params-dense under b=8, L=1")
    assert "paper claim A1 (asymptotic)" in d["provenance"]
    assert "paper" not in d["provenance"].split(";")[0]  # the constant is the library's
    assert any("D1 dense" in a for a in d["assumptions"])


# ------------------------------------------------------------------ least integers, exactly
MODERATE = [2, 3, 4, 5, 10, 31, 100, 257, 1000, 4096, 12345]


@pytest.mark.parametrize("mp", MODERATE)
@pytest.mark.parametrize("bits", [1, 3, 8, 16])
@pytest.mark.parametrize("eps_text", ["0", "0.1", "0.37"])
def test_params_dense_least_integer_exact_permutation(mp, bits, eps_text):
    size, vol = perm_target(mp, eps_text)
    x = size // vol  # (m'-e)!, exact
    assert x * vol == size
    p = params_lower_bound(permutation(mp), bits=bits, eps=float(eps_text))
    assert isinstance(p, int)
    assert pow2_at_least(x, bits * p)  # P*b >= I
    if p > 0:
        assert not pow2_at_least(x, bits * (p - 1))  # (P-1)*b < I
    else:
        assert x == 1


@pytest.mark.parametrize("mp, m", [(2, 3), (3, 3), (10, 10), (45, 10), (100, 100), (300, 40)])
@pytest.mark.parametrize("bits", [1, 8])
@pytest.mark.parametrize("eps_text", ["0", "0.1", "0.5"])
@pytest.mark.parametrize("labelled", [True, False])
def test_params_dense_least_integer_exact_pairwise(mp, m, bits, eps_text, labelled):
    size, vol = pair_target(mp, m, eps_text, labelled)
    fam = pairwise(mp, m=m, labelled=labelled)
    p = params_lower_bound(fam, bits=bits, eps=float(eps_text))
    need = ceil_log2_ratio_ref(size, vol)
    assert (vol << (bits * p)) >= size
    if p > 0:
        assert (vol << (bits * (p - 1))) < size
    assert p == -(-need // bits)
    assert fam.info_bits_ceil(float(eps_text)) == need


@pytest.mark.parametrize("mp", MODERATE)
@pytest.mark.parametrize("bits, layers", [(1, 1), (8, 1), (3, 4), (16, 2)])
def test_neurons_least_width_scan(mp, bits, layers):
    need = ceil_log2(math.factorial(mp))
    want = scan_least_width(need, bits, layers)
    assert neurons_lower_bound(permutation(mp), bits=bits, layers=layers) == want
    assert least_width(need, bits, layers) == want
    lb = lower_bounds(permutation(mp), bits=bits, layers=layers)
    assert lb.neurons_lb == want
    assert bits * p_dense([want] * (layers + 1)) >= need


def test_least_width_scan_many_values():
    for need in list(range(0, 3000)) + [10**12 + k for k in range(-50, 50)]:
        for bits, layers in ((1, 1), (8, 1), (2, 3)):
            n = least_width_scan(need, bits, layers)  # isqrt then stepped (_brute.py)
            if need < 3000:
                assert n == scan_least_width(need, bits, layers)
            assert least_width(need, bits, layers) == n


def test_least_width_huge_exact():
    need = 10**60 + 7
    n = least_width(need, 8, 1)
    assert 8 * (n * n + n) >= need > 8 * ((n - 1) * (n - 1) + (n - 1))


def test_least_width_sym_closed_form():
    info, b, L = sp.symbols("I b L", positive=True)
    n = least_width_sym(info, b, L)
    assert sp.simplify(b * L * (n**2 + n) - info) == 0
    # numerically: ceil of the closed form equals the scan where no rounding issue exists
    for need in (1067 * 8, 2311111 * 8, 12345):
        v = float(n.subs({info: need, b: 8, L: 1}))
        assert math.ceil(v) == scan_least_width(need, 8, 1)


# ------------------------------------------------------------------ D2 / D3 by brute force
def scan_params(model: str, size: int, vol: int, bits: int, slots: int) -> int | None:
    for p in range(0, slots + 1):
        have = (math.comb(slots, p) << (bits * p) if model == "sparse"
                else sum(math.comb(slots, j) for j in range(p + 1)))
        if have * vol >= size:
            return p
    return None


@pytest.mark.parametrize("model", ["sparse", "mask"])
@pytest.mark.parametrize("mp", [3, 4, 6, 8, 10, 13])
@pytest.mark.parametrize("slots", [1, 5, 10, 20, 50, 200])
@pytest.mark.parametrize("bits", [1, 2, 5])
@pytest.mark.parametrize("eps_text", ["0", "0.25"])
def test_params_sparse_mask_vs_scan(model, mp, slots, bits, eps_text):
    size, vol = perm_target(mp, eps_text)
    want = scan_params(model, size, vol, bits, slots)
    got = params_lower_bound(permutation(mp), bits=bits, eps=float(eps_text), model=model,
                             slots=slots)
    assert got == want


@pytest.mark.parametrize("model", ["sparse", "mask"])
@pytest.mark.parametrize("mp, m", [(3, 3), (6, 5), (12, 8)])
@pytest.mark.parametrize("slots", [4, 30, 120])
def test_params_sparse_mask_pairwise_vs_scan(model, mp, m, slots):
    size, vol = pair_target(mp, m)
    want = scan_params(model, size, vol, 2, slots)
    assert params_lower_bound(pairwise(mp, m=m), bits=2, model=model, slots=slots) == want


@pytest.mark.parametrize("model", ["sparse", "mask"])
@pytest.mark.parametrize("slots", [1, 2, 3, 7, 10, 33, 100, 257])
@pytest.mark.parametrize("bits", [1, 2, 8])
def test_peak_params_is_an_argmax(model, slots, bits):
    vals = [math.comb(slots, p) << (bits * p) if model == "sparse"
            else sum(math.comb(slots, j) for j in range(p + 1)) for p in range(slots + 1)]
    peak = peak_params(model, slots, bits)
    assert vals[peak] == max(vals)
    assert peak_params("dense", slots, bits) == slots


def scan_neurons(model: str, size: int, vol: int, bits: int, layers: int) -> int:
    n = 1
    while True:
        d = layers * (n * n + n)
        if model == "dense":
            best = 1 << (bits * d)
        elif model == "sparse":
            best = max(math.comb(d, p) << (bits * p) for p in range(d + 1))
        else:
            best = 2**d  # D3: every subset of the d slots
        if best * vol >= size:
            return n
        n += 1


@pytest.mark.parametrize("model", ["dense", "sparse", "mask"])
@pytest.mark.parametrize("mp", [3, 5, 8, 12, 20, 40])
@pytest.mark.parametrize("bits, layers", [(1, 1), (4, 2)])
def test_neurons_all_models_vs_scan(model, mp, bits, layers):
    size, vol = perm_target(mp)
    want = scan_neurons(model, size, vol, bits, layers)
    got = neurons_lower_bound(permutation(mp), bits=bits, layers=layers, model=model)
    assert got == want
    lb = lower_bounds(permutation(mp), bits=bits, layers=layers, model=model)
    assert lb.neurons_lb == want
    if model != "dense":
        # D defaults to P_dense(n, L) of that least width
        assert lb.slots == layers * (want * want + want)
        assert lb.params_lb == scan_params(model, size, vol, bits, lb.slots)


@pytest.mark.parametrize("mp", [10, 100, 1000, 10**4])
@pytest.mark.parametrize("slots", [10**3, 10**5, 10**8])
@pytest.mark.parametrize("bits", [1, 8])
def test_model_ordering_d2_le_d1_le_d3_params(mp, slots, bits):
    fam = permutation(mp)
    d1 = params_lower_bound(fam, bits=bits)
    d2 = params_lower_bound(fam, bits=bits, model="sparse", slots=slots)
    d3 = params_lower_bound(fam, bits=bits, model="mask", slots=slots)
    if d1 <= slots:  # D1 fits in D slots, so D2 (more bits per P) fits too
        assert d2 is not None and d2 <= d1
    if d3 is not None:
        assert d2 is not None and d2 <= d3
    if d2 is not None:
        # D2 is the least P with b*P + log2 C(D, P) >= I: check with floats with a margin
        need = fam.info_bits()
        assert description_bits("sparse", d2, bits, slots) >= need - 1e-9
        if d2 > 0:
            assert description_bits("sparse", d2 - 1, bits, slots) < need + 1e-9


def test_sparse_reference_docstring_value():
    # P >= 413 for permutation(1000), b = 8, D = 10**6: recheck at 50 digits
    with mpmath.workdps(50):
        need = mpmath.loggamma(1001) / mpmath.log(2)

        def bits_of(p):
            return p * 8 + (mpmath.loggamma(10**6 + 1) - mpmath.loggamma(p + 1)
                            - mpmath.loggamma(10**6 - p + 1)) / mpmath.log(2)

        assert bits_of(413) >= need > bits_of(412)
    assert params_lower_bound(permutation(1000), bits=8, model="sparse", slots=10**6) == 413


def test_sparse_none_when_slots_too_few():
    # D = 3 slots, b = 1: at most 2^3*C(3,3)... max_P 2^P C(3,P) = 8 < 5! = 120
    assert params_lower_bound(permutation(5), bits=1, model="sparse", slots=3) is None
    lb = lower_bounds(permutation(5), bits=1, model="mask", slots=3)
    assert lb.params_lb is None


def test_slots_required_for_sparse_params():
    with pytest.raises(ValueError, match="slots"):
        params_lower_bound(permutation(10), bits=8, model="sparse")


# ------------------------------------------------------------------ neurons vs capacity models
@pytest.mark.parametrize("mp", [10, 100, 1000, 10**5])
@pytest.mark.parametrize("bits", [1, 8])
def test_neuron_bounds_ordered_by_model(mp, bits):
    fam = permutation(mp)
    n1 = neurons_lower_bound(fam, bits=bits)
    n2 = neurons_lower_bound(fam, bits=bits, model="sparse")
    n3 = neurons_lower_bound(fam, bits=bits, model="mask")
    assert n2 <= n1 <= n3


# ------------------------------------------------------------------ asymptotics (sympy limit)
def test_params_ratio_limit_is_one_minus_eps_over_b():
    x = sp.Symbol("x", positive=True)
    for eps, b in ((sp.Integer(0), 8), (sp.Rational(1, 10), 8), (sp.Rational(1, 2), 3)):
        info = log2_factorial_sym((1 - eps) * x)  # I_eps = log2((m' - eps m')!)
        lim = sp.limit(info / b / (x * sp.log(x, 2)), x, sp.oo)
        assert sp.simplify(lim - (1 - eps) / b) == 0


def test_params_ratio_numeric_trend():
    # exact library values approach (1-eps)/b, the error shrinking like 1/log m'
    errs = []
    for k in (3, 6, 9, 12, 15):
        mp = 10**k
        p = params_lower_bound(permutation(mp), bits=8, eps=0.1)
        errs.append(abs(p / (mp * math.log2(mp)) - 0.9 / 8))
    assert all(a > b for a, b in zip(errs, errs[1:], strict=False))
    assert errs[-1] < 0.004


def test_neurons_squared_over_m_log_m_limit():
    # n = (-1 + sqrt(1 + 4I/(bL)))/2 with I = log2(m'!):
    #   n^2 / (I/(bL)) -> 1   and   I / (m' ln m') -> 1/ln 2,  so the limit is 1/(b L ln 2)
    info, b, L, x = sp.symbols("I b L x", positive=True)
    n = least_width_sym(info, b, L)
    assert sp.limit(n**2 * b * L / info, info, sp.oo) == 1
    assert sp.simplify(sp.limit(log2_factorial_sym(x) / (x * sp.log(x)), x, sp.oo)
                       - 1 / sp.log(2)) == 0
    const = 1 / (8 * math.log(2))
    vals = [neurons_lower_bound(permutation(10**k), bits=8) ** 2 / (10**k * math.log(10**k))
            for k in (4, 8, 12, 16)]  # 0.162, 0.171, 0.174, 0.175 -> 0.180
    errs = [abs(v - const) for v in vals]
    assert all(a > b for a, b in zip(errs, errs[1:], strict=False)) and errs[-1] < 0.05 * const


def test_sparse_with_polynomial_slots_limit():
    """D2 with D = m'^c: B(alpha m') / I(m') -> alpha (c - 1), hence P ~ m'/(c - 1) and
    params * (b + c log2 m') / (m' log2 m') -> c / (c - 1) (= 2 for c = 2): only Omega(m')."""
    x = sp.Symbol("x", positive=True)
    b = sp.Integer(8)
    lim = sp.limit(description_bits_sym("sparse", x, b, x**2) / log2_factorial_sym(x), x, sp.oo)
    assert lim == 1  # alpha = 1, c = 2
    # the exact library values move towards c/(c-1) = 2 (slowly, like 1/log m')
    ratios = []
    for k in (3, 6, 9, 12):
        mp = 10**k
        p = params_lower_bound(permutation(mp), bits=8, model="sparse", slots=mp**2)
        ratios.append(p * (8 + 2 * math.log2(mp)) / (mp * math.log2(mp)))
    assert all(a < b for a, b in zip(ratios, ratios[1:], strict=False))
    assert 1.5 < ratios[-1] < 2.0
    # and P / m' -> 1/(c - 1) = 1 from below
    assert 0.7 < p / mp < 1.0


# ------------------------------------------------------------------ vector path == scalar path
def _scalar(mp, bits, layers, eps):
    lb = lower_bounds(permutation(mp), bits=bits, layers=layers, eps=eps)
    return lb.params_lb, lb.neurons_lb, lb.bits_lb


@pytest.mark.parametrize("bits, layers, eps", [(8, 1, 0.0), (1, 1, 0.0), (3, 2, 0.1),
                                               (8, 1, 0.37)])
def test_array_path_equals_scalar_path_on_sample(bits, layers, eps):
    rng = np.random.default_rng(12345)
    grid = np.unique(np.round(np.logspace(np.log10(2), 9, 40)).astype(np.int64))
    sample = np.unique(np.concatenate([grid, rng.integers(2, 10**7, size=40), [2, 3, 1000]]))
    out = lower_bounds_array(sample, bits=bits, layers=layers, eps=eps)
    assert out["m_prime"].tolist() == sample.tolist()
    for i, mp in enumerate(sample.tolist()):
        p, n, info = _scalar(mp, bits, layers, eps)
        assert int(out["params_lb"][i]) == p, mp
        assert int(out["neurons_lb"][i]) == n, mp
        assert out["bits_lb"][i] == pytest.approx(info, rel=1e-12)
        assert out["log2_instances"][i] == pytest.approx(permutation(mp).log2_size(), rel=1e-12)


@pytest.mark.parametrize("mp, bits, eps", [(100002950, 8, 0.0), (100003798, 8, 0.0),
                                           (10**12 - 1, 8, 0.1)])
def test_array_path_least_integer_near_boundaries(mp, bits, eps):
    """Regression: the fast path must still give the least integer.

    At m' = 100 002 950 (b = 8, eps = 0) I/b is 3.6e-5 above an integer; the array path's
    1e-12-relative downward fudge (3e-4 here) used to round it down. At m' = 10**12 - 1,
    eps = 0.1 the fudge on e = floor(eps m') gave e = 10**11 instead of 10**11 - 1.
    """
    from fractions import Fraction

    e = math.floor(Fraction(repr(eps)) * mp)
    with mpmath.workdps(60):
        need = mpmath.loggamma(mp - e + 1) / mpmath.log(2)
        want = int(mpmath.ceil(need / bits))
        assert abs(need / bits - mpmath.nint(need / bits)) > mpmath.mpf(10) ** -9
    out = lower_bounds_array(np.array([mp]), bits=bits, eps=eps)
    assert lower_bounds(permutation(mp), bits=bits, eps=eps).params_lb == want
    assert int(out["params_lb"][0]) == want


def test_array_path_reference_and_validation():
    out = lower_bounds_array(np.array([1000, 10**6]), bits=8)
    assert out["params_lb"].tolist() == [1067, 2311111]
    assert out["neurons_lb"].tolist() == [33, 1520]
    for bad in (np.array([1, 5]), np.array([2.5]), np.array([0])):
        with pytest.raises(ValueError, match="m_prime"):
            lower_bounds_array(bad, bits=8)
    with pytest.raises(ValueError, match="bits"):
        lower_bounds_array(np.array([10]), bits=0)


def _own_bits(model: str, p: int, bits: int, slots: int) -> mpmath.mpf:
    lc = (mpmath.loggamma(mpmath.mpf(slots) + 1) - mpmath.loggamma(mpmath.mpf(p) + 1)
          - mpmath.loggamma(mpmath.mpf(slots - p) + 1)) / mpmath.log(2)
    return lc + p * bits


def _own_peak(model: str, slots: int, bits: int) -> int:
    # B(P+1) >= B(P)  <=>  2^b (D - P) >= P + 1 (sparse)
    return min(slots, (2**bits * slots - 1) // (2**bits + 1) + 1)


@pytest.mark.parametrize("exp", [74, 84, 100])
@pytest.mark.parametrize("model", ["sparse"])
def test_sparse_mask_huge_m_prime_decided_and_least(exp, model):
    """Regression: with D = P_dense(n) the least P sits on the flat top of B(P), where
    consecutive values differ by ~1/D; a fixed 1e-20 margin refused every m' >~ 1e74."""
    mp, bits = 10**exp, 8
    lb = lower_bounds(permutation(mp), bits=bits, model=model)
    n, d, p = lb.neurons_lb, lb.slots, lb.params_lb
    assert d == n * n + n and p is not None
    with mpmath.workdps(3 * exp + 200):
        need = mpmath.loggamma(mpmath.mpf(mp) + 1) / mpmath.log(2)
        assert _own_bits(model, p, bits, d) >= need > _own_bits(model, p - 1, bits, d)
        d_prev = (n - 1) * (n - 1) + (n - 1)
        assert _own_bits(model, _own_peak(model, d, bits), bits, d) >= need
        assert _own_bits(model, _own_peak(model, d_prev, bits), bits, d_prev) < need


@pytest.mark.parametrize("mp, bits", [(2 * 10**17, 1), (10**18, 8), (2**62 - 1, 8)])
def test_array_path_no_int64_overflow(mp, bits):
    """m' < 2**62 is accepted, but params = I/b exceeds int64 from m' ~ 1.5e17 (b = 1).

    Either refuse such m' with a clear ValueError or return the right number; a silent
    negative params_lb (cast overflow) is wrong."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            out = lower_bounds_array(np.array([mp]), bits=bits)
        except ValueError as exc:
            assert "m_prime" in str(exc)
            return
    with mpmath.workdps(60):
        want = mpmath.loggamma(mpmath.mpf(mp) + 1) / mpmath.log(2) / bits
    got = out["params_lb"][0]
    assert got > 0
    assert abs(int(got) - want) / want < 1e-12
