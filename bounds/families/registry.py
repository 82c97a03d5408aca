"""The registry of problem families: one line per family.

Each entry names the family, its class, its factory, whether the command line offers
it and a small member for the proofs' brute-force checks. :func:`bounds.families.family`,
the CLI's ``--problem`` choices, the array path of the lower bounds, capacity, the
reports' tables and the proofs' family lists all iterate this table, so adding a family
is one module plus one :func:`register_family` line (docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bounds.families.base import CliOption, ProblemFamily
from bounds.families.mixed import Mixed, mixed
from bounds.families.pairwise import Pairwise, pairwise
from bounds.families.permutation import Permutation, permutation
from bounds.families.user import UserDefined, user_defined

__all__ = ["DEFAULT_PROBLEM", "FAMILIES", "FamilyEntry", "cli_options", "cli_problems",
           "construction_kinds", "explain_problems", "family", "family_entry", "kind_aliases",
           "proof_families", "register_family"]


@dataclass(frozen=True)
class FamilyEntry:
    """One registered family: its name, class, factory and where it is offered.

    ``example`` builds the small member at m′ = k that the proofs check by exact
    integers and brute force (:func:`proof_families`); it must have exact counts
    (``exact_size``, ``exact_tolerant_volume``). ``None``: the proofs do not cover it.
    """

    name: str
    cls: type[ProblemFamily]
    factory: Callable[..., ProblemFamily]
    summary: str
    #: offered as ``--problem NAME`` on the command line (and in the reports' tables)
    cli: bool = True
    #: options the factory takes besides m′ (for help texts and validation)
    options: tuple[str, ...] = ()
    #: k ↦ a small member at m′ = k with exact counts, for the proofs' family lists
    example: Callable[[int], ProblemFamily] | None = None
    #: the family names constructions use for its members (``Network.kind``,
    #: ``Construction.family``) ↦ the factory options picking that member; ``None``: the
    #: family's own name, default options. ``{}``: no construction builds it.
    kinds: Mapping[str, Mapping[str, Any]] | None = None
    #: other spellings of those names (``"and"`` for ``"pairwise-and"``)
    aliases: Mapping[str, str] = field(default_factory=dict)

    def construction_kinds(self) -> Mapping[str, Mapping[str, Any]]:
        """:attr:`kinds`, with ``None`` read as the family's own name."""
        return {self.name: {}} if self.kinds is None else self.kinds


FAMILIES: dict[str, FamilyEntry] = {}

#: the family the command line and the reports use when none is named
DEFAULT_PROBLEM = "permutation"


def register_family(entry: FamilyEntry) -> FamilyEntry:
    """Add ``entry`` to :data:`FAMILIES`: the one line a new family needs.

    The name must be new and equal the class's ``name`` (so a family object and its
    registry entry cannot disagree).

    >>> register_family(FAMILIES["permutation"])
    Traceback (most recent call last):
    ...
    ValueError: family 'permutation' is registered twice
    """
    if entry.name in FAMILIES:
        raise ValueError(f"family {entry.name!r} is registered twice")
    if entry.cls.name != entry.name:
        raise ValueError(f"family {entry.name!r}: its class {entry.cls.__name__} is named "
                         f"{entry.cls.name!r}")
    FAMILIES[entry.name] = entry
    return entry


register_family(FamilyEntry("permutation", Permutation, permutation,
                            "all permutations of m' features", options=("m",),
                            example=permutation))
register_family(FamilyEntry("pairwise", Pairwise, pairwise,
                            "one symmetric op of a distinct pair per output",
                            options=("m", "op", "labelled"),
                            example=lambda k: pairwise(k, m=k + 2),
                            kinds={"pairwise-and": {"op": "AND", "labelled": True}},
                            aliases={"and": "pairwise-and", "pairwise": "pairwise-and",
                                     "pairwise_and": "pairwise-and", "uand": "pairwise-and"}))
register_family(FamilyEntry("mixed", Mixed, mixed, "pairwise, each output with its own op",
                            cli=False, options=("m", "ops"),
                            example=lambda k: mixed(k, ("AND", "OR", "XOR"), m=k + 2), kinds={}))
register_family(FamilyEntry("user", UserDefined, user_defined,
                            "given by a callable for log2|F|", cli=False,
                            options=("m", "name", "log2_volume"), kinds={}))


def cli_problems() -> tuple[str, ...]:
    """The family names the command line offers.

    >>> cli_problems()
    ('permutation', 'pairwise')
    """
    return tuple(name for name, e in FAMILIES.items() if e.cli)


def cli_options(command: str) -> dict[str, list[tuple[str, CliOption]]]:
    """Flag ↦ [(family, its :class:`CliOption`)] over the command-line families, for
    ``command`` (the calculator builds its family options from this).

    >>> {flag: [name for name, _ in users] for flag, users in cli_options("capacity").items()}
    {'--op': ['pairwise']}
    """
    out: dict[str, list[tuple[str, CliOption]]] = {}
    for name in cli_problems():
        for opt in FAMILIES[name].cls.cli_options:
            if command in opt.commands:
                out.setdefault(opt.flag, []).append((name, opt))
    return out


def construction_kinds() -> dict[str, tuple[FamilyEntry, Mapping[str, Any]]]:
    """Every family name constructions use ↦ (its registry entry, the factory options of
    that member), in registry order; read at call time, so a family registered later is
    included.

    >>> {k: (e.name, dict(o)) for k, (e, o) in construction_kinds().items()}["pairwise-and"]
    ('pairwise', {'op': 'AND', 'labelled': True})
    >>> list(construction_kinds())
    ['permutation', 'pairwise-and']
    """
    return {kind: (e, opts) for e in FAMILIES.values()
            for kind, opts in e.construction_kinds().items()}


def kind_aliases() -> dict[str, str]:
    """Other spellings of the construction family names (:attr:`FamilyEntry.aliases`)."""
    return {alias: kind for e in FAMILIES.values() for alias, kind in e.aliases.items()}


def explain_problems() -> tuple[str, ...]:
    """The families ``superbounds explain`` walks through: those whose class gives an
    :meth:`~bounds.families.ProblemFamily.explanation`.

    >>> explain_problems()
    ('permutation', 'pairwise')
    """
    return tuple(name for name, e in FAMILIES.items()
                 if e.cls.explanation is not ProblemFamily.explanation)


def proof_families(k: int) -> list[ProblemFamily]:
    """The small members at m′ = k that the proofs check, one per family with an example.

    >>> [f.label for f in proof_families(3)]
    ['permutation', 'pairwise-AND (labelled, m=5)', 'pairwise mixed ops {AND,OR,XOR} (m=5)']
    """
    return [e.example(k) for e in FAMILIES.values() if e.example is not None]


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
