"""Trained networks (issue 11): the tiny end-to-end case CI runs, and the pieces.

Train (in the model: public code, decoder, θ), verify, export (.npz and safetensors),
reload, and run the exported arrays with PLAIN numpy by the contract's semantics
(no scipy, no library code on the reading side): the outputs equal the library's.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from bounds.cli import build_cli
from bounds.constructions.network import Network
from bounds.constructions.simulation import JSON_KEYS
from bounds.training.data import check_rows, load_sweep, replay_search
from bounds.training.export import load_safetensors
from bounds.training.interface import input_code, owner_decoder
from bounds.training.quantize import least_bits, quantize, quantize_values
from bounds.training.run import EXTRA_KEYS, judge, least_width, run_training
from bounds.training.trainer import TrainConfig, train_network

torch = pytest.importorskip("torch", reason="the train extra (make test installs it)")

TINY = TrainConfig(steps=300, batch=128)


def _all_inputs(m: int, k: int) -> np.ndarray:
    rows = [c for j in range(k + 1) for c in itertools.combinations(range(m), j)]
    x = np.zeros((len(rows), m))
    for i, c in enumerate(rows):
        x[i, list(c)] = 1.0
    return x


def _plain_npz(path: Path, x: np.ndarray) -> np.ndarray:
    """The .npz contract run with numpy alone."""
    with np.load(path, allow_pickle=False) as z:
        def mat(name: str) -> np.ndarray:
            out = np.zeros(tuple(z[f"{name}_shape"]))
            np.add.at(out, (z[f"{name}_row"], z[f"{name}_col"]), z[f"{name}_val"])
            return out

        h = x @ mat("E").T
        for i in range(1, int(z["num_layers"]) + 1):
            h = np.maximum(h @ mat(f"W{i}").T + z[f"b{i}"], 0.0)
        return h @ mat("D").T > z["theta"]


def _plain_safetensors(tensors: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    h = x @ tensors["E"].T
    layers = sum(1 for name in tensors if name.startswith("W"))
    for i in range(1, layers + 1):
        h = np.maximum(h @ tensors[f"W{i}"].T + tensors[f"b{i}"], 0.0)
    return h @ tensors["D"].T > tensors["theta"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Network, Path]:
    out = tmp_path_factory.mktemp("train") / "tiny"
    row, _footer, net = run_training("permutation", 30, 3, 64, 1, 0, delta=0.01,
                                     export=str(out), config=TINY, certify=True)
    return row, net, out


def test_tiny_case_is_certified_by_the_library_certifier(tiny: tuple[dict, Network, Path]
                                                          ) -> None:
    """0 errors over all 4526 inputs: the deterministic certifier agrees on both scopes."""
    verdicts = tiny[0]["verdicts"]
    assert verdicts["all_sparse"]["status"] == "certified"
    assert verdicts["probes"]["status"] == "certified"
    assert tiny[0]["claim"] and "random instance" in tiny[0]["instance_distribution"]


def test_tiny_case_trains_verifies_and_exports(tiny: tuple[dict, Network, Path]) -> None:
    row, net, out = tiny
    # the verifier was exhaustive (C(30,<=3) = 4526 inputs) and found no error
    assert row["inputs_tested"] == sum(math.comb(30, j) for j in range(4)) == 4526
    assert row["errors"] == 0 and row["meets_delta"]
    assert row["verdict"].startswith("certified on all <=k-sparse inputs")
    # widths: d = n = 64 < C0's 30? no: the tiny case is about the pipeline, not the gain
    assert row["neurons"] == 64 and row["d"] == 64 and row["params_dense"] == 64 * 64 + 64
    assert row["trivial_neurons"] == 30 and row["in_model"] is True
    x = _all_inputs(30, 3)
    lib = net.forward(x)
    assert np.array_equal(lib, net.target(x))  # certified: equals f on every input
    back = Network.load_npz(out.with_suffix(".npz"))
    assert np.array_equal(back.forward(x), lib)
    assert np.array_equal(_plain_npz(out.with_suffix(".npz"), x), lib)
    tensors, meta = load_safetensors(out.with_suffix(".safetensors"))
    assert meta["kind"] == "permutation" and meta["num_layers"] == "1"
    assert np.array_equal(_plain_safetensors(tensors, x), lib)
    t = {k: torch.from_numpy(v) for k, v in tensors.items()}  # loads into torch as is
    h = torch.relu(torch.from_numpy(x) @ t["E"].T @ t["W1"].T + t["b1"])
    assert np.array_equal((h @ t["D"].T > t["theta"]).numpy(), lib)


def test_row_has_the_simulate_keys_and_least_bits(tiny: tuple[dict, Network, Path]) -> None:
    row, net, _ = tiny
    assert tuple(row)[: len(JSON_KEYS)] == JSON_KEYS
    assert set(EXTRA_KEYS) <= set(row)
    b = row["precision"]["least_bits"]
    assert b is not None and 1 <= b <= 16
    ok = lambda q: judge(q, delta=0.01, seed=0).meets_delta  # noqa: E731
    assert ok(quantize(net, b))
    if b > 1:
        assert not ok(quantize(net, b - 1))
    lbq = row["precision"]["lower_bounds_at_least_bits"]
    assert lbq["bits_per_param"] <= b  # one layer: one grid of 2^b - 1 values


def test_public_interface_is_fixed_and_instance_independent() -> None:
    a = train_network("pairwise-and", 20, 3, 16, 1, 5, config=TrainConfig(steps=5, batch=8))
    other = [[0, 1], *([i, i + 1] for i in range(1, 19)), [0, 19]]
    b = train_network("pairwise-and", 20, 3, 16, 1, 5, config=TrainConfig(steps=5, batch=8),
                      instance=other)
    E = input_code("sign", 20, 16, 5)
    D, theta = owner_decoder(20, 16, 5)
    for t in (a, b):
        assert (t.net.E != E).nnz == 0 and (t.net.D != D).nnz == 0
        assert np.array_equal(t.net.theta, theta)
    assert not np.array_equal(a.net.instance, b.net.instance)


def test_training_is_deterministic() -> None:
    cfg = TrainConfig(steps=20, batch=16)
    one, two = (train_network("permutation", 12, 2, 16, 2, 3, config=cfg) for _ in range(2))
    other = train_network("permutation", 12, 2, 16, 2, 3, config=cfg, train_seed=4)
    for w1, w2 in zip(one.net.weights, two.net.weights, strict=True):
        assert (w1 != w2).nnz == 0
    assert (one.net.weights[0] != other.net.weights[0]).nnz > 0
    assert np.array_equal(one.net.instance, other.net.instance)  # same public seed


@given(st.lists(st.floats(-10, 10), min_size=1, max_size=40), st.integers(2, 8))
def test_quantized_values_lie_on_the_grid(values: list[float], bits: int) -> None:
    v = np.array(values)
    q = quantize_values(v, bits)
    top = 2 ** (bits - 1) - 1
    assert len(set(q.tolist())) <= 2 ** bits - 1
    if np.any(v):
        s = np.max(np.abs(v)) / top
        assert np.all(np.abs(q - v) <= s / 2 + 1e-12)
        assert np.allclose(q / s, np.rint(q / s))


def test_quantize_counts_bits_and_least_bits_searches() -> None:
    t = train_network("permutation", 12, 2, 8, 1, 0, config=TrainConfig(steps=5, batch=8))
    for b in (1, 2, 3, 5):
        res = quantize(t.net, b).resources()
        assert res.distinct_values <= (2 if b == 1 else 2 ** b - 1)
        assert res.bits_per_param <= b
    seen: list[int] = []

    def holds(q: Network) -> bool:
        seen.append(q.meta["quantized_bits"])
        return q.meta["quantized_bits"] >= 6

    assert least_bits(t.net, holds) == 6 and len(seen) <= 8
    assert least_bits(t.net, lambda q: False, max_bits=4) is None


def test_least_width_search_is_consistent() -> None:
    s = least_width("permutation", 16, 2, 1, 0.05, train_seeds=(0, 1),
                    config=TrainConfig(steps=150, batch=64), resolution=4, start=16)
    assert s.least_width is not None and s.best is not None
    row = {"family": "permutation", "m_prime": 16, "least_width": s.least_width,
           "resolution": 4, "least_bits": None, "start": s.start, "train_seeds": [0, 1],
           "trials": [dict(t.__dict__) for t in s.trials]}
    check_rows("permutation", [row])  # with start: the replay equals the real search
    assert replay_search(row) == ([(t.neurons, t.train_seed) for t in s.trials],
                                  s.least_width, True)
    assert s.best.net.widths[1] == s.least_width


def test_check_rows_rejects_inconsistent_data() -> None:
    ok = {"family": "pairwise-and", "m_prime": 100, "least_width": 8, "resolution": 4,
          "least_bits": 3, "trials": [{"neurons": 8, "meets_delta": True},
                                       {"neurons": 4, "meets_delta": False}]}
    check_rows("pairwise-and", [ok])
    for bad in ({"least_width": 12}, {"trials": ok["trials"][:1]},
                {"trials": [{"neurons": 8, "meets_delta": True},
                            {"neurons": 4, "meets_delta": True}]},
                {"family": "permutation"}):
        with pytest.raises(ValueError):
            check_rows("pairwise-and", [{**ok, **bad}])
    cut = {**ok, "complete": False, "least_bits": None,
           "trials": [{"neurons": 8, "meets_delta": True}]}
    check_rows("pairwise-and", [cut])  # cut off: an upper bound, no failure below needed
    for bad in ({"least_width": 12}, {"least_bits": 3},
                {"trials": [{"neurons": 8, "meets_delta": False}]}):
        with pytest.raises(ValueError, match="incomplete"):
            check_rows("pairwise-and", [{**cut, **bad}])
    load_sweep()  # the committed sweep data are consistent


def test_learned_decoder_is_labelled_outside_the_model() -> None:
    row, footer, net = run_training("pairwise-and", 20, 3, 16, 1, 1,
                                    config=TrainConfig(steps=5, batch=8), decoder="learned")
    assert row["in_model"] is False and "OUTSIDE the model" in footer[0]
    assert (net.D != owner_decoder(20, 16, 1)[0]).nnz > 0


def test_cli_json_and_bad_input() -> None:
    cli = build_cli()
    runner = CliRunner()
    res = runner.invoke(cli, ["train", "pairwise-and", "--m-prime", "20", "--neurons", "16",
                              "--steps", "10", "--batch", "16", "--bits", "4", "--json"])
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.output)
    assert row["construction"] == "trained-pairwise-and" and row["precision"]["bits"] == 4
    assert row["bits_per_param"] <= 4
    for args, word in ((["--neurons", "0"], "neurons"), ([], "neurons is required"),
                       (["--neurons", "8", "--bits", "0"], "bits")):
        res = runner.invoke(cli, ["train", "permutation", "--m-prime", "20", *args])
        assert res.exit_code == 2 and word in res.output, res.output
        assert res.output.count("\n") == 1


def test_cli_without_torch_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    cli = build_cli()
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch -> ImportError
    res = CliRunner().invoke(cli, ["train", "permutation", "--m-prime", "20",
                                   "--neurons", "8"])
    assert res.exit_code == 2 and res.output.count("\n") == 1
    assert "superposition-bounds[train]" in res.output


def test_cli_does_not_import_torch() -> None:
    code = ("import sys; from bounds.cli import build_cli, load_all; load_all(build_cli()); "
            "import bounds.training.run, bounds.reports.trained; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_training_forward_gathers_equal_the_dense_products() -> None:
    """The trainer's inputs (gathered code rows) and owners readout (gathered units)
    compute exactly x Eᵀ and h Dᵀ of the contract, on random ≤ k-sparse inputs."""
    from bounds.training.trainer import _active, _Readout, sample_inputs

    rng = np.random.default_rng(3)
    m, n, k = 40, 24, 3
    inst = np.array([[i, (i + 1) % m] for i in range(30)])
    x = sample_inputs(rng, inst, m, k, 64)
    E = input_code("sign", m, n, 3)
    rows = torch.as_tensor(np.vstack([E.T.toarray(), np.zeros((1, n))]))
    got = rows[torch.from_numpy(_active(x, k))].sum(dim=1).numpy()
    assert np.allclose(got, x @ E.T.toarray(), atol=1e-12)
    D, _theta = owner_decoder(30, n, 3)
    readout = _Readout(D, False, torch)
    assert readout.dense is None  # the owners decoder is gathered, not multiplied
    h = torch.from_numpy(rng.standard_normal((64, n)).astype(np.float32))
    assert np.allclose(readout(h).numpy(), h.numpy() @ D.T.toarray(), atol=1e-5)


def test_positive_weight_changes_the_training_and_is_recorded() -> None:
    """pos_weight enters the loss (another network) and the row records it; bad values
    are one-line errors naming the parameter."""
    cfg = TrainConfig(steps=20, batch=32)
    one = train_network("pairwise-and", 20, 3, 16, 1, 2, config=cfg)
    five = train_network("pairwise-and", 20, 3, 16, 1, 2,
                         config=TrainConfig(steps=20, batch=32, pos_weight=5.0))
    assert (one.net.weights[0] != five.net.weights[0]).nnz > 0
    assert five.net.meta["pos_weight"] == 5.0 and one.net.meta["pos_weight"] == 1.0
    for bad in ({"pos_weight": 0.0}, {"lr_width": 0}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            TrainConfig(**bad)
    assert TrainConfig(lr=0.01, lr_width=64).layer_lr(256) == pytest.approx(0.005)
