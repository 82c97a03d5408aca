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

__all__ = ["FORMATS", "format_value", "plain", "render"]

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
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.10g}"
    return str(value)


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


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str,
    *,
    title: str = "",
    footer: Iterable[str] = (),
) -> str:
    """Render rows in one of :data:`FORMATS`; JSON/CSV keep every key of the rows."""
    footer = list(footer)
    if fmt == "json":
        return json.dumps([plain(r) for r in rows], indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        keys = list(rows[0].keys()) if rows else [k for k, _ in columns]
        writer = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: json.dumps(plain(v)) if isinstance(v, (list, dict, tuple))
                             else plain(v) for k, v in r.items()})
        return buf.getvalue().rstrip("\n")
    headers = [h for _, h in columns]
    cells = [[format_value(r.get(k)) for k, _ in columns] for r in rows]
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


