"""Rendering result rows as a table, JSON, CSV, Markdown or LaTeX.

Used by the command line and by the generated reports (layering: core <- constructions
<- formatting <- reports <- cli). A *row* is a dict of plain values; *columns* are
``(key, header)`` pairs chosen for the human formats, while JSON and CSV keep every key.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from bounds.reals import is_big, sci_text

__all__ = ["FORMATS", "csv_record", "format_column", "format_value", "plain", "render",
           "to_json"]

FORMATS = ("table", "json", "csv", "markdown", "latex")


def plain(value: Any) -> Any:
    """numpy scalars to Python, tuples to lists, recursively (JSON-ready).

    >>> plain({"a": (np.int64(3), 1.5)})
    {'a': [3, 1.5]}
    """
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def format_value(value: Any) -> str:
    """Human formatting: exact ints with thousands separators, floats to 10 digits.

    Integers of 22 digits or more in e-notation, rounded exactly (no float overflow):

    >>> format_value(12345), format_value(10**400 + 5 * 10**394), format_value(0.1 + 0.2)
    ('12,345', '1.000005e+400', '0.3')
    """
    value = plain(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) < 10**21 else format(Decimal(value), ".6e")
    if is_big(value):  # past float range (bounds.reals)
        return _sci(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.10g}"
    return str(value)


SIG_DIGITS = 6
"""Significant digits a float column shows (of its smallest nonzero entry)."""

MAX_DECIMALS = 6
"""Most digits after the point in a fixed-point column."""

FLOAT_DIGITS = 15
"""Digits a float carries reliably: a fixed-point column never shows more."""

INT_SEPARATED_BELOW = 10**21
"""An integer column with every entry below this is shown exactly, with separators."""


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
            ) or is_big(value)


def _sci(value: int | float | Decimal) -> str:
    """Scientific notation with ``SIG_DIGITS`` significant digits, exact for huge ints."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if is_big(value):
        value = Decimal(sci_text(value))
    return format(Decimal(value), f".{SIG_DIGITS}e")


def _exact_decimals(value: float) -> int:
    """Digits after the point of the shortest repr of ``value`` (0.01 -> 2)."""
    digits = Decimal(repr(value)).normalize().as_tuple().exponent
    return max(0, -int(digits))


def _needed_decimals(value: float) -> int:
    """Decimals that show ``value`` to ``SIG_DIGITS`` significant digits (or exactly)."""
    if value == 0:
        return 0
    sig = SIG_DIGITS - 1 - math.floor(math.log10(abs(value)))
    return max(0, min(sig, _exact_decimals(value)))


def format_column(values: Sequence[Any]) -> list[str]:
    """Human formatting of one table column: **one number format for the whole column**.

    * integers: exact with thousands separators, unless some entry reaches
      :data:`INT_SEPARATED_BELOW` — then the whole column is in e-notation (exactly
      rounded, no float overflow);
    * floats: fixed point with the same number of
      decimals on every row — enough for ``SIG_DIGITS`` significant digits of the
      smallest entry, at most ``MAX_DECIMALS``, never more digits than a float
      carries — or, when fixed point cannot do that, e-notation for the whole column;
      an exact integer beside them (a key/value table) stays exact;
    * ``None`` is "—", booleans "yes"/"no", text as it is (numbers beside it are
      formatted as a column of their own).

    >>> format_column([1000, 10**6])
    ['1,000', '1,000,000']
    >>> format_column([1000, 10**30])
    ['1.000000e+3', '1.000000e+30']
    >>> format_column([8529.398004204773, 18488884.82, 2.845465783e10])
    ['8,529.40', '18,488,884.82', '28,454,657,830.00']
    >>> format_column([0.01, 0.1, 0.0])
    ['0.01', '0.10', '0.00']
    >>> format_column([40, 0.005572441743, 3.357484659, None])
    ['40', '0.005572', '3.357485', '—']
    >>> format_column([1.5, 1e300])
    ['1.500000e+0', '1.000000e+300']
    """
    values = [plain(v) for v in values]
    numbers = [v for v in values if _is_number(v)]
    fmt_number: Any
    floats = [float(v) for v in numbers if isinstance(v, float) and v != int(v)
              ] if all(not isinstance(v, float) or math.isfinite(v) for v in numbers) else None
    if floats is None or any(is_big(v) for v in numbers):
        fmt_number = _sci  # inf / nan or a value past float range: e-notation (inf as inf)
    elif not floats:  # integers (or integral floats)
        if all(abs(int(v)) < INT_SEPARATED_BELOW for v in numbers):
            def fmt_number(v: Any) -> str:
                return f"{int(v):,}"
        else:
            fmt_number = _sci
    else:
        top = max(abs(float(v)) for v in numbers)
        int_digits = len(str(int(top))) if top >= 1 else 0
        decimals = min(MAX_DECIMALS, max(_needed_decimals(v) for v in floats),
                       FLOAT_DIGITS - int_digits)
        # every entry keeps at least 3 significant digits (or all of its digits)
        least = max(min(_exact_decimals(v), 2 - math.floor(math.log10(abs(v))))
                    for v in floats)
        if decimals < max(0, least):
            fmt_number = _sci
        else:
            def fmt_number(v: Any) -> str:
                # an exact integer (a count) beside floats stays an exact integer
                if isinstance(v, int) and abs(v) < INT_SEPARATED_BELOW:
                    return f"{v:,}"
                return f"{float(v):,.{decimals}f}"
    return [fmt_number(v) if _is_number(v) else format_value(v) for v in values]


def _flat_label(item: dict[str, Any]) -> str | None:
    """The label of a record in a list (its first value, if text): ``theorem`` names."""
    first = next(iter(item.values()), None)
    return first if isinstance(first, str) else None


def csv_record(row: dict[str, Any]) -> dict[str, Any]:
    """One row flattened for CSV: no JSON inside a cell.

    * a list of plain values becomes one cell, joined with ``"; "`` (the assumptions);
    * a dict becomes one column per key, ``key.sub``;
    * a list of records labelled by their first field (the ``lower_bounds`` theorems)
      becomes one column per record and field, ``label.field`` (``sign-patterns.neurons``),
      and nested dicts inside it ``label.field.sub``.

    Numbers are written exactly (ints in full, floats as ``repr``); ``None`` is empty.

    >>> csv_record({"m": 3, "assumptions": ["a", "b"],
    ...             "lower_bounds": [{"theorem": "t", "n": 2, "assumptions": {"L": 1}}]})
    {'m': 3, 'assumptions': 'a; b', 't.n': 2, 't.assumptions.L': 1}
    """
    out: dict[str, Any] = {}

    def put(prefix: str, value: Any) -> None:
        value = plain(value)
        if isinstance(value, dict):
            for k, v in value.items():
                put(f"{prefix}.{k}", v)
        elif isinstance(value, list) and value and all(
                isinstance(v, dict) and _flat_label(v) for v in value):
            for item in value:
                label = _flat_label(item)
                for k, v in list(item.items())[1:]:
                    put(f"{label}.{k}", v)
        elif isinstance(value, list):
            out[prefix] = "; ".join("" if v is None else str(v) for v in value)
        else:
            out[prefix] = sci_text(value) if is_big(value) else value

    for key, value in row.items():
        put(key, value)
    return out


_TEX_TOKENS = {
    "m'": "$m'$", "m′": "$m'$", "log2|F|": r"$\log_2|F|$", "log2": r"$\log_2$",
    ">=": r"$\geq$", "<=": r"$\leq$", "≥": r"$\geq$", "≤": r"$\leq$", "δ": r"$\delta$",
    "ε": r"$\varepsilon$", "τ": r"$\tau$", "θ": r"$\theta$", "ρ": r"$\rho$", "·": r"$\cdot$",
    "×": r"$\times$", "²": "$^2$", "′": "'", "—": "---", "–": "--", "−": "$-$", "…": r"\dots{}",
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "|": r"$|$", "<": r"$<$", ">": r"$>$",
}
_TEX_RE = re.compile("|".join(re.escape(t) for t in sorted(_TEX_TOKENS, key=len, reverse=True)))


def tex(text: str) -> str:
    """Plain text as ASCII LaTeX: specials escaped, symbols as macros (``m'`` -> ``$m'$``).

    >>> print(tex("bits >= log2|F| for m' = 10_000 (δ = 1%)"))
    bits $\\geq$ $\\log_2|F|$ for $m'$ = 10\\_000 ($\\delta$ = 1\\%)
    """
    out = _TEX_RE.sub(lambda m: _TEX_TOKENS[m.group(0)], text)
    return out.encode("ascii", "replace").decode("ascii")


def _latex(headers: Sequence[str], cells: Sequence[Sequence[str]], title: str,
           footer: Sequence[str]) -> str:
    """A booktabs ``table`` whose caption carries the title and the provenance lines."""
    caption = " ".join([f"{title}." if title else "", *footer]).strip()
    lines = [r"% needs \usepackage{booktabs}", r"\begin{table}[htbp]", r"\centering"]
    if caption:
        lines.append(r"\caption{" + tex(caption) + "}")
    lines += [r"\begin{tabular}{" + "r" * len(headers) + "}", r"\toprule",
              " & ".join(tex(h) for h in headers) + r" \\", r"\midrule"]
    lines += [" & ".join(tex(c).replace(",", "{,}") for c in row) + r" \\" for row in cells]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines)


_BIG = "\x1fbig:"
_BIG_RE = re.compile(r'"\\u001fbig:([^"]+)"')


def to_json(value: Any) -> str:
    """JSON text; a value past float range (:mod:`bounds.reals`) is written as a number.

    JSON numbers have no range limit, so log₂|F| of m′ = 10^400 is written as the literal
    ``1.327328542914056e+403``, not ``Infinity`` (which is not JSON) and not a string;
    ``json.loads(text, parse_float=decimal.Decimal)`` reads it back exactly.

    >>> import mpmath
    >>> "".join(to_json([{"x": mpmath.mpf(10) ** 400, "y": 1.5}]).split())
    '[{"x":1.0e+400,"y":1.5}]'
    """
    def big(v: Any) -> str:
        if is_big(v):
            return _BIG + sci_text(v)
        raise TypeError(f"{type(v).__name__} is not JSON serializable")

    text = json.dumps(value, indent=2, default=big)
    return _BIG_RE.sub(lambda m: m.group(1), text)


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str = "",
    footer: Iterable[str] = (),
) -> str:
    """Render rows in one of :data:`FORMATS`; JSON/CSV keep every key of the rows.

    The human formats (table, Markdown, LaTeX) show ``columns``, each in one number
    format (:func:`format_column`); CSV flattens lists and nested records
    (:func:`csv_record`); JSON is the list of rows as they are.
    """
    footer = list(footer)
    if fmt == "json":
        return to_json([plain(r) for r in rows])
    if fmt == "csv":
        flat = [csv_record(r) for r in rows]
        keys = list(dict.fromkeys(k for r in flat for k in r)) or [k for k, _ in columns]
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(flat)
        return buf.getvalue().rstrip("\n")
    headers = [h for _, h in columns]
    by_column = [format_column([r.get(k) for r in rows]) for k, _ in columns]
    cells = [list(cell) for cell in zip(*by_column, strict=True)] if rows else []
    if fmt == "markdown":
        def pipe(s: str) -> str:
            return s.replace("|", "\\|")

        lines = [f"**{title}**", ""] if title else []
        lines.append("| " + " | ".join(pipe(h) for h in headers) + " |")
        lines.append("|" + "|".join("---:" for _ in headers) + "|")
        lines += ["| " + " | ".join(pipe(x) for x in c) + " |" for c in cells]
        lines += [""] + [f"> {f}" for f in footer] if footer else []
        return "\n".join(lines)
    if fmt == "latex":
        return _latex(headers, cells, title, footer)
    # table (rich)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, title_justify="left")
    for h in headers:
        table.add_column(h, justify="right")
    for c in cells:
        table.add_row(*c)
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(table)
    for f in footer:
        console.print(f, soft_wrap=True, highlight=False, markup=False)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


