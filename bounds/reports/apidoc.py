"""``docs/api.md``: the Python API reference, generated from the docstrings.

One section per name of ``bounds.__all__`` (the curated API): its signature and its
docstring as written (numpydoc sections render as plain Markdown text blocks).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import bounds
from bounds.reports.docsgen import DocFile
from bounds.reports.tables import page

__all__ = ["GENERATORS", "api_page"]


def _signature(obj: object, name: str) -> str:
    try:
        sig = str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return name
    return f"{name}{sig}"


def _section(name: str) -> list[str]:
    obj = getattr(bounds, name)
    if name == "__version__":
        return []
    kind = "class" if inspect.isclass(obj) else "function" if callable(obj) else "constant"
    module = getattr(obj, "__module__", None) or bounds._API[name]
    head = [f"## `bounds.{name}`", "", f"*{kind}, defined in `{module}`*", ""]
    if kind == "constant":
        return [*head, "```python", f"{name} = {obj!r}", "```", ""]
    doc = inspect.getdoc(obj) or "(no docstring)"
    return [*head, "```python", _signature(obj, name), "```", "", "```text", doc, "```", ""]


def api_page() -> Iterable[DocFile]:
    """The reference of every name ``import bounds`` exports."""
    names = sorted((n for n in bounds.__all__ if n != "__version__"), key=str.lower)
    sections = ["Contents: " + ", ".join(f"`{n}`" for n in names), ""]
    for name in names:
        sections += _section(name)
    yield DocFile("api.md", page(
        "Python API reference",
        "Generated from the docstrings of the names `import bounds` exports "
        "(`bounds.__all__`). Submodules are reachable as `bounds.capacity`, "
        "`bounds.representation`, ...; every result carries its provenance and "
        "assumptions (see [model.md](model.md)).",
        sections,
        limits="The examples in these docstrings are this library's outputs; each result "
        "carries its own provenance (theorem, certificate or measurement) in its model "
        "(docs/model.md)",
    ))


GENERATORS = [("api reference", api_page)]
