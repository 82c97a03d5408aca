"""The proof engine: a proof is an ordered list of checked steps (SPEC §6).

A :class:`Step` has a claim (a sympy relation or a named fact in words), a justification (text
plus the names of earlier steps it uses) and exactly one :class:`~proofs.checks.Check`. A
:class:`Proof` is a named, ordered tuple of steps supporting one paper claim (A1–A7 of SPEC
§0.1, or ``None``) under stated assumptions. :func:`check` runs every step and returns a frozen
:class:`ProofResult`.

Statuses of steps: ``proved`` (sympy, exact arithmetic, ball arithmetic or z3 covering every
case), ``checked on [a, b]`` / ``checked at {…}`` (range or brute-force check passed on exactly
that range), ``example at {…}`` / ``example on [a, b]`` (a statement about those sample points
only: reference values, built networks, the library's output on a range beside a general
proof; no general step may use one, in ``uses`` or as a premise of ``cite_steps``),
``assumed``, ``cited``, ``argued`` (a deduction from named earlier steps argued in words:
neither machine-checked nor a citation), ``failed``. Status of a proof, weakest first:
``failed`` if any step failed; else ``checked`` if some step holds only on a stated range (the
statement is then not shown for every case); else ``argued`` if some step is argued in words
(every case is covered, but part of the argument is a human one, not machine-checked); else
``proved`` (every checked step proved; assumptions, citations and examples allowed, and
listed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from proofs.checks import (
    ARGUED,
    ASSUMED,
    CITED,
    EXAMPLE,
    FAILED,
    PROVED,
    Check,
    Outcome,
    is_checked,
    is_example,
    is_example_check,
)
from proofs.notation import readable

__all__ = [
    "PAPER_CLAIMS",
    "STATUS_FAMILIES",
    "Proof",
    "ProofResult",
    "Step",
    "StepResult",
    "check",
    "claim_latex",
    "claim_text",
    "status_family",
    "theorem",
]

PAPER_CLAIMS = ("A1", "A2", "A3", "A4", "A5", "A6", "A7")
STATUS_FAMILIES = ("proved", "checked", "example", "assumed", "cited", "argued", "failed")
"""The families a step status falls in (``checked on [2, 9]`` is ``checked``)."""


def status_family(status: str) -> str:
    """The family of a step status.

    >>> status_family("checked on [2, 9]"), status_family("example at {10}")
    ('checked', 'example')
    """
    if is_checked(status):
        return "checked"
    if is_example(status):
        return EXAMPLE
    return status


def claim_text(claim: Any) -> str:
    """Readable plain-text (Unicode) form of a claim, or the text itself.

    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> claim_text(sp.Ge(sp.Symbol("P"), 3))
    'P ≥ 3'
    >>> claim_text(sp.Eq(sp.Limit(sp.loggamma(x) / x**2, x, sp.oo), 0, evaluate=False))
    'lim_{x→∞} (ln Γ(x)/x^2) = 0'
    """
    return claim if isinstance(claim, str) else readable(claim)


def claim_latex(claim: Any) -> str:
    """LaTeX of a sympy claim, or ``""`` for a claim in words."""
    return "" if isinstance(claim, str) else sp.latex(claim)


@dataclass(frozen=True, eq=False)
class Step:
    """One step: a claim, its justification and exactly one check."""

    name: str
    claim: Any
    check: Check
    justification: str = ""
    uses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.check, Check):
            raise TypeError(f"step {self.name!r}: check must be a Check, got {self.check!r}")
        if not self.name or not isinstance(self.name, str):
            raise ValueError("a step needs a name")


@dataclass(frozen=True, eq=False)
class Proof:
    """A named chain of steps supporting ``paper_claim`` (A1–A7 or None)."""

    name: str
    title: str
    statement: str
    paper_claim: str | None
    steps: tuple[Step, ...]
    assumptions: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    statement_latex: str = ""

    def __post_init__(self) -> None:
        if self.paper_claim is not None and self.paper_claim not in PAPER_CLAIMS:
            raise ValueError(f"paper_claim must be one of {PAPER_CLAIMS} or None")
        seen: set[str] = set()
        examples: set[str] = set()
        for step in self.steps:
            if step.name in seen:
                raise ValueError(f"proof {self.name!r}: duplicate step name {step.name!r}")
            # premises of cite_steps(...) and of Argued(...)
            cited = tuple(getattr(step.check, "steps", ()) or ())
            for used in cited:
                if used in examples and not is_example_check(step.check):
                    raise ValueError(
                        f"proof {self.name!r}: step {step.name!r} cites the example {used!r}: "
                        "an example is about its sample points, never a premise of a general "
                        "step"
                    )
            for used in step.uses:
                if used not in seen:
                    raise ValueError(
                        f"proof {self.name!r}: step {step.name!r} uses {used!r}, "
                        "which is not an earlier step"
                    )
                if used in examples and not is_example_check(step.check):
                    raise ValueError(
                        f"proof {self.name!r}: step {step.name!r} uses the example {used!r}: "
                        "an example is about its sample points, never a premise of a general "
                        "step"
                    )
            seen.add(step.name)
            if is_example_check(step.check):
                examples.add(step.name)


def theorem(name: str, claim: str | None, title: str, steps: Iterable[Step], *,
            latex: str = "", assumptions: Iterable[str] = (),
            references: Iterable[str] = ()) -> Proof:
    """A :class:`Proof` whose statement is the library's registered one for ``name``.

    The statement lives once, in :func:`bounds.provenance.theorem_statement` (what ``bounds``
    prints as provenance), so the proof page and the calculator cannot state different things.

    >>> from bounds.provenance import theorem_statement
    >>> p = theorem("counting-lemma", "A1", "Counting", [])
    >>> p.statement == theorem_statement("counting-lemma"), p.paper_claim
    (True, 'A1')
    """
    from bounds.provenance import theorem_statement

    return Proof(name=name, title=title, statement=theorem_statement(name), paper_claim=claim,
                 steps=tuple(steps), assumptions=tuple(assumptions),
                 references=tuple(references), statement_latex=latex)


@dataclass(frozen=True)
class StepResult:
    """A checked step. ``evidence`` is the sympy computation behind ``proved``."""

    name: str
    claim: str
    claim_latex: str
    check: str
    check_description: str
    status: str
    detail: str
    justification: str
    uses: tuple[str, ...]
    evidence: str = ""
    seconds: float = field(default=0.0, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form (no timing, so it is reproducible)."""
        return {
            "name": self.name,
            "claim": self.claim,
            "claim_latex": self.claim_latex,
            "check": self.check,
            "check_description": self.check_description,
            "status": self.status,
            "detail": self.detail,
            "justification": self.justification,
            "uses": list(self.uses),
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class ProofResult:
    """A checked proof."""

    name: str
    title: str
    claim: str | None
    statement: str
    statement_latex: str
    assumptions: tuple[str, ...]
    references: tuple[str, ...]
    status: str
    steps: tuple[StepResult, ...]
    seconds: float = field(default=0.0, compare=False)

    def counts(self) -> dict[str, int]:
        """Number of steps per status family (:data:`STATUS_FAMILIES`).

        >>> ProofResult("x", "", None, "", "", (), (), "proved", ()).counts()["example"]
        0
        """
        out = dict.fromkeys(STATUS_FAMILIES, 0)
        for s in self.steps:
            out[status_family(s.status)] += 1
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ProofResult:
        """Inverse of :meth:`as_dict` (timings are not stored: 0).

        >>> r = ProofResult("x", "X", None, "s", "", ("a",), (), "proved", ())
        >>> ProofResult.from_dict(r.as_dict()) == r
        True
        """
        steps = tuple(StepResult(**{**s, "uses": tuple(s["uses"])}) for s in d["steps"])
        return cls(name=d["name"], title=d["title"], claim=d["claim"], statement=d["statement"],
                   statement_latex=d["statement_latex"], assumptions=tuple(d["assumptions"]),
                   references=tuple(d["references"]), status=d["status"], steps=steps)

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form: ``name, claim, statement, status, steps`` and more."""
        return {
            "name": self.name,
            "title": self.title,
            "claim": self.claim,
            "statement": self.statement,
            "statement_latex": self.statement_latex,
            "assumptions": list(self.assumptions),
            "references": list(self.references),
            "status": self.status,
            "counts": self.counts(),
            "steps": [s.as_dict() for s in self.steps],
        }


def proof_status(statuses: Iterable[str]) -> str:
    """Combine step statuses, weakest wins: ``failed`` < ``checked`` < ``argued`` < ``proved``.

    A range check leaves cases unshown, an argued step covers every case by a human argument,
    so ``checked`` is the weaker of the two; both are weaker than ``proved``.

    >>> proof_status(["proved", "checked on [1, 5]", "cited"])
    'checked'
    >>> proof_status(["proved", "argued", "cited"]), proof_status(["argued", "checked at {2}"])
    ('argued', 'checked')
    >>> proof_status(["proved", "failed"])
    'failed'
    """
    statuses = list(statuses)
    if any(s == FAILED for s in statuses):
        return FAILED
    if any(is_checked(s) for s in statuses):
        return "checked"
    if any(s == ARGUED for s in statuses):
        return ARGUED
    return PROVED


StepHook = Callable[[Step, StepResult], None]


def _run_step(step: Step) -> StepResult:
    start = time.perf_counter()
    try:
        outcome = step.check.run(step.claim)
    except Exception as exc:  # a crash in a check is a failed step, never a pass
        outcome = Outcome(FAILED, f"check raised {type(exc).__name__}: {exc}")
    if (outcome.status not in (PROVED, ASSUMED, CITED, ARGUED, FAILED)
            and not is_checked(outcome.status)
            and not is_example(outcome.status)):
        outcome = Outcome(FAILED, f"unknown status {outcome.status!r}")
    return StepResult(
        name=step.name,
        claim=claim_text(step.claim),
        claim_latex=claim_latex(step.claim),
        check=step.check.kind,
        check_description=step.check.describe(),
        status=outcome.status,
        detail=outcome.detail,
        justification=step.justification,
        uses=step.uses,
        evidence=outcome.evidence,
        seconds=time.perf_counter() - start,
    )


def check(proof: Proof, on_step: StepHook | None = None) -> ProofResult:
    """Run every step of ``proof`` in order; ``on_step`` is called after each."""
    start = time.perf_counter()
    results = []
    for step in proof.steps:
        res = _run_step(step)
        results.append(res)
        if on_step is not None:
            on_step(step, res)
    return ProofResult(
        name=proof.name,
        title=proof.title,
        claim=proof.paper_claim,
        statement=proof.statement,
        statement_latex=proof.statement_latex,
        assumptions=proof.assumptions,
        references=proof.references,
        status=proof_status(r.status for r in results),
        steps=tuple(results),
        seconds=time.perf_counter() - start,
    )
