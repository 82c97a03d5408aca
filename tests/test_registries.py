"""The family and model registries, the D3 (mask) fix and the binomial-prefix enclosure.

Reference values are computed independently here: exact big integers by enumeration or
math.comb sums, never by the library's own formulas.
"""

from __future__ import annotations

import itertools
import math

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounds.counting import binomial_prefix, log2_binomial_prefix_interval
from bounds.families import (
    FAMILIES,
    cli_problems,
    family,
    least_pair_inputs,
    mixed,
    pairwise,
    permutation,
)
from bounds.lower import lower_bounds, lower_bounds_array, params_lower_bound
from bounds.models import MODELS, get_model
from proofs.theorems._brute import max_tolerant_counts


def test_registry_lists_every_family_and_cli_offers_two():
    assert set(FAMILIES) == {"permutation", "pairwise", "mixed", "user"}
    assert cli_problems() == ("permutation", "pairwise")
    for name, entry in FAMILIES.items():
        assert entry.cls.name == name


def test_family_rejects_options_that_do_not_apply():
    with pytest.raises(ValueError, match="op does not apply to problem permutation"):
        family("permutation", 10, op="XOR")
    with pytest.raises(ValueError, match="labelled does not apply"):
        family("permutation", 10, labelled=False)
    assert family("pairwise", 10, op=None).op == "AND"  # None means the default


@pytest.mark.parametrize("mp", [2, 3, 4, 5, 6, 7, 10, 11, 1000, 10**6, 10**12 + 7])
def test_least_pair_inputs_is_least(mp):
    m = least_pair_inputs(mp)
    assert math.comb(m, 2) >= mp
    assert m == 2 or math.comb(m - 1, 2) < mp


def test_error_message_names_the_least_valid_m():
    with pytest.raises(ValueError, match=r"m >= 1415 "):
        pairwise(10**6, m=1000)
    pairwise(10**6, m=1415)  # the least valid m works


@pytest.mark.parametrize("fam", [permutation(4), pairwise(3, m=4), pairwise(3, m=4, op="XOR"),
                                 pairwise(2, m=4, labelled=False)])
def test_sample_validate_evaluate_roundtrip(fam):
    inst = fam.sample_instance(7)
    assert np.array_equal(fam.validate_instance(inst), inst)
    probes = fam.probes()
    # evaluation on an array instance equals evaluation on its tuple form
    as_tuple = tuple(tuple(r) for r in inst.tolist()) if inst.ndim == 2 else tuple(inst.tolist())
    assert np.array_equal(fam.evaluate(inst, probes), fam.evaluate(as_tuple, probes))


def test_validate_instance_rejects_bad_instances():
    with pytest.raises(ValueError, match="permutation of range"):
        permutation(3).validate_instance([0, 0, 1])
    with pytest.raises(ValueError, match="distinct"):
        pairwise(2, m=3).validate_instance([[0, 1], [1, 0]])
    with pytest.raises(ValueError, match="lie in"):
        pairwise(2, m=3).validate_instance([[0, 1], [1, 3]])


@pytest.mark.parametrize("problem, options", [
    ("permutation", {}), ("pairwise", {}), ("pairwise", {"labelled": False}),
    ("mixed", {"ops": ("AND", "OR", "XOR")}),
])
@pytest.mark.parametrize("eps", [0.0, 0.1])
def test_array_path_covers_every_family_and_equals_scalar(problem, options, eps):
    mps = np.array([2, 3, 7, 50, 999, 10**4, 123_457])
    out = lower_bounds_array(mps, bits=4, layers=2, eps=eps, problem=problem, **options)
    for i, mp in enumerate(mps.tolist()):
        lb = lower_bounds(family(problem, mp, **options), bits=4, layers=2, eps=eps)
        assert (out["params_lb"][i], out["neurons_lb"][i]) == (lb.params_lb, lb.neurons_lb)


def test_array_path_refuses_user_family():
    with pytest.raises(ValueError, match="no array form"):
        lower_bounds_array(np.array([10]), bits=8, problem="user")


def test_lower_bounds_accepts_an_integer_m_prime():
    assert lower_bounds(1000, bits=8).params_lb == 1067
    assert lower_bounds(10**6, bits=8).neurons_lb == 1520


def test_model_registry():
    assert list(MODELS) == ["dense", "sparse", "mask"]
    assert [get_model(k).label for k in MODELS] == ["D1 dense", "D2 sparse", "D3 mask"]
    with pytest.raises(ValueError, match="model must be one of dense, sparse, mask"):
        get_model("D4")


# ------------------------------------------------------------------ D3 (mask only)
def test_mask_counts_masks_with_at_most_p_survivors():
    """bounds 20 --model mask --slots 64 --bits 1: 2^64 masks exceed 20!; the least P with
    sum_{j<=P} C(64, j) >= 20! is 28 (issue 10 item 5)."""
    target = math.factorial(20)
    want = next(p for p in range(65) if sum(math.comb(64, j) for j in range(p + 1)) >= target)
    assert want == 28
    assert params_lower_bound(permutation(20), bits=1, model="mask", slots=64) == 28


@pytest.mark.parametrize("slots", [1, 4, 9, 16])
def test_mask_bits_by_enumerating_masks(slots):
    """2^B(P) = number of 0/1 masks on D slots with at most P ones, by enumeration."""
    model = get_model("mask")
    for p in range(slots + 1):
        count = sum(1 for mask in itertools.product((0, 1), repeat=slots) if sum(mask) <= p)
        assert model.classes_exact(p, 1, slots) == count
        assert abs(model.bits(p, 1, slots) - math.log2(count)) < 1e-12


@pytest.mark.parametrize("mp", [10, 50, 200, 1000])
@pytest.mark.parametrize("problem", ["permutation", "pairwise"])
def test_mask_default_slots_least_p_exact(mp, problem):
    fam = family(problem, mp)
    lb = lower_bounds(fam, bits=8, model="mask")
    d, p, n = lb.slots, lb.params_lb, lb.neurons_lb
    size = fam.exact_size()
    assert binomial_prefix(d, p) >= size > binomial_prefix(d, p - 1)
    assert 2**d >= size > 2 ** ((n - 1) * n)  # B(D) = D bits: n is the least such width


@pytest.mark.parametrize("exp", [40, 100])
def test_mask_huge_m_prime_is_decided_and_consistent(exp):
    lb = lower_bounds(permutation(10**exp), bits=8, model="mask")
    d, p = lb.slots, lb.params_lb
    with mpmath.workdps(3 * exp + 60):
        need = mpmath.loggamma(mpmath.mpf(10**exp) + 1) / mpmath.log(2)
        assert d >= need > (lb.neurons_lb - 1) * lb.neurons_lb
    # P sits just below D/2: B(D/2) >= D - 1 >= need - 1 and B(P) < D/2 + ... would fail
    assert d // 2 - d**0.8 < p <= d // 2 + 1


@given(st.integers(0, 600), st.data())
def test_prefix_enclosure_contains_exact_value(n, data):
    k = data.draw(st.integers(0, n))
    exact = binomial_prefix(n, k)
    with mpmath.workdps(50):
        truth = mpmath.log(mpmath.mpf(exact), 2)
        for kwargs in ({"max_terms": 2}, {"eta_digits": 3}, {}):
            lo, hi = log2_binomial_prefix_interval(n, k, **kwargs)
            slack = mpmath.mpf(10) ** -25 * max(1, truth)
            assert lo - slack <= truth <= hi + slack


def test_mixed_family_through_registry():
    fam = family("mixed", 3, ops=("AND", "OR", "XOR"), m=4)
    assert fam == mixed(3, ("AND", "OR", "XOR"), m=4)
    assert fam.exact_size() == math.perm(6, 3) * 3**3


# ------------------------------------------------------------------ the family protocol
def check_family_protocol(fam) -> None:
    """What every registered family with exact counts must satisfy, checked by brute force.

    Enumeration count = |F|; the probes tell every two instances apart; the float, array
    and sympy forms agree with the exact integers; V_ε bounds the most instances any one
    network is ε-correct for (enumerated over all networks' probe outputs, |F| <= 1000);
    sampled instances validate and evaluate like their tuple form.
    """
    import sympy as sp

    insts = list(fam.instances())
    assert len(insts) == fam.exact_size()
    probes = fam.probes()
    assert probes.shape == (fam.probe_count(), fam.m)
    assert probes.sum(axis=1).max() <= max(fam.min_sparsity, 1)
    tables = [fam.evaluate(i, probes) for i in insts]
    assert len({t.tobytes() for t in tables}) == len(insts)  # identifiable on the probes
    assert fam.log2_size() == pytest.approx(math.log2(fam.exact_size()), rel=1e-12)
    assert float(fam.log2_size_sym().evalf(30)) == pytest.approx(fam.log2_size(), rel=1e-12)
    # the most instances one network output is eps-correct for, over every network
    # output on the probes (proofs/theorems/_brute.py), while that enumeration is small
    best = max_tolerant_counts(fam) if fam.exact_size() <= 1000 else None
    for e in range(fam.m_prime + 1):
        vol = fam.exact_tolerant_volume(e)
        assert fam.log2_tolerant_volume(e) == pytest.approx(math.log2(vol), abs=1e-9)
        sym = fam.log2_tolerant_volume_sym(sp.Integer(e))
        assert float(sp.N(sym, 30)) == pytest.approx(math.log2(vol), abs=1e-9)
        assert best is None or best[e] <= vol
    if fam.m == type(fam).default_m(fam.m_prime):
        e = np.array([fam.m_prime // 2])
        size, vol = type(fam).log2_counts_array(np.array([fam.m_prime]), e)
        assert size[0] == pytest.approx(fam.log2_size(), rel=1e-12)
        assert vol[0] == pytest.approx(fam.log2_tolerant_volume(int(e[0])), rel=1e-12, abs=1e-12)
    try:
        inst = fam.sample_instance(11)
    except ValueError as err:  # sampling is optional (mixed ops has none)
        assert "cannot be sampled" in str(err)
        return
    assert np.array_equal(fam.validate_instance(inst), inst)
    assert any(np.array_equal(fam.evaluate(inst, probes), t) for t in tables)


@pytest.mark.parametrize("k", [2, 3])
@pytest.mark.parametrize("name", [n for n, e in FAMILIES.items() if e.example is not None])
def test_every_registered_family_follows_the_protocol(name, k):
    check_family_protocol(FAMILIES[name].example(k))


# ------------------------------------------------------------------ extending (issue 8)
# Adding a family, a description model or a construction is one new module plus one
# registry line (docs/extending.md). These tests write such a module into a temporary
# package, run the registry line, and check that the new thing reaches every consumer.
TOY_FAMILY = '''
"""Selections: y_j = x_{sigma(j)} for any map sigma: [m'] -> [m] (a toy family).

|F| = m^{m'}; V_eps = C(m', e) m^e; probes: the m one-hot inputs.
"""
import itertools
import math
from dataclasses import dataclass

import mpmath
import numpy as np

from bounds.families import CliOption, Explanation, ProblemFamily


@dataclass(frozen=True)
class Selection(ProblemFamily):
    name = "selection"
    min_sparsity = 1
    instance_text = "a map sigma of range(m') into range(m), y_j = x[sigma[j]]"
    m_prime_ceiling = 10**50
    cli_options = (CliOption("--m", "m", "inputs m, an integer in [1, 10^6] (default m').",
                             low=1, high=10**6),)

    @property
    def label(self):
        return f"selection (m={self.m})"

    @staticmethod
    def default_m(m_prime):
        return m_prime

    def info_nondecreasing(self):
        return True

    def conjunctive(self):
        return True  # y_j = x[sigma[j]]: the AND of one feature

    def explanation(self):
        return Explanation(
            "log₂|F| = m' log₂ m", "m' log2 m", "|F| = m^{m'}",
            "I_eps = m' log2 m - log2 C(m', e) - e log2 m",
            f"Take the selection family: output j copies any one of the m = {self.m:,} inputs.",
            "On the one-hot input e_i, output j is on iff sigma(j) = i.",
            "proofs counting-lemma")

    def exact_size(self):
        return self.m ** self.m_prime

    def exact_tolerant_volume(self, e):
        return math.comb(self.m_prime, e) * self.m ** e

    def _log2_size_mp(self):
        return self.m_prime * mpmath.log(self.m, 2)

    def _log2_volume_mp(self, e):
        n, lg = self.m_prime, mpmath.loggamma
        return (lg(n + 1) - lg(e + 1) - lg(n - e + 1)) / mpmath.ln(2) + e * mpmath.log(self.m, 2)

    @classmethod
    def log2_counts_array(cls, m_prime, errors, **_):
        from scipy.special import gammaln
        n = np.asarray(m_prime, dtype=float)
        e = np.asarray(errors, dtype=float)
        comb = (gammaln(n + 1) - gammaln(e + 1) - gammaln(n - e + 1)) / np.log(2)
        return n * np.log2(n), comb + e * np.log2(n)

    def log2_size_sym(self, m_prime=None, m=None):
        import sympy as sp
        n = sp.Integer(self.m_prime) if m_prime is None else m_prime
        return n * sp.log(sp.Integer(self.m) if m is None else m, 2)

    def log2_tolerant_volume_sym(self, e, m_prime=None):
        import sympy as sp
        n = sp.Integer(self.m_prime) if m_prime is None else m_prime
        return sp.log(sp.binomial(n, e), 2) + e * sp.log(self.m, 2)

    def probes(self):
        return np.eye(self.m, dtype=np.int8)

    def probe_count(self):
        return self.m

    def instances(self, limit=2_000_000):
        yield from itertools.product(range(self.m), repeat=self.m_prime)

    def evaluate(self, instance, x):
        return np.asarray(x).astype(bool)[:, np.asarray(instance, dtype=np.int64)]

    def sample_instance(self, seed):
        return np.random.default_rng(seed).integers(0, self.m, self.m_prime)

    def validate_instance(self, instance):
        inst = self._as_int_array(instance)
        if inst.shape != (self.m_prime,) or inst.min() < 0 or inst.max() >= self.m:
            raise ValueError(f"instance must map range({self.m_prime}) into range({self.m})")
        return inst


def selection(m_prime, *, m=None):
    from bounds.validation import as_int, as_m_prime
    n = as_m_prime(m_prime)
    return Selection(n, n if m is None else as_int(m, "m", 1))
'''
#: the one registry line (in the repository: in bounds/families/registry.py)
FAMILY_LINE = ('register_family(FamilyEntry("selection", Selection, selection, '
               '"each output copies any input", options=("m",), example=selection))')

TOY_MODEL = '''
"""D1 with a sign bit: every parameter is b bits plus a sign, B(P) = (b + 1) P (a toy)."""
from dataclasses import dataclass

import mpmath

from bounds.models import DescriptionModel


@dataclass(frozen=True)
class Signed(DescriptionModel):
    key = "signed"
    label = "D1+ signed"
    theorem = "params-signed"
    statement = "Under B = (b + 1) P, any class computing every instance has (b + 1) P >= I_eps."
    claims = ("A1",)
    needs_slots = False
    counts = "dense parameters"
    summary = "dense, b bits and a sign per parameter: B = (b + 1) P"
    m_prime_ceiling = 10**30
    width_ceiling = 10**20
    ratio_columns = ("m' log2 m'",)

    def bits_mp(self, params, bits, slots=None, dps=30):
        params, bits, _ = self.check(params, bits, slots)
        return mpmath.mpf(params * (bits + 1))

    def classes_exact(self, params, bits, slots=None):
        params, bits, _ = self.check(params, bits, slots)
        return 1 << (params * (bits + 1))

    def bits_sym(self, params, bits, slots=None):
        return params * (bits + 1)

    def peak_params(self, slots, bits):
        return slots
'''
MODEL_LINE = "register_model(Signed())"

TOY_CONSTRUCTION = '''
"""C0 for the toy selection family: one ReLU(x_sigma(j)) per output (a toy construction)."""


def build(m_prime, k, delta, seed, *, m=None, instance=None):
    from bounds.constructions.trivial import build_trivial
    return build_trivial("selection", m_prime, instance=instance, seed=seed, m=m, k=k)
'''
CONSTRUCTION_LINE = ('register(Construction("toy-c0", "T0", "toy C0 copy", "selection", '
                     '"network", build, options=("m",), simulate=True))')

_IMPORTS = {
    "toy_family": "from bounds.families import FamilyEntry, register_family",
    "toy_model": "from bounds.models import register_model",
    "toy_construction": "from bounds.constructions.registry import Construction, register",
}
_LINES = {"toy_family": FAMILY_LINE, "toy_model": MODEL_LINE,
          "toy_construction": CONSTRUCTION_LINE}


def _write_package(root):
    pkg = root / "toyext"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, src in (("toy_family", TOY_FAMILY), ("toy_model", TOY_MODEL),
                      ("toy_construction", TOY_CONSTRUCTION)):
        (pkg / f"{name}.py").write_text(src)
    return pkg


def _bootstrap(*names: str) -> str:
    """Import the new modules and run their one registry line each."""
    code = []
    for name in names:
        code += [_IMPORTS[name], f"from toyext.{name} import *", _LINES[name]]
    return "\n".join(code)


@pytest.fixture
def toys(tmp_path, monkeypatch):
    """The toy modules imported and registered in-process; registries restored after."""
    import sys

    from bounds.cli import build_cli, load_all
    from bounds.constructions import registry as creg
    from bounds.models.registry import MODELS as models
    from bounds.provenance import THEOREMS

    # the CLI modules read the registries when first imported (their click choices): import
    # them before the toys are registered, so no toy leaks into a later test's CLI or docs
    load_all(build_cli())
    _write_package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    saved = (dict(FAMILIES), dict(models), dict(THEOREMS), dict(creg.REGISTRY))
    try:
        exec(_bootstrap("toy_family", "toy_model", "toy_construction"), {})
        yield tmp_path
    finally:
        for reg, old in zip((FAMILIES, models, THEOREMS, creg.REGISTRY), saved, strict=True):
            reg.clear()
            reg.update(old)
        for mod in [m for m in sys.modules if m.startswith("toyext")]:
            del sys.modules[mod]


def _least(pred, lo=0):
    n = lo
    while not pred(n):
        n += 1
    return n


def test_new_family_flows_everywhere(toys):
    """One module + one line: family(), the CLI offer, lower bounds (scalar and array),
    capacity, the proofs' family lists and the reports' tables all see it."""
    from bounds.capacity import capacity
    from bounds.reports.tables import bounds_table_page
    from proofs.theorems import derived

    fam = family("selection", 6)
    assert fam.exact_size() == 6**6 and "selection" in cli_problems()
    check_family_protocol(family("selection", 3))
    # lower bounds against exact integers: least P with 2^(8P) >= 50^50, least n with
    # 2^(8(n^2+n)) >= 50^50
    need = (50**50 - 1).bit_length()  # ceil(log2 50^50): 50^50 is no power of two
    lb = lower_bounds(family("selection", 50), bits=8)
    assert lb.params_lb == -(-need // 8)
    assert lb.neurons_lb == _least(lambda n: 8 * (n * n + n) >= need, 1)
    mps = np.array([2, 3, 50, 999, 123_457])
    out = lower_bounds_array(mps, bits=4, layers=2, eps=0.1, problem="selection")
    for i, mp in enumerate(mps.tolist()):
        ref = lower_bounds(family("selection", mp), bits=4, layers=2, eps=0.1)
        assert (out["params_lb"][i], out["neurons_lb"][i]) == (ref.params_lb, ref.neurons_lb)
    # capacity: the largest m' with m'^m' <= 2^(8 (n^2 + n)), n = 3 (96 bits)
    cap = capacity(3, bits=8, problem="selection")
    assert cap.m_prime_max == _least(lambda mp: mp ** mp > 2**96, 2) - 1 == 21
    # the proofs' family lists, and one of their predicates run on it
    assert "selection (m=4)" in [f.label for f in fams_proof(4)]
    assert derived._params_dense_pred(4) == (True, "")
    # the reports' tables
    page = next(iter(bounds_table_page())).content
    assert "## selection" in page and "--problem selection" in page


def test_new_family_reaches_sign_patterns_tolerant_capacity_c0_and_frontier(toys):
    """One module + one line also reaches the sign-pattern bound (its probes), C0's
    accounting (its key features), and refuses -- in one line naming the family -- what
    no theorem states for it: the probe-tolerant volume, the Lambert-W form, capacity with
    eps > 0 and with real weights, and the frontier (no construction of it is marked)."""
    from bounds.capacity import capacity
    from bounds.constructions.registry import get
    from bounds.constructions.trivial import MP, M, accounting
    from bounds.reports.frontier import frontier_row, tolerant_bound
    from bounds.signpatterns import probes_count
    from bounds.tolerant import info_bits_probe_tolerant
    from proofs.theorems._brute import sign_patterns_params_ref, sign_patterns_width_ref

    # sign patterns: q = m one-hot probes; lower_bounds(bits=real) applies the theorem to
    # I = 50 log2 50, checked against the restated bound by a scan
    assert probes_count("selection", 50) == 50 and probes_count("selection", 50, m=7) == 7
    lb = lower_bounds(family("selection", 50), bits="real")
    sign = next(t for t in lb.lower_bounds if t.theorem == "sign-patterns")
    with mpmath.workdps(60):
        info = 50 * mpmath.log(50, 2)
        want_w = _least(lambda w: sign_patterns_params_ref(w, 1, 50, 50) >= info, 1)
        want_n = _least(lambda n: sign_patterns_width_ref(n, 1, 50, 50) >= info, 1)
    assert (sign.params, sign.neurons) == (want_w, want_n) == (lb.params_lb, lb.neurons_lb)
    # C0: one ReLU(x_sigma(j)) per output, d = m, m' nonzero weights, values {0, 1}
    acc = accounting("selection")
    assert (acc["d"], acc["params_nonzero"], acc["distinct_values"]) == (M, MP, 2)
    res = get("toy-c0").build(30, 2, 0.01, 0, m=7).resources()
    assert res.params_nonzero == acc["params_nonzero"].subs(MP, 30) == 30
    assert res.params_dense == acc["params_dense"].subs({MP: 30, M: 7}) == 7 * 30 + 30
    # refused, not guessed
    with pytest.raises(ValueError, match=r"no probe-tolerant volume is proved for the "
                                         r"selection \(m=50\) family"):
        info_bits_probe_tolerant("selection", 50, 1)
    assert capacity(3, bits=8, problem="selection").m_prime_lambert is None
    with pytest.raises(ValueError, match=r"capacity with eps > 0 needs I_eps monotone in m'; "
                                         r".* not selection \(m=2\)"):
        capacity(3, bits=8, eps=0.1, problem="selection")
    with pytest.raises(ValueError, match=r"problem must be one of permutation, pairwise for "
                                         r"capacity with bits=real \(got 'selection'\)"):
        capacity(3, bits="real", problem="selection")
    with pytest.raises(ValueError, match="frontier has no construction for problem selection"):
        frontier_row("selection", 100)
    with pytest.raises(ValueError, match="frontier has no construction for problem selection"):
        tolerant_bound("selection", 100, bits=4, layers=1, delta=0.01,
                       verdict_kind="analysis", k=3)
    with pytest.raises(ValueError, match="problem must be one of"):
        frontier_row("nope", 100)


def fams_proof(k):
    from bounds.families import proof_families

    return proof_families(k)


def test_new_model_flows_everywhere(toys):
    """One module + one line: lower bounds, provenance, capacity, the model list."""
    from bounds.capacity import capacity
    from bounds.provenance import theorem_statement

    assert "signed" in MODELS and theorem_statement("params-signed").startswith("Under B")
    need = (math.factorial(1000) - 1).bit_length()  # ceil(log2 1000!)
    lb = lower_bounds(permutation(1000), bits=8, model="signed")
    assert lb.params_lb == -(-need // 9)
    assert lb.neurons_lb == _least(lambda n: 9 * (n * n + n) >= need, 1)
    assert lb.provenance.startswith("this library's theorem params-signed under b=8")
    assert "model D1+ signed (docs/model.md)" in lb.assumptions
    cap = capacity(3, bits=8, model="signed")  # largest m' with m'! <= 2^(9 * 12)
    assert cap.m_prime_max == _least(lambda mp: math.factorial(mp) > 2**108, 2) - 1


def test_new_construction_flows_everywhere(toys):
    """One module + one line: the registry, the construction family namespace, simulate
    (its registry read at call time, its precheck, C0, the lower bounds) and the
    registry's own tests, for a construction of the new family."""
    import test_registry  # the construction tests iterate the registry

    from bounds.cli.simulate import precheck
    from bounds.constructions import instances
    from bounds.constructions.registry import get, simulatable
    from bounds.constructions.simulation import run_simulation

    assert get("toy-c0").family == "selection" and "selection" in instances.FAMILIES
    assert "toy-c0" in [c.name for c in simulatable()]
    net = get("toy-c0").build(30, 2, 0.01, 0, m=7)
    assert (net.m_prime, net.m, net.family) == (30, 7, "selection")
    # the network computes y_j = x[sigma[j]] on every input (brute force over all of {0,1}^7)
    xs = np.array(list(itertools.product((0, 1), repeat=7)))
    want = xs[:, net.instance].astype(bool)
    assert np.array_equal(net.target(xs), want) and np.array_equal(net.forward(xs), want)
    # simulate's precheck asks the family for m: m' by default, else the given --m
    with pytest.raises(ValueError, match=r"k must be an integer in \[1, 30\]"):
        precheck("toy-c0", "30", "31", None, None, None)
    precheck("toy-c0", "30", "31", None, "40", None)
    row, footer, _net = run_simulation("toy-c0", 30, 2, 0.01, 0, m=7, inputs=200)
    assert row["errors"] == 0 and row["trivial_neurons"] == row["neurons"] == 30
    # lower bounds for the toy family itself: |F| = 7^30, b = 1 (weights 0/1), L = 1
    need = (7**30 - 1).bit_length()
    assert row["lower_bounds"]["log2_instances"] == pytest.approx(30 * math.log2(7))
    assert row["lower_bounds"]["params_lb"] == need
    assert any("selection (m=7)" in line for line in footer)
    test_registry.test_every_network_entry_builds_its_family_and_baseline()
    test_registry.test_claims_are_named()


def test_new_family_reaches_the_calculator_flags_and_explain(toys):
    """The calculator's family flags are checked against what each family declares, and
    explain walks through the new family, with no edit outside the toy module."""
    from bounds.cli.calculator import family_kwargs
    from proofs.explain import explain_items, explain_text

    assert family_kwargs("selection", "bounds", {"family_m": "7"}) == {"m": 7}
    with pytest.raises(ValueError, match=r"m must be an integer in \[1, 10\^6\]"):
        family_kwargs("selection", "bounds", {"family_m": "0"})
    with pytest.raises(ValueError, match=r"--op applies to --problem pairwise only "
                                         r"\(got --problem selection\)"):
        family_kwargs("selection", "bounds", {"family_op": "XOR"})
    with pytest.raises(ValueError, match="--m applies to --problem pairwise or selection"):
        family_kwargs("permutation", "bounds", {"family_m": "7"})
    items = {i.key: i for i in explain_items(50, problem="selection", bits=8)}
    assert items["log2_instances"].value == pytest.approx(50 * math.log2(50))
    assert items["params_b8"].value == -(-(50**50 - 1).bit_length() // 8)
    assert "Take the selection family" in explain_text(50, problem="selection", bits=8)


def test_new_model_reaches_limits_and_the_models_table(toys):
    """The models page iterates the registry (a column, a ratio, the provenance), and the
    CLI ceilings come from the family and model objects."""
    from bounds.limits import max_m_prime, max_width
    from bounds.reports.tables import models_page, models_section

    assert max_m_prime("selection") == 10**50 and max_m_prime("pairwise") == 10**300
    assert max_m_prime("permutation", "signed") == 10**30 == max_m_prime("selection", "signed")
    assert max_width("signed") == 10**20 and max_width("dense") == 10**100
    text = models_section("permutation")
    assert "| D1+ signed |" in text and "D1+ / (m' log2 m')" in text
    assert "params-signed (D1+)" in text and "--model signed" in text
    row = next(line for line in text.splitlines() if line.startswith("| 100 |"))
    need = (math.factorial(100) - 1).bit_length()  # ceil(log2 100!)
    assert row.split("|")[5].strip() == str(-(-need // 9))  # the fifth model column
    page = next(iter(models_page())).content
    assert page.count("### ") == 3 and "### selection" in page  # one section per family


def test_new_family_model_and_construction_reach_the_command_line(tmp_path):
    """The CLI's --problem, --model and simulate choices, in a fresh process where the
    new modules are imported and registered before the command line is built."""
    import json
    import os
    import subprocess
    import sys

    _write_package(tmp_path)
    boot = _bootstrap("toy_family", "toy_model", "toy_construction")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path),
                                                          os.environ.get("PYTHONPATH", "")])}
    code = boot + "\nimport sys\nfrom bounds.cli import main\nsys.argv[1:] = sys.argv[1:]\nmain()"

    def run(*args, code_wanted=0):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                             text=True, env=env, timeout=120)
        assert out.returncode == code_wanted, out.stderr
        return out.stdout if code_wanted == 0 else out.stderr

    got = json.loads(run("bounds", "50", "--problem", "selection", "--model", "signed",
                         "--json"))
    row = got[0] if isinstance(got, list) else got["rows"][0]
    need = (50**50 - 1).bit_length()
    assert row["params_lb"] == -(-need // 9)
    assert "params-signed" in json.dumps(got)
    assert "toy-c0" in run("simulate", "--help")
    sim = json.loads(run("simulate", "toy-c0", "--m-prime", "30", "--k", "2", "--inputs", "200",
                         "--json"))
    assert isinstance(sim, list) and len(sim) == 1  # one JSON shape: a list of records
    sim = sim[0]
    assert sim["construction"] == "toy-c0" and sim["errors"] == 0
    assert sim["trivial_neurons"] == sim["neurons"] == 30  # it is C0 under another name
    assert sim["claim"] == "family"  # the registry's default claim scope reaches the row
    # the family's own flag and range (--m in [1, 10^6]), |F| = 7^50 at m = 7
    got = json.loads(run("bounds", "50", "--problem", "selection", "--m", "7", "--json"))
    assert got[0]["params_lb"] == -(-(7**50 - 1).bit_length() // 8)
    help_text = " ".join(run("bounds", "--help").split())
    assert "Selection: inputs m, an integer in [1, 10^6]" in help_text
    err = run("bounds", "50", "--problem", "selection", "--m", "0", code_wanted=2)
    assert err.strip() == "superbounds: error: m must be an integer in [1, 10^6] (got '0')"
    err = run("bounds", "50", "--problem", "selection", "--unlabelled", code_wanted=2)
    assert "--unlabelled applies to --problem pairwise only" in err
    # the model's ceiling (10^30) and the family's (10^50) bound m' on the command line
    err = run("bounds", "1e31", "--model", "signed", code_wanted=2)
    assert "m_prime must be an integer in [2, 10^30]" in err
    err = run("bounds", "1e51", "--problem", "selection", code_wanted=2)
    assert "m_prime must be an integer in [2, 10^50]" in err
    # explain offers it
    assert "Take the selection family" in run("explain", "50", "--problem", "selection", "-b", "8")
    # the frontier offers it and refuses it in one line, exit 2 (in-process: the refusals
    # of capacity, the tolerant bound and frontier_row)
    err = run("frontier", "100", "--problem", "selection", code_wanted=2).strip()
    assert err.startswith("superbounds: error: frontier has no construction for problem "
                          "selection") and "\n" not in err


# ------------------------------------------------------------------ no name dispatch (issue 8)
#: (file under bounds/, the name compared) -> why that comparison is not dispatch over a
#: registry. Anything else comparing a string with a registered family name, construction
#: family name or model key fails the guard below: ask the family/model object instead.
NAME_COMPARISON_ALLOWED = {
    ("bounds/constructions/channels/accounting.py", "permutation"):
        "C1/C2 are one construction with two templates (the channel code's own kinds)",
    ("bounds/constructions/channels/accounting.py", "pairwise-and"):
        "C1/C2 are one construction with two templates (the channel code's own kinds)",
    ("bounds/constructions/channels/analysis.py", "permutation"):
        "C1/C2 are one construction with two templates (the channel code's own kinds)",
    ("bounds/constructions/channels/build.py", "permutation"):
        "C1/C2 are one construction with two templates (the channel code's own kinds)",
    ("bounds/reports/frontier.py", "permutation"):
        "the C1/C2 templates again (_bits_upper, construction_sizes: the channel sizes)",
    ("bounds/constructions/pairdesign.py", "pairwise-and"):
        "C2d's certifier checks that the network is of its own construction family",
    ("bounds/constructions/pairprivate.py", "pairwise-and"):
        "C2p's certifier checks that the network is of its own construction family",
    ("bounds/constructions/seppair.py", "pairwise-and"):
        "C2s's certifier checks that the network is of its own construction family",
    ("bounds/constructions/certify.py", "permutation"):
        "certify_rs_permutation (C1d's exact certificate) checks the network is of its family",
    ("bounds/constructions/calibrate.py", "pairwise-and"):
        "a construction name (C2, registry key), not a family: calibrate's two modes",
}


def _name_comparisons(path, names):
    """(line, name) of every ``x == "name"`` / ``!=`` / ``in ("name", ...)`` in a file."""
    import ast

    tree = ast.parse(path.read_text())
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for op, right in zip(node.ops, node.comparators, strict=True):
            sides = [node.left, right]
            if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Tuple | ast.List
                                                                   | ast.Set):
                sides = [node.left, *right.elts]
            elif not isinstance(op, ast.Eq | ast.NotEq):
                continue
            hits += [(node.lineno, s.value) for s in sides
                     if isinstance(s, ast.Constant) and s.value in names]
    return hits


def test_no_string_dispatch_on_registered_names_outside_their_modules():
    """Family names, construction family names and model keys are compared as strings
    only in the owner's own module (bounds/families/<name>.py, bounds/models/<key>.py,
    the registries) or where NAME_COMPARISON_ALLOWED says why it is not dispatch."""
    from pathlib import Path

    from bounds.families.registry import construction_kinds

    root = Path(__file__).resolve().parents[1]
    names = set(FAMILIES) | set(construction_kinds()) | set(MODELS)
    own = {f"bounds/families/{n}.py" for n in FAMILIES} | {
        f"bounds/models/{n}.py" for n in MODELS} | {
        "bounds/families/registry.py", "bounds/models/registry.py",
        "bounds/families/base.py", "bounds/models/base.py"}
    bad, used = [], set()
    for path in sorted((root / "bounds").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel in own:
            continue
        for line, name in _name_comparisons(path, names):
            if (rel, name) in NAME_COMPARISON_ALLOWED:
                used.add((rel, name))
            else:
                bad.append(f"{rel}:{line} compares with {name!r}")
    assert not bad, "string dispatch on a registered name (ask the object): " + "; ".join(bad)
    assert used == set(NAME_COMPARISON_ALLOWED), f"stale allow-list entries: " \
        f"{sorted(set(NAME_COMPARISON_ALLOWED) - used)}"


def test_the_name_guard_catches_a_reintroduced_comparison(tmp_path):
    """The guard's scanner finds the three shapes it forbids (and not a dict lookup)."""
    src = tmp_path / "x.py"
    src.write_text('if problem == "pairwise": pass\n'
                   'ok = "mask" != model\n'
                   'if kind in ("permutation", "other"): pass\n'
                   'label = LABELS.get("pairwise", "x")\n')
    assert _name_comparisons(src, {"pairwise", "mask", "permutation"}) == [
        (1, "pairwise"), (2, "mask"), (3, "permutation")]
