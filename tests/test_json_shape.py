"""One JSON shape for every calculator command: a list of flat-keyed records, each with
its provenance and assumptions, carrying what the table footer prints (issue 13 item 5)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli

CLI = build_cli()


def run_json(*args: str) -> list:
    res = CliRunner().invoke(CLI, [*args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.mark.parametrize("args", [
    ("bounds", "1000", "1e4"), ("bounds", "100", "--problem", "pairwise", "-b", "real"),
    ("capacity", "10", "100"), ("represent", "1000", "1e6"),
    ("solve", "--m-prime", "1000", "--bits", "8", "--layers", "1"),
    ("solve", "--neurons", "100", "--bits", "8", "--layers", "1"), ("demo",),
])
def test_every_command_prints_a_list_of_records(args):
    rows = run_json(*args)
    assert isinstance(rows, list) and rows
    keys = None
    for r in rows:
        assert isinstance(r, dict)
        assert r["provenance"] and isinstance(r["assumptions"], list) and r["assumptions"]
        if args[0] != "demo":
            keys = keys or list(r)
            assert list(r) == keys  # every record of one command has the same keys


def test_represent_records_carry_the_footer():
    rows = run_json("represent", "1000", "--eps-jl", "0.5")
    r = rows[0]
    assert r["crossover_m_prime"] == 168202  # the footer's crossover, printed in the table
    assert (r["compute_bits_per_param"], r["compute_layers"]) == (8, 1)
    assert "gap" in r["crossover_provenance"]
    text = CliRunner().invoke(CLI, ["represent", "1000", "--eps-jl", "0.5"]).stdout
    assert f"{r['crossover_m_prime']:,}" in text


def test_demo_json_is_the_tables_it_prints():
    rows = run_json("demo")
    by_table: dict[str, list] = {}
    for r in rows:
        by_table.setdefault(r.pop("table"), []).append(r)
    assert list(by_table) == ["bounds-permutation", "bounds-pairwise", "capacity", "represent"]
    m = ["1e3", "1e4", "1e5", "1e6", "1e7", "1e8", "1e9"]
    assert by_table["bounds-permutation"] == run_json("bounds", *m)
    assert by_table["bounds-pairwise"] == run_json("bounds", *m, "--problem", "pairwise")
    assert by_table["capacity"] == run_json("capacity", "10", "100", "1000", "1e4", "1e5")
    assert by_table["represent"] == run_json("represent", *m)
