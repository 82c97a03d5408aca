"""Smoke test: the scale benchmark's functions run on a small size (< 2 s); no timing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, _BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    import sys

    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_bench_scale_functions_run_small() -> None:
    _load("_baseline")
    bench = _load("bench_scale")
    net = bench.build("C2", 60, seed=0)
    res = bench.verify_pair(net, inputs=40, seed=0)
    assert res["baseline"][2] == res["candidate"][2]
    x = bench.random_rows(net, 8, seed=0)
    assert bench.touched_bytes(net, x) > 0
    assert min(bench.copy_bandwidth(1 << 20, rounds=1)) > 0


def test_bench_forward_runs_a_module_pass_equal_to_forward() -> None:
    import numpy as np

    from bounds.constructions import network

    bench = _load("bench_scale")
    fwd = _load("bench_forward")
    net = bench.build("C1", 60, seed=0)
    x = bench.random_rows(net, 8, seed=0)
    assert np.array_equal(fwd.forward_with(network, net, x), net.forward(x))


def test_bench_scale_certify_part_and_array_comparison_run_small(capsys) -> None:
    _load("_baseline")
    bench = _load("bench_scale")
    for which in ("C1d", "C2d"):
        assert bench.main(["--part", "certify", "--m-prime", "150", "--construction", which]) == 0
        assert "certified on the identifying probes" in capsys.readouterr().out
    a, b = bench.build("C1d", 80, seed=1), bench.build("C1d", 80, seed=1)
    assert bench.same_arrays(a, b)
    assert not bench.same_arrays(a, bench.build("C1d", 80, seed=2))


def test_bench_scale_certify_json_and_digest_ignore_the_storage(capsys) -> None:
    """``--json`` reports the certificate; the digest of a coded network equals that of its
    float64-CSR copy (values, not storage) and differs for another network."""
    import dataclasses
    import json

    import scipy.sparse as sp

    bench = _load("bench_scale")
    assert bench.main(["--part", "certify", "--json", "--m-prime", "150",
                       "--construction", "C1d"]) == 0
    res = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [c["verdict"] for c in res["certificates"]] == ["certified on the identifying probes"]
    net = bench.build("C1d", 150, seed=1)
    assert res["digest"] == bench.digest(net)

    def plain(a):
        return sp.csr_matrix((a.data.copy(), a.indices, a.indptr), shape=a.shape)

    flat = dataclasses.replace(net, E=plain(net.E), weights=tuple(map(plain, net.weights)))
    assert bench.digest(flat) == res["digest"] != bench.digest(bench.build("C1d", 150, seed=2))
