"""Problem families (SPEC §2) and error volumes (SPEC §3), checked by brute force.

Instances, probes and outputs are rebuilt here from the SPEC's definitions; the library's
enumeration and evaluation are compared with them, and identifiability, |F| and V_eps are
confirmed by exhaustive enumeration on small sizes.
"""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from collections import Counter

import mpmath
import numpy as np
import pytest
import sympy as sp

from bounds.families import (
    EXACT_BITS_LIMIT,
    OPS,
    errors_allowed,
    family,
    mixed,
    pairwise,
    permutation,
    user_defined,
)

# ------------------------------------------------------------------ own definitions
MY_OPS = {
    "AND": lambda a, b: a & b,
    "OR": lambda a, b: a | b,
    "XOR": lambda a, b: a ^ b,
    "NAND": lambda a, b: 1 - (a & b),
    "NOR": lambda a, b: 1 - (a | b),
    "XNOR": lambda a, b: 1 - (a ^ b),
}


def my_probes(m: int, max_active: int) -> list[tuple[int, ...]]:
    """All inputs in {0,1}^m with 1 <= |x| <= max_active (plus 0 when max_active == 2)."""
    out = [tuple(0 for _ in range(m))] if max_active == 2 else []
    for size in range(1, max_active + 1):
        for idx in itertools.combinations(range(m), size):
            out.append(tuple(1 if i in idx else 0 for i in range(m)))
    return out


def my_eval_perm(pi, x):
    return tuple(x[pi[j]] for j in range(len(pi)))


def my_eval_pairs(pairs, x, op="AND"):
    return tuple(MY_OPS[op](x[a], x[b]) for a, b in pairs)


def my_eval_mixed(inst, x):
    return tuple(MY_OPS[o](x[a], x[b]) for (a, b), o in inst)


def signature(evaluate, inst, probes):
    return tuple(evaluate(inst, x) for x in probes)


def exact_log2(x: int) -> float:
    bl = x.bit_length()
    if bl <= 64:
        return math.log2(x)
    return (bl - 64) + math.log2(x >> (bl - 64))


# ------------------------------------------------------------------ identifiability
@pytest.mark.parametrize("mp", [2, 3, 4])
def test_permutation_probes_identify_every_instance(mp):
    fam = permutation(mp)
    probes = my_probes(mp, 1)  # the m' one-hot inputs
    insts = list(itertools.permutations(range(mp)))
    sigs = {signature(my_eval_perm, p, probes) for p in insts}
    assert len(sigs) == len(insts) == math.factorial(mp)
    # the library enumerates exactly these instances, with these probes, and evaluates alike
    assert sorted(fam.instances()) == sorted(insts)
    assert sorted(map(tuple, fam.probes().tolist())) == sorted(probes)
    x = np.array(probes)
    for p in insts:
        got = fam.evaluate(p, x).astype(int).tolist()
        assert [tuple(r) for r in got] == [my_eval_perm(p, xx) for xx in probes]
    assert fam.exact_size() == len(insts)


@pytest.mark.parametrize("op", sorted(MY_OPS))
@pytest.mark.parametrize("mp, labelled", [(2, True), (3, True), (2, False), (3, False)])
def test_pairwise_probes_identify_every_instance_m4(mp, labelled, op):
    m = 4
    fam = pairwise(mp, m=m, op=op, labelled=labelled)
    pairs = list(itertools.combinations(range(m), 2))
    gen = itertools.permutations if labelled else itertools.combinations
    insts = list(gen(pairs, mp))
    probes = my_probes(m, 2)
    sigs = {signature(lambda i, x: my_eval_pairs(i, x, op), inst, probes) for inst in insts}
    assert len(sigs) == len(insts)
    expected = math.perm(6, mp) if labelled else math.comb(6, mp)
    assert len(insts) == expected == fam.exact_size()
    assert sorted(fam.instances()) == sorted(insts)
    assert sorted(map(tuple, fam.probes().tolist())) == sorted(probes)
    x = np.array(probes)
    for inst in insts[:: max(1, len(insts) // 25)]:
        got = [tuple(r) for r in fam.evaluate(inst, x).astype(int).tolist()]
        assert got == [my_eval_pairs(inst, xx, op) for xx in probes]


def test_pairwise_probes_identify_m5_labelled():
    m, mp = 5, 3
    pairs = list(itertools.combinations(range(m), 2))
    insts = list(itertools.permutations(pairs, mp))
    probes = my_probes(m, 2)
    sigs = {signature(my_eval_pairs, inst, probes) for inst in insts}
    assert len(sigs) == len(insts) == math.perm(10, 3) == pairwise(mp, m=m).exact_size()


@pytest.mark.parametrize("ops", [("AND", "OR"), ("AND", "OR", "XOR"), tuple(sorted(MY_OPS))])
def test_mixed_ops_probes_identify_every_instance(ops):
    m, mp = 4, 2
    fam = mixed(mp, ops, m=m)
    pairs = list(itertools.combinations(range(m), 2))
    insts = [
        tuple(zip(tup, opseq, strict=True))
        for tup in itertools.permutations(pairs, mp)
        for opseq in itertools.product(ops, repeat=mp)
    ]
    probes = my_probes(m, 2)
    sigs = {signature(my_eval_mixed, inst, probes) for inst in insts}
    assert len(sigs) == len(insts) == math.perm(6, mp) * len(ops) ** mp == fam.exact_size()
    assert sorted(fam.instances()) == sorted(insts)
    x = np.array(probes)
    for inst in insts[:: max(1, len(insts) // 30)]:
        got = [tuple(r) for r in fam.evaluate(inst, x).astype(int).tolist()]
        assert got == [my_eval_mixed(inst, xx) for xx in probes]


def test_probes_without_zero_input_cannot_separate_and_from_nor():
    """Sanity of the brute force itself: drop the all-zero probe and some pair of ops collides."""
    m = 3
    probes = my_probes(m, 2)[1:]
    assert any(
        signature(lambda i, x, o=o1: my_eval_pairs(i, x, o), ((0, 1),), probes)
        == signature(lambda i, x, o=o2: my_eval_pairs(i, x, o), ((0, 1),), probes)
        for o1, o2 in itertools.combinations(MY_OPS, 2)
    ) is False  # all six ops still differ on the 1- and 2-active inputs ...
    one_hot = my_probes(m, 1)
    # ... but with one-hot probes only, AND on (0,1) equals AND on (0,2): both are constant 0
    assert signature(my_eval_pairs, ((0, 1),), one_hot) == signature(my_eval_pairs, ((0, 2),),
                                                                     one_hot)


def test_library_ops_table_matches_own_truth_tables():
    a = np.array([0, 0, 1, 1], dtype=bool)
    b = np.array([0, 1, 0, 1], dtype=bool)
    for name, fn in MY_OPS.items():
        got = OPS[name](a, b).astype(int).tolist()
        assert got == [fn(int(x), int(y)) for x, y in zip(a, b, strict=True)], name


# ------------------------------------------------------------------ exact sizes
@pytest.mark.parametrize(
    "fam, count",
    [
        (permutation(5), 120),
        (permutation(6), 720),
        (pairwise(4, m=4), 360),
        (pairwise(4, m=4, labelled=False), 15),
        (pairwise(2, m=5), 90),
        (pairwise(3, m=5, labelled=False), 120),
        (mixed(2, ("AND", "XOR"), m=4), 120),
        (pairwise(2), 6),  # default m raised to 3 for m' = 2
    ],
)
def test_exact_size_equals_enumeration(fam, count):
    n = sum(1 for _ in fam.instances())
    assert n == count == fam.exact_size()
    assert len(set(fam.instances())) == n


def test_default_m_for_pairwise():
    assert pairwise(2).m == 3
    assert pairwise(3).m == 3
    assert pairwise(1000).m == 1000
    assert pairwise(1000).pairs == 499500
    with pytest.raises(ValueError, match="m must be an integer with C\\(m, 2\\) >= m_prime=4"):
        pairwise(4, m=3)


def test_instances_refuses_large_families():
    with pytest.raises(ValueError, match="too large"):
        next(permutation(12).instances())


# ------------------------------------------------------------------ V_eps by brute force
JUNK = -1


def max_volume(alphabet: int, instances: np.ndarray) -> np.ndarray:
    """For every e, max over behaviours g of #instances within e wrong outputs.

    g assigns each output one symbol of the alphabet (an input coordinate, a pair, a
    (pair, op)) or junk, which is wrong for every instance.
    """
    mp = instances.shape[1]
    symbols = list(range(alphabet)) + [JUNK]
    gs = np.array(list(itertools.product(symbols, repeat=mp)), dtype=np.int64)
    wrong = (gs[:, None, :] != instances[None, :, :]).sum(axis=2)  # (num_g, num_instances)
    return np.array([int((wrong <= e).sum(axis=1).max()) for e in range(mp + 1)])


@pytest.mark.parametrize("mp", [2, 3, 4, 5])
def test_permutation_volume_bound_by_brute_force(mp):
    fam = permutation(mp)
    insts = np.array(list(itertools.permutations(range(mp))), dtype=np.int64)
    best = max_volume(mp, insts)
    for e in range(mp + 1):
        bound = math.factorial(mp) // math.factorial(mp - e)
        assert fam.exact_tolerant_volume(e) == bound
        assert best[e] <= bound
        # attained for e = 0 and e >= m' - 1; strictly loose in between (e.g. e = 1: the
        # best behaviour repeats one source on two outputs and covers only 2 instances)
        if e == 0 or e >= mp - 1:
            assert best[e] == bound
        else:
            assert best[e] < bound
        if e == 1:
            assert best[e] == 2
        assert fam.log2_tolerant_volume(e) == pytest.approx(math.log2(bound), abs=1e-12)


@pytest.mark.parametrize("m, mp", [(4, 2), (4, 3), (4, 4), (5, 2), (5, 3)])
def test_pairwise_labelled_volume_bound_by_brute_force(m, mp):
    fam = pairwise(mp, m=m)
    pairs = list(itertools.combinations(range(m), 2))
    index = {p: i for i, p in enumerate(pairs)}
    insts = np.array([[index[p] for p in t] for t in itertools.permutations(pairs, mp)])
    big_m = len(pairs)
    best = max_volume(big_m, insts)
    for e in range(mp + 1):
        bound = math.comb(mp, e) * big_m**e
        assert fam.exact_tolerant_volume(e) == bound
        assert best[e] <= bound, (e, best[e], bound)
        assert fam.log2_tolerant_volume(e) == pytest.approx(math.log2(bound), abs=1e-12)
    assert best[0] == 1 and best[mp] == len(insts)


@pytest.mark.parametrize("m, mp", [(4, 2), (4, 3), (5, 3)])
def test_pairwise_unlabelled_volume_bound_by_brute_force(m, mp):
    fam = pairwise(mp, m=m, labelled=False)
    pairs = list(itertools.combinations(range(m), 2))
    index = {p: i for i, p in enumerate(pairs)}
    # a set of pairs assigns its pairs to the outputs in sorted order
    insts = np.array([[index[p] for p in t] for t in itertools.combinations(pairs, mp)])
    best = max_volume(len(pairs), insts)
    for e in range(mp + 1):
        bound = math.comb(mp, e) * len(pairs) ** e
        assert fam.exact_tolerant_volume(e) == bound
        assert best[e] <= bound


def test_mixed_volume_bound_by_brute_force():
    m, mp, ops = 4, 2, ("AND", "OR")
    fam = mixed(mp, ops, m=m)
    pairs = list(itertools.combinations(range(m), 2))
    syms = {(p, o): i for i, (p, o) in enumerate(itertools.product(pairs, ops))}
    insts = np.array([[syms[s] for s in inst] for inst in fam.instances()])
    best = max_volume(len(syms), insts)
    for e in range(mp + 1):
        bound = math.comb(mp, e) * (len(ops) * len(pairs)) ** e
        assert fam.exact_tolerant_volume(e) == bound
        assert best[e] <= bound


def test_max_volume_helper_can_detect_a_wrong_bound():
    """The brute force is strong enough to refute a bound that is too small."""
    insts = np.array(list(itertools.permutations(range(4))))
    best = max_volume(4, insts)
    assert best[2] == 8 > math.comb(4, 2)  # so "V <= C(m', e)" would be refuted at e = 2
    assert best.tolist() == [1, 2, 8, 24, 24]


# ------------------------------------------------------------------ errors_allowed
@pytest.mark.parametrize(
    "mp, eps, e",
    [
        (10, 0.1, 1),
        (10, 0.0, 0),
        (1000, 0.01, 10),
        (100, 0.29, 29),  # decimal semantics: binary 0.29 * 100 is 28.999...
        (10, 0.3, 3),
        (10, 0.7, 7),
        (3, 0.5, 1),
        (9, 0.1, 0),
        (10**12 - 1, 0.1, 10**11 - 1),
        (10**100, 0.1, 10**99),
        (10**100 - 1, 0.25, (10**100 - 1) // 4),
    ],
)
def test_errors_allowed_floor(mp, eps, e):
    assert errors_allowed(mp, eps) == e


@pytest.mark.parametrize("eps", [1.0, -0.1, float("nan"), float("inf"), True, "0.1"])
def test_errors_allowed_rejects_bad_eps(eps):
    with pytest.raises(ValueError, match=r"eps must be a real number in \[0, 1\)"):
        errors_allowed(10, eps)


# ------------------------------------------------------------------ log2 sizes
SMALL_FAMILIES = [
    permutation(2), permutation(17), permutation(300),
    pairwise(2), pairwise(3, m=4), pairwise(50), pairwise(40, m=100),
    pairwise(3, m=4, labelled=False), pairwise(60, m=20, labelled=False),
    mixed(5, ("AND", "OR", "XOR"), m=7), mixed(30, ("AND", "NOR")),
]


@pytest.mark.parametrize("fam", SMALL_FAMILIES, ids=lambda f: f"{f.label}-{f.m_prime}")
def test_log2_size_vs_exact_integer(fam):
    assert fam.log2_size() == pytest.approx(exact_log2(fam.exact_size()), rel=1e-14)


def _log2_size_ref(name, mp, m=None, labelled=True, q=1) -> float:
    with mpmath.workdps(60):
        lg = mpmath.loggamma
        ln2 = mpmath.log(2)
        if name == "permutation":
            return float(lg(mp + 1) / ln2)
        big = mpmath.mpf(m) * (m - 1) / 2
        val = (lg(big + 1) - lg(big - mp + 1)) / ln2
        if not labelled:
            val -= lg(mp + 1) / ln2
        return float(val + mp * mpmath.log(q, 2))


def _float_subs(expr, values):
    """Evaluate a sympy form at big numbers via Floats (an Integer makes sympy build n!)."""
    return float(expr.evalf(40, subs={k: sp.Float(v, 60) for k, v in values.items()}))


@pytest.mark.parametrize("mp", [2, 10, 1000, 10**6, 10**9, 10**15])
def test_log2_size_agrees_with_sympy_form_permutation(mp):
    x = sp.Symbol("x", positive=True)
    fam = permutation(mp)
    sym = _float_subs(fam.log2_size_sym(x), {x: mp})
    ref = _log2_size_ref("permutation", mp)
    assert fam.log2_size() == pytest.approx(ref, rel=1e-13)
    assert sym == pytest.approx(ref, rel=1e-13)


@pytest.mark.parametrize(
    "mp, m, labelled, ops",
    [
        (2, 3, True, None), (10, 10, True, None), (1000, 1000, True, None),
        (10**6, 10**6, True, None), (10**6, 5000, False, None), (10**9, 10**9, True, None),
        (500, 40, False, None), (100, 100, True, ("AND", "OR")),
        (10**5, 10**5, True, ("AND", "OR", "XOR")),
    ],
)
def test_log2_size_agrees_with_sympy_form_pairwise(mp, m, labelled, ops):
    x, y = sp.symbols("x y", positive=True)
    fam = pairwise(mp, m=m, labelled=labelled) if ops is None else mixed(mp, ops, m=m)
    sym = _float_subs(fam.log2_size_sym(x, y), {x: mp, y: m})
    ref = _log2_size_ref("pairwise", mp, m, labelled, 1 if ops is None else len(ops))
    assert fam.log2_size() == pytest.approx(ref, rel=1e-13)
    assert sym == pytest.approx(ref, rel=1e-13)


@pytest.mark.parametrize("fam", SMALL_FAMILIES[:6], ids=lambda f: f"{f.label}-{f.m_prime}")
def test_default_sympy_form_small_sizes(fam):
    val = float(fam.log2_size_sym().evalf(40))
    assert val == pytest.approx(exact_log2(fam.exact_size()), rel=1e-13)


def test_default_sympy_form_does_not_compute_huge_factorials():
    """permutation(10**7).log2_size_sym() must not hold the exact factorial.

    sympy evaluates loggamma(Integer(n)) to log((n-1)!) with the exact factorial (about 6 s
    at n = 10**6, minutes at 10**7, never at 10**9), so a concrete-size sympy form has to
    avoid that (e.g. loggamma(n + 1, evaluate=False)). Checked by what the expression holds
    (no integer of more than 30 digits), in a child process with a CPU-time limit (not a
    wall-clock one: a loaded machine must not turn speed into failures), so that a
    regression fails instead of hanging the suite.
    """
    code = (
        "import resource, sympy\n"
        "resource.setrlimit(resource.RLIMIT_CPU, (60, 60))\n"
        "from bounds.families import permutation\n"
        "e = permutation(10**7).log2_size_sym()\n"
        "big = [a for a in e.atoms(sympy.Integer) if abs(a) > 10**30]\n"
        "print(len(big), float(e.evalf(30)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=900)
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    n_big, value = out.stdout.split()
    assert n_big == "0", "the sympy form holds an integer of more than 30 digits"
    with mpmath.workdps(40):
        ref = float(mpmath.loggamma(10**7 + 1) / mpmath.log(2))
    assert float(value) == pytest.approx(ref, rel=1e-12)


def test_info_bits_and_ceil_vs_exact():
    for fam in (permutation(7), permutation(40), pairwise(5, m=5), pairwise(12, m=6,
                                                                            labelled=False)):
        size = fam.exact_size()
        for eps in (0.0, 0.1, 0.25, 0.5, 0.9):
            e = math.floor(eps * 1000 * fam.m_prime / 1000 + 1e-9)
            assert errors_allowed(fam.m_prime, eps) == e
            vol = fam.exact_tolerant_volume(e)
            # least integer B with 2^B * V >= |F| (0 when V >= |F|)
            b = 0
            while (vol << b) < size:
                b += 1
            assert fam.info_bits_ceil(eps) == b, (fam.label, eps)
            ref = max(0.0, exact_log2(size) - exact_log2(vol))
            assert fam.info_bits(eps) == pytest.approx(ref, rel=1e-12, abs=1e-12)


def test_info_bits_ceil_exact_powers_of_two():
    # log2(2!) = 1, log2(4!/ (4-1)!)... I for permutation(4), e=1 is log2(3!) = 2.58 -> 3
    assert permutation(2).info_bits_ceil() == 1
    assert permutation(4).info_bits_ceil(0.25) == 3
    # pairwise labelled m=3, m'=2: |F| = 3*2 = 6; e=1: V = C(2,1)*3 = 6 -> I = 0 exactly
    assert pairwise(2, m=3).info_bits_ceil(0.5) == 0
    assert pairwise(2, m=3).info_bits(0.5) == 0.0
    assert EXACT_BITS_LIMIT >= 10**6


def test_user_defined_family():
    fam = user_defined(100, lambda n: 3.0 * n, log2_volume=lambda n, e: 2.0 * e)
    assert fam.log2_size() == 300.0
    assert fam.info_bits(0.1) == pytest.approx(300.0 - 20.0)
    assert fam.info_bits_ceil(0.0) == 300
    with pytest.raises(ValueError):
        user_defined(100, lambda n: 1.0).info_bits(0.1)  # no volume for eps > 0
    with pytest.raises(ValueError):
        user_defined(100, 5.0)  # not callable


def test_family_factory_and_labels():
    assert family("pairwise", 10, op="xor").label == "pairwise-XOR (labelled, m=10)"
    assert family("permutation", 10).label == "permutation"
    with pytest.raises(ValueError, match="problem must be one of"):
        family("bogus", 10)
    with pytest.raises(ValueError, match="op must be one of"):
        pairwise(10, op="IMPLIES")
    with pytest.raises(ValueError, match="ops must be"):
        mixed(10, ("AND", "AND"))
    with pytest.raises(ValueError, match="m must equal m_prime"):
        family("permutation", 10, m=11)


def test_volume_counter_sanity():
    # Counter-based recount of the e = 1 permutation volume for a fixed identity behaviour
    mp = 5
    counts = Counter(sum(p[j] != j for j in range(mp)) for p in itertools.permutations(range(mp)))
    assert counts[0] == 1 and counts[1] == 0 and counts[2] == 10
