"""The registry of proofs by name.

Proof modules under :mod:`proofs.theorems` register a *builder* (a function returning a
:class:`~proofs.engine.Proof`) with :func:`register`, naming the paper claim it supports. The
assumptions are stated once, in the :class:`~proofs.engine.Proof` (``assumptions=`` given to
:func:`register` as well is still accepted and must then agree). Building is cheap;
:func:`check_named` runs the checks (cached per process, so the CLI, docs and tests share one
run, and on disk under the hash of the source tree: :func:`proofs.cache.cached_proof`).

>>> "counting-lemma" in names()
True
>>> get("nope")
Traceback (most recent call last):
...
ValueError: unknown proof 'nope'; valid names: ...
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from proofs.engine import PAPER_CLAIMS, Proof, ProofResult, StepHook, check

__all__ = [
    "THEOREM_MODULES",
    "Entry",
    "check_all",
    "check_fresh",
    "check_named",
    "entries",
    "get",
    "names",
    "register",
]

THEOREM_MODULES = (
    "proofs.theorems.counting",
    "proofs.theorems.identifiability",
    "proofs.theorems.derived",
    "proofs.theorems.asymptotics",
    "proofs.theorems.representation",
    "proofs.theorems.tails",
    "proofs.theorems.constructions",
    "proofs.theorems.signpatterns",
    "proofs.theorems.total_neurons",
    "proofs.theorems.volumes",
    "proofs.theorems.tolerant",
    "proofs.theorems.envelope",
)


@dataclass(frozen=True)
class Entry:
    """A registered proof: name, paper claim, builder (and assumptions if stated here too)."""

    name: str
    paper_claim: str | None
    assumptions: tuple[str, ...] | None
    builder: Callable[[], Proof]
    order: int

    @property
    def sort_key(self) -> tuple[int, int]:
        """Registry order: by module in :data:`THEOREM_MODULES`, then by registration.

        Independent of import order (pytest's doctest collection imports modules
        alphabetically), so listings and generated docs are stable.
        """
        mod = self.builder.__module__
        pos = THEOREM_MODULES.index(mod) if mod in THEOREM_MODULES else len(THEOREM_MODULES)
        return pos, self.order


_REGISTRY: dict[str, Entry] = {}


def register(
    name: str, *, claim: str | None, assumptions: Sequence[str] | None = None
) -> Callable[[Callable[[], Proof]], Callable[[], Proof]]:
    """Decorator registering a proof builder under ``name``."""
    if claim is not None and claim not in PAPER_CLAIMS:
        raise ValueError(f"claim must be one of {PAPER_CLAIMS} or None (got {claim!r})")

    def deco(builder: Callable[[], Proof]) -> Callable[[], Proof]:
        if name in _REGISTRY and _REGISTRY[name].builder is not builder:
            raise ValueError(f"proof {name!r} registered twice")
        stated = None if assumptions is None else tuple(assumptions)
        _REGISTRY[name] = Entry(name, claim, stated, builder, len(_REGISTRY))
        return builder

    return deco


@cache
def _load() -> None:
    for mod in THEOREM_MODULES:
        importlib.import_module(mod)


def entries() -> list[Entry]:
    """All registered entries in registration order."""
    _load()
    return sorted(_REGISTRY.values(), key=lambda e: e.sort_key)


def names() -> list[str]:
    """Names of all registered proofs, in order."""
    return [e.name for e in entries()]


def get(name: str) -> Proof:
    """Build the proof registered as ``name`` (``ValueError`` listing valid names if unknown)."""
    _load()
    if name not in _REGISTRY:
        raise ValueError(f"unknown proof {name!r}; valid names: {', '.join(names())}")
    entry = _REGISTRY[name]
    proof = entry.builder()
    if proof.name != name or proof.paper_claim != entry.paper_claim:
        raise AssertionError(f"builder of {name!r} returned a proof named {proof.name!r}")
    if entry.assumptions is not None and proof.assumptions != entry.assumptions:
        raise AssertionError(f"proof {name!r} states assumptions that differ from its entry")
    return proof


@cache
def _checked(name: str) -> ProofResult:
    from proofs.cache import cached_proof

    return cached_proof(name, lambda: check(get(name)))


def check_named(name: str, on_step: StepHook | None = None) -> ProofResult:
    """Check one proof; results without a step hook are cached per process."""
    if on_step is None:
        return _checked(name)
    result = check(get(name), on_step)
    return result


def check_fresh(name: str) -> ProofResult:
    """Check one proof now, bypassing the per-process result cache."""
    return check(get(name))


def check_all(selected: Iterable[str] | None = None) -> list[ProofResult]:
    """Check all (or the selected) proofs, in registry order."""
    chosen = names() if selected is None else list(selected)
    for n in chosen:
        if n not in names():
            raise ValueError(f"unknown proof {n!r}; valid names: {', '.join(names())}")
    return [check_named(n) for n in chosen]
