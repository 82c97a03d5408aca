"""``superbounds simulate`` / ``crossover``: JSON contract, formats, export, exit-2 errors."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from bounds.cli.simulate import JSON_KEYS, LOWER_KEYS, crossover, simulate
from bounds.constructions.network import Network

UAND = ["uand", "--m-prime", "40", "--m", "30", "--d", "800", "--p", "0.2", "--k", "3",
        "--delta", "0.05", "--seed", "1", "--inputs", "400"]


def _run(cmd, args):
    return CliRunner().invoke(cmd, args, catch_exceptions=False)


def _json(args):
    res = _run(simulate, [*args, "--json"])
    assert res.exit_code == 0, res.output
    (out,) = json.loads(res.stdout)  # a list of one record, as every command prints
    return out


def test_uand_json_keys_exact_and_values():
    out = _json(UAND)
    assert list(out) == [*JSON_KEYS, "provenance", "assumptions"]
    # the record carries what the footer prints: the parameters, C0, the lower bounds
    assert out["provenance"].startswith("construction: ") and "m=30" in out["provenance"]
    assert any(a.startswith("C0 ") for a in out["assumptions"])
    assert list(out["lower_bounds"]) == list(LOWER_KEYS)
    assert out["construction"] == "uand" and out["m_prime"] == 40 and out["k"] == 3
    assert out["delta"] == 0.05 and out["seed"] == 1
    assert out["neurons"] == 800 and out["neurons_total"] == 800  # widths (m=30, d=800)
    assert out["params_dense"] == 30 * 800 + 800
    assert out["bits_per_param"] == 2 and out["layers"] == 1
    # 400 random inputs plus, by default, 59 per adversarial stratum (enough to show 0.05)
    assert out["inputs_tested"] == 400 + 3 * 59 and 0 <= out["errors"] <= out["inputs_tested"]
    assert 0.0 <= out["error_rate"] <= out["error_upper95"] <= 1.0
    assert isinstance(out["meets_delta"], bool)
    assert out["trivial_neurons"] == 40  # C0: one neuron per output; inputs m = 30 < 40
    lb = out["lower_bounds"]
    assert lb["provenance"].startswith("this library's theorem params-dense under b=2, L=1")
    assert lb["bits_lb"] <= out["bits_per_param"] * out["params_dense"]
    assert lb["neurons_lb"] <= out["neurons"] and lb["params_lb"] <= out["params_dense"]


def test_uand_derived_defaults():
    out = _json(["uand", "--m-prime", "60", "--k", "3", "--delta", "0.05", "--inputs", "400"])
    from bounds.constructions.uand import uand_defaults

    d, _p = uand_defaults(60, 60, 3, 0.05)
    assert out["neurons_total"] == d and out["neurons"] == max(60, d)


@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_channel_constructions_json(kind):
    out = _json([kind, "--m-prime", "200", "--k", "3", "--delta", "0.05", "--inputs", "400"])
    assert list(out) == [*JSON_KEYS, "provenance", "assumptions"]
    assert out["construction"] == kind
    # the construction parameters the footer prints (r, s, G, tau, analysis bound)
    assert "r=" in out["provenance"] and "analysis_bound=" in out["provenance"]
    # ... and as structured numbers, the same values the footer prints
    par = out["parameters"]
    assert {"m", "r", "s", "G", "tau", "analysis_bound"} <= set(par)
    for key in ("r", "s", "G", "tau"):
        assert isinstance(par[key], int) and f"{key}={par[key]}," in out["provenance"]
    assert 0 <= par["analysis_bound"] <= 1
    lb = out["lower_bounds"]
    assert lb["bits_lb"] <= out["bits_per_param"] * out["params_dense"]
    assert out["layers"] >= 1 and out["neurons"] >= lb["neurons_lb"]
    assert out["trivial_neurons"] >= 200


def test_table_footer_and_other_formats():
    res = _run(simulate, UAND)
    assert res.exit_code == 0
    text = res.stdout
    assert "simulate uand" in text and "verified by monte-carlo" in text
    assert "lower bounds: this library's theorem params-dense under b=2, L=1" in text
    assert "arXiv:2408.05451" in text and "d=800" in text and "eps=0" in text
    md = _run(simulate, [*UAND, "--markdown"]).stdout
    assert md.splitlines()[2] == "| quantity | value |" and "> lower bounds:" in md
    assert "| neurons (max width n) | 800 |" in md
    tex = _run(simulate, [*UAND, "--latex"]).stdout
    assert r"\begin{tabular}" in tex and r"\caption{simulate uand. construction:" in tex
    assert "lower bounds:" in tex and tex.isascii()
    csv = _run(simulate, [*UAND, "--csv"]).stdout.splitlines()
    header = csv[0].split(",")  # nested records spread as key.sub columns (no JSON in cells)
    assert header[:17] == list(JSON_KEYS)[:17] and "lower_bounds" not in header
    assert len(csv) == 2


def test_export_writes_loadable_npz(tmp_path):
    path = tmp_path / "uand.npz"
    res = _run(simulate, [*UAND, "--export", str(path), "--json"])
    assert res.exit_code == 0 and path.exists()
    net = Network.load_npz(path)
    assert net.kind == "uand" and net.m_prime == 40 and net.widths == (30, 800)
    (out,) = json.loads(res.stdout)
    assert net.resources().params_nonzero == out["params_nonzero"]
    # the export is the network that was simulated: same seed rebuilds the same arrays
    from bounds.constructions.uand import build_uand

    again = build_uand(30, 800, 0.2, 3, 1, m_prime=40).to_arrays()
    with np.load(path) as z:
        for key, arr in again.items():
            assert np.array_equal(z[key], arr), key


BAD = [
    (["uand", "--m-prime", "1"], "m_prime must be an integer in [2, 10^7]"),
    (["uand", "--m-prime", "1.5"], "m_prime must be an integer in [2, 10^7]"),
    (["uand", "--m-prime", "abc"], "m_prime must be an integer in [2, 10^7] (got 'abc')"),
    (["uand", "--m-prime", "nan"], "m_prime must be an integer in [2, 10^7]"),
    (["uand", "--m-prime", "40", "--k", "0"], "k must be an integer >= 1"),
    (["uand", "--m-prime", "40", "--delta", "1.5"], "delta must be a real number in (0, 1)"),
    (["uand", "--m-prime", "40", "--delta", "0"], "delta must be a real number in (0, 1)"),
    (["uand", "--m-prime", "40", "--seed", "-1"], "seed must be an integer >= 0"),
    (["uand", "--m-prime", "40", "--p", "0"], "p must be a real number in (0, 1]"),
    (["uand", "--m-prime", "40", "--p", "1.5"], "p must be a real number in (0, 1]"),
    (["uand", "--m-prime", "40", "--d", "0"], "d must be an integer >= 1"),
    (["uand", "--m-prime", "40", "--m", "5"], "m_prime must be an integer in [2, C(m, 2) = 10]"),
    (["uand", "--m-prime", "40", "--m", "30", "--d", "3", "--p", "0.1"], "S_j empty"),
    (["permutation", "--m-prime", "40", "--d", "100"], "d and p apply to the uand"),
    (["permutation", "--m-prime", "40", "--m", "50"],
     "m applies to pairwise-and, pairwise-and-design, pairwise-and-private, "
     "pairwise-and-separated and uand only (not permutation)"),
    (["permutation-separated", "--m-prime", "40", "--d", "100"], "d and p apply to the uand"),
    (["permutation", "--m-prime", "40", "--adversarial", "x"],
     "adversarial must be an integer in [0, 10^6] or 'auto' (got 'x')"),
    (["permutation", "--m-prime", "40", "--adversarial", "-1"],
     "adversarial must be an integer in [0, 10^6] or 'auto'"),
    (["permutation", "--m-prime", "40", "--certify", "--exhaustive-limit", "-1"],
     "exhaustive_limit must be an integer in [0, 10^9] (got '-1')"),
    (["permutation", "--m-prime", "40", "--certify", "--exhaustive-limit", "1e10"],
     "exhaustive_limit must be an integer in [0, 10^9]"),
    (["permutation", "--m-prime", "40", "--exhaustive-limit", "10"],
     "exhaustive_limit applies with --certify only"),
    (["uand", "--m-prime", "40", "--export", "x.txt"], "export must be a path ending in .npz"),
    (["uand", "--m-prime", "40", "--export", "/nonexistent/dir/x.npz"], "does not exist"),
    (["uand", "--m-prime", "40", "--inputs", "0"], "inputs must be an integer in [1, 10^7]"),
]


@pytest.mark.parametrize(("args", "msg"), BAD)
def test_bad_input_exit_2_one_line(args, msg):
    res = CliRunner().invoke(simulate, args)
    assert res.exit_code == 2, res.output
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("superbounds: error:"), res.stderr
    assert msg in err[0]
    assert "Traceback" not in res.output and res.stdout == ""


def test_unknown_construction_is_a_usage_error():
    res = CliRunner().invoke(simulate, ["xor", "--m-prime", "10"])
    assert res.exit_code == 2


@pytest.mark.parametrize(
    ("args", "msg"),
    [
        (["permutation", "--k", "0"], "k must be an integer >= 1"),
        (["pairwise-and", "--delta", "2"], "delta must be a real number in (0, 1)"),
        (["permutation", "--seed", "x"], "seed must be an integer >= 0 (got 'x')"),
    ],
)
def test_crossover_bad_input(args, msg):
    res = CliRunner().invoke(crossover, args)
    assert res.exit_code == 2
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and msg in err[0]


def test_crossover_json():
    from bounds.constructions.crossover import c0_crossover
    res = _run(crossover, ["permutation", "--k", "3", "--delta", "0.05", "--json"])
    assert res.exit_code == 0
    (out,) = json.loads(res.stdout)
    assert list(out) == ["construction", "k", "delta", "seed", "crossover_m_prime",
                         "provenance", "assumptions"]
    assert "doubling then bisection" in out["provenance"]
    assert out["crossover_m_prime"] == c0_crossover("permutation", 3, 0.05, seed=0)
    assert out["crossover_m_prime"] >= 2


def test_instance_file_and_certify(tmp_path):
    pairs = [[0, 1], [0, 2], [1, 2], [0, 3], [1, 3], [2, 3], [0, 4], [1, 4], [2, 4], [3, 4]]
    npy = tmp_path / "pairs.npy"
    np.save(npy, np.array(pairs))
    js = tmp_path / "pairs.json"
    js.write_text(json.dumps(pairs))
    outs = []
    for path in (npy, js):
        res = CliRunner().invoke(simulate, ["pairwise-and", "--m-prime", "10", "--m", "5",
                                            "--instance", str(path), "--certify", "--json",
                                            "--export", str(tmp_path / "n.npz")])
        assert res.exit_code == 0, res.output
        (out,) = json.loads(res.stdout if hasattr(res, "stdout") else res.output)
        outs.append(out)
        v = out["verdicts"]
        assert v["all_sparse"]["verdict"] == "certified for all ≤3-sparse inputs"
        assert v["probes"]["verdict"] == "certified on the identifying probes"
        assert out["instance_distribution"].startswith("the instance given")
        net = Network.load_npz(tmp_path / "n.npz")
        assert net.instance.tolist() == pairs  # same public seed, the user's instance
    assert outs[0]["params_nonzero"] == outs[1]["params_nonzero"]


@pytest.mark.parametrize(("content", "name", "msg"), [
    ("[1, 0, 0]", "p.json", "instance must be a permutation"),
    ("[1, 0", "p.json", "not valid JSON"),
    ('{"a": 1}', "p.json", "must hold a JSON array"),
    ('["a", "b", "c"]', "p.json", "must hold integers"),
    ("[1, 0, 2]", "p.txt", "must end in .npy or .json"),
    ("garbage", "p.npy", "not a readable .npy"),
])
def test_bad_instance_file_exit_2(tmp_path, content, name, msg):
    path = tmp_path / name
    path.write_text(content)
    res = CliRunner().invoke(simulate, ["permutation", "--m-prime", "3", "--instance",
                                        str(path)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.strip().splitlines() if ln]
    assert len(lines) == 1 and msg in lines[0] and "Traceback" not in res.output


# ------------------------------------------------- adversarial strata (issue 9 audit item 4)
ATTACKED = ["permutation", "--m-prime", "1000", "--k", "4", "--delta", "0.05", "--seed", "1",
            "--inputs", "1000"]  # C1 (random instance): random inputs miss what greedy finds


def _verdict_line(footer: list[str]) -> str:
    (line,) = [x for x in footer if x.startswith("verdict (")
               and not x.startswith("verdict (deterministic")]
    return line


def test_adversarial_strata_run_by_default_and_are_named():
    from bounds.constructions.attacks import ADVERSARIAL_STRATA

    out = _json(ATTACKED)
    mc = out["verdicts"]["monte_carlo"]
    names = [n for n, _ in ADVERSARIAL_STRATA]
    assert mc["strata_run"] == ["uniform", "fewer", *names]
    by = {s["name"]: s for s in out["strata"]}
    assert all(by[n]["inputs"] == 59 for n in names)  # auto: 0 errors in 59 show 0.05
    assert by["uniform"]["errors"] == by["fewer"]["errors"] == 0
    assert by["greedy"]["errors"] > 0  # measured 18/59: the greedy search flips outputs
    assert not out["meets_delta"] and mc["worst_stratum"] == "greedy"
    line = _verdict_line(out["assumptions"])
    assert "inputs: random strata uniform, fewer; adversarial strata: shares-units " in line
    assert f"greedy {by['greedy']['errors']}/59" in line and line.endswith(mc["adversarial"])
    text = _run(simulate, ATTACKED).stdout
    assert "adversarial strata: shares-units" in text and "does not meet delta=0.05" in text


def test_adversarial_zero_says_not_run_and_keeps_the_random_verdict():
    out = _json([*ATTACKED, "--adversarial", "0"])
    assert out["meets_delta"] and out["inputs_tested"] == 1000
    assert out["verdicts"]["monte_carlo"]["strata_run"] == ["uniform", "fewer"]
    assert _verdict_line(out["assumptions"]).endswith("adversarial strata: not run "
                                                      "(adversarial=0)")
    few = _json([*ATTACKED, "--adversarial", "20"])  # too few to show delta: said so
    assert "too few to show delta=0.05 even with 0 errors: need >= 59 each" in \
        few["verdicts"]["monte_carlo"]["adversarial"]


def test_exhaustive_verification_needs_no_adversarial_strata():
    out = _json(["permutation", "--m-prime", "30", "--k", "3", "--delta", "0.05"])
    assert out["verdicts"]["monte_carlo"]["label"].startswith("exhaustive")
    assert _verdict_line(out["assumptions"]).endswith(
        "adversarial strata: not needed (every <= k-sparse input enumerated)")


def test_library_default_runs_no_adversarial_strata():
    import inspect

    from bounds.constructions.simulation import run_simulation
    from bounds.constructions.verify import verify

    assert inspect.signature(verify).parameters["adversarial"].default == 0
    row, footer, _ = run_simulation("permutation", 200, 3, 0.05, 0, inputs=300)
    assert row["inputs_tested"] == 300
    assert _verdict_line(footer).endswith("adversarial strata: not run (adversarial=0)")


# ----------------------------------------------------- --instance claim line (audit item 3)
@pytest.mark.parametrize("kind", ["permutation", "pairwise-and"])
def test_instance_keeps_a_claim_line_about_that_instance_only(tmp_path, kind):
    from bounds.constructions.instances import random_instance

    inst = random_instance(kind, 200, 5, 200 if kind == "pairwise-and" else None)
    path = tmp_path / "inst.json"
    path.write_text(json.dumps(inst.tolist()))
    args = [kind, "--m-prime", "200", "--delta", "0.05", "--inputs", "400", "--adversarial", "0"]
    out = _json([*args, "--instance", str(path)])
    (claim,) = [a for a in out["assumptions"] if a.startswith("claim:")]
    assert claim.startswith("claim: about this user-given instance only (--instance): the "
                            "verdicts say nothing about other instances, and this is no upper "
                            "bound for the family (the lower bounds below are shown for scale")
    assert "the construction's claim is about random instances (a uniformly random" in claim
    assert out["claim"] == "random-instance"
    assert out["instance_distribution"] == "the instance given by the user (--instance)"
    (seed_claim,) = [a for a in _json(args)["assumptions"] if a.startswith("claim:")]
    assert seed_claim.startswith("claim: about a random instance (")


# ------------------------------------ C1s, C2s, C2p for a user instance (audit item 5)
def _instance_file(tmp_path, kind: str, mp: int):
    from bounds.constructions.instances import random_instance

    if kind == "pairwise-and-separated":  # C2s builds only instances of F_r
        from bounds.constructions.pairdesign import family_instance
        from bounds.constructions.seppair import choose_pair_separated

        inst = family_instance(choose_pair_separated(mp), 7)
    else:
        fam = "permutation" if kind == "permutation-separated" else "pairwise-and"
        inst = random_instance(fam, mp, 7, None if fam == "permutation" else mp)
    path = tmp_path / "inst.npy"
    np.save(path, inst)
    return path, inst


@pytest.mark.parametrize(("kind", "mp", "method", "claim"), [
    ("permutation-separated", 60, "exhaustive", "about this user-given instance only"),
    ("pairwise-and-separated", 120, "exhaustive", "about this user-given instance only"),
    ("pairwise-and-private", 50, "exhaustive", "every instance of the family, exact on the"),
])
def test_probe_constructions_build_for_a_user_instance_and_certify(tmp_path, kind, mp, method,
                                                                   claim):
    path, inst = _instance_file(tmp_path, kind, mp)
    npz = tmp_path / "net.npz"
    out = _json([kind, "--m-prime", str(mp), "--instance", str(path), "--certify",
                 "--inputs", "300", "--adversarial", "5", "--export", str(npz)])
    probes = out["verdicts"]["probes"]
    assert probes["verdict"] == "certified on the identifying probes", probes
    assert probes["method"] == method
    # nothing is claimed for >= 2 (permutation) / >= 3 (pairwise) active features
    assert out["verdicts"]["all_sparse"]["status"] in ("refuted", "inconclusive")
    (line,) = [a for a in out["assumptions"] if a.startswith("claim:")]
    assert line.startswith(f"claim: {claim}")
    if kind == "pairwise-and-private":
        assert line.endswith("the claim covers this user-given instance (--instance) as any "
                             "other")
    else:
        assert "no upper bound for the family" in line and "per-instance certificate" in line
    assert np.array_equal(Network.load_npz(npz).instance, inst)  # the user's instance


def test_separated_pairs_refuse_an_instance_outside_their_family(tmp_path):
    from bounds.constructions.adversarial import two_hubs

    path = tmp_path / "hubs.npy"
    np.save(path, two_hubs(120))
    res = CliRunner().invoke(simulate, ["pairwise-and-separated", "--m-prime", "120",
                                        "--instance", str(path)])
    assert res.exit_code == 2 and res.stdout == ""
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and "instance outside the family F_r" in err[0], res.stderr


# ------------------------------------------------------- --exhaustive-limit (audit item 8)
def test_exhaustive_limit_reaches_certify(monkeypatch):
    from bounds.constructions import certify as cert

    seen = []
    real = cert.certificates

    def spy(net, *, exhaustive_limit=200_000):
        seen.append(exhaustive_limit)
        return real(net, exhaustive_limit=exhaustive_limit)

    monkeypatch.setattr(cert, "certificates", spy)
    base = ["permutation", "--m-prime", "108", "--certify", "--inputs", "200",
            "--adversarial", "0"]
    out = _json(base)  # default: C1 at m'=108 has 210 043 inputs; margin inconclusive
    assert out["verdicts"]["all_sparse"]["status"] == "inconclusive"
    assert "exhaustive fallback skipped: 210,043 inputs > exhaustive_limit=200,000" in \
        out["verdicts"]["all_sparse"]["note"]
    _json([*base, "--exhaustive-limit", "150000"])
    assert seen == [200_000, 150_000]
