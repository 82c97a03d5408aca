"""Automatic mutations of a step's claim: a check passing a mutant cannot tell right from wrong.

For each checked (non-assumed, non-cited) step, :func:`mutants` returns variants of the step
whose claim is wrong in a small, typical way; the test suite asserts each variant fails.

=====================  ==================================================================
check                  mutations
=====================  ==================================================================
identity               the right side plus 1, and the right side times 2
symbolic inequality    the reversed strict inequality (a proof of both would prove nothing)
asymptotic             expected limit plus 1 (finite), 1 (infinite), ∞ (a Θ claim)
brute force            formula plus 1 at every size (an off-by-one count)
range / interval       the reversed strict inequality, when the claim is a sympy relation

induction              the reversed strict inequality
z3                     the negated goal (hypotheses are satisfiable, so one of the two fails)
=====================  ==================================================================

Range checks and examples whose claim is a *predicate* (Python code comparing the library's
output with an exact reference computed independently) are mutated through the library: the
check names the callables it tests (``RangeCheck.mutations``: owner, attribute, perturbation
such as :func:`plus` or :func:`field_plus`), and :func:`library_mutations` patches each in turn
to return a wrong answer. A predicate check that names none has no mutant, and
:func:`unmutable_reason` says so.

>>> import sympy as sp
>>> from proofs.checks import Identity
>>> from proofs.engine import Step
>>> x = sp.Symbol("x", positive=True)
>>> [sp.sstr(m.check.rhs) for m in mutants(Step("s", "x+x = 2x", Identity(x + x, 2 * x)))]
['2*x + 1', '4*x']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from typing import Any

import sympy as sp

from proofs.checks import (
    Argued,
    Assumption,
    Asymptotic,
    BruteForce,
    Cited,
    Identity,
    Induction,
    IntervalCheck,
    RangeCheck,
    SymbolicInequality,
    Z3Proof,
)
from proofs.engine import Step
from proofs.symbolic import THETA

__all__ = ["field_plus", "library_mutations", "mutants", "plus", "times", "unmutable_reason"]


def plus(k: Any = 1) -> Callable[[Any], Any]:
    """Perturbation: the library's answer plus ``k`` (``not`` for a bool; a row of ones
    appended for an array).

    >>> plus(1)(3), plus(1)(True), plus(-1)(2.5)
    (4, False, 1.5)
    """
    def perturb(value: Any) -> Any:
        if isinstance(value, bool):
            return not value
        if hasattr(value, "ndim") and getattr(value, "ndim", 0) == 2:
            import numpy as np

            return np.vstack([value, np.ones((1, value.shape[1]), dtype=value.dtype)])
        return value + k
    return perturb


def times(k: Any) -> Callable[[Any], Any]:
    """Perturbation: the library's answer times ``k``.

    >>> times(3)(2)
    6
    """
    return lambda value: value * k


def field_plus(field: str, k: Any = 1, factor: Any = 1) -> Callable[[Any], Any]:
    """Perturbation of a frozen record: ``field`` replaced by ``field·factor + k``."""
    def perturb(value: Any) -> Any:
        return dataclasses.replace(value, **{field: getattr(value, field) * factor + k})
    return perturb


@contextmanager
def _patched(owner: Any, attr: str, perturb: Callable[[Any], Any]) -> Iterator[None]:
    own = vars(owner)
    had, saved = attr in own, own.get(attr)
    original = getattr(owner, attr)

    def wrong(*args: Any, **kwargs: Any) -> Any:
        return perturb(original(*args, **kwargs))

    setattr(owner, attr, wrong)
    try:
        yield
    finally:
        if had:
            setattr(owner, attr, saved)
        else:
            delattr(owner, attr)


def library_mutations(step: Step) -> list[tuple[str, Callable[[], AbstractContextManager[None]]]]:
    """``(description, patch)`` for each library callable a predicate check names.

    Entering ``patch()`` makes that callable return a perturbed (wrong) answer; the step run
    inside must fail.
    """
    chk = step.check
    if not isinstance(chk, RangeCheck):
        return []
    out = []
    for owner, attr, perturb in chk.mutations:
        label = f"{getattr(owner, '__name__', owner)}.{attr} perturbed"
        out.append((label, lambda o=owner, a=attr, p=perturb: _patched(o, a, p)))
    return out

_REVERSE = {
    sp.GreaterThan: sp.StrictLessThan,
    sp.StrictGreaterThan: sp.LessThan,
    sp.LessThan: sp.StrictGreaterThan,
    sp.StrictLessThan: sp.GreaterThan,
}


def _reversed(rel: Any) -> Any | None:
    rel = sp.sympify(rel)
    for cls, rev in _REVERSE.items():
        if isinstance(rel, cls):
            return rev(rel.lhs, rel.rhs, evaluate=False)
    return None


def _with_claim(step: Step, claim: Any, check: Any | None = None) -> Step:
    return Step(step.name + "~mutant", claim, check if check is not None else step.check,
                step.justification)


def mutants(step: Step) -> list[Step]:
    """Wrong variants of ``step`` (empty for assumptions, citations, argued steps and
    predicate checks)."""
    chk = step.check
    if isinstance(chk, (Assumption, Cited, Argued)):
        return []
    if isinstance(chk, Identity):
        if chk.lhs is not None:
            rhs = sp.sympify(chk.rhs)
            return [_with_claim(step, step.claim, replace(chk, rhs=rhs + 1)),
                    _with_claim(step, step.claim, replace(chk, rhs=2 * rhs))]
        rel = sp.sympify(step.claim)
        return [_with_claim(step, sp.Eq(rel.lhs, rel.rhs + 1, evaluate=False)),
                _with_claim(step, sp.Eq(rel.lhs, 2 * rel.rhs, evaluate=False))]
    if isinstance(chk, (SymbolicInequality, IntervalCheck, Induction)) or (
            isinstance(chk, RangeCheck) and chk.predicate is None):
        rel = chk.relation if chk.relation is not None else step.claim
        rev = _reversed(rel)
        if rev is None:
            return []
        if chk.relation is not None:
            return [_with_claim(step, step.claim, replace(chk, relation=rev))]
        return [_with_claim(step, rev)]
    if isinstance(chk, Z3Proof):
        return [_with_claim(step, step.claim, replace(chk, negate=not chk.negate))]
    if isinstance(chk, Asymptotic):
        if chk.expected == THETA:  # "finite and positive" mutated to "infinite"
            return [_with_claim(step, step.claim, replace(chk, expected=sp.oo))]
        if chk.expected in (sp.oo, -sp.oo):
            return [_with_claim(step, step.claim, replace(chk, expected=sp.Integer(1)))]
        return [_with_claim(step, step.claim, replace(chk, expected=chk.expected + 1))]
    if isinstance(chk, BruteForce):
        formula = chk.formula
        if callable(formula) and not isinstance(formula, sp.Basic):
            return [_with_claim(step, step.claim,
                                replace(chk, formula=lambda n, f=formula: f(n) + 1))]
        return [_with_claim(step, step.claim, replace(chk, formula=sp.sympify(formula) + 1))]
    return []


def unmutable_reason(step: Step) -> str | None:
    """Why ``step`` has no automatic mutant (``None`` if it has one or needs none)."""
    chk = step.check
    if isinstance(chk, Assumption):
        return None
    if isinstance(chk, (Cited, Argued)):  # stated, not checked: nothing to mutate
        return None
    if isinstance(chk, RangeCheck) and chk.predicate is not None:
        if chk.mutations:
            return None
        return ("a predicate comparing the library's output with an independent exact "
                "reference, naming no library callable to perturb (RangeCheck.mutations)")
    if not mutants(step):
        return f"no automatic mutation for a {chk.kind} of this claim form"
    return None
