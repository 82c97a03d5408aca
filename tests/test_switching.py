"""Tests for Beneš / Waksman permutation switching networks (SPEC §5)."""

from __future__ import annotations

import json
import math
from functools import cache

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bounds.cli.constructions import route
from bounds.constructions.switching import (
    GRAPH_VERIFY_MAX,
    PROVENANCE,
    RouteResult,
    SwitchingNetwork,
    benes,
    build,
    counting_bound,
    log2_factorial,
    route_permutation,
    switch_count,
    waksman,
    wiring_from_graph,
)


def ceil_log2(i: int) -> int:
    """ceil(log2 i) for integers i >= 1, independently of the module: (i - 1).bit_length()."""
    return (i - 1).bit_length()


def waksman_formula(n: int) -> int:
    return sum(ceil_log2(i) for i in range(1, n + 1))


@cache
def net_cached(kind: str, n: int) -> SwitchingNetwork:
    return build(kind, n)


# ------------------------------------------------------------------ switch counts
@pytest.mark.parametrize("q", range(1, 9))
def test_benes_switch_count(q: int) -> None:
    n = 2**q
    net = benes(n)
    assert net.switches == (2 * q - 1) * n // 2 == switch_count("benes", n)
    assert net.depth == 2 * q - 1
    assert net.graph.number_of_nodes() == 2 * n + net.switches


def test_waksman_formula_first_values() -> None:
    assert [waksman_formula(n) for n in range(1, 9)] == [0, 1, 3, 5, 8, 11, 14, 17]


def test_waksman_switch_count_1_to_200() -> None:
    for n in range(1, 201):
        net = waksman(n)
        assert net.switches == waksman_formula(n), n
        assert switch_count("waksman", n) == net.switches
        # every slot index is in range, every switch fed on both ports, no slot used twice
        slots = np.concatenate([net.feed.ravel(), net.out_feed])
        assert slots.min() >= 0 and slots.max() < n + 2 * net.switches
        assert len(np.unique(slots)) == slots.size == n + 2 * net.switches


def test_waksman_saves_one_switch_per_even_level_vs_benes() -> None:
    for q in range(1, 12):
        n = 2**q
        # W(2^q) = q 2^q - 2^q + 1 (sum of ceil(log2 i)); Beneš has (2q-1) 2^(q-1)
        assert waksman(n).switches == q * n - n + 1
        assert benes(n).switches - waksman(n).switches == n // 2 - 1


@pytest.mark.parametrize("kind,n", [("waksman", n) for n in range(1, 25)]
                         + [("benes", 2**q) for q in range(1, 6)])
def test_graph_structure_matches_wiring(kind: str, n: int) -> None:
    net = build(kind, n)
    g = net.graph
    assert nx.is_directed_acyclic_graph(g)
    assert g.number_of_edges() == 2 * net.switches + n
    feed, out_feed = wiring_from_graph(g)
    assert np.array_equal(feed, net.feed) and np.array_equal(out_feed, net.out_feed)
    assert net.switch_nodes == tuple(("sw", k) for k in range(net.switches))
    for node, data in g.nodes(data=True):
        indeg, outdeg = g.in_degree(node), g.out_degree(node)
        if data["role"] == "input":
            assert (indeg, outdeg) == (0, 1)
        elif data["role"] == "output":
            assert (indeg, outdeg) == (1, 0)
        else:
            assert (indeg, outdeg) == (2, 2)
            assert sorted(d["dst_port"] for _, _, d in g.in_edges(node, data=True)) == [0, 1]
    # the layering used by the array replay is consistent with the graph
    for u, v in g.edges():
        if u[0] == "sw" and v[0] == "sw":
            assert g.nodes[u]["column"] < g.nodes[v]["column"]


def test_switch_out_ports_all_used() -> None:
    # a switch out-port may drive another switch or an output terminal; each exactly once
    for n in range(2, 40):
        g = waksman(n).graph
        for node, role in g.nodes(data="role"):
            if role == "switch":
                ports = sorted(d["src_port"] for _, _, d in g.out_edges(node, data=True))
                assert ports == [0, 1], (n, node)


# ------------------------------------------------------------------------ routing
SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 31, 32, 33, 63, 64, 97, 100,
         101, 127, 128, 255, 256, 257, 1000, 1021]


@pytest.mark.parametrize("n", SIZES)
def test_waksman_routes_random_permutations_graph(n: int) -> None:
    net = net_cached("waksman", n)
    rng = np.random.default_rng(1000 + n)
    for _ in range(10 if n <= 128 else 3):
        perm = rng.permutation(n)
        s = net.route(perm)
        assert s.shape == (net.switches,) and set(np.unique(s)) <= {0, 1}
        assert np.array_equal(net.apply(s), perm)  # networkx traversal
        assert np.array_equal(net.replay(s), perm)


@pytest.mark.parametrize("q", range(1, 11))
def test_benes_routes_random_permutations_graph(q: int) -> None:
    n = 2**q
    net = net_cached("benes", n)
    rng = np.random.default_rng(q)
    for _ in range(5):
        perm = rng.permutation(n)
        s = net.route(perm)
        assert np.array_equal(net.apply(s), perm)
        assert np.array_equal(net.replay(s), perm)


@pytest.mark.parametrize("kind", ["benes", "waksman"])
def test_special_permutations(kind: str) -> None:
    for n in [2, 4, 8, 64] + ([3, 5, 6, 7, 65] if kind == "waksman" else []):
        net = net_cached(kind, n)
        for perm in (np.arange(n), np.arange(n)[::-1], np.roll(np.arange(n), 1),
                     np.concatenate([np.arange(0, n, 2), np.arange(1, n, 2)])):
            assert np.array_equal(net.apply(net.route(perm)), perm)


def test_large_waksman_replay() -> None:
    for n in (4097, 8192):
        net = waksman(n)
        perm = np.random.default_rng(n).permutation(n)
        assert np.array_equal(net.replay(net.route(perm)), perm)


def test_replay_equals_graph_on_random_settings() -> None:
    rng = np.random.default_rng(7)
    for kind, n in [("waksman", 11), ("waksman", 20), ("benes", 16)]:
        net = net_cached(kind, n)
        batch = rng.integers(0, 2, size=(30, net.switches), dtype=np.uint8)
        rep = net.replay(batch)
        for s, r in zip(batch, rep, strict=True):
            assert np.array_equal(net.apply(s), r)


def test_route_rejects_non_permutations() -> None:
    net = waksman(4)
    for bad in ([0, 1, 2], [0, 1, 2, 2], [0, 1, 2, 4], [0.0, 1.0, 2.0, 3.0], [[0, 1], [2, 3]]):
        with pytest.raises(ValueError, match="perm must be a permutation of 0..3"):
            net.route(bad)
    with pytest.raises(ValueError, match="settings must be 5 values"):
        net.apply([0, 1])
    with pytest.raises(ValueError, match="settings must be 5 values"):
        net.replay([0, 1, 2, 0, 0])


@pytest.mark.parametrize(
    "kind,size,msg",
    [
        ("benes", 6, r"size must be a power of two in \[2, 1048576\] \(got 6\)"),
        ("benes", 1, r"size must be a power of two"),
        ("benes", 2.5, r"size must be a power of two"),
        ("benes", 2**21, r"size must be a power of two"),
        ("waksman", 0, r"size must be an integer in \[1, 1048576\] \(got 0\)"),
        ("waksman", -3, r"size must be an integer"),
        ("waksman", True, r"size must be an integer"),
        ("waksman", "8", r"size must be an integer"),
        ("waksman", float("nan"), r"size must be an integer"),
        ("banyan", 8, r"kind must be one of"),
    ],
)
def test_bad_sizes(kind: str, size: object, msg: str) -> None:
    with pytest.raises(ValueError, match=msg):
        build(kind, size)  # type: ignore[arg-type]


def test_integral_float_size_accepted() -> None:
    assert waksman(8.0).size == 8 and benes(np.int64(16)).switches == 56


# ------------------------------------------------------------ exhaustive (N <= 8)
def all_settings(n_switches: int) -> np.ndarray:
    codes = np.arange(2**n_switches, dtype=np.int64)
    return ((codes[:, None] >> np.arange(n_switches)) & 1).astype(np.uint8)


def realised_permutation_codes(net: SwitchingNetwork) -> np.ndarray:
    perms = net.replay(all_settings(net.switches))
    return np.unique(perms @ (net.size ** np.arange(net.size, dtype=np.int64)))


@pytest.mark.parametrize("kind,n", [("waksman", n) for n in range(1, 9)]
                         + [("benes", 2), ("benes", 4), ("benes", 8)])
def test_exhaustive_all_settings_reach_all_permutations(kind: str, n: int) -> None:
    net = net_cached(kind, n)
    # the replay runs exactly the graph's wiring
    feed, out_feed = wiring_from_graph(net.graph)
    assert np.array_equal(feed, net.feed) and np.array_equal(out_feed, net.out_feed)
    codes = realised_permutation_codes(net)
    assert codes.size == math.factorial(n)
    assert 2**net.switches >= math.factorial(n)
    # spot check: settings sampled from the enumeration agree with the networkx traversal
    rng = np.random.default_rng(n)
    for s in all_settings(net.switches)[rng.integers(0, 2**net.switches, size=20)]:
        assert np.array_equal(net.apply(s), net.replay(s))


def test_exhaustive_detects_a_broken_network() -> None:
    # removing a switch's effect (forcing it straight) must lose permutations: the
    # enumeration test is able to fail.
    net = waksman(5)
    settings_all = all_settings(net.switches)
    settings_all[:, 0] = 0
    perms = np.unique(net.replay(settings_all) @ (5 ** np.arange(5)))
    assert perms.size < math.factorial(5)


# ---------------------------------------------------------------------- property
@st.composite
def kind_and_perm(draw: st.DrawFn) -> tuple[str, list[int]]:
    kind = draw(st.sampled_from(["benes", "waksman"]))
    if kind == "benes":
        n = 2 ** draw(st.integers(1, 6))
    else:
        n = draw(st.integers(1, 48))
    return kind, draw(st.permutations(list(range(n))))


@settings(max_examples=150, deadline=None)
@given(kind_and_perm())
def test_property_route_then_apply_is_identity(case: tuple[str, list[int]]) -> None:
    kind, perm = case
    net = net_cached(kind, len(perm))
    s = net.route(perm)
    assert net.apply(s).tolist() == list(perm)


# ---------------------------------------------------------------- counting bound
def test_counting_bound_exact() -> None:
    for n in range(1, 60):
        f = math.factorial(n)
        c = counting_bound(n)
        assert 2 ** (c - 1) < f <= 2**c if n > 1 else c == 0
        assert abs(log2_factorial(n) - math.log2(f)) < 1e-9


def test_switches_at_least_counting_bound() -> None:
    for n in range(1, 201):
        assert switch_count("waksman", n) >= counting_bound(n)
    for q in range(1, 11):
        assert switch_count("benes", 2**q) >= counting_bound(2**q)
    # Waksman is optimal for n <= 4 and strictly above the bound from n = 5 on
    assert [switch_count("waksman", n) - counting_bound(n) for n in range(1, 6)] == [0] * 4 + [1]


def test_ratio_to_counting_bound_tends_to_one() -> None:
    ratios_w, ratios_b = [], []
    for q in range(4, 21):
        n = 2**q
        lf = log2_factorial(n)
        ratios_w.append(switch_count("waksman", n) / lf)
        ratios_b.append(switch_count("benes", n) / lf)
        # lower-order gap: W(N) - log2 N! = N (log2 e - 1) + O(log N)
        gap = (switch_count("waksman", n) - lf) / n
        assert abs(gap - (math.log2(math.e) - 1)) < 2 * q / n + 1e-9
    assert all(a > b > 1 for a, b in zip(ratios_w, ratios_w[1:], strict=False))
    assert all(a > b > 1 for a, b in zip(ratios_b, ratios_b[1:], strict=False))
    assert ratios_w[-1] < 1.025 and ratios_b[-1] < 1.06
    assert all(w < b for w, b in zip(ratios_w, ratios_b, strict=True))


# ------------------------------------------------------------ route_permutation
def test_route_permutation_seeded_and_explicit() -> None:
    r1 = route_permutation("waksman", 50, seed=3)
    r2 = route_permutation("waksman", 50, seed=3)
    assert isinstance(r1, RouteResult)
    assert r1.verified and r1.verified_by == "graph"
    assert np.array_equal(r1.permutation, r2.permutation)
    assert np.array_equal(r1.permutation, np.random.default_rng(3).permutation(50))
    assert (r1.network, r1.size, r1.switches) == ("waksman", 50, waksman_formula(50))
    assert r1.log2_factorial == pytest.approx(math.log2(math.factorial(50)), rel=1e-12)
    r3 = route_permutation("benes", 4, perm=[3, 2, 1, 0])
    assert r3.verified and r3.permutation.tolist() == [3, 2, 1, 0]
    assert r3.ratio == pytest.approx(6 / math.log2(24))


def test_route_permutation_large_uses_arrays() -> None:
    r = route_permutation("benes", 2 * GRAPH_VERIFY_MAX, seed=0)
    assert r.verified and r.verified_by == "arrays"
    r = route_permutation("waksman", 33, seed=0, method="arrays")
    assert r.verified and r.verified_by == "arrays"
    with pytest.raises(ValueError, match="method must be one of"):
        route_permutation("waksman", 3, method="bfs")


def test_route_permutation_bad_perm() -> None:
    with pytest.raises(ValueError, match="perm must be a permutation of 0..2"):
        route_permutation("waksman", 3, perm=[0, 0, 1])


# ------------------------------------------------------------------------- CLI
def run(args: list[str]) -> tuple[int, str, str]:
    res = CliRunner().invoke(route, args)
    return res.exit_code, res.stdout, res.stderr


def test_cli_json() -> None:
    code, out, _ = run(["waksman", "--size", "6", "--perm", "5,4,3,2,1,0", "--json"])
    assert code == 0
    (row,) = json.loads(out)
    assert {"network", "size", "switches", "log2_factorial", "verified"} <= set(row)
    assert row["network"] == "waksman" and row["size"] == 6 and row["switches"] == 11
    assert row["verified"] is True
    assert row["permutation"] == [5, 4, 3, 2, 1, 0]
    assert row["log2_factorial"] == pytest.approx(math.log2(720))
    assert 0 <= row["settings_ones"] <= 11
    assert row["provenance"] == PROVENANCE


def test_cli_seed_and_table_footer() -> None:
    code, out, _ = run(["benes", "--size", "16", "--seed", "5"])
    assert code == 0
    assert "Beneš 1964" in out and "Waksman 1968" in out and "counting lower bound" in out
    assert "56" in out
    code, out2, _ = run(["benes", "--size", "16", "--seed", "5", "--json"])
    row = json.loads(out2)[0]
    assert row["permutation"] == np.random.default_rng(5).permutation(16).tolist()
    for flag in ("--csv", "--markdown", "--latex"):
        code, out, _ = run(["waksman", "--size", "9", "--seed", "1", flag])
        assert code == 0 and "waksman" in out


@pytest.mark.parametrize(
    "args,needle",
    [
        (["benes", "--size", "6"], "size must be a power of two"),
        (["waksman", "--size", "0"], "size must be an integer"),
        (["waksman", "--size", "abc"], "size must be an integer"),
        (["waksman", "--size", "4", "--perm", "0,1,2"], "--perm"),
        (["waksman", "--size", "4", "--perm", "0,1,x,3"], "--perm"),
        (["waksman", "--size", "4", "--perm", "0,1,1,3"], "--perm"),
        (["waksman", "--size", "4", "--perm", "0,1,2,3", "--seed", "1"], "--perm"),
        (["waksman", "--size", "4", "--seed", "-1"], "seed must be an integer"),
    ],
)
def test_cli_bad_input_one_line_exit_2(args: list[str], needle: str) -> None:
    code, out, err = run(args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("superbounds: error:")


def test_accounting_equals_switch_count():
    """switching.accounting (closed forms) equals the recursion and the built networks."""
    import sympy

    from bounds.constructions.switching import N_SYM, Q_SYM, accounting, benes, waksman

    ben = accounting("benes")
    for qq in range(1, 11):
        size = 2**qq
        assert int(ben["size"].subs(Q_SYM, qq)) == size
        assert int(ben["switches"].subs(Q_SYM, qq)) == switch_count("benes", size)
        if qq <= 6:
            assert benes(size).switches == int(ben["switches"].subs(Q_SYM, qq))
    wak = accounting("waksman")
    for n in range(1, 70):
        want = sum(math.ceil(math.log2(i)) for i in range(1, n + 1))  # independent oracle
        assert int(wak["switches"].subs(N_SYM, n).doit()) == want == switch_count("waksman", n)
        if n <= 40:
            assert waksman(n).switches == want
    assert sympy.limit(ben["switches"] / (Q_SYM * 2**Q_SYM), Q_SYM, sympy.oo) == 1
