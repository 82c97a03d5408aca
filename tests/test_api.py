"""The curated Python API: ``import bounds`` finds the names, and they load lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import bounds
from bounds.solve import Solution, solve


def test_all_names_resolve():
    assert set(bounds.__all__) == {"__version__", *bounds._API}
    for name in bounds.__all__:
        assert getattr(bounds, name) is not None, name
    assert bounds.solve is solve and bounds.Solution is Solution
    assert callable(bounds.capacity.capacity) and callable(bounds.representation.representation)


def test_import_bounds_and_cli_group_load_no_heavy_package():
    code = ("import sys, bounds, bounds.cli; bounds.cli.build_cli(); "
            "print(sorted(m for m in ('sympy', 'scipy', 'networkx', 'proofs', 'matplotlib') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def least_n(need: int, b: int, L: int) -> int:
    n = 1
    while b * L * (n * n + n) < need:
        n += 1
    return n


@pytest.mark.parametrize("mp, b, L", [(10, 1, 1), (1000, 8, 1), (10**4, 4, 3)])
def test_solve_each_unknown_against_brute_force(mp, b, L):
    import math

    need = (math.factorial(mp) - 1).bit_length()  # ceil(log2 m'!) exactly
    n = least_n(need, b, L)
    assert solve(m_prime=mp, bits=b, layers=L).neurons == n
    assert solve(m_prime=mp, neurons=n, layers=L).bits_per_param == max(
        1, -(-need // (L * (n * n + n))))
    assert solve(m_prime=mp, neurons=n, bits=b).layers == max(1, -(-need // (b * (n * n + n))))
    cap = solve(neurons=n, bits=b, layers=L)
    assert cap.solved_for == "m_prime" and cap.m_prime >= mp
    need_next = (math.factorial(cap.m_prime + 1) - 1).bit_length()
    assert b * L * (n * n + n) < need_next  # the next m' does not fit
    assert "this library's theorem" in cap.provenance and cap.as_dict()["m_prime"] == cap.m_prime


@pytest.mark.parametrize("kwargs, match", [
    ({"m_prime": 100, "neurons": 5, "bits": 8, "layers": 1}, "exactly one"),
    ({"m_prime": 100}, "exactly one"),
    ({"m_prime": 1, "bits": 8, "layers": 1}, "m_prime must be an integer >= 2"),
    ({"m_prime": 100, "bits": 0, "layers": 1}, "bits must be an integer >= 1"),
])
def test_solve_rejects(kwargs, match):
    with pytest.raises(ValueError, match=match):
        solve(**kwargs)


def test_citation_file_names_this_version_and_the_paper():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "CITATION.cff").read_text(encoding="utf-8")
    assert text.startswith("cff-version: 1.2.0\n")
    assert f"\nversion: {bounds.__version__}\n" in text and "arXiv:2409.15318" in text
    for key in ("message:", "title:", "authors:", "license:", "preferred-citation:"):
        assert f"\n{key}" in text, key


def test_api_reference_page_lists_every_exported_name():
    from bounds.reports.apidoc import api_page

    (doc,) = api_page()
    text = doc.content
    for name in bounds.__all__:
        if name != "__version__":
            assert f"## `bounds.{name}`" in text, name
    assert "Parameters\n----------" in text  # numpydoc sections of bounds.solve
