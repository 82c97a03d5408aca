"""Statements for *all* integers n ≥ n₀: a certified finite part and an inductive tail.

``g(n) ≥ 0`` (or ``> 0``) for every integer ``n ≥ start`` is shown in two parts:

1. **finite part** ``start ≤ n ≤ split``: every point decided with rigorous ball arithmetic
   (python-flint's ``arb``: ``lgamma``, ``log``, ``sqrt`` with guaranteed enclosures), the
   precision raised until the ball excludes the boundary; a ball that still touches it (an
   equality point such as ln 1! = 0) is decided exactly by :func:`proofs.interval.decide`;
2. **tail** ``n ≥ split``: the telescoping difference ``Δ(n) = g(n+1) − g(n)`` is formed by
   sympy with ``ln Γ(n+k+1) = ln Γ(n+k) + ln(n+k)``, every ``ln(n + j)`` (j ≥ 1) written as
   ``ln n + L_j`` with ``L_j = ln(1 + j/n)``, and each ``L_j`` replaced by the bound of the
   lemma ``y/(1+y) ≤ ln(1+y) ≤ y`` (y ≥ 0, itself proved by sympy at check time) on the side
   that the sign of its coefficient (proved by sympy) allows. The remainder ``R(n) ≤ Δ(n)``
   must be proved ``≥ 0`` for real ``n ≥ split`` by sympy (:func:`proofs.symbolic.
   prove_relation`), or — when it is polynomial in ``n`` and ``ln n`` — by z3 with
   ``ln n`` a real ``ℓ`` constrained by ``ℓ ≥ ln(split)`` (a rational lower bound from arb)
   and ``ℓ ≤ n − 1``. Then ``g(split) ≥ 0`` and ``Δ ≥ 0`` give ``g(n) ≥ 0`` for all n ≥ split.

python-flint and z3 are imported only when a check runs (``superbounds bounds`` never loads
them).

>>> import sympy as sp
>>> n = sp.Symbol("n", positive=True, integer=True)
>>> ok, note = prove_all_integers(sp.loggamma(n + 1) - sp.Rational(9, 10) * n * sp.log(n),
...                               n, 21968, 21968)
>>> ok
True
>>> prove_all_integers(sp.loggamma(n + 1) - n * sp.log(n) + n - 2, n, 1, 5)
(False, 'finite part: fails at n = 1')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from proofs import interval
from proofs.notation import readable
from proofs.symbolic import prove_relation

__all__ = ["arb_function", "prove_all_integers", "telescoped_difference"]

_PRECS = (64, 160, 400)


def arb_function(expr: Any, var: sp.Symbol) -> Callable[[int], Any]:
    """Compile ``expr`` (in ``var``) to ``n ↦ arb`` enclosure, at the current flint precision.

    Supports integers, rationals, ``+``, ``*``, integer and ½ powers, ``log``, ``loggamma``,
    ``exp``, ``pi``, ``E``; anything else raises ``NotImplementedError`` (never a guess).
    Floats are refused: a proof's constants must be exact.

    >>> import sympy as sp
    >>> n = sp.Symbol("n")
    >>> f = arb_function(sp.log(n) + sp.Rational(1, 3), n)
    >>> print(f(1))
    [0.333333333333333 +/- 3.71e-16]
    """
    from flint import arb, fmpq

    e = sp.sympify(expr)
    if e == var:
        return lambda k: arb(k)
    if isinstance(e, sp.Integer):
        c = int(e)
        return lambda k: arb(c)
    if isinstance(e, sp.Rational):
        q = fmpq(int(e.p), int(e.q))
        return lambda k: arb(q)
    if e is sp.pi:
        return lambda k: arb.pi()
    if e is sp.E:
        return lambda k: arb(1).exp()
    if isinstance(e, sp.Float):
        raise NotImplementedError("a float constant in a proof claim; use an exact Rational")
    parts = [arb_function(a, var) for a in e.args]
    if isinstance(e, sp.Add):
        def add(k: int) -> Any:
            total = parts[0](k)
            for p in parts[1:]:
                total = total + p(k)
            return total
        return add
    if isinstance(e, sp.Mul):
        def mul(k: int) -> Any:
            total = parts[0](k)
            for p in parts[1:]:
                total = total * p(k)
            return total
        return mul
    if isinstance(e, sp.Pow):
        base, ex = parts[0], e.args[1]
        if isinstance(ex, sp.Integer):
            power = int(ex)
            return (lambda k: base(k) ** power) if power >= 0 else (
                lambda k: 1 / base(k) ** (-power))
        if ex == sp.Rational(1, 2):
            return lambda k: base(k).sqrt()
        if ex == sp.Rational(-1, 2):
            return lambda k: 1 / base(k).sqrt()
        expo = parts[1]
        return lambda k: (expo(k) * base(k).log()).exp()
    if isinstance(e, sp.log) and len(e.args) == 1:
        return lambda k: parts[0](k).log()
    if isinstance(e, sp.loggamma):
        return lambda k: parts[0](k).lgamma()
    if isinstance(e, sp.exp):
        return lambda k: parts[0](k).exp()
    raise NotImplementedError(f"ball arithmetic for {e.func.__name__} is not supported")


def _decide_point(fn: Callable[[int], Any], g: sp.Expr, var: sp.Symbol, k: int,
                  strict: bool) -> bool:
    from flint import ctx

    old = ctx.prec
    try:
        for prec in _PRECS:
            ctx.prec = prec
            v = fn(k)
            if (v > 0) if strict else (v >= 0):
                return True
            if (v <= 0) if strict else (v < 0):
                return False
    finally:
        ctx.prec = old
    rel = sp.Gt(g, 0) if strict else sp.Ge(g, 0)
    return interval.decide(rel, {var: k})  # exact (rational value) or raises Undecided


def finite_part(g: sp.Expr, var: sp.Symbol, lo: int, hi: int, strict: bool) -> tuple[bool, str]:
    """Decide ``g(k) ≥ 0`` (``> 0``) at every integer ``lo ≤ k ≤ hi`` with arb balls."""
    fn = arb_function(g, var)
    for k in range(lo, hi + 1):
        try:
            if not _decide_point(fn, g, var, k, strict):
                return False, f"fails at {var} = {k}"
        except interval.Undecided as exc:
            return False, f"undecided at {var} = {k}: {exc}"
    return True, f"arb ball arithmetic at every integer {var} = {lo}…{hi} ({hi - lo + 1} points)"


def telescoped_difference(g: sp.Expr, var: sp.Symbol) -> tuple[sp.Expr, dict[sp.Symbol, int]]:
    """``g(n+1) − g(n)`` with ln Γ telescoped and ``ln(n + j) = ln n + L_j`` (j ≥ 1).

    Returns the expanded difference and ``{L_j: j}``. Raises ``NotImplementedError`` when a
    ln Γ or log argument is not of the form ``n + integer``.

    >>> import sympy as sp
    >>> n = sp.Symbol("n", positive=True)
    >>> d, ls = telescoped_difference(sp.loggamma(n + 1) - n * sp.log(n), n)
    >>> sp.sstr(d), ls
    ('-L_1*n', {L_1: 1})
    """
    diff = sp.expand(g.subs(var, var + 1) - g)
    shifts: dict[sp.Basic, int] = {}
    for atom in diff.atoms(sp.loggamma):
        k = sp.simplify(atom.args[0] - var)
        if not k.is_Integer:
            raise NotImplementedError(f"ln Γ of {readable(atom.args[0])} is not ln Γ(n + k)")
        shifts[atom] = int(k)
    if shifts:
        base = min(shifts.values())
        diff = diff.subs({atom: sp.loggamma(var + base) + sum(
            sp.log(var + j) for j in range(base, k)) for atom, k in shifts.items()})
        diff = sp.expand(diff)
        if diff.has(sp.loggamma):
            raise NotImplementedError("ln Γ terms do not cancel in the difference")
    ls: dict[sp.Symbol, int] = {}
    subs: dict[sp.Basic, sp.Expr] = {}
    for atom in diff.atoms(sp.log):
        arg = atom.args[0]
        if not arg.has(var):
            continue
        j = sp.simplify(arg - var)
        if j == 0:
            continue
        if not (j.is_Integer and j > 0):
            raise NotImplementedError(f"log of {readable(arg)} is not ln(n + j), j ≥ 1")
        sym = sp.Symbol(f"L_{int(j)}", positive=True)
        ls[sym] = int(j)
        subs[atom] = sp.log(var) + sym
    return sp.expand(diff.subs(subs)), ls


def _log_lemma() -> str | None:
    """Evidence for y/(1+y) ≤ ln(1+y) ≤ y on y ≥ 0 (sympy, cached by content)."""
    y = sp.Symbol("y", nonnegative=True)
    upper = prove_relation(sp.Le(sp.log(1 + y), y), [(y, 0, sp.oo)])
    lower = prove_relation(sp.Ge(sp.log(1 + y), y / (1 + y)), [(y, 0, sp.oo)])
    if upper is None or lower is None:
        return None
    return f"ln(1+y) ≤ y ({upper}); ln(1+y) ≥ y/(1+y) ({lower})"


def _by_z3(rest: sp.Expr, var: sp.Symbol, split: int, strict: bool) -> str | None:
    """z3: ``rest ≥ 0`` for real n ≥ split, ln n a real ℓ with ln(split) ≤ ℓ ≤ n − 1."""
    ell = sp.Symbol("ell", real=True)
    expr = sp.together(rest.subs(sp.log(var), ell))
    num, den = sp.fraction(expr)
    if _safe_relation(sp.Gt(den, 0), var, split) is None:
        return None
    try:
        poly = sp.Poly(sp.expand(num), var, ell)
    except sp.PolynomialError:
        return None
    if not all(c.is_Rational for c in poly.coeffs()):
        return None
    import z3
    from flint import arb, ctx

    old = ctx.prec
    ctx.prec = 128
    try:
        ln_lo = arb(split).log().lower()
    finally:
        ctx.prec = old
    man, exp = ln_lo.man_exp()  # flint integers: convert through int (sympy's ground types vary)
    lo_q = sp.Integer(int(man)) * sp.Rational(2) ** int(exp)
    n_, l_ = z3.Reals("n ell")
    term = 0
    for (pn, pl), c in poly.terms():
        term = term + z3.RealVal(str(c)) * n_**pn * l_**pl
    solver = z3.Solver()
    solver.set("timeout", 5000)
    solver.add(n_ >= split, l_ >= z3.RealVal(str(lo_q)), l_ <= n_ - 1)
    solver.add(term <= 0 if strict else term < 0)
    if solver.check() == z3.unsat:
        return (f"z3 (nonlinear real arithmetic): numerator ≥ 0 for n ≥ {split} with ln n "
                f"replaced by ℓ ∈ [{lo_q}, n − 1]")
    return None


def tail(g: sp.Expr, var: sp.Symbol, split: int, strict: bool) -> tuple[bool, str]:
    """Prove ``g(n+1) − g(n) ≥ 0`` for real n ≥ ``split``; return (ok, evidence or reason)."""
    try:
        diff, ls = telescoped_difference(g, var)
    except NotImplementedError as exc:
        return False, str(exc)
    notes = [f"Δ(n) = g(n+1) − g(n) = {readable(diff)}"]
    rest = diff
    if ls:
        lemma = _log_lemma()
        if lemma is None:
            return False, "sympy could not prove the bounds of ln(1+y)"
        notes.append(f"lemma {lemma}")
        try:
            poly = sp.Poly(diff, *ls)
        except sp.PolynomialError:
            return False, "the difference is not polynomial in the ln(1 + j/n)"
        if poly.total_degree() > 1:
            return False, "the difference is not linear in the ln(1 + j/n)"
        rest = poly.coeff_monomial(1)
        for sym, j in ls.items():
            coeff = poly.coeff_monomial(sym)
            up, lo = j / var, sp.Rational(j) / (var + j)
            if (ev := _safe_relation(sp.Ge(coeff, 0), var, split)) is not None:
                rest += coeff * lo
                notes.append(f"coefficient of {sym} ≥ 0 ({ev}): {sym} ≥ {readable(lo)}")
            elif (ev := _safe_relation(sp.Le(coeff, 0), var, split)) is not None:
                rest += coeff * up
                notes.append(f"coefficient of {sym} ≤ 0 ({ev}): {sym} ≤ {readable(up)}")
            else:
                return False, f"sympy could not decide the sign of the coefficient of {sym}"
    rest = sp.simplify(rest)
    ev = _nonnegative_from(rest, var, split)
    if ev is None:
        return False, f"could not prove Δ(n) ≥ {readable(rest)} ≥ 0 for {var} ≥ {split}"
    notes.append(f"Δ(n) ≥ {readable(rest)} ≥ 0 for {var} ≥ {split} ({ev})")
    return True, "; ".join(notes)


def _nonnegative_from(rest: sp.Expr, var: sp.Symbol, split: int) -> str | None:
    """Evidence that ``rest ≥ 0`` for real ``var ≥ split``, or None.

    In turn: a constant decided by arb; ``rest(split) ≥ 0`` by arb and ``rest' ≥ 0`` by sympy
    (monotone); sympy on ``rest`` itself; z3 on the polynomial in n and ln n.
    """
    if not rest.has(var):
        ok, _ = finite_part(rest, var, split, split, strict=False)
        return "a constant, ≥ 0 by arb" if ok else None
    try:
        base_ok, _ = finite_part(rest, var, split, split, strict=False)
    except NotImplementedError:
        base_ok = False
    if base_ok:
        deriv = sp.simplify(sp.diff(rest, var))
        ev = _safe_relation(sp.Ge(deriv, 0), var, split)
        if ev is not None:
            return (f"value at {split} ≥ 0 by arb, derivative {readable(deriv)} ≥ 0 "
                    f"(sympy: {ev})")
    ev = _safe_relation(sp.Ge(rest, 0), var, split)
    if ev is not None:
        return f"sympy: {ev}"
    return _by_z3(rest, var, split, strict=False)


def _safe_relation(rel: Any, var: sp.Symbol, split: int) -> str | None:
    if rel is sp.true:
        return "evaluates to True"
    if rel is sp.false:
        return None
    try:
        return prove_relation(rel, [(var, split, sp.oo)])
    except (ValueError, NotImplementedError, OverflowError):
        return None


def prove_all_integers(g: Any, var: sp.Symbol, start: int, split: int,
                       strict: bool = False) -> tuple[bool, str]:
    """``g(n) ≥ 0`` (``> 0``) for every integer ``n ≥ start``: finite part, then induction.

    Returns ``(ok, evidence)``; ``evidence`` names both parts, or says what failed.
    """
    real = sp.Symbol(var.name, positive=True)  # sympy rewrites ln Γ of integer symbols
    g = sp.sympify(g).subs(var, real).replace(
        lambda t: isinstance(t, sp.log) and isinstance(t.args[0], sp.gamma),
        lambda t: sp.loggamma(t.args[0].args[0]))
    var = real
    if split < start:
        raise ValueError("split must be >= start")
    ok, finite = finite_part(g, var, start, split, strict)
    if not ok:
        return False, f"finite part: {finite}"
    ok, tail_note = tail(g, var, split, strict)
    if not ok:
        return False, f"finite part passed ({finite}); tail: {tail_note}"
    return True, (f"finite part: {finite}; tail {var} ≥ {split} by induction: {tail_note}; "
                  f"so g({split}) {'>' if strict else '≥'} 0 and Δ ≥ 0 give it for all "
                  f"{var} ≥ {split}")
