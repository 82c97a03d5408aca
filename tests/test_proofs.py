"""All registered proofs pass; wrong formulas in ``bounds`` make them fail; docs do not drift."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import sympy as sp

import bounds.capacity as cap
import bounds.counting as counting
import bounds.families as fams
import bounds.lower as low
from proofs import registry
from proofs.checks import FAILED, PROVED, is_checked
from proofs.engine import check
from proofs.render import rendered_docs, to_dicts

DOCS = Path(__file__).resolve().parents[1] / "docs" / "proofs"
SYMPY_KINDS = {"identity", "symbolic inequality", "asymptotic", "induction", "z3"}


@pytest.fixture(scope="module")
def results(proof_results):
    return proof_results


def test_all_registered_proofs_pass(results):
    failed = {r.name: [s.name for s in r.steps if s.status == FAILED]
              for r in results if r.status == FAILED}
    assert not failed


def test_paper_claims_are_covered(results):
    claims = {r.claim for r in results}
    assert {"A1", "A2", "A3", "A4", "A6", "A7"} <= claims
    assert all(c is None or c in {"A1", "A2", "A3", "A4", "A5", "A6", "A7"} for c in claims)


def test_every_proved_step_is_backed_by_sympy(results):
    for r in results:
        for s in r.steps:
            if s.status == PROVED:
                assert s.check in SYMPY_KINDS, (r.name, s.name)
                assert s.evidence, (r.name, s.name)
            else:
                assert s.evidence == "", (r.name, s.name)
            if is_checked(s.status):
                assert s.status.startswith(("checked on [", "checked at {")), s.status
                assert s.check in {"range check", "brute force", "identity",
                                   "symbolic inequality"}


def test_proof_tests_share_one_worker(results, request):
    # under `make test` (-n 2 --dist loadgroup) every reader of the session's one proof run is
    # in one xdist group (conftest), so the proofs and the docs render run on one worker only
    if getattr(request.config.option, "dist", "no") == "loadgroup":
        assert request.node.nodeid.endswith("@proofs"), request.node.nodeid


def test_registry_entries_match_proofs():
    for entry in registry.entries():
        proof = registry.get(entry.name)
        assert entry.assumptions in (None, proof.assumptions)
        assert proof.steps and proof.statement


def test_json_keys(results):
    data = to_dicts(results)
    for d in data:
        assert {"name", "claim", "statement", "status", "steps"} <= set(d)
        for s in d["steps"]:
            assert {"claim", "check", "status", "detail"} <= set(s)


# ----------------------------------------------------------------- mutations of bounds
def _status(name: str) -> tuple[str, dict[str, str]]:
    res = check(registry.get(name))
    return res.status, {s.name: s.status for s in res.steps}


def test_mutation_off_by_one_exact_volume(monkeypatch):
    def wrong(self, e):
        return math.perm(self.m_prime, max(e - 1, 0))  # off by one

    monkeypatch.setattr(fams.Permutation, "exact_tolerant_volume", wrong)
    status, steps = _status("tolerant-volume-permutation")
    assert status == FAILED and steps["volume-brute-force"] == FAILED


def test_mutation_off_by_one_symbolic_volume(monkeypatch):
    def wrong(n, k):
        return (sp.loggamma(n + 1) - sp.loggamma(n - k + 2)) / sp.log(2)

    monkeypatch.setattr(counting, "log2_falling_factorial_sym", wrong)
    status, steps = _status("tolerant-volume-permutation")
    assert status == FAILED and steps["library-volume"] == FAILED


def test_mutation_wrong_log_base(monkeypatch):
    monkeypatch.setattr(counting, "log2_factorial_sym",
                        lambda n: sp.loggamma(n + 1) / sp.log(10))
    status, steps = _status("counting-lemma")
    assert status == FAILED and steps["permutation-size"] == FAILED


def test_mutation_dropped_factor_two_in_neuron_bound(monkeypatch):
    monkeypatch.setattr(low, "least_width_sym",
                        lambda i, b, L: (-1 + sp.sqrt(1 + 2 * i / (b * L))) / 2)
    status, steps = _status("neurons")
    assert status == FAILED and steps["closed-form"] == FAILED


def test_mutation_numeric_neuron_bound(monkeypatch):
    orig = low.least_width

    def wrong(info_ceil, bits, layers):
        c = -(-info_ceil // (bits * layers))
        return max(1, math.isqrt(c // 2))  # dropped factor of two, and floor not ceil

    monkeypatch.setattr(low, "least_width", wrong)
    status, steps = _status("neurons")
    assert status == FAILED and steps["library-least-width"] == FAILED
    monkeypatch.setattr(low, "least_width", orig)


def test_mutation_wrong_limit(monkeypatch):
    # twice log2 m'! : the A1 limit becomes 2(1 − ε), not (1 − ε)
    monkeypatch.setattr("bounds.counting.log2_factorial_sym",
                        lambda n: 2 * sp.loggamma(n + 1) / sp.log(2))
    status, steps = _status("asymptotic-params")
    assert status == FAILED and steps["bits-upper-limit"] == FAILED


def test_mutation_wrong_lambert_form(monkeypatch):
    monkeypatch.setattr(cap, "lambert_capacity_sym",
                        lambda B: B * sp.log(2) / sp.LambertW(B * sp.log(2)))
    status, steps = _status("capacity")
    assert status == FAILED and steps["lambert-solves"] == FAILED


def test_mutation_capacity_off_by_one(monkeypatch):
    orig = cap.capacity

    def wrong(n, **kw):
        c = orig(n, **kw)
        return c.__class__(**{**c.__dict__, "m_prime_max": c.m_prime_max + 1})

    monkeypatch.setattr(cap, "capacity", wrong)
    status, steps = _status("capacity")
    assert status == FAILED and steps["library-largest"] == FAILED


# ----------------------------------------------------------------- docs
def test_docs_do_not_drift(results):
    expected = rendered_docs(results)
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    assert set(on_disk) == set(expected), "regenerate: superbounds docs"
    for name, text in expected.items():
        assert on_disk[name] == text, f"docs/proofs/{name} drifted; regenerate it"


# ------------------------------------------- mutations of the C1/C2 analysis (issue 12 item 4)
@pytest.fixture
def fresh_terms():
    from bounds.constructions.channels import analysis as an

    an._term_fns.cache_clear()
    yield an
    an._term_fns.cache_clear()


def test_mutation_failure_bound_dropped_term(monkeypatch, fresh_terms):
    """Drop the half-active class H from the union bound: `terms` fails (and `numbers`)."""
    an = fresh_terms
    orig = an.failure_terms
    monkeypatch.setattr(an, "failure_terms",
                        lambda kind: tuple(t for t in orig(kind) if t.name != "H"))
    status, steps = _status("analysis-pairwise-and-channels")
    assert status == FAILED and steps["terms"] == FAILED and steps["numbers"] == FAILED


def test_mutation_failure_bound_dropped_summand(monkeypatch, fresh_terms):
    """Drop Noise(x + s) from the false-positive probability of the class Z."""
    import dataclasses

    an = fresh_terms
    orig = an.failure_terms

    def wrong(kind):
        return tuple(dataclasses.replace(t, p_bad=t.p_bad.subs(an.NOISE(an.X_ + an.S_), 0))
                     if t.name == "Z" else t for t in orig(kind))

    monkeypatch.setattr(an, "failure_terms", wrong)
    status, steps = _status("analysis-pairwise-and-channels")
    assert status == FAILED and steps["terms"] == FAILED


def test_mutation_failure_bound_numeric_path(monkeypatch):
    """A numeric failure_bound that skips a term, whatever the sympy terms say."""
    from bounds.constructions import channels

    orig = channels.failure_bound

    def wrong(*args, **kw):
        out = dict(orig(*args, **kw))
        out["total"] -= out.pop("H", 0.0)
        return out

    monkeypatch.setattr(channels, "failure_bound", wrong)
    status, steps = _status("analysis-pairwise-and-channels")
    assert status == FAILED and steps["numbers"] == FAILED


def test_mutation_smaller_margin_in_the_network(monkeypatch):
    """The network is built with γ = 1/2 − 1/s while the analysis keeps 1/2 − 1/(2s)."""
    import dataclasses

    from bounds.constructions.channels import build

    orig = build.choose_parameters

    def wrong(*args, **kw):
        p = orig(*args, **kw)
        gam = 0.5 - 1.0 / p.s
        return dataclasses.replace(p, gamma=gam, lam=1.0 / (1.0 - 2.0 * gam))

    monkeypatch.setattr(build, "choose_parameters", wrong)
    for name in ("analysis-pairwise-and-channels", "analysis-permutation-channels"):
        status, steps = _status(name)
        assert status == FAILED and steps["margin-from-network"] == FAILED, name


def test_mutation_smaller_margin_everywhere(monkeypatch):
    """γ = 1/2 − 1/s in both the network and the analysis: the parameter formula fails."""
    from fractions import Fraction

    from bounds.constructions.channels import analysis as an

    monkeypatch.setattr(an, "margin_gamma", lambda s: Fraction(1, 2) - Fraction(1, s))
    status, steps = _status("accounting-pairwise-and-channels")
    assert status == FAILED and steps["parameters-follow-formulas"] == FAILED
    status, steps = _status("analysis-pairwise-and-channels")
    assert status == FAILED and steps["numbers"] == FAILED
