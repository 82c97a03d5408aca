"""The import layering, read from the source (every import, also inside functions).

core (counting, families, models, lower, capacity, representation, solve, and their
helpers) <- constructions <- formatting <- reports <- cli; ``proofs`` builds on
``bounds`` and ``bounds`` never imports ``proofs``. A module may import only modules of
its own layer or a lower one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("core", "constructions", "formatting", "reports", "cli", "proofs")
#: modules outside the layer-named packages that sit above core: trained networks are
#: constructions, and the frontier puts constructions beside the bounds
LAYER_OF = {"training": "constructions", "frontier": "constructions"}


def layer(module: str) -> str | None:
    """The layer of a project module (None for a third-party or stdlib module)."""
    parts = module.split(".")
    if parts[0] == "proofs":
        return "proofs"
    if parts[0] != "bounds":
        return None
    if len(parts) == 1:
        return "core"
    return LAYER_OF.get(parts[1], parts[1] if parts[1] in LAYERS[1:5] else "core")


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # ``from bounds import cli`` imports the submodule bounds.cli
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names
                      if layer(f"{name}.{alias.name}") not in (None, layer(name))]
    return found


SOURCES = sorted([*ROOT.glob("bounds/**/*.py"), *ROOT.glob("proofs/**/*.py")])


def violations(path: Path) -> list[str]:
    own = layer(module_name(path))
    assert own is not None
    bad = []
    for line, target in imports(path):
        other = layer(target)
        if other is not None and LAYERS.index(other) > LAYERS.index(own):
            bad.append(f"{path.relative_to(ROOT)}:{line}: {own} imports {other} ({target})")
    return bad


def test_sources_found():
    names = {module_name(p) for p in SOURCES}
    assert {"bounds.lower", "bounds.formatting", "bounds.cli", "proofs.cli"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_lower_layer_imports_a_higher_one(path):
    assert violations(path) == []


def test_the_checker_catches_violations(tmp_path):
    """A reports module importing the CLI, and bounds importing proofs, are caught."""
    fake = tmp_path / "bounds" / "reports" / "bad.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def f():\n    from bounds.cli.common import render\n"
                    "from .. import cli\nimport proofs.engine\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = violations(fake)
    finally:
        ROOT = saved
    assert len(found) == 3, found
    assert any("reports imports cli (bounds.cli.common)" in v for v in found)
    assert any("reports imports proofs" in v for v in found)
