"""What sympy can prove: identities, inequalities on a domain, limits.

Every function here returns either a short *evidence* string naming the sympy computation that
settled the question (``"simplify(lhs - rhs) = 0"``, ``"limit = 1/8"``, ``"x = 2 + t: all
coefficients of the numerator in t are >= 0"``) or ``None`` when sympy could not settle it.
``None`` never means "false": callers fall back to a labelled range check or report failure.

Strategies for ``g >= 0`` (or ``> 0``) on ``x_i in [lo_i, oo)``:

1. shift ``x_i = lo_i + t_i`` with ``t_i >= 0`` declared to sympy, then ask sympy's assumption
   system (``is_nonnegative`` / ``is_positive``) about the shifted expression, its ``factor``,
   ``expand`` and ``simplify`` forms;
2. polynomial positivity: numerator of ``together(g)`` is a polynomial in the ``t_i`` with
   non-negative coefficients (strict: positive constant term), denominator positive by (1);
3. monotonicity (one variable): ``g`` continuous on the domain (``continuous_domain``),
   ``g(lo) >= 0`` decided by sympy, and ``g' >= 0`` proved recursively by 1–3.

>>> import sympy as sp
>>> n = sp.Symbol("n", positive=True)
>>> prove_identity(sp.factorial(n + 1) / sp.factorial(n), n + 1) is not None
True
>>> prove_nonnegative(n**2 - 3*n + 3, [(n, 2, sp.oo)]) is not None
True
>>> prove_limit(sp.log(n) / n, n, 0)
'limit(n → ∞) = 0'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp
from sympy.calculus.util import continuous_domain

from proofs.cache import cached, cached_limit
from proofs.notation import readable

__all__ = [
    "THETA",
    "prove_identity",
    "prove_limit",
    "prove_nonnegative",
    "prove_relation",
]

THETA = "finite and positive"
"""Sentinel for :func:`prove_limit`: the limit exists, is finite and positive (a Θ claim)."""

Domain = Sequence[tuple[sp.Symbol, Any, Any]]


def _simplifiers() -> list[tuple[str, Callable[[sp.Expr], sp.Expr]]]:
    return [
        ("simplify", sp.simplify),
        ("expand_func + simplify", lambda e: sp.simplify(sp.expand_func(e))),
        ("combsimp", sp.combsimp),
        ("expand_log + simplify", lambda e: sp.simplify(sp.expand_log(e))),
        (
            "expand_log(force) + simplify",
            lambda e: sp.simplify(sp.expand_log(sp.expand_func(e), force=True)),
        ),
        ("loggamma(z) -> log((z-1)!), rewrite(factorial), expand_log(force) + simplify",
         _factorial_form),
        ("loggamma(z) -> log((z-1)!), rewrite(factorial), logcombine(force) + combsimp",
         _combined_log_form),
    ]


def _factorial_form(e: sp.Expr) -> sp.Expr:
    """Rewrite loggamma(z) as log((z−1)!) and binomials / falling factorials as factorials.

    Sound where every argument is a positive integer (the domain the proofs state): there
    loggamma(z) = log Γ(z) = log((z−1)!), and ``expand_log(force=True)`` only splits logs of
    positive quantities.
    """
    out = e.replace(sp.loggamma, lambda z: sp.log(sp.factorial(z - 1)))
    out = out.rewrite(sp.factorial)
    return sp.simplify(sp.expand_log(out, force=True))


def _combined_log_form(e: sp.Expr) -> sp.Expr:
    """Like :func:`_factorial_form`, but combine all logs into one and ``combsimp`` inside.

    Sound on the same domain (positive arguments): log a + log b = log(ab) for a, b > 0.
    """
    out = e.replace(sp.loggamma, lambda z: sp.log(sp.factorial(z - 1))).rewrite(sp.factorial)
    out = sp.logcombine(sp.expand(out * sp.log(2)), force=True)
    out = out.replace(sp.log, lambda a: sp.log(sp.combsimp(a)))
    return sp.simplify(out)


def prove_identity(lhs: Any, rhs: Any) -> str | None:
    """Evidence that ``lhs - rhs`` simplifies to 0, or ``None``.

    ``expand_log(force=True)`` is only sound for positive arguments; declare the symbols
    positive. Tries simplify, expand_func, combsimp and expand_log in turn.

    >>> import sympy as sp
    >>> m = sp.Symbol("m", positive=True)
    >>> prove_identity(sp.log(m**2, 2), 2 * sp.log(m) / sp.log(2))
    'simplify(lhs - rhs) = 0'
    >>> prove_identity(m, m + 1) is None
    True
    """
    diff = sp.sympify(lhs) - sp.sympify(rhs)
    if diff == 0:
        return "lhs - rhs = 0 after sympy's automatic canonicalization"
    return cached("identity", (lhs, rhs), lambda: _simplify_to_zero(diff))


def _clearly_nonzero(diff: sp.Expr) -> bool:
    """True if ``diff`` is numerically far from 0 at a sample point (so no simplifier can
    reduce it to 0). Only ever used to give up early: ``False`` decides nothing."""
    points = dict(zip(sorted(diff.free_symbols, key=str), (7, 11, 13, 17, 19, 23, 29, 31),
                      strict=False))
    if len(points) != len(diff.free_symbols):
        return False
    try:
        value = complex(sp.N(diff.subs(points), 30))
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    return abs(value) > 1e-9 and abs(value) != float("inf") and value == value


def _simplify_to_zero(diff: sp.Expr) -> str | None:
    if _clearly_nonzero(diff):
        return None
    order = _simplifiers()
    if diff.has(sp.loggamma, sp.factorial, sp.binomial, sp.ff, sp.gamma):
        order = order[-2:] + order[:-2]  # factorial forms settle these fastest
    for label, fn in order:
        try:
            out = fn(diff)
        except Exception:  # a simplifier may give up on exotic input
            continue
        if out == 0:
            return f"{label}(lhs - rhs) = 0"
    return None


def _sign_holds(expr: sp.Expr, strict: bool) -> bool:
    value = expr.is_positive if strict else expr.is_nonnegative
    return value is True


def _shift(g: sp.Expr, domain: Domain) -> tuple[sp.Expr, list[sp.Symbol], str]:
    """Substitute each variable by a function of a new ``t_i >= 0`` covering its domain.

    ``[lo, oo)``: x = lo + t (all of it). ``[lo, hi]`` with finite hi: x = lo + (hi − lo)/(1 + t),
    which covers (lo, hi] — the note says so, and the caller checks x = lo separately.
    """
    subs: dict[sp.Symbol, sp.Expr] = {}
    ts: list[sp.Symbol] = []
    notes: list[str] = []
    for i, (x, lo, hi) in enumerate(domain):
        if lo in (None, -sp.oo):
            raise NotImplementedError("domains must have a finite lower end")
        t = sp.Symbol(f"t{i}", nonnegative=True)
        ts.append(t)
        lo = sp.sympify(lo)
        hi = sp.oo if hi is None else sp.sympify(hi)
        if hi == sp.oo:
            subs[x] = lo + t
            notes.append(f"{x} = {lo} + t{i}")
        else:
            subs[x] = lo + (hi - lo) / (1 + t)
            notes.append(f"{x} = {lo} + ({readable(hi - lo)})/(1 + t{i}) covering ({lo}, {hi}]")
    return sp.sympify(g).subs(subs), ts, ", ".join(notes)


def _by_assumptions(h: sp.Expr, strict: bool) -> str | None:
    for label, fn in (
        ("", lambda e: e),
        ("factor", sp.factor),
        ("expand", sp.expand),
        ("simplify", sp.simplify),
    ):
        try:
            form = fn(h)
        except Exception:
            continue
        if _sign_holds(form, strict):
            kind = "positive" if strict else "nonnegative"
            how = f"{label}(shifted) " if label else "shifted expression "
            return f"{how}is {kind} by sympy's assumptions"
    return None


def _by_polynomial(h: sp.Expr, ts: list[sp.Symbol], strict: bool) -> str | None:
    try:
        num, den = sp.fraction(sp.together(h))
        if den.is_positive is not True:
            if den.is_negative is True:
                num, den = -num, -den
            else:
                return None
        poly = sp.Poly(sp.expand(num), *ts)
    except (sp.PolynomialError, sp.GeneratorsNeeded, ValueError):
        return None
    coeffs = poly.coeffs()
    if not all(c.is_nonnegative is True for c in coeffs):
        return None
    if strict:
        const = poly.coeff_monomial(1)
        if const.is_positive is not True:
            return None
    return "numerator after the shift is a polynomial with all coefficients ≥ 0" + (
        " and a positive constant term" if strict else ""
    )


def prove_nonnegative(
    g: Any,
    domain: Domain,
    *,
    strict: bool = False,
    depth: int = 2,
) -> str | None:
    """Evidence from sympy that ``g >= 0`` (``> 0`` if strict) on the domain, or ``None``.

    ``domain`` is a list of ``(symbol, lo, hi)`` with finite ``lo`` (``hi`` may be ``oo``;
    proofs for ``[lo, oo)`` cover any finite ``hi``). Symbols not in the domain keep their
    declared sympy assumptions.

    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> prove_nonnegative(sp.log(x) - 1 + 1/x, [(x, 1, sp.oo)]) is not None
    True
    >>> prove_nonnegative(x - 3, [(x, 1, sp.oo)]) is None
    True
    """
    g = sp.sympify(g)
    h, ts, shift_note = _shift(g, domain)
    evidence = _by_assumptions(h, strict) or _by_polynomial(h, ts, strict)
    if evidence:
        ends = _closed_ends(g, domain, strict)
        if ends is None:
            return None
        return f"{shift_note}, all t ≥ 0: {evidence}{ends}"
    if depth <= 0 or len(domain) != 1:
        return None
    x, lo, hi = domain[0]
    lo = sp.sympify(lo)
    hi = sp.oo if hi is None else sp.sympify(hi)
    try:
        interval = sp.Interval(lo, hi)
        if not interval.is_subset(continuous_domain(g, x, interval)):
            return None
    except Exception:
        return None
    base = sp.simplify(g.subs(x, lo))
    if not _sign_holds(base, strict):
        return None
    deriv = sp.diff(g, x)
    inner = prove_nonnegative(deriv, domain, strict=False, depth=depth - 1)
    if inner is None:
        return None
    return (
        f"g({lo}) = {readable(base)} {'>' if strict else '≥'} 0 and g continuous on "
        f"[{readable(lo)}, {readable(hi)}] and g' ≥ 0 there ({inner})"
    )


def _closed_ends(g: sp.Expr, domain: Domain, strict: bool) -> str | None:
    """For finite-``hi`` variables the shift misses x = lo: check it there by sympy too.

    Returns an evidence suffix, or None if the end point is not settled (only one variable
    with a finite upper end is supported).
    """
    bounded = [(x, lo) for x, lo, hi in domain if hi not in (None, sp.oo)]
    if not bounded:
        return ""
    if len(bounded) > 1:
        return None
    x, lo = bounded[0]
    at_lo = sp.simplify(g.subs(x, lo))
    if at_lo.is_finite is True and _sign_holds(at_lo, strict):
        return f"; and at {x} = {lo}: {readable(at_lo)}"
    return f"; the end {x} = {lo} is excluded (value there: {readable(at_lo)})"


def prove_relation(relation: Any, domain: Domain, *, depth: int = 2) -> str | None:
    """Evidence that an inequality ``lhs (<|<=|>|>=) rhs`` holds on the domain, or ``None``.

    >>> import sympy as sp
    >>> n = sp.Symbol("n", positive=True)
    >>> prove_relation(sp.Ge(n**2 + n, 2 * n), [(n, 1, sp.oo)]) is not None
    True
    """
    rel = sp.sympify(relation)
    if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)):
        g, strict = rel.lhs - rel.rhs, isinstance(rel, sp.StrictGreaterThan)
    elif isinstance(rel, (sp.LessThan, sp.StrictLessThan)):
        g, strict = rel.rhs - rel.lhs, isinstance(rel, sp.StrictLessThan)
    else:
        raise ValueError(f"not an inequality: {rel}")
    flat = tuple(sp.Tuple(x, lo, sp.oo if hi is None else hi) for x, lo, hi in domain)
    return cached("relation", (rel, sp.Tuple(*flat), depth),
                  lambda: prove_nonnegative(g, domain, strict=strict, depth=depth))


def prove_limit(expr: Any, var: sp.Symbol, expected: Any, point: Any = sp.oo) -> str | None:
    """Evidence that ``limit(expr, var -> point)`` equals ``expected`` (or is Θ: see THETA).

    Uses ``sympy.limit`` only (never ``O()``). Returns ``None`` if the limit is unevaluated,
    raises inside sympy, or differs from ``expected``.

    >>> import sympy as sp
    >>> m = sp.Symbol("m", positive=True)
    >>> prove_limit(sp.log(sp.factorial(m)) / (m * sp.log(m)), m, 1)
    'limit(m → ∞) = 1'
    >>> prove_limit(sp.sqrt(m) / m, m, THETA) is None
    True
    """
    try:
        value = cached_limit(expr, var, point)
    except Exception:
        return None
    if value.has(sp.Limit) or value is sp.nan:
        return None
    where = f"limit({var} → {readable(point)})"
    if expected == THETA:
        if value.is_finite is True and value.is_positive is True:
            return f"{where} = {readable(value)}, finite and positive"
        return None
    if expected in (sp.oo, -sp.oo):
        return f"{where} = {readable(value)}" if value == expected else None
    if prove_identity(value, expected) is not None:
        return f"{where} = {readable(value)}"
    return None
