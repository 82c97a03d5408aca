"""The calculator CLI (SPEC §7): output contracts, formats and solve round trips.

Numbers are compared with values recomputed here (exact integers / mpmath), not with the
library's own functions.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import subprocess

import mpmath
import pytest
from click.testing import CliRunner

from bounds.cli import build_cli

BOUNDS_KEYS = ["m_prime", "problem", "bits_per_param", "layers", "eps", "model", "log2_instances",
               "bits_lb", "params_lb", "neurons_lb", "provenance"]
CAPACITY_KEYS = ["n", "bits_per_param", "layers", "m_prime_max", "m_prime_lambert"]
REPRESENT_KEYS = ["m_prime", "eps", "rounding", "dims"]


@pytest.fixture(scope="module")
def run():
    runner = CliRunner()
    cli = build_cli()

    def _run(*args, ok=True):
        res = runner.invoke(cli, [str(a) for a in args])
        if ok:
            assert res.exit_code == 0, (args, res.output, res.exception)
            assert "Traceback" not in res.output
        return res

    return _run


def run_json(run, *args):
    return json.loads(run(*args, "--json").stdout)


def ceil_log2_factorial(mp: int) -> int:
    return (math.factorial(mp) - 1).bit_length()


def least_n(need: int, b: int, L: int) -> int:
    n = 1
    while b * L * (n * n + n) < need:
        n += 1
    return n


# ------------------------------------------------------------------ bounds
def test_bounds_json_keys_and_values(run):
    rows = run_json(run, "bounds", "1000", "1e6")
    assert len(rows) == 2
    for r in rows:
        assert set(BOUNDS_KEYS) <= set(r)
        assert list(r)[: len(BOUNDS_KEYS)] == BOUNDS_KEYS
        assert r["problem"] == "permutation" and r["model"] == "dense"
        assert r["bits_per_param"] == 8 and r["layers"] == 1 and r["eps"] == 0.0
        assert "theorem" in r["provenance"] and "A1" in r["provenance"]
    a, b = rows
    assert a["m_prime"] == 1000 and isinstance(a["m_prime"], int)
    assert f"{a['log2_instances']:.3f}" == "8529.398"
    assert (a["params_lb"], a["neurons_lb"]) == (1067, 33)
    assert b["m_prime"] == 10**6
    assert f"{b['log2_instances']:.2f}" == "18488884.82"
    assert (b["params_lb"], b["neurons_lb"]) == (2311111, 1520)


@pytest.mark.parametrize("mp", [2, 17, 500, 3000])
@pytest.mark.parametrize("bits, layers", [("1", "1"), ("8", "2"), ("5", "3")])
def test_bounds_json_matches_exact_integers(run, mp, bits, layers):
    r = run_json(run, "bounds", str(mp), "--bits", bits, "--layers", layers)[0]
    need = ceil_log2_factorial(mp)
    b, L = int(bits), int(layers)
    assert r["params_lb"] == -(-need // b)
    assert r["neurons_lb"] == least_n(need, b, L)
    assert r["bits_lb"] == pytest.approx(math.log2(math.factorial(mp)), rel=1e-13)


def test_bounds_pairwise_and_eps_json(run):
    r = run_json(run, "bounds", "10", "--problem", "pairwise", "--m", "6", "--eps", "0.2")[0]
    big = 15
    size, vol = math.perm(big, 10), math.comb(10, 2) * big**2
    need = 0
    while (vol << need) < size:
        need += 1
    assert r["params_lb"] == -(-need // 8)
    assert r["problem"].startswith("pairwise-AND (labelled, m=6)")
    assert r["errors_allowed"] == 2


def test_bounds_sparse_model_json(run):
    r = run_json(run, "bounds", "1000", "--model", "sparse", "--slots", "1000000")[0]
    assert r["model"] == "sparse" and r["slots"] == 10**6 and r["params_lb"] == 413
    with mpmath.workdps(50):
        need = mpmath.loggamma(1001) / mpmath.log(2)
        have = 413 * 8 + (mpmath.loggamma(10**6 + 1) - mpmath.loggamma(414)
                          - mpmath.loggamma(10**6 - 413 + 1)) / mpmath.log(2)
        assert have >= need


def test_bounds_huge_m_prime_json(run):
    r = run_json(run, "bounds", "10**100")[0]
    assert r["m_prime"] == 10**100
    with mpmath.workdps(130):
        ref = mpmath.loggamma(mpmath.mpf(10) ** 100 + 1) / mpmath.log(2)
    assert r["log2_instances"] == pytest.approx(float(ref), rel=1e-12)
    assert isinstance(r["params_lb"], int) and isinstance(r["neurons_lb"], int)


def test_bounds_default_table_has_provenance_footer(run):
    out = run("bounds", "1000", "1e6").stdout
    assert "Lower bounds: permutation, b=8, L=1, eps=0, D1 dense" in out
    assert "1,067" in out and "2,311,111" in out and "1,520" in out
    tail = out.strip().splitlines()
    assert any(line.startswith("Provenance:") for line in tail)
    assert any(line.startswith("Assumption:") for line in tail)


def test_bounds_csv_parseable(run):
    text = run("bounds", "1000", "1e6", "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert list(rows[0])[: len(BOUNDS_KEYS)] == BOUNDS_KEYS
    assert [int(r["params_lb"]) for r in rows] == [1067, 2311111]
    assert [int(r["neurons_lb"]) for r in rows] == [33, 1520]
    full = run_json(run, "bounds", "1000", "1e6")
    for flat, rec in zip(rows, full, strict=True):  # no JSON in a cell
        assert flat["assumptions"] == "; ".join(rec["assumptions"])
        for theorem in rec["lower_bounds"]:
            name = theorem["theorem"]
            for q in ("neurons", "neurons_total", "params"):
                assert flat[f"{name}.{q}"] == ("" if theorem[q] is None else str(theorem[q]))
            for k, v in theorem["assumptions"].items():
                assert flat[f"{name}.assumptions.{k}"] == ("" if v is None else str(v))
        assert "lower_bounds" not in flat
        assert not any(c.lstrip().startswith(("[", "{")) for c in flat.values())
    assert rows[0]["sign-patterns.neurons"] == "19" and rows[0]["params-dense.params"] == "1067"


def test_csv_rows_with_different_theorems_share_one_header(run):
    """-b real and -b 8 rows carry different theorems: one header, empty where absent."""
    text = run("bounds", "10", "-b", "real", "-b", "8", "--csv").stdout
    lines = text.splitlines()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2 and len({len(next(csv.reader([ln]))) for ln in lines}) == 1
    assert rows[0]["params-dense.params"] == ""
    assert rows[1]["params-dense.params"] == str(-(-ceil_log2_factorial(10) // 8))
    assert rows[0]["sign-patterns.params"] == rows[1]["sign-patterns.params"] != ""


def md_cells(line: str) -> list[str]:
    """Cells of a Markdown table row; an escaped pipe (\\|) stays inside its cell."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_bounds_markdown_parseable(run):
    text = run("bounds", "1000", "1e6", "--markdown").stdout
    table = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert len(table) == 4  # header, separator, two rows
    widths = {len(md_cells(ln)) for ln in table}
    assert widths == {6}
    assert all(set(c) <= set("-:") and c for c in md_cells(table[1]))
    assert md_cells(table[0])[1] == "log2\\|F\\|"
    cells = md_cells(table[3])
    assert cells[0] == "1,000,000" and "2,311,111" in cells and "1,520" in cells
    assert any(ln.startswith("> Provenance:") for ln in text.splitlines())


def test_bounds_latex_parseable(run):
    text = run("bounds", "1000", "1e6", "--latex").stdout
    assert text.isascii()
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(r"\begin{tabular}{"))
    ncols = len(lines[start][len(r"\begin{tabular}{"):-1])
    end = lines.index(r"\end{tabular}")
    assert lines[start + 1] == r"\toprule" and lines[start + 3] == r"\midrule"
    assert lines[end - 1] == r"\bottomrule" and lines[-1] == r"\end{table}"
    body = [ln for ln in lines[start + 2:end] if ln.endswith(r"\\")]
    assert len(body) == 3  # header and two rows
    assert all(ln.count("&") == ncols - 1 for ln in body)
    assert "2{,}311{,}111" in text and "$m'$" in text and r"$\geq$" in text
    caption = next(ln for ln in lines if ln.startswith(r"\caption{"))
    assert "Provenance: this library's theorem" in caption and "b=8" in caption


def test_bounds_latex_compiles(run, tmp_path):
    if shutil.which("pdflatex") is None:
        # .ci/run installs it under CI=true: there a missing pdflatex is a failure
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but pdflatex is not installed (.ci/run installs texlive)")
        pytest.skip("pdflatex not installed (CI installs it: .ci/run)")
    table = run("bounds", "1000", "1e6", "--problem", "pairwise", "--latex").stdout
    doc = tmp_path / "t.tex"
    doc.write_text("\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n"
                   + table + "\n\\end{document}\n")
    res = subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", doc.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout[-2000:]
    assert (tmp_path / "t.pdf").stat().st_size > 1000


# ------------------------------------------------------------------ capacity
def test_capacity_json_keys_and_values(run):
    rows = run_json(run, "capacity", "100", "1000")
    for r in rows:
        assert list(r)[: len(CAPACITY_KEYS)] == CAPACITY_KEYS
    assert [r["n"] for r in rows] == [100, 1000]
    assert [r["m_prime_max"] for r in rows] == [7115, 460980]
    assert round(rows[0]["m_prime_lambert"], 1) == 7116.3
    f = math.factorial(7115)
    assert (f - 1).bit_length() <= 80800 < (f * 7116 - 1).bit_length()


def test_capacity_table_and_formats(run):
    out = run("capacity", "10", "100").stdout
    assert "7,115" in out and "Provenance:" in out
    rows = list(csv.DictReader(io.StringIO(run("capacity", "100", "--csv").stdout)))
    assert int(rows[0]["m_prime_max"]) == 7115
    md = run("capacity", "100", "--markdown").stdout
    assert "| 100 |" in md.replace("  ", " ")


# ------------------------------------------------------------------ represent
def test_represent_json_keys_and_values(run):
    rows = run_json(run, "represent", "999999", "--eps-jl", "0.5", "--rounding", "sklearn")
    r = rows[0]
    assert list(r)[: len(REPRESENT_KEYS)] == REPRESENT_KEYS
    assert r["dims"] == 663 and r["rounding"] == "sklearn" and r["eps"] == 0.5
    r2 = run_json(run, "represent", "999999", "--eps-jl", "0.5")[0]
    assert r2["dims"] == 664 and r2["rounding"] == "ceil"
    assert r2["neurons_lb"] == 1520
    assert r2["ratio"] == pytest.approx(1520 / 664)


def test_represent_table_mentions_crossover(run):
    out = run("represent", "1000", "--eps-jl", "0.5").stdout
    assert "crossover" in out and "168,202" in out and "Provenance:" in out


# ------------------------------------------------------------------ solve
def solve(run, **given):
    args = ["solve"]
    for k, v in given.items():
        args += [f"--{k.replace('_', '-')}", str(v)]
    rows = run_json(run, *args)
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize("mp", [3, 100, 7115, 7116, 10**6])
@pytest.mark.parametrize("bits, layers", [(8, 1), (1, 1), (4, 3)])
def test_solve_neurons_then_m_prime_round_trip(run, mp, bits, layers):
    r = solve(run, m_prime=mp, bits=bits, layers=layers)
    assert r["solved_for"] == "neurons"
    n = r["neurons"]
    back = solve(run, neurons=n, bits=bits, layers=layers)
    assert back["solved_for"] == "m_prime" and back["m_prime"] >= mp
    if n > 1:
        smaller = solve(run, neurons=n - 1, bits=bits, layers=layers)
        assert smaller["m_prime"] < mp


@pytest.mark.parametrize("n", [1, 10, 100, 1000])
def test_solve_m_prime_then_neurons_round_trip(run, n):
    r = solve(run, neurons=n, bits=8, layers=1)
    mp = r["m_prime"]
    back = solve(run, m_prime=mp, bits=8, layers=1)
    assert back["neurons"] <= n
    assert solve(run, m_prime=mp + 1, bits=8, layers=1)["neurons"] > n


def test_solve_reference_values(run):
    assert solve(run, neurons=100, bits=8, layers=1)["m_prime"] == 7115
    assert solve(run, m_prime=1000, bits=8, layers=1)["neurons"] == 33
    assert solve(run, m_prime=10**6, bits=8, layers=1)["neurons"] == 1520


@pytest.mark.parametrize("mp, n", [(1000, 33), (1000, 10), (10**5, 300), (50, 2)])
def test_solve_bits_and_layers_round_trip(run, mp, n):
    need = ceil_log2_factorial(mp)
    b = solve(run, m_prime=mp, neurons=n, layers=1)["bits_per_param"]
    assert b == max(1, -(-need // (n * n + n)))  # least b with b (n^2+n) >= I
    assert solve(run, neurons=n, bits=b, layers=1)["m_prime"] >= mp
    if b > 1:
        assert solve(run, neurons=n, bits=b - 1, layers=1)["m_prime"] < mp
    L = solve(run, m_prime=mp, neurons=n, bits=2)["layers"]
    assert L == max(1, -(-need // (2 * (n * n + n))))
    assert solve(run, neurons=n, bits=2, layers=L)["m_prime"] >= mp
    if L > 1:
        assert solve(run, neurons=n, bits=2, layers=L - 1)["m_prime"] < mp


def test_solve_table_has_provenance(run):
    out = run("solve", "--m-prime", "1000", "--bits", "8", "--layers", "1").stdout
    assert "Provenance:" in out and "33" in out


# ------------------------------------------------------------------ demo
def test_demo_runs(run):
    out = run("demo").stdout
    assert "Lower bounds: permutation" in out and "Capacity" in out
    assert "2,311,111" in out and "460,980" in out and "7,115" in out
    assert out.count("Provenance:") >= 4
