"""The kinds of check a proof step can carry (SPEC §6), and their honest statuses.

=====================  ==========================================  =======================
check                  what is done                                status when it passes
=====================  ==========================================  =======================
``identity``           sympy simplifies lhs − rhs to 0             ``proved``
``symbolic inequality`` sympy proves it on the domain               ``proved``
                       (else falls back to a labelled range check)  (``checked on [a, b]``)
``range check``        every integer in [a, b] (exact ints /        ``checked on [a, b]``
                       rationals, or intervals for irrationals),
                       or a real interval with ``mpmath.iv``
``asymptotic``         ``sympy.limit`` of a ratio as x → ∞          ``proved``
``brute force``        exact enumeration count = formula            ``checked on [a, b]``
``induction``          every integer n ≥ n₀: finite part by arb     ``proved``
                       balls, tail by a telescoping difference
                       (sympy / z3), see :mod:`proofs.induction`
``z3``                 z3 finds hypotheses ∧ ¬claim unsatisfiable   ``proved``
                       for symbolic (unbounded) integers, after
                       checking the hypotheses are satisfiable
``example``            a predicate at named sample points (or a     ``example at {…}``
                       range), for a statement that is itself        (``example on [a, b]``)
                       about those points
``assumption``         stated, not checked                          ``assumed``
``cited``              external result, stated, not checked         ``cited``
``argued``             a deduction from named earlier steps,        ``argued``
                       argued in words (not machine-checked, not
                       a citation)
=====================  ==========================================  =======================

Any failure, exception, or undecided case without a fallback gives ``failed``. ``proved``
is only ever produced with a non-empty ``evidence`` string naming the sympy computation.

>>> import sympy as sp
>>> n = sp.Symbol("n", positive=True, integer=True)
>>> Identity().run(sp.Eq(sp.factorial(n) / sp.factorial(n - 1), n)).status
'proved'
>>> RangeCheck(1, 50, var=n).run(sp.Ge(2**n, n + 1)).status
'checked on [1, 50]'
>>> Asymptotic(sp.log(n) / n, n, 1).run("log n / n -> 1").status
'failed'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import sympy as sp

from proofs import interval
from proofs.cache import cached_limit
from proofs.notation import readable
from proofs.progress import tracker
from proofs.symbolic import THETA, prove_identity, prove_relation

__all__ = [
    "ARGUED",
    "ASSUMED",
    "CITED",
    "EXAMPLE",
    "FAILED",
    "PROVED",
    "Argued",
    "Assumption",
    "Asymptotic",
    "BruteForce",
    "Check",
    "Cited",
    "Example",
    "Identity",
    "Induction",
    "IntervalCheck",
    "Outcome",
    "RangeCheck",
    "Z3Proof",
    "SymbolicInequality",
    "checked_label",
    "is_checked",
    "is_example",
    "is_example_check",
]

PROVED = "proved"
ASSUMED = "assumed"
CITED = "cited"
FAILED = "failed"
EXAMPLE = "example"
ARGUED = "argued"


def checked_label(lo: Any, hi: Any | None = None, *, points: Sequence[Any] | None = None) -> str:
    """The status of a passed range / brute-force check, naming its range.

    >>> checked_label(2, 100), checked_label(None, points=[10, 1000])
    ('checked on [2, 100]', 'checked at {10, 1000}')
    """
    if points is not None:
        return "checked at {" + ", ".join(str(p) for p in points) + "}"
    return f"checked on [{lo}, {hi}]"


def is_checked(status: str) -> bool:
    """True for the statuses of passed range / brute-force checks."""
    return status.startswith("checked")


def is_example(status: str) -> bool:
    """True for the status of a passed example (a statement about named sample points)."""
    return status.startswith(EXAMPLE)


def is_example_check(check: Any) -> bool:
    """True for a check whose passing status is an example (no general step may use it).

    >>> is_example_check(Example(points=(1,))), is_example_check(BruteForce(example=True))
    (True, True)
    >>> is_example_check(RangeCheck(1, 2))
    False
    """
    return isinstance(check, Example) or (isinstance(check, BruteForce) and check.example)


@dataclass(frozen=True)
class Outcome:
    """Result of running a check: status, human detail, and sympy evidence when proved."""

    status: str
    detail: str
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.status == PROVED and not self.evidence:
            raise AssertionError("a 'proved' outcome needs sympy evidence")


def _fail(detail: str) -> Outcome:
    return Outcome(FAILED, detail)


def _relation_from(claim: Any, relation: Any) -> Any:
    rel = relation if relation is not None else claim
    if isinstance(rel, str):
        raise ValueError("this check needs a sympy relation, but the claim is text")
    return sp.sympify(rel)


class Check:
    """Base class; subclasses set ``kind`` and implement :meth:`run`."""

    kind: ClassVar[str] = ""

    def run(self, claim: Any) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:
        """A one-line description of the check (kind and its range)."""
        return self.kind


def _int_points(lo: int, hi: int) -> range:
    return range(int(lo), int(hi) + 1)


def _range_check_relation(
    relation: Any, grid: Sequence[tuple[sp.Symbol, int, int]], description: str
) -> tuple[bool, str, int]:
    """Decide the relation at every integer grid point; return (ok, note, count)."""
    axes = [_int_points(lo, hi) for _, lo, hi in grid]
    total = 1
    for a in axes:
        total *= len(a)
    symbols = [s for s, _, _ in grid]
    count = 0
    with tracker(description, total) as advance:
        for values in itertools.product(*axes):
            env = dict(zip(symbols, values, strict=True))
            try:
                ok = interval.decide(relation, env)
            except (interval.Undecided, NotImplementedError, ZeroDivisionError) as exc:
                return False, f"undecided at {_fmt_env(env)}: {exc}", count
            if not ok:
                return False, f"fails at {_fmt_env(env)}", count
            count += 1
            advance(1)
    return True, f"all {count} integer points satisfy it", count


def _fmt_env(env: dict[sp.Symbol, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in env.items())


def _grid_label(grid: Sequence[tuple[sp.Symbol, int, int]]) -> str:
    return "checked on " + " × ".join(f"[{lo}, {hi}]" for _, lo, hi in grid)


@dataclass(frozen=True, eq=False)
class Identity(Check):
    """``lhs = rhs`` by sympy simplification of ``lhs − rhs`` to 0.

    Uses the step's claim (an ``Eq``) unless ``lhs``/``rhs`` are given. With ``fallback =
    ((x, a, b), …)`` an identity sympy cannot simplify is checked exactly at every integer
    point instead, and labelled ``checked on [a, b]``.

    >>> import sympy as sp
    >>> m = sp.Symbol("m", positive=True)
    >>> Identity().run(sp.Eq(m + 1, m + 2, evaluate=False)).detail
    'sympy: lhs - rhs simplifies to -1, not 0'
    >>> Identity(m + 1, m + 2).run("text claim").status
    'failed'
    """

    kind: ClassVar[str] = "identity"
    lhs: Any = None
    rhs: Any = None
    fallback: tuple[tuple[sp.Symbol, int, int], ...] | None = None

    def run(self, claim: Any) -> Outcome:
        if self.lhs is not None:
            lhs, rhs = sp.sympify(self.lhs), sp.sympify(self.rhs)
        else:
            try:
                rel = _relation_from(claim, None)
            except ValueError as exc:
                return _fail(str(exc))
            if rel is sp.true:
                return _fail("the claim evaluates to True as written: a step that cannot "
                             "fail is not a proof step (compare two independently built sides)")
            if rel is sp.false:
                return _fail("sympy evaluates the equation to False")
            if not isinstance(rel, sp.Equality):
                return _fail(f"an identity needs an equation, got {rel}")
            lhs, rhs = rel.lhs, rel.rhs
        evidence = prove_identity(lhs, rhs)
        if evidence:
            return Outcome(PROVED, "sympy: " + evidence, evidence)
        residue = sp.simplify(lhs - rhs)
        if self.fallback:
            ok, note, _ = _range_check_relation(
                sp.Eq(lhs, rhs, evaluate=False), self.fallback, "identity fallback"
            )
            if ok:
                return Outcome(
                    _grid_label(self.fallback),
                    f"sympy could not simplify lhs - rhs to 0; fell back to exact check: {note}",
                )
            return _fail(f"sympy: lhs - rhs = {readable(residue)}; range fallback {note}")
        return _fail(f"sympy: lhs - rhs simplifies to {readable(residue)}, not 0")

    def describe(self) -> str:
        return "identity"


@dataclass(frozen=True, eq=False)
class SymbolicInequality(Check):
    """An inequality proved by sympy on ``domain = ((x, lo, hi), …)``.

    If sympy cannot decide, and ``fallback = ((x, a, b), …)`` is given, every integer point is
    checked (exactly, or by interval arithmetic for irrational values) and the status is
    ``checked on [a, b]`` — never ``proved``. Without a fallback an undecided step fails.

    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> SymbolicInequality(domain=((x, 1, sp.oo),)).run(sp.Ge(x**2, x)).status
    'proved'
    """

    kind: ClassVar[str] = "symbolic inequality"
    domain: tuple[tuple[sp.Symbol, Any, Any], ...] = ()
    relation: Any = None
    fallback: tuple[tuple[sp.Symbol, int, int], ...] | None = None
    depth: int = 2

    def run(self, claim: Any) -> Outcome:
        try:
            rel = _relation_from(claim, self.relation)
        except ValueError as exc:
            return _fail(str(exc))
        where = ", ".join(f"{x} in [{readable(lo)}, {readable(hi)}]" for x, lo, hi in self.domain)
        if rel is sp.true:
            return _fail("the claim evaluates to True as written: a step that cannot fail is "
                         "not a proof step")
        if rel is sp.false:
            return _fail("sympy evaluates the relation to False")
        try:
            evidence = prove_relation(rel, list(self.domain), depth=self.depth)
        except (ValueError, NotImplementedError) as exc:
            return _fail(str(exc))
        if evidence:
            return Outcome(PROVED, f"sympy, for {where}: {evidence}", evidence)
        if not self.fallback:
            return _fail(f"sympy could not decide it for {where}, and no fallback range is given")
        ok, note, _ = _range_check_relation(rel, self.fallback, "inequality fallback")
        if ok:
            return Outcome(
                _grid_label(self.fallback),
                f"sympy could not decide it for {where}; fell back to a range check: {note}",
            )
        return _fail(f"sympy could not decide it; range fallback {note}")

    def describe(self) -> str:
        where = ", ".join(f"{x} ∈ [{readable(lo)}, {readable(hi)}]" for x, lo, hi in self.domain)
        return f"symbolic inequality on {where}"


Predicate = Callable[[int], "bool | tuple[bool, str]"]


@dataclass(frozen=True, eq=False)
class RangeCheck(Check):
    """Every integer ``n`` in ``[lo, hi]`` (or each of ``points``) satisfies the claim.

    Either ``predicate(n)`` (returning a bool, or ``(bool, note)``) computed in exact
    integer / Rational arithmetic, or the step's sympy relation in ``var`` decided exactly or by
    interval arithmetic. ``what`` says in words what the predicate computes.

    >>> RangeCheck(0, 9, predicate=lambda n: n * n >= 0, what="n² ≥ 0").run("n² ≥ 0").detail
    'all 10 values satisfy it (n² ≥ 0)'
    """

    kind: ClassVar[str] = "range check"
    lo: int | None = None
    hi: int | None = None
    predicate: Predicate | None = None
    var: sp.Symbol | None = None
    relation: Any = None
    points: tuple[Any, ...] | None = None
    what: str = ""
    name: str = "n"
    mutations: tuple[tuple[Any, str, Callable[[Any], Any]], ...] = ()
    """``(owner, attribute, perturb)``: the library callables the predicate tests, each with a
    wrong-answer perturbation; :func:`proofs.mutation.library_mutations` patches them one at a
    time and the step must then fail."""

    def _values(self) -> Sequence[int]:
        if self.points is not None:
            return self.points
        if self.lo is None or self.hi is None:
            raise ValueError("a range check needs lo and hi, or points")
        return _int_points(self.lo, self.hi)

    def _label(self) -> str:
        if self.points is not None:
            return checked_label(None, points=self.points)
        return checked_label(self.lo, self.hi)

    def run(self, claim: Any) -> Outcome:
        values = self._values()
        if self.predicate is None:
            if self.var is None:
                return _fail("a range check of a relation needs var")
            rel = _relation_from(claim, self.relation)

            def pred(n: int) -> bool:
                return interval.decide(rel, {self.var: n})
        else:
            pred = self.predicate  # type: ignore[assignment]
        count = 0
        notes: list[str] = []
        with tracker(f"range check {self._label()[8:]}", len(values)) as advance:
            for n in values:
                try:
                    res = pred(n)
                except (interval.Undecided, NotImplementedError, ArithmeticError) as exc:
                    return _fail(f"undecided at {self.name} = {n}: {exc}")
                ok, note = res if isinstance(res, tuple) else (res, "")
                if not ok:
                    return _fail(f"fails at {self.name} = {n}" + (f": {note}" if note else ""))
                if note:
                    notes.append(f"{self.name} = {n}: {note}")
                count += 1
                advance(1)
        suffix = f" ({self.what})" if self.what else ""
        shown = f"; {'; '.join(notes)}" if notes and len(notes) <= 6 else ""
        return Outcome(self._label(), f"all {count} values satisfy it{suffix}{shown}")

    def describe(self) -> str:
        if self.points is not None:
            return "range check at {" + ", ".join(map(str, self.points)) + "}"
        return f"range check on integers [{self.lo}, {self.hi}]"


@dataclass(frozen=True, eq=False)
class Example(RangeCheck):
    """A predicate at named sample points, for a statement *about those points*.

    Reference values, sizes a network was built at, documented outputs of another library:
    the claim is that these points behave so, not a general statement, so the status is
    ``example at {…}``, never a step of a general proof. ``points`` may be any values the
    predicate accepts (numbers, or strings naming a case). With ``lo``/``hi`` instead of
    ``points`` the status is ``example on [lo, hi]``: a statement about the library's output
    on exactly that range (an implementation check beside a proof of the general statement,
    which must not use it), never evidence for the general statement.

    >>> Example(points=(3, 5), predicate=lambda k: k % 2 == 1, name="k").run("odd").status
    'example at {3, 5}'
    """

    kind: ClassVar[str] = "example"

    def _label(self) -> str:
        if self.points is None:
            return f"{EXAMPLE} on [{self.lo}, {self.hi}]"
        return EXAMPLE + " at {" + ", ".join(str(p) for p in self.points) + "}"

    def describe(self) -> str:
        if self.points is None:
            return f"example on {self.name} ∈ [{self.lo}, {self.hi}]"
        return f"example at {self.name} ∈ {{" + ", ".join(map(str, self.points)) + "}"


@dataclass(frozen=True, eq=False)
class Induction(Check):
    """The claim ``lhs ≥ rhs`` (or ``>``) for *every* integer ``var ≥ start``.

    Finite part ``start…split`` certified point by point with arb ball arithmetic, the tail
    ``var ≥ split`` by a telescoping difference proved ≥ 0 by sympy or z3
    (:func:`proofs.induction.prove_all_integers`). Status ``proved`` — a proof for all of them.

    >>> import sympy as sp
    >>> n = sp.Symbol("n", positive=True, integer=True)
    >>> Induction(n, 1, 1).run(sp.Ge(sp.loggamma(n + 1), n * sp.log(n) - n)).status
    'proved'
    """

    kind: ClassVar[str] = "induction"
    var: sp.Symbol = sp.Symbol("n")
    start: int = 1
    split: int = 1
    relation: Any = None

    def run(self, claim: Any) -> Outcome:
        from proofs.induction import prove_all_integers

        try:
            rel = _relation_from(claim, self.relation)
            g, strict = interval.normalise(rel)
        except (ValueError, NotImplementedError) as exc:
            return _fail(str(exc))
        ok, note = prove_all_integers(g, self.var, self.start, self.split, strict=strict)
        if ok:
            return Outcome(PROVED, note, note)
        return _fail(note)

    def describe(self) -> str:
        return (f"induction on integers {self.var} ≥ {self.start} (finite part ≤ {self.split} "
                "by arb balls, tail by a telescoping difference)")


@dataclass(frozen=True, eq=False)
class IntervalCheck(Check):
    """The step's inequality holds for every real ``var`` in ``[lo, hi]`` (mpmath ``iv``).

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> IntervalCheck(x, 1, 2).run(sp.Ge(sp.log(x) + 1, x / 2)).status
    'checked on [1, 2]'
    """

    kind: ClassVar[str] = "range check"
    var: sp.Symbol = sp.Symbol("x")
    lo: Any = 0
    hi: Any = 1
    relation: Any = None
    max_pieces: int = 4096

    def run(self, claim: Any) -> Outcome:
        try:
            rel = _relation_from(claim, self.relation)
        except ValueError as exc:
            return _fail(str(exc))
        try:
            ok, pieces, note = interval.decide_on_interval(
                rel, self.var, self.lo, self.hi, max_pieces=self.max_pieces
            )
        except NotImplementedError as exc:
            return _fail(str(exc))
        if ok:
            return Outcome(
                checked_label(self.lo, self.hi),
                f"interval arithmetic (mpmath iv) over real {self.var} in "
                f"[{self.lo}, {self.hi}]: {note}",
            )
        return _fail(note)

    def describe(self) -> str:
        return f"range check on the real interval [{self.lo}, {self.hi}]"


@dataclass(frozen=True, eq=False)
class Asymptotic(Check):
    """``limit(expr, var → ∞) = expected`` by ``sympy.limit`` (``expected=THETA``: finite > 0).

    >>> import sympy as sp
    >>> m = sp.Symbol("m", positive=True)
    >>> Asymptotic(sp.log(m, 2) / sp.log(m), m, 1 / sp.log(2)).run("ratio").status
    'proved'
    """

    kind: ClassVar[str] = "asymptotic"
    expr: Any = None
    var: sp.Symbol | None = None
    expected: Any = THETA
    point: Any = sp.oo

    def run(self, claim: Any) -> Outcome:
        where = f"limit({self.var} → {readable(self.point)})"
        try:
            value = cached_limit(self.expr, self.var, self.point)
        except Exception as exc:  # sympy gave up
            return _fail(f"sympy could not evaluate {where}: {type(exc).__name__}")
        if value.has(sp.Limit) or value is sp.nan:
            return _fail(f"sympy could not evaluate {where}")
        if self.expected == THETA:
            if value.is_finite is True and value.is_positive is True:
                ev = f"{where} = {readable(value)}, finite and positive"
                return Outcome(PROVED, "sympy: " + ev, ev)
            return _fail(f"sympy: {where} = {readable(value)}, not finite and positive")
        infinite = self.expected in (sp.oo, -sp.oo)
        if (value == self.expected) if infinite else (
            prove_identity(value, self.expected) is not None
        ):
            ev = f"{where} = {readable(value)}"
            return Outcome(PROVED, "sympy: " + ev, ev)
        return _fail(f"sympy: {where} = {readable(value)}, expected {readable(self.expected)}")

    def describe(self) -> str:
        return f"asymptotic ({self.var} → ∞)"


@dataclass(frozen=True, eq=False)
class BruteForce(Check):
    """An exact enumeration ``count(n)`` equals ``formula(n)`` for every ``n`` in ``sizes``.

    ``formula`` is a callable or a sympy expression in ``var``; both sides compared exactly.

    >>> import itertools, math
    >>> bf = BruteForce(lambda n: sum(1 for _ in itertools.permutations(range(n))),
    ...                 math.factorial, sizes=(1, 2, 3, 4))
    >>> bf.run("|S_n| = n!").status
    'checked on [1, 4]'
    """

    kind: ClassVar[str] = "brute force"
    count: Callable[[int], int] | None = None
    formula: Any = None
    sizes: tuple[int, ...] = ()
    var: sp.Symbol | None = None
    what: str = ""
    example: bool = False
    """True for a corroboration of a general statement proved by other steps (SPEC §3 asks
    that counts be confirmed by brute force on small cases): status ``example on [a, b]``,
    and no general step may use it."""

    def _formula(self, n: int) -> Any:
        if callable(self.formula) and not isinstance(self.formula, sp.Basic):
            return self.formula(n)
        value = sp.sympify(self.formula).subs(self.var, n)
        value = sp.simplify(value)
        if not value.is_Rational:
            raise ArithmeticError(f"formula is not an exact number at n = {n}: {value}")
        return value

    def _label(self) -> str:
        sizes = sorted(self.sizes)
        if sizes == list(range(sizes[0], sizes[-1] + 1)):
            label = checked_label(sizes[0], sizes[-1])
        else:
            label = checked_label(None, points=sizes)
        return label.replace("checked", EXAMPLE, 1) if self.example else label

    def run(self, claim: Any) -> Outcome:
        if not self.sizes or self.count is None:
            return _fail("brute force needs sizes and a count")
        notes = []
        for n in self.sizes:
            try:
                counted = self.count(n)
                expected = self._formula(n)
            except ArithmeticError as exc:
                return _fail(str(exc))
            if sp.Integer(counted) != sp.sympify(expected):
                return _fail(f"at n = {n}: enumeration gives {counted}, formula gives {expected}")
            notes.append(f"{n}: {counted}")
        what = f"{self.what}; " if self.what else ""
        return Outcome(self._label(), f"{what}enumerated counts " + ", ".join(notes))

    def describe(self) -> str:
        return "brute force on sizes {" + ", ".join(map(str, self.sizes)) + "}"


@dataclass(frozen=True, eq=False)
class Assumption(Check):
    """A hypothesis of the theorem: stated, not checked.

    >>> Assumption().run("b-bit parameters").status
    'assumed'
    """

    kind: ClassVar[str] = "assumption"

    def run(self, claim: Any) -> Outcome:
        return Outcome(ASSUMED, "hypothesis of the theorem (not checked)")


@dataclass(frozen=True, eq=False)
class Cited(Check):
    """An external result: stated with its reference, not checked.

    >>> Cited("Robbins 1955").run("Stirling bounds").detail
    'cited: Robbins 1955 (not checked here)'
    """

    kind: ClassVar[str] = "cited"
    reference: str = ""

    def run(self, claim: Any) -> Outcome:
        return Outcome(CITED, f"cited: {self.reference} (not checked here)")

    def describe(self) -> str:
        return "cited"


@dataclass(frozen=True, eq=False)
class Argued(Check):
    """A deduction from earlier steps of the same proof, argued in words.

    Neither a citation (nothing external is relied on) nor a proof (nothing checked it): the
    status is ``argued``, which :func:`proofs.engine.proof_status` ranks below ``proved``. Used
    for combinatorial arguments that are not mechanised; ``steps`` names the premises (the
    engine's guard refuses an example among them for a general step), ``argument`` says the
    argument.

    >>> a = Argued(steps=("base", "step"), argument="induction on n")
    >>> a.run("P(n) for n ≥ 1").detail
    'argued in words from steps `base`, `step`: induction on n (not machine-checked)'
    >>> a.describe()
    'argued in words from steps `base`, `step`'
    """

    kind: ClassVar[str] = "argued"
    steps: tuple[str, ...] = ()
    argument: str = ""

    def __post_init__(self) -> None:
        if not self.steps or not self.argument:
            raise ValueError("an argued step names its premise steps and says the argument")

    def run(self, claim: Any) -> Outcome:
        return Outcome(ARGUED, f"{self.describe()}: {self.argument} (not machine-checked)")

    def describe(self) -> str:
        return "argued in words from steps " + ", ".join(f"`{s}`" for s in self.steps)


Z3Build = Callable[[], "tuple[Sequence[Any], Any]"]


@dataclass(frozen=True, eq=False)
class Z3Proof(Check):
    """A first-order claim over symbolic integers / reals / booleans, proved by z3.

    ``build()`` returns ``(hypotheses, goal)`` as z3 expressions in unbounded variables (so
    the claim is for *every* value, e.g. every m′ and every index). The check first asks z3
    that the hypotheses are satisfiable (a vacuous claim is refused), then that hypotheses ∧
    ¬goal is unsatisfiable: status ``proved``. ``negate`` (the automatic mutation) proves
    ¬goal instead, which must then fail. ``what`` says in words what the variables are.

    >>> import z3
    >>> def build():
    ...     e, f = z3.Ints("e f")
    ...     return [e >= 2, f >= 0], (e + 1) * f + 3 >= 0
    >>> Z3Proof(build, what="toy").run("(e+1)f + 3 ≥ 0").status
    'proved'
    >>> Z3Proof(build, negate=True).run("mutant").status
    'failed'
    """

    kind: ClassVar[str] = "z3"
    build: Z3Build | None = None
    negate: bool = False
    what: str = ""
    timeout_ms: int = 20000

    def run(self, claim: Any) -> Outcome:
        import z3

        if self.build is None:
            return _fail("a z3 check needs build()")
        hyps, goal = self.build()
        if self.negate:
            goal = z3.Not(goal)
        solver = z3.Solver()
        solver.set("timeout", self.timeout_ms)
        solver.add(*hyps)
        first = solver.check()
        if first != z3.sat:
            return _fail(f"z3: the hypotheses are {first} (a vacuous claim proves nothing)")
        solver.add(z3.Not(goal))
        res = solver.check()
        if res == z3.unsat:
            what = f" ({self.what})" if self.what else ""
            ev = (f"z3 {z3.get_version_string()}: {len(hyps)} hypotheses satisfiable, "
                  f"hypotheses ∧ ¬claim unsatisfiable{what}")
            shown = (" — hypotheses: " + "; ".join(str(h).replace("\n", " ") for h in hyps)
                     + " — claim: " + " ".join(str(goal).split()))
            return Outcome(PROVED, ev + shown, ev)
        if res == z3.sat:
            return _fail(f"z3: counterexample {solver.model()}")
        return _fail(f"z3: undecided ({solver.reason_unknown()})")

    def describe(self) -> str:
        return "z3 (symbolic integers: every value)"
