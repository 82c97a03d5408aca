"""``superbounds prove`` / ``superbounds explain`` (SPEC §6, §7)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from proofs import registry
from proofs.checks import Assumption, RangeCheck
from proofs.cli import explain, prove
from proofs.engine import Proof, Step
from proofs.registry import Entry


def _run(cmd, args):
    # with the group's help option names: click caches a command's help option on first use,
    # and without "-h" here that cached option would leak into docs/cli.md rendered later
    return CliRunner().invoke(cmd, args, help_option_names=["-h", "--help"])


def test_prove_named_proof_prints_steps_and_exits_zero():
    r = _run(prove, ["storage"])
    assert r.exit_code == 0, r.output
    assert "storage (paper claim A6)" in r.output
    assert "proved" in r.output and "example on [2, 300]" in r.output
    assert "no step failed" in r.output


def test_prove_json_keys():
    r = _run(prove, ["--json", "storage", "jl-dim"])
    assert r.exit_code == 0
    data = json.loads(r.stdout)  # (stderr has a progress line per proof)
    assert [d["name"] for d in data] == ["storage", "jl-dim"]
    for d in data:
        assert {"name", "claim", "statement", "status", "steps"} <= set(d)
        assert all({"claim", "check", "status", "detail"} <= set(s) for s in d["steps"])


def test_prove_markdown_has_latex():
    r = _run(prove, ["--markdown", "neurons"])
    assert r.exit_code == 0
    assert "$$" in r.output and r"\sqrt" in r.output


def test_unknown_proof_exits_two_with_one_line():
    r = _run(prove, ["storage", "no-such-proof"])
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "valid names:" in lines[0] and "counting-lemma" in lines[0]


def test_prove_list():
    r = _run(prove, ["--list"])
    assert r.exit_code == 0 and "neurons\tA2" in r.output


def test_failing_proof_exits_nonzero(monkeypatch):
    def bad() -> Proof:
        return Proof("bad-proof", "Bad", "false", None,
                     (Step("h", "h", Assumption()),
                      Step("r", "k < 3", RangeCheck(1, 5, predicate=lambda k: k < 3))))

    monkeypatch.setitem(registry._REGISTRY, "bad-proof", Entry("bad-proof", None, (), bad, 999))
    r = _run(prove, ["bad-proof"])
    assert r.exit_code == 1
    assert "FAILED" in r.output and "fails at n = 3" in r.output


def test_explain_walkthrough_numbers_and_provenance():
    r = _run(explain, ["1000"])
    assert r.exit_code == 0, r.output
    out = r.output
    for text in ("8,529.398", "1,067", "33", "paper claim A1", "this library's theorem "
                 "params-dense under b=8, L=1, eps=0", "capacity", "JL dimensions"):
        assert text in out, text
    for b in (1, 4, 8, 16, 32):
        assert f"parameters, b = {b}:" in out


def test_explain_json_and_float_input():
    r = _run(explain, ["1e3", "--json"])
    assert r.exit_code == 0
    items = json.loads(r.output)
    by_key = {i["key"]: i for i in items}
    assert by_key["params_b8"]["value"] == 1067 and by_key["neurons_b8"]["value"] == 33
    assert all(i["provenance"] for i in items)


def test_explain_bad_input_exits_two():
    for bad in ("1.5", "abc", "1", "-4"):
        r = _run(explain, ["--", bad])
        assert r.exit_code == 2, bad
        assert r.output.startswith("superbounds: error: m_prime"), r.output


def test_prove_to_a_pipe_shows_a_line_per_proof():
    """stdout not a terminal: one progress line per proof on stderr, stdout unchanged."""
    r = _run(prove, ["storage", "jl-dim"])
    assert r.exit_code == 0
    progress = [ln for ln in r.stderr.splitlines() if ln.startswith("[")]
    assert [ln.split(":")[0] for ln in progress] == ["[1/2] storage", "[2/2] jl-dim"]
    assert all("left)" in ln for ln in progress)
    assert "[1/2]" not in r.stdout and "no step failed" in r.stdout
