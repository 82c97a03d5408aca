"""Every checked step fails when its claim is mutated (issue 12: no step that cannot fail).

Mutations are automatic (:mod:`proofs.mutation`): a perturbed constant, a reversed inequality,
a shifted expected limit, an off-by-one count. Steps without an automatic mutant must say why.
"""

from __future__ import annotations

import pytest

from proofs import registry
from proofs.checks import FAILED, Assumption, Cited
from proofs.engine import _run_step
from proofs.mutation import mutants, unmutable_reason

STEPS = [(name, step) for name in registry.names() for step in registry.get(name).steps
         if not isinstance(step.check, (Assumption, Cited))]


def test_some_steps_are_mutated():
    assert sum(1 for _, s in STEPS if mutants(s)) >= 40


@pytest.mark.parametrize(("proof", "step"), STEPS, ids=[f"{p}:{s.name}" for p, s in STEPS])
def test_mutated_step_fails(proof, step):
    found = mutants(step)
    if not found:
        assert unmutable_reason(step), f"{proof}:{step.name} has no mutant and no reason"
        return
    for mutant in found:
        result = _run_step(mutant)
        assert result.status == FAILED, (proof, step.name, result.claim, result.detail)
