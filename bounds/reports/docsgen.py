"""Generated documentation: one registry of doc files, atomic writes, drift check.

A *generator* is a callable returning :class:`DocFile` objects (a path relative to
``docs/`` and its content). Built-in generators live in ``bounds.reports``; packages
that build on ``bounds`` (the proof companion) add theirs through the
``superbounds.docs`` entry-point group, so ``bounds`` never imports them.

``write_docs`` renders everything first and only then replaces files (each through a
temporary file and ``os.replace``), so a failure leaves the old files intact.
``check_docs`` renders into memory and lists every generated file that is missing
or differs. Text files compare byte for byte; a figure (PNG/SVG) is compared through
the data file generated beside it (its ``.json``), since image bytes depend on the
matplotlib version while the plotted numbers must not.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from bounds.files import GENERATED_MARK, atomic_write, stale_files

__all__ = ["DocFile", "GENERATED_MARK", "check_docs", "render_docs", "write_docs"]

_BINARY = (".png", ".svg")


@dataclass(frozen=True)
class DocFile:
    """One generated file: ``path`` relative to ``docs/``, ``content`` text or bytes."""

    path: str
    content: str | bytes

    @property
    def data(self) -> bytes:
        return self.content.encode() if isinstance(self.content, str) else self.content


Generator = Callable[[], Iterable[DocFile]]


def _builtin(cli: Any) -> list[tuple[str, Callable[[], Iterable[DocFile]]]]:
    from bounds.reports import pages

    with_cli = [(name, (lambda g=gen: g(cli))) for name, gen in pages.CLI_GENERATORS]
    return [*pages.GENERATORS, *with_cli]


def _plugins() -> list[tuple[str, str]]:
    """(name, "module:function") of the ``superbounds.docs`` entry points."""
    return [(ep.name, ep.value)
            for ep in sorted(entry_points(group="superbounds.docs"), key=lambda e: e.name)]


def _load(value: str) -> Generator:
    module, _, attr = value.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def _render_plugin(value: str) -> list[DocFile]:
    """Run one entry-point generator (in a worker process)."""
    return list(_load(value)())


def render_docs(progress: Callable[[str], None] | None = None, *,
                cli: Any) -> dict[str, bytes]:
    """Render every generated file into memory: {relative path: bytes}.

    ``cli`` is the ``superbounds`` command group (from :func:`bounds.cli.build_cli`),
    whose help and example outputs some pages show.

    The entry-point generators (the proofs, the slowest part) run in a second process
    while the built-in ones run here, so the two cores share the work; the result does
    not depend on the order.
    """
    out: dict[str, bytes] = {}

    def add(docs: Iterable[DocFile]) -> None:
        for doc in docs:
            if doc.path in out:
                raise RuntimeError(f"two generators write docs/{doc.path}")
            out[doc.path] = doc.data

    plugins = _plugins()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:  # leaving the block terminates the worker, also on failure
        pending = [(name, pool.apply_async(_render_plugin, (value,))) for name, value in plugins]
        for name, gen in _builtin(cli):
            if progress:
                progress(name)
            add(gen())
        for name, result in pending:
            if progress:
                progress(name)
            add(result.get())
    return out


def write_docs(docs_dir: str | os.PathLike[str],
               progress: Callable[[str], None] | None = None,
               rendered: dict[str, bytes] | None = None, *, cli: Any = None) -> list[str]:
    """Regenerate every generated file under ``docs_dir``; returns the paths written.

    Give either ``rendered`` (from :func:`render_docs`) or ``cli`` to render now.
    """
    if rendered is None:
        rendered = render_docs(progress, cli=cli)  # everything first: a failure writes nothing
    root = Path(docs_dir)
    for rel, data in sorted(rendered.items()):
        atomic_write(root / rel, data, make_parents=True)
    for rel in stale_files(root, rendered):
        (root / rel).unlink()
    return sorted(rendered)


def check_docs(docs_dir: str | os.PathLike[str],
               progress: Callable[[str], None] | None = None,
               rendered: dict[str, bytes] | None = None, *, cli: Any = None) -> list[str]:
    """List generated files under ``docs_dir`` that are missing or differ (empty: no drift).

    ``rendered`` (from :func:`render_docs`) may be passed to avoid rendering again;
    otherwise ``cli`` is needed to render.
    """
    if rendered is None:
        rendered = render_docs(progress, cli=cli)
    root = Path(docs_dir)
    drift: list[str] = []
    for rel, data in sorted(rendered.items()):
        if rel.endswith(_BINARY):
            if not (root / rel).exists():
                drift.append(f"{rel} (missing)")
            continue  # compared through its .json data file
        path = root / rel
        if not path.exists():
            drift.append(f"{rel} (missing)")
        elif path.read_bytes() != data:
            drift.append(f"{rel} (differs)")
    drift += [f"{rel} (stale: no longer generated)" for rel in stale_files(root, rendered)]
    return drift
