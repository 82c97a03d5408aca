"""The registry of problem families: one line per family.

Each entry names the family, its class, its factory and whether the command line offers
it. :func:`bounds.families.family`, the CLI's ``--problem`` choices, the array path of
the lower bounds and the proofs' family lists all iterate this table, so adding a family
is one module plus one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bounds.families.base import ProblemFamily
from bounds.families.mixed import Mixed, mixed
from bounds.families.pairwise import Pairwise, pairwise
from bounds.families.permutation import Permutation, permutation
from bounds.families.user import UserDefined, user_defined

__all__ = ["FAMILIES", "FamilyEntry", "cli_problems", "family", "family_entry"]


@dataclass(frozen=True)
class FamilyEntry:
    """One registered family: its name, class, factory and where it is offered."""

    name: str
    cls: type[ProblemFamily]
    factory: Callable[..., ProblemFamily]
    summary: str
    #: offered as ``--problem NAME`` on the command line
    cli: bool = True
    #: options the factory takes besides m′ (for help texts and validation)
    options: tuple[str, ...] = ()


FAMILIES: dict[str, FamilyEntry] = {
    e.name: e
    for e in (
        FamilyEntry("permutation", Permutation, permutation,
                    "all permutations of m' features", options=("m",)),
        FamilyEntry("pairwise", Pairwise, pairwise,
                    "one symmetric op of a distinct pair per output",
                    options=("m", "op", "labelled")),
        FamilyEntry("mixed", Mixed, mixed, "pairwise, each output with its own op",
                    cli=False, options=("m", "ops")),
        FamilyEntry("user", UserDefined, user_defined, "given by a callable for log2|F|",
                    cli=False, options=("m", "name", "log2_volume")),
    )
}


def cli_problems() -> tuple[str, ...]:
    """The family names the command line offers.

    >>> cli_problems()
    ('permutation', 'pairwise')
    """
    return tuple(name for name, e in FAMILIES.items() if e.cli)


def family_entry(problem: Any) -> FamilyEntry:
    """The registry entry of ``problem`` (one-line error listing the names).

    >>> family_entry("pairwise").cls.__name__
    'Pairwise'
    """
    if not isinstance(problem, str) or problem not in FAMILIES:
        raise ValueError(f"problem must be one of {', '.join(FAMILIES)} (got {problem!r})")
    return FAMILIES[problem]


def family(problem: str, m_prime: Any, **options: Any) -> ProblemFamily:
    """Build a registered family by name, passing the options its factory takes.

    Options that the family does not take are an error, not silently ignored; ``None``
    means "the default".

    >>> family("pairwise", 10, op="xor").label
    'pairwise-XOR (labelled, m=10)'
    >>> family("permutation", 10, op="XOR")
    Traceback (most recent call last):
    ...
    ValueError: option op does not apply to problem permutation (it takes: m)
    """
    entry = family_entry(problem)
    given = {k: v for k, v in options.items() if v is not None}
    extra = sorted(set(given) - set(entry.options))
    if extra:
        raise ValueError(
            f"option {', '.join(extra)} does not apply to problem {problem} "
            f"(it takes: {', '.join(entry.options) or 'nothing'})"
        )
    return entry.factory(m_prime, **given)
