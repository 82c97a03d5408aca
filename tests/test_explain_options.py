"""``superbounds explain`` takes --problem, --bits, --layers, --eps (issue 13 item 5).

Reference numbers are recomputed here with exact integers, not with the library.
"""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli

CLI = build_cli()


def explain_json(*args: str) -> dict:
    res = CliRunner().invoke(CLI, ["explain", *args, "--json"])
    assert res.exit_code == 0, res.output
    return {i["key"]: i for i in json.loads(res.stdout)}


def least_bits(size: int, volume: int = 1) -> int:
    """Least integer B with volume * 2^B >= size."""
    need = max(0, (size // volume).bit_length() - 1)
    while (volume << need) < size:
        need += 1
    return need


def least_width(need: int, b: int, L: int) -> int:
    n = 1
    while b * L * (n * n + n) < need:
        n += 1
    return n


@pytest.mark.parametrize("mp, b, L, eps", [(1000, 4, 2, 0.0), (300, 8, 1, 0.01),
                                           (50, 1, 3, 0.1)])
def test_explain_permutation_options(mp, b, L, eps):
    items = explain_json(str(mp), "--bits", str(b), "--layers", str(L), "--eps", str(eps))
    e = math.floor(eps * mp)
    need = least_bits(math.factorial(mp - e))  # I_eps = log2((m' - e)!)
    assert items[f"params_b{b}"]["value"] == -(-need // b)
    assert items[f"neurons_b{b}"]["value"] == least_width(need, b, L)
    assert f"b={b}, L={L}, eps={eps:g}" in items[f"params_b{b}"]["provenance"]
    assert not any(k.startswith("params_b") and k != f"params_b{b}" for k in items)
    n = items[f"neurons_b{b}"]["value"]
    assert items["capacity_at_n"]["value"] >= mp > items["capacity_below"]["value"]
    assert f"n = {n} neurons, b = {b}" in items["capacity_at_n"]["label"]


@pytest.mark.parametrize("mp, b, eps", [(1000, 4, 0.0), (200, 8, 0.05)])
def test_explain_pairwise(mp, b, eps):
    items = explain_json(str(mp), "--problem", "pairwise", "-b", str(b), "--eps", str(eps))
    m = mp  # the default m = m' (C(m', 2) >= m' for m' >= 3)
    pairs = m * (m - 1) // 2
    e = math.floor(eps * mp)
    need = least_bits(math.perm(pairs, mp), math.comb(mp, e) * pairs**e)
    assert items[f"params_b{b}"]["value"] == -(-need // b)
    assert items[f"neurons_b{b}"]["value"] == least_width(need, b, 1)
    assert items["log2_instances"]["value"] == pytest.approx(
        sum(math.log2(pairs - i) for i in range(mp)), rel=1e-12)
    assert "pairwise" in items["log2_instances"]["provenance"]


def test_explain_pairwise_text_names_its_family():
    res = CliRunner().invoke(CLI, ["explain", "1000", "--problem", "pairwise", "-b", "4"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "pairwise-AND family" in out and "identifiability-pairwise" in out
    assert "parameters, b = 4:" in out and "parameters, b = 8:" not in out
    assert "m'! =" not in out and "(1 − ε)/b" not in out


@pytest.mark.parametrize("args, fragment", [
    (("--bits", "0"), "bits must be an integer in [1, 4096]"),
    (("--bits", "4,8"), "bits must be"),
    (("--layers", "1e7"), "layers must be an integer in [1, 10^6]"),
    (("--eps", "1"), "eps must be a real number in [0, 1)"),
    (("--eps-jl", "0"), "eps_jl must be"),
    (("--problem", "mixed"), "--problem"),
])
def test_explain_bad_options_one_line_exit_2(args, fragment):
    res = CliRunner().invoke(CLI, ["explain", "1000", *args])
    assert res.exit_code == 2, res.output
    assert res.output.count("\n") == 1 and fragment in res.output, res.output
