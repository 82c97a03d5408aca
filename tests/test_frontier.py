"""superbounds frontier (issue 9 item 3): keys, ratios, analytic sizes = built, notions."""

from __future__ import annotations

import json
import math
import warnings
from typing import Any

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli
from bounds.constructions.channels import (
    AnalysisBoundWarning,
    accounting,
    build_pairwise_and,
    build_permutation,
    choose_parameters,
)
from bounds.lower import least_width, lower_bounds
from bounds.reports.frontier import construction_sizes, frontier_row, tolerant_bound
from bounds.representation import jl_min_dim
from bounds.tolerant import info_bits_probe_tolerant

BUILD = {"permutation": build_permutation, "pairwise-and": build_pairwise_and}
PROBLEM = {"permutation": "permutation", "pairwise-and": "pairwise"}


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(build_cli(), list(args))
    return res.exit_code, res.stdout, res.stderr


def _assert_sizes_match_built(con: dict, acc: dict, nets: list) -> None:
    """The frontier's analytic row equals the accounting and the built networks (random and
    adversarial instances); P_nz and bits are every-instance upper bounds."""
    for net in nets:
        res = net.resources()
        assert tuple(con["widths"]) == res.widths == tuple(int(w) for w in acc["widths"])
        assert con["neurons"] == res.max_width
        assert con["neurons_total"] == res.total_neurons == int(acc["total_neurons"])
        assert con["params_dense"] == res.params_dense == int(acc["params_dense"])
        assert con["layers"] == res.layers == 2
        assert res.params_nonzero <= con["params_nonzero"]
        assert res.bits_per_param <= con["bits_per_param"]
    assert con["verdict_kind"] == "theorem-probes" and con["claim"] == "family"


@pytest.mark.parametrize("mp", [28, 78, 500, 3000])
def test_design_sizes_equal_built_network_and_accounting(mp: int) -> None:
    from bounds.constructions.design import (
        build_permutation_design,
        choose_design,
        design_accounting,
        overlap_instance,
    )

    row = frontier_row("permutation", mp, k=3, delta=0.01)
    con = row.construction_theorem or row.construction  # C1d, chosen or not
    _assert_sizes_match_built(con, design_accounting(choose_design(mp)), [
        build_permutation_design(mp, 3, 0.01, 0, instance=inst)
        for inst in (None, overlap_instance(mp, 0, targets=5)[0])])
    assert "EVERY permutation" in con["verdict"]
    assert row.lower_tolerant["wrong_probes"] == 0  # exact notion: t = 0
    # beats C0 by max width from m' = 29 on (design crossover)
    assert (con["neurons"] < mp) == (mp >= 29)


@pytest.mark.parametrize("mp", [500, 3000])
def test_analytic_sizes_equal_built_network(mp: int) -> None:
    # pairwise: C2d (bounds/constructions/pairdesign.py), the analysed sizes of its accounting
    from bounds.constructions.pairdesign import (
        build_pair_design,
        choose_pair_design,
        pair_design_accounting,
        shared_endpoint_instance,
    )

    row = frontier_row("pairwise", mp, k=3, delta=0.01)
    con = row.construction_theorem or row.construction  # C2d (a calibrated C2s may lead)
    _assert_sizes_match_built(con, pair_design_accounting(choose_pair_design(mp)), [
        build_pair_design(mp, 3, 0.01, 0, instance=inst)
        for inst in (None, shared_endpoint_instance(mp, 0, targets=5)[0])])


@pytest.mark.parametrize("mp", [500, 3000])
def test_channel_sizes_equal_built_network(mp: int) -> None:
    # C2 (no longer the page's pairwise row): the fast evaluation equals its accounting
    kind = "pairwise-and"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnalysisBoundWarning)
        net = BUILD[kind](mp, 3, 0.01, seed=0)
        p = choose_parameters(kind, mp, 3, 0.01)
    res = net.resources()
    fast = construction_sizes(kind, p)
    assert fast["widths"] == list(res.widths) and fast["total_neurons"] == res.total_neurons
    assert res.params_nonzero <= fast["params_nonzero_upper"]
    acc = accounting(kind, p)
    assert fast["params_nonzero_upper"] == int(acc["params_nonzero_upper"])
    assert fast["total_neurons"] == int(acc["total_neurons"])


def test_json_keys_types_and_ratios() -> None:
    code, out, err = run("frontier", "1e5", "--problem", "pairwise", "--json")
    assert code == 0, err
    (rec,) = json.loads(out)
    for key in ("m_prime", "lower", "construction", "trivial_neurons", "jl_dims",
                "ratio_neurons", "ratio_params"):
        assert key in rec
    assert rec["m_prime"] == 100000
    assert {"neurons", "params", "theorem"} <= set(rec["lower"])
    assert {"name", "neurons", "params_nonzero", "params_dense", "bits_per_param", "layers",
            "verdict"} <= set(rec["construction"])
    con, low = rec["construction"], rec["lower"]
    for key in ("neurons", "params_nonzero", "params_dense", "bits_per_param", "layers"):
        assert isinstance(con[key], int) and not isinstance(con[key], bool)
    assert isinstance(low["neurons"], int) and isinstance(low["params"], int)
    assert low["theorem"] in ("params-dense", "sign-patterns") and "theorem" in low["provenance"]
    th = rec["construction_theorem"] or con  # C2d; a calibrated C2s leads where recorded
    assert th["verdict"].startswith("theorem (this library's, bounds/constructions/pairdesign")
    if rec["construction_theorem"] is not None:
        assert con["verdict_kind"] == "calibrated-probes" and con["neurons"] < th["neurons"]
        assert "no every-instance theorem" in con["verdict"]
    assert rec["notion"] == "exact" and low == rec["lower_exact"]
    assert rec["ratio_neurons"] == con["neurons"] / low["neurons"]
    assert rec["ratio_params"] == con["params_nonzero"] / low["params_sparse"]
    assert rec["ratio_params_dense"] == con["params_dense"] / low["params"]
    assert rec["trivial_neurons"] == 100000
    assert rec["jl_dims"] == jl_min_dim(100001, 0.1)
    # the lower bound is at the construction's own b and L (SPEC §5): recompute it
    ref = lower_bounds(__import__("bounds.families", fromlist=["family"]).family(
        "pairwise", 100000), bits=con["bits_per_param"], layers=con["layers"])
    assert low["neurons"] == ref.neurons_lb and low["params"] == ref.params_lb
    # C2d is exact on the probes (theorem): its tolerant bound is the exact one (t = 0)
    assert rec["lower_tolerant"]["wrong_probes"] == 0
    # an analysis-only verdict at delta = 0.01 allows t = floor(delta q) >= m' wrong probes:
    # vacuous (bounds.tolerant)
    assert tolerant_bound("pairwise", 100000, bits=con["bits_per_param"],
                          layers=con["layers"], delta=0.01, verdict_kind="analysis",
                          k=3)["vacuous"] is True


def test_exact_verdict_divides_by_the_exact_bound() -> None:
    code, out, err = run("frontier", "1e4", "--json")
    assert code == 0, err
    (rec,) = json.loads(out)
    con, low = rec["construction"], rec["lower"]
    # C1d (theorem) or, where recorded, the calibrated C1s: both on the exact notion
    assert con["verdict_kind"] in ("theorem-probes", "calibrated-probes")
    assert rec["notion"] == "exact"
    assert low == rec["lower_exact"] and low["notion"].startswith("exact")
    assert rec["ratio_neurons"] == con["neurons"] / low["neurons"]
    assert rec["ratio_params"] == con["params_nonzero"] / low["params_sparse"]
    assert rec["ratio_params_dense"] == con["params_dense"] / low["params"]
    assert rec["ratio_neurons_total"] == con["neurons_total"] / low["neurons_total"]


def test_analysis_verdict_with_a_nonvacuous_tolerant_bound(monkeypatch: Any) -> None:
    # at m' = 50 pairwise, t = floor(delta q) = 12 < m': the tolerant bound says something,
    # and an analysis verdict's ratios divide by it (not by the exact bound). The page's
    # pairwise row is C2d (a theorem, notion exact); C2's analysis row is put in its place.
    import bounds.reports.frontier as fr

    monkeypatch.setattr(fr, "_pair_design_construction",
                        lambda mp: fr._analysis_construction("pairwise", mp, 3, 0.01))
    row = frontier_row("pairwise", 50)
    tol = row.lower_tolerant
    assert row.construction["verdict_kind"] == "analysis" and row.notion == "delta-tolerant"
    assert not tol["vacuous"] and 0 < tol["wrong_probes"] < 50
    assert row.lower["neurons"] == tol["neurons"] < row.lower_exact["neurons"]
    assert row.ratio_neurons == row.construction["neurons"] / tol["neurons"]
    assert row.ratio_params_dense == row.construction["params_dense"] / tol["params"]
    assert row.ratio_params is None and row.ratio_neurons_total is None


def test_every_verdict_kind_has_one_notion() -> None:
    from bounds.reports.frontier import NOTIONS

    assert {NOTIONS[k] for k in ("theorem-probes", "certified-probes", "exhaustive")} == {
        "exact"}
    assert {NOTIONS[k] for k in ("analysis", "monte-carlo")} == {"delta-tolerant"}
    assert NOTIONS["refuted-or-inconclusive"] == "none"


@pytest.mark.parametrize("mp", [1000, 10**4, 10**5])
def test_tolerant_le_exact_and_independent(mp: int) -> None:
    row = frontier_row("permutation", mp)
    b, L = row.construction["bits_per_param"], row.construction["layers"]
    tol = tolerant_bound("permutation", mp, bits=b, layers=L, delta=0.01,
                         verdict_kind="analysis", k=3)
    low = row.lower
    assert tol["neurons"] <= low["neurons"]
    assert tol["params"] <= low["params"]
    t = math.floor(0.01 * mp)  # uniform on the m' one-hot probes (analysis verdict)
    assert tol["wrong_probes"] == t
    info = info_bits_probe_tolerant("permutation", mp, t)
    assert tol["neurons"] >= least_width(int(math.ceil(info)), b, L)
    # C1d is exact on the probes (theorem): its tolerant bound is the exact one (t = 0)
    assert row.lower_tolerant["wrong_probes"] == 0
    assert row.notion == "exact" and row.lower == row.lower_exact


def test_monte_carlo_notion_uses_least_probe_mass() -> None:
    # 'fewer' stratum: size uniform on {0..k-1}; a one-hot probe has mass 1/(k m)
    tb = tolerant_bound("permutation", 1000, bits=4, layers=2, delta=0.01,
                        verdict_kind="monte-carlo", k=3)
    assert tb["wrong_probes"] == 30
    assert tolerant_bound("permutation", 1000, bits=4, layers=2, delta=0.01,
                          verdict_kind="exhaustive", k=3)["wrong_probes"] == 0


def test_certify_builds_and_judges(monkeypatch: Any) -> None:
    import bounds.reports.frontier as fr
    from bounds.constructions.pairdesign import build_pair_design

    # a calibrated C2s (if recorded at 500) is rebuilt for the random instance only here
    monkeypatch.setattr(fr, "calibrate_attacks", lambda *a: [])
    code, out, err = run("frontier", "500", "--certify", "--json", "--problem", "pairwise")
    assert code == 0, err
    (rec,) = json.loads(out)
    con = rec["construction_theorem"] or rec["construction"]  # C2d (theorem on F_r)
    if rec["construction_theorem"] is not None:
        cal = rec["construction"]
        assert cal["verdict_kind"] == "calibrated-probes" and cal["neurons"] < con["neurons"]
    assert con["verdict_kind"] == "certified-probes" and con["claim"] == "family"
    assert con["certificate"].count("certified on the identifying probes") == 2
    net = build_pair_design(500, 3, 0.01, seed=0)
    assert con["neurons"] == net.resources().max_width
    assert con["bits_per_param"] >= net.resources().bits_per_param


def test_certify_design_random_and_adversarial(monkeypatch: Any) -> None:
    import bounds.reports.frontier as fr

    # the calibrated C1s is rebuilt for the random instance only here (time); the attacks
    # are rebuilt by the CLI itself (calibrate_attacks) and by benchmarks/calibrate_sep.py
    monkeypatch.setattr(fr, "calibrate_attacks", lambda *a: [])
    code, out, err = run("frontier", "500", "--certify", "--json")
    assert code == 0, err
    (rec,) = json.loads(out)
    con = rec["construction_theorem"] or rec["construction"]  # C1d (theorem)
    assert con["verdict_kind"] == "certified-probes" and con["claim"] == "family"
    assert con["certificate"].count("certified on the identifying probes") == 2
    assert "adversarial instance" in con["verdict"]
    if rec["construction_theorem"] is not None:  # a calibrated C1s was rebuilt and chosen
        cal = rec["construction"]
        assert cal["verdict_kind"] == "calibrated-probes" and cal["claim"] == "certified-instance"
        assert cal["certificate"].count("certified on the identifying probes") == 1
        assert cal["neurons"] < con["neurons"]
        assert "no every-instance theorem" in cal["verdict"]


def _calibrated_row(mp: int) -> dict[str, Any] | None:
    from bounds.constructions.sepperm import CALIBRATION

    if not CALIBRATION.exists():
        return None
    rows = json.loads(CALIBRATION.read_text())["rows"]
    ok = [r for r in rows if r["m_prime"] == mp and r["all_certified"] and r["seed"] == 0]
    return min(ok, key=lambda r: r["max_width"]) if ok else None


def test_calibrated_construction_chosen_and_theorem_kept() -> None:
    cal = _calibrated_row(500)
    if cal is None:
        pytest.skip("no calibration row at m'=500 (benchmarks/calibrate_sep.py)")
    row = frontier_row("permutation", 500)
    con, th = row.construction, row.construction_theorem
    assert th is not None and th["name"].startswith("C1d") and th["claim"] == "family"
    if cal["max_width"] < th["neurons"]:
        assert con["verdict_kind"] == "calibrated-probes" and row.notion == "exact"
        assert con["neurons"] == cal["max_width"] and con["layers"] == cal["layers"]
        assert row.ratio_neurons == con["neurons"] / row.lower_exact["neurons"]
        assert row.ratio_params == con["params_nonzero"] / row.lower_exact["params_sparse"]
        ref = lower_bounds(__import__("bounds.families", fromlist=["family"]).family(
            "permutation", 500), bits=con["bits_per_param"], layers=con["layers"])
        assert row.lower_exact["neurons"] == ref.neurons_lb
        assert th["ratio_neurons"] > row.ratio_neurons
    # another seed: the calibration says nothing about it without --certify
    assert frontier_row("permutation", 500, seed=7).construction_theorem is None


@pytest.mark.slow
def test_calibrated_numbers_are_those_of_the_built_network() -> None:
    from bounds.constructions.sepperm import build_permutation_separated

    cal = _calibrated_row(500)
    if cal is None:
        pytest.skip("no calibration row at m'=500 (benchmarks/calibrate_sep.py)")
    net = build_permutation_separated(500, 3, 0.01, 0, layers=cal["layers"],
                                      **{k: cal[k] for k in ("d", "s", "G", "scale",
                                                             "objective")})
    res = net.resources()
    assert list(res.widths) == cal["widths"] and res.params_dense == cal["params_dense"]
    assert res.params_nonzero <= cal["params_nonzero"]
    assert res.bits_per_param <= cal["bits_per_param"]


@pytest.mark.slow
def test_certify_design_above_enumeration_uses_the_rs_certifier() -> None:
    # above 20 000 probes C1d is certified by the exact RS certifier (no size limit now)
    from bounds.reports.frontier import _judge_design

    con = _judge_design(25_000, 3, 0.01, 0)
    assert con["verdict_kind"] == "certified-probes" and con["claim"] == "family"
    assert con["certificate"].count("certified on the identifying probes (rs-structure)") == 2


def test_table_has_provenance_footer() -> None:
    code, out, err = run("frontier", "1000", "1e4", "--problem", "pairwise")
    assert code == 0, err
    assert "theorem (this library's, bounds/constructions/pairdesign.py)" in out
    assert "this library's theorem" in out and "Johnson" in out


@pytest.mark.parametrize("args, word", [
    (["frontier", "1.5"], "m_prime"),
    (["frontier", "1000", "--delta", "0"], "delta"),
    (["frontier", "1000", "--k", "1", "--problem", "pairwise"], "k"),
    (["frontier", "1000", "--bits", "x"], "bits"),
    (["frontier", "1000", "--eps-jl", "1"], "eps_jl"),
    (["frontier", "1e6", "--certify"], "m_prime"),
])
def test_bad_input_exits_2_one_line(args: list[str], word: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and word in err
    assert "Traceback" not in err


def test_figure_point_agrees_with_the_row() -> None:
    from bounds.reports.frontier import sandwich_point

    for problem in ("permutation", "pairwise"):
        pt, row = sandwich_point(problem, 5000), frontier_row(problem, 5000)
        assert pt["construction"] == row.construction["neurons"]
        assert pt["trivial"] == row.trivial_neurons and pt["jl"] == row.jl_dims
        # the figure's counting bound is one of the theorems: the row's best-of is >= it
        assert pt["lower_exact"] <= row.lower_exact["neurons"]
        d1 = next(t for t in row.lower_exact["lower_bounds"]
                  if t["theorem"] == "params-dense")
        assert pt["lower_exact"] == d1["neurons"]


def test_trained_width_where_measured() -> None:
    from bounds.training.data import measured_width

    row = frontier_row("pairwise", 500)
    assert row.trained_width == measured_width("pairwise-and", 500)
    assert frontier_row("pairwise", 500, k=4).trained_width is None  # measured at k = 3 only


def test_table_rows_carry_verdict_kinds() -> None:
    # issue 9 "Done when": every construction row carries its verdict kind (table and CSV)
    from bounds.reports.frontier import COLUMNS, NOTIONS, flat, kinds_line

    for problem, mp in (("permutation", 1000), ("permutation", 10**4), ("pairwise", 10**4)):
        row = frontier_row(problem, mp)
        cells = flat(row)
        assert list(cells) == [key for key, _ in COLUMNS]
        assert cells["verdict_kind"] == row.construction["verdict_kind"] in NOTIONS
        th = row.construction_theorem
        if th is None:
            assert cells["theorem"] == "same"
        else:  # the theorem construction's kind is named in its own column
            assert th["verdict_kind"] in cells["theorem"].split()
    with pytest.raises(ValueError, match="unknown verdict kind"):
        kinds_line(["Monte-Carlo 95%"])


def test_calibrate_attacks_include_a_hull_attack_inside_the_family() -> None:
    from bounds.constructions.pairdesign import co_owner_excess
    from bounds.constructions.registry import calibrated_constructions
    from bounds.constructions.seppair import choose_pair_separated
    from bounds.reports.frontier import calibrate_attacks

    (c2s,) = [e for e in calibrated_constructions("pairwise-and") if e.short == "C2s"]
    p = choose_pair_separated(150)
    sizes = {"r": p.r, "G": p.G, "s": p.s, "g": p.g}
    got = calibrate_attacks(c2s, 150, 0, 1, sizes)
    assert [n for n, _ in got][-1] == "attack-hull" and len(got) == 4
    for _, inst in got:
        assert inst.shape == (150, 2) and co_owner_excess(p, inst)[0] < p.r
        assert len({tuple(x) for x in inst.tolist()}) == 150
    (c1s,) = [e for e in calibrated_constructions("permutation") if e.short == "C1s"]
    got = calibrate_attacks(c1s, 120, 0, 1, {"d": 30, "G": 17, "s": 8})
    assert [n for n, _ in got][-1] == "attack-hull"
    assert all(sorted(inst.tolist()) == list(range(120)) for _, inst in got)
