"""The ``superbounds`` command line (see docs/cli.md).

:func:`build_cli` returns the whole command group. Built-in subcommands are listed in
:data:`COMMANDS` (one line each: name -> ``"module:attribute"``); commands from packages
that build on ``bounds`` (the proof companion) come from the ``superbounds.commands``
entry-point group, so that ``bounds`` never imports ``proofs``. A subcommand's module
is imported only when that subcommand runs (or when the full help is listed), so
``superbounds --version`` or ``superbounds bounds 1000`` do not pay for the imports of
the others.

Errors: any :class:`ValueError` raised by the library becomes one line on stderr and
exit status 2 (no traceback), see :class:`bounds.cli.common.GuardedCommand`.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from bounds import __version__
from bounds.cli.common import GuardedGroup

__all__ = ["COMMANDS", "LazyGroup", "build_cli", "load_all", "main"]

COMMANDS: dict[str, str] = {
    "bounds": "bounds.cli.calculator:bounds_cmd",
    "capacity": "bounds.cli.calculator:capacity_cmd",
    "solve": "bounds.cli.calculator:solve_cmd",
    "represent": "bounds.cli.calculator:represent_cmd",
    "demo": "bounds.cli.calculator:demo_cmd",
    "route": "bounds.cli.constructions:route",
    "simulate": "bounds.cli.simulate:simulate",
    "crossover": "bounds.cli.simulate:crossover",
    "train": "bounds.cli.train:train",
    "docs": "bounds.cli.docs:docs_cmd",
    "frontier": "bounds.cli.frontier:frontier_cmd",
}
"""Built-in subcommands: name -> ``"module:attribute"`` of its click command."""


def _load(target: str) -> click.Command:
    module, _, attr = target.partition(":")
    command = getattr(importlib.import_module(module), attr)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command


def _plugins() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group="superbounds.commands")}


class LazyGroup(GuardedGroup):
    """A group that imports a subcommand's module only when the subcommand is used.

    The entry-point commands are looked up (``importlib.metadata``, ~0.1 s of imports)
    only when a name is not built in, or when every command is listed.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None,
                 plugins: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self._plugins_pending = plugins

    def _with_plugins(self) -> None:
        if self._plugins_pending:
            self._plugins_pending = False
            self.lazy = {**self.lazy, **_plugins()}

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._with_plugins()
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name not in self.lazy:
            self._with_plugins()
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(_load(self.lazy[cmd_name]), cmd_name)
        return self.commands.get(cmd_name)


def build_cli() -> click.Group:
    """The ``superbounds`` group with every built-in and entry-point subcommand.

    A fresh group on each call (tests and the docs generator use their own).

    >>> group = build_cli()
    >>> "bounds" in group.list_commands(None), "bounds.cli.calculator" in group.lazy["bounds"]
    (True, True)
    """

    @click.group(
        cls=LazyGroup,
        lazy=dict(COMMANDS),
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    @click.version_option(__version__, prog_name="superbounds")
    def cli() -> None:
        """Bounds, proofs and constructions for computing in superposition.

        Every number printed says its provenance: a paper claim (asymptotic) of
        Adler & Shavit (arXiv:2409.15318), or a theorem of this library with its
        assumptions. The constants are this library's, never the paper's.
        """

    return cli


def load_all(group: click.Group) -> click.Group:
    """Import every lazy subcommand of ``group`` (for the generated CLI reference)."""
    for name in group.list_commands(click.Context(group)):
        group.get_command(click.Context(group), name)
    return group


def main() -> None:
    """Console-script entry point."""
    build_cli()(prog_name="superbounds")
