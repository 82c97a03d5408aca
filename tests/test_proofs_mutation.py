"""Every checked step fails when its claim is mutated (issue 12: no step that cannot fail).

Mutations are automatic (:mod:`proofs.mutation`): a perturbed constant, a reversed inequality,
a shifted expected limit, an off-by-one count; and for predicate checks (library output vs an
independent exact reference) the library callable the check names is patched to return a wrong
answer. In the proof modules of issue 12 items 1/3 (:data:`STRICT_MODULES`) every non-cited,
non-assumed step must have a mutation; the ones that cannot are listed in
:data:`NOT_MUTATED` with the reason. Elsewhere a step without a mutation must say why.
"""

from __future__ import annotations

import pytest

from proofs import registry
from proofs.checks import FAILED, Argued, Assumption, Cited
from proofs.engine import _run_step
from proofs.mutation import library_mutations, mutants, unmutable_reason

STEPS = [(name, step) for name in registry.names() for step in registry.get(name).steps
         if not isinstance(step.check, (Assumption, Cited, Argued))]

STRICT_MODULES = {
    "proofs.theorems.counting", "proofs.theorems.derived", "proofs.theorems.asymptotics",
    "proofs.theorems.representation", "proofs.theorems.identifiability",
    "proofs.theorems.volumes", "proofs.theorems.tolerant", "proofs.theorems.total_neurons",
    "proofs.theorems.envelope", "proofs.theorems.signpatterns",
}
NOT_MUTATED: dict[tuple[str, str], str] = {
    ("permutation-volume-exact", "tail-identity-checked"):
        "an example in exact integers (math.comb) of the identity proved by tail-base and "
        "tail-pascal; it calls no library function to perturb",
}
"""(proof, step) → why no mutation exists."""


def _module(proof: str) -> str:
    return next(e.builder.__module__ for e in registry.entries() if e.name == proof)


def test_every_proved_kind_has_an_automatic_mutant():
    """Every step whose check can return ``proved`` (identity, symbolic inequality, induction,
    asymptotic, z3) has an automatic mutant of its claim, in every module."""
    from proofs.checks import Asymptotic, Identity, Induction, SymbolicInequality, Z3Proof

    kinds = (Asymptotic, Identity, Induction, SymbolicInequality, Z3Proof)
    missing = [(p, s.name) for p, s in STEPS if isinstance(s.check, kinds) and not mutants(s)]
    assert not missing


def test_some_steps_are_mutated():
    assert sum(1 for _, s in STEPS if mutants(s) or library_mutations(s)) >= 70


@pytest.mark.parametrize(("proof", "step"), STEPS, ids=[f"{p}:{s.name}" for p, s in STEPS])
def test_mutated_step_fails(proof, step):
    found = mutants(step)
    patches = library_mutations(step)
    if not found and not patches:
        if _module(proof) in STRICT_MODULES:
            assert (proof, step.name) in NOT_MUTATED, f"{proof}:{step.name} is not mutated"
        else:
            assert unmutable_reason(step), f"{proof}:{step.name} has no mutant and no reason"
        return
    for mutant in found:
        result = _run_step(mutant)
        assert result.status == FAILED, (proof, step.name, result.claim, result.detail)
    for label, patch in patches:
        with patch():
            result = _run_step(step)
        assert result.status == FAILED, (proof, step.name, label, result.detail)
