"""Readable plain-text notation for sympy objects (terminal output, JSON, result details).

sympy's ``sstr`` writes ``Eq(Limit(f, x, oo), 1)``, ``2*x**2``, ``sqrt(x)`` and ``loggamma(z)``;
proofs are read by people, so :func:`readable` writes ``lim_{x→∞} (f) = 1``, ``2·x^2``, ``√(x)``,
``ln Γ(z)``, ``e^(x)``, ``W(x)``, ``C(n, k)``, ``Σ_{j=0…n} (…)`` and Greek letters.

>>> import sympy as sp
>>> x = sp.Symbol("x", positive=True)
>>> readable(-sp.oo), readable(sp.log(x, 2) >= x**2)
('-∞', 'ln(x)/ln(2) ≥ x^2')
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.printing.str import StrPrinter

__all__ = ["readable"]


_GREEK = {"epsilon": "ε", "delta": "δ", "epsilon_JL": "ε_JL", "varphi": "φ", "ell": "ℓ",
          "I_epsilon": "I_ε", "V_epsilon": "V_ε"}


class _ReadablePrinter(StrPrinter):
    """sympy's str printer with mathematical notation: ``=``, ``≥``, ``∞``, ``lim``, ``ln Γ``."""

    _REL = {"==": "=", ">=": "≥", "<=": "≤", "!=": "≠", ">": ">", "<": "<"}

    def _print_Relational(self, expr: Any) -> str:
        op = self._REL.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_Infinity(self, expr: Any) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: Any) -> str:
        return "-∞"

    def _print_Limit(self, expr: Any) -> str:
        e, z, z0, _ = expr.args
        return f"lim_{{{self._print(z)}→{self._print(z0)}}} ({self._print(e)})"

    def _print_loggamma(self, expr: Any) -> str:
        return f"ln Γ({self._print(expr.args[0])})"

    def _print_log(self, expr: Any) -> str:
        if len(expr.args) == 1:
            return f"ln({self._print(expr.args[0])})"
        return f"log_{self._print(expr.args[1])}({self._print(expr.args[0])})"

    def _print_Pow(self, expr: Any, rational: bool = False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^").replace("sqrt(", "√(")

    def _print_Mul(self, expr: Any) -> str:
        return super()._print_Mul(expr).replace("*", "·")

    def _print_Sum(self, expr: Any) -> str:
        term, *limits = expr.args
        bounds = ", ".join(f"{self._print(i)}={self._print(a)}…{self._print(b)}"
                           for i, a, b in limits)
        return f"Σ_{{{bounds}}} ({self._print(term)})"

    def _print_LambertW(self, expr: Any) -> str:
        return f"W({self._print(expr.args[0])})"

    def _print_exp(self, expr: Any) -> str:
        return f"e^({self._print(expr.args[0])})"

    def _print_Symbol(self, expr: Any) -> str:
        return _GREEK.get(expr.name, expr.name)

    def _print_factorial(self, expr: Any) -> str:
        inner = self._print(expr.args[0])
        return f"{inner}!" if expr.args[0].is_Atom else f"({inner})!"

    def _print_binomial(self, expr: Any) -> str:
        return f"C({self._print(expr.args[0])}, {self._print(expr.args[1])})"


def readable(obj: Any) -> str:
    """Readable Unicode text of a sympy object (anything else: ``str``)."""
    if isinstance(obj, str):
        return obj
    return _ReadablePrinter().doprint(sp.sympify(obj))
