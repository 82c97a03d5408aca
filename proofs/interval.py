"""Rigorous numerical evaluation of sympy expressions with mpmath interval arithmetic.

An expression is evaluated bottom-up with ``mpmath.iv`` (outward-rounded intervals), so the
returned interval *contains* the true value. This is what a ``range check`` over a real
interval, or at an integer point where the value is irrational (``log2(1000!)``), relies on.

Supported nodes: integers, rationals, floats (taken as the exact binary value), symbols bound
in ``env``, ``+``, ``*``, powers (integer exponent, ``1/2`` via ``sqrt``, otherwise
``exp(e·log b)``), ``log``, ``exp``, ``sqrt``, ``factorial``/``binomial``/``ff`` of exact
integers, ``floor``/``ceiling`` when the interval pins them, ``Abs``, ``Max``, ``Min``, ``pi``,
``E``, ``loggamma`` (exactly as log((z−1)!) at integers, else ``iv.loggamma``). Anything else
raises :class:`NotImplementedError`, never a guess.

Reference: mpmath documentation, "Interval arithmetic (mpmath.iv)".

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> enclosure = evaluate(sp.log(x, 2), {x: 8})
>>> bool(enclosure.a <= 3 <= enclosure.b)
True
>>> decide(sp.Ge(sp.log(sp.factorial(10), 2), 21), {})
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import mpmath
import sympy as sp
from mpmath import iv

__all__ = ["Undecided", "decide", "decide_on_interval", "evaluate", "lower_upper", "normalise"]

_PRECISIONS = (60, 160, 400)


@contextmanager
def _workprec(prec: int) -> Iterator[None]:
    """Temporarily set the precision (bits) of the ``iv`` context."""
    old = iv.prec
    iv.prec = prec
    try:
        yield
    finally:
        iv.prec = old


class Undecided(ArithmeticError):
    """Interval arithmetic could not decide a relation (the enclosure straddles the boundary)."""


def _exact_int(expr: sp.Basic, env: Mapping[sp.Symbol, Any]) -> int | None:
    value = expr.subs({k: v for k, v in env.items() if isinstance(v, int)}) if env else expr
    if isinstance(value, sp.Integer):
        return int(value)
    return None


def evaluate(expr: Any, env: Mapping[sp.Symbol, Any]) -> Any:
    """Return an ``iv.mpf`` interval containing the value of ``expr`` under ``env``.

    ``env`` maps symbols to ints, Rationals, or ``(lo, hi)`` pairs / ``iv.mpf`` intervals.
    Uses the current ``iv`` precision.

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> r = evaluate(sp.sqrt(x) - 1, {x: (4, 9)})
    >>> (float(r.a), float(r.b))
    (1.0, 2.0)
    """
    e = sp.sympify(expr)
    if isinstance(e, sp.Integer):
        return iv.mpf(int(e))
    if isinstance(e, sp.Rational):
        return iv.mpf(int(e.p)) / iv.mpf(int(e.q))
    if isinstance(e, sp.Float):
        return iv.mpf(mpmath.mpf(e))
    if isinstance(e, sp.Symbol):
        if e not in env:
            raise NotImplementedError(f"unbound symbol {e}")
        v = env[e]
        if isinstance(v, tuple):
            lo, hi = (evaluate(sp.sympify(t), {}) for t in v)
            return iv.mpf([lo.a, hi.b])
        if isinstance(v, iv.mpf):
            return v
        return evaluate(sp.sympify(v), {})
    if e is sp.pi:
        return iv.pi
    if e is sp.E:
        return iv.e
    if isinstance(e, sp.Add):
        total = iv.mpf(0)
        for a in e.args:
            total = total + evaluate(a, env)
        return total
    if isinstance(e, sp.Mul):
        prod = iv.mpf(1)
        for a in e.args:
            prod = prod * evaluate(a, env)
        return prod
    if isinstance(e, sp.Pow):
        base, ex = e.args
        if isinstance(ex, sp.Integer):
            b = evaluate(base, env)
            n = int(ex)
            if n >= 0:
                return b ** n
            return iv.mpf(1) / (b ** (-n))
        if ex == sp.Rational(1, 2):
            return iv.sqrt(evaluate(base, env))
        if ex == sp.Rational(-1, 2):
            return iv.mpf(1) / iv.sqrt(evaluate(base, env))
        return iv.exp(evaluate(ex, env) * iv.log(evaluate(base, env)))
    if isinstance(e, sp.exp):
        return iv.exp(evaluate(e.args[0], env))
    if isinstance(e, sp.log):
        if len(e.args) != 1:
            return iv.log(evaluate(e.args[0], env)) / iv.log(evaluate(e.args[1], env))
        return iv.log(evaluate(e.args[0], env))
    if isinstance(e, (sp.factorial, sp.binomial, sp.ff, sp.RisingFactorial)):
        args = [_exact_int(a, env) for a in e.args]
        if any(a is None for a in args):
            raise NotImplementedError(f"{e.func.__name__} of a non-integer argument")
        value = e.func(*args)
        return evaluate(value, {})
    if isinstance(e, sp.loggamma):
        z = _exact_int(e.args[0], env)
        if z is not None and z >= 1:
            return iv.log(iv.mpf(int(sp.factorial(z - 1))))  # log Γ(z) = log((z−1)!)
        return iv.loggamma(evaluate(e.args[0], env))
    if isinstance(e, (sp.floor, sp.ceiling)):
        inner = evaluate(e.args[0], env)
        f = mpmath.floor if isinstance(e, sp.floor) else mpmath.ceil
        lo, hi = f(inner.a), f(inner.b)
        if lo != hi:
            raise Undecided(f"{e} is not pinned by the enclosure")
        return iv.mpf(lo)
    if isinstance(e, sp.Abs):
        inner = evaluate(e.args[0], env)
        if inner.a >= 0:
            return inner
        if inner.b <= 0:
            return -inner
        return iv.mpf([0, max(-inner.a, inner.b)])
    if isinstance(e, (sp.Max, sp.Min)):
        vals = [evaluate(a, env) for a in e.args]
        pick = max if isinstance(e, sp.Max) else min
        return iv.mpf([pick(v.a for v in vals), pick(v.b for v in vals)])
    raise NotImplementedError(f"interval evaluation of {e.func.__name__} is not supported")


def lower_upper(expr: Any, env: Mapping[sp.Symbol, Any], prec: int = 60) -> tuple[Any, Any]:
    """The enclosure ``(lo, hi)`` of ``expr`` as mpmath numbers, at ``prec`` bits.

    >>> import sympy as sp
    >>> lo, hi = lower_upper(sp.log(2), {})
    >>> bool(lo < 0.6931471805599453 < hi) or bool(lo <= 0.6931471805599453 <= hi)
    True
    """
    with _workprec(prec):
        r = evaluate(expr, env)
        lo, hi = r._mpi_
        return mpmath.mpf(lo), mpmath.mpf(hi)


def normalise(rel: sp.Rel) -> tuple[sp.Expr, bool]:
    """Return ``(g, strict)`` with the relation equivalent to ``g > 0`` or ``g >= 0``."""
    if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)):
        return rel.lhs - rel.rhs, isinstance(rel, sp.StrictGreaterThan)
    if isinstance(rel, (sp.LessThan, sp.StrictLessThan)):
        return rel.rhs - rel.lhs, isinstance(rel, sp.StrictLessThan)
    raise NotImplementedError(f"only <, <=, >, >= can be decided numerically (got {rel.rel_op})")


def _decide_once(g: sp.Expr, strict: bool, env: Mapping[sp.Symbol, Any]) -> bool:
    r = evaluate(g, env)
    if (r.a > 0) or (not strict and r.a >= 0):
        return True
    if (r.b < 0) or (strict and r.b <= 0):
        return False
    raise Undecided("enclosure straddles 0")


def decide(relation: Any, env: Mapping[sp.Symbol, Any]) -> bool:
    """Decide an inequality at a point: exactly if the value is rational, else by intervals.

    Raises :class:`Undecided` if even 400-bit intervals straddle the boundary (e.g. an
    equality case of an irrational quantity).

    >>> import sympy as sp
    >>> n = sp.Symbol("n")
    >>> decide(sp.Ge(n**2 + n, 12), {n: 3}), decide(sp.Ge(n**2 + n, 13), {n: 3})
    (True, False)
    """
    rel = sp.sympify(relation)
    if rel is sp.true or rel is sp.false:
        return bool(rel)
    if isinstance(rel, sp.Equality):
        diff = sp.nsimplify(rel.lhs - rel.rhs).subs(dict(env)) if env else rel.lhs - rel.rhs
        diff = sp.simplify(diff)
        if diff.is_Rational:
            return diff == 0
        raise Undecided("an equality of irrational values cannot be decided by intervals")
    g, strict = normalise(rel)
    point = {k: sp.sympify(v) for k, v in env.items() if not isinstance(v, (tuple, iv.mpf))}
    if point and len(point) == len(env):
        exact = g.subs(point)
        if exact.is_Rational:
            return bool(exact > 0) if strict else bool(exact >= 0)
    last: Exception | None = None
    for prec in _PRECISIONS:
        with _workprec(prec):
            try:
                return _decide_once(g, strict, env)
            except Undecided as exc:
                last = exc
    raise Undecided(str(last))


def decide_on_interval(
    relation: Any,
    var: sp.Symbol,
    lo: Any,
    hi: Any,
    *,
    max_pieces: int = 4096,
    prec: int = 80,
) -> tuple[bool, int, str]:
    """Check an inequality for every real ``var`` in ``[lo, hi]`` by bisection with intervals.

    Returns ``(holds, pieces_used, note)``. ``holds`` is True only if every piece's enclosure
    satisfies the relation; False if a point counterexample is found or the piece budget runs
    out (the note says which).

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> decide_on_interval(sp.Ge(x**2 - 2*x + 2, 0), x, -3, 3)[0]
    True
    >>> decide_on_interval(sp.Gt(x**2 - 2*x + 1, 0), x, -3, 3)[0]
    False
    """
    g, strict = normalise(sp.sympify(relation))
    stack = [(sp.Rational(lo), sp.Rational(hi))]
    pieces = 0
    with _workprec(prec):
        while stack:
            a, b = stack.pop()
            pieces += 1
            if pieces > max_pieces:
                return False, pieces, f"undecided after {max_pieces} pieces"
            try:
                if _decide_once(g, strict, {var: iv.mpf([evaluate(a, {}).a, evaluate(b, {}).b])}):
                    continue
                return False, pieces, f"violated on the whole piece [{a}, {b}]"
            except (Undecided, ZeroDivisionError, ValueError):
                pass
            mid = (a + b) / 2
            try:
                if not decide(relation, {var: mid}):
                    return False, pieces, f"counterexample at {var} = {mid}"
            except Undecided:
                pass
            stack.extend([(mid, b), (a, mid)])
    return True, pieces, f"{pieces} interval pieces"
