"""The on-disk cache of sympy results: content-addressed, verified on read, bypassable."""

from __future__ import annotations

import json

import sympy as sp
from click.testing import CliRunner

from proofs import cache
from proofs.checks import FAILED, PROVED, Asymptotic
from proofs.cli import prove
from proofs.symbolic import prove_identity

x = sp.Symbol("x", positive=True)
EXPR = sp.log(sp.factorial(x)) / (x * sp.log(x))


def _entries(root):
    return sorted(root.rglob("*.json"))


def test_limit_is_stored_with_its_input_and_read_back(tmp_path):
    with cache.using(tmp_path):
        assert cache.cached_limit(EXPR, x, sp.oo) == 1
        (entry,) = _entries(tmp_path)
        data = json.loads(entry.read_text())
        assert data["kind"] == "limit" and data["sympy"] == sp.__version__
        assert data["input"] == sp.srepr((EXPR, x, sp.oo)) and data["result"] == "Integer(1)"
        hits = cache.stats()["hits"]
        assert cache.cached_limit(EXPR, x, sp.oo) == 1
        assert cache.stats()["hits"] == hits + 1


def test_an_entry_is_used_only_when_input_and_version_match(tmp_path):
    with cache.using(tmp_path):
        cache.cached_limit(EXPR, x, sp.oo)
        (entry,) = _entries(tmp_path)
        data = json.loads(entry.read_text())
        # a poisoned result under the right input is what a stored entry means ...
        entry.write_text(json.dumps({**data, "result": "Integer(7)"}))
        assert cache.cached_limit(EXPR, x, sp.oo) == 7
        # ... but the same file with a different input, version or garbage is a miss
        for bad in ({**data, "input": sp.srepr((EXPR, x, 0))}, {**data, "sympy": "0.0"}):
            entry.write_text(json.dumps({**bad, "result": "Integer(7)"}))
            assert cache.cached_limit(EXPR, x, sp.oo) == 1
        entry.write_text("{truncated")
        assert cache.cached_limit(EXPR, x, sp.oo) == 1


def test_a_mutated_expression_has_its_own_key(tmp_path):
    with cache.using(tmp_path):
        assert Asymptotic(EXPR, x, 1).run("ratio").status == PROVED
        assert Asymptotic(2 * EXPR, x, 1).run("ratio").status == FAILED
        assert prove_identity(x**2 - 1, (x - 1) * (x + 1)) is not None
        assert prove_identity(x**2 - 1, (x - 1) * (x + 2)) is None
        assert prove_identity(x**2 - 1, (x - 1) * (x + 1)) is not None  # from disk


def test_undecided_results_are_not_stored(tmp_path):
    with cache.using(tmp_path):
        assert prove_identity(x, x + 1) is None
        assert _entries(tmp_path) == []


def test_disabled_neither_reads_nor_writes(tmp_path):
    with cache.using(tmp_path), cache.disabled():
        assert cache.cached_limit(EXPR, x, sp.oo) == 1
        assert _entries(tmp_path) == []


def test_prove_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    r = CliRunner().invoke(prove, ["--no-cache", "storage"], help_option_names=["-h", "--help"])
    assert r.exit_code == 0, r.output
    assert _entries(tmp_path) == []


def test_default_location_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "superposition-bounds" / "sympy"


def test_whole_proof_results_are_stored_and_read_back(tmp_path):
    from proofs.engine import ProofResult, StepResult

    step = StepResult("s", "x ≥ 0", "", "range check", "d", "checked on [1, 2]", "ok", "", ())
    result = ProofResult("toy", "Toy", None, "st", "", ("a",), (), "checked", (step,))
    calls = []

    def compute():
        calls.append(1)
        return result

    with cache.using(tmp_path):
        first = cache.cached_proof("toy", compute)
        again = cache.cached_proof("toy", compute)
    assert first == again == result and len(calls) == 1
    with cache.disabled():
        cache.cached_proof("toy", compute)
    assert len(calls) == 2


def test_failed_proofs_are_not_stored(tmp_path):
    from proofs.engine import ProofResult

    failed = ProofResult("toy", "Toy", None, "st", "", (), (), "failed", ())
    with cache.using(tmp_path):
        cache.cached_proof("toy", lambda: failed)
    assert _entries(tmp_path) == []


def test_tree_version_covers_both_packages_and_versions():
    v = cache.tree_version()
    assert len(v) == 24 and v == cache.tree_version()
