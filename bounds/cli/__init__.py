"""The ``superbounds`` command line (SPEC §7).

Subcommands live one group per module in this package and are registered in
:func:`main`. Commands from packages that build on ``bounds`` (the proof companion)
are discovered through the ``superbounds.commands`` entry-point group, so that
``bounds`` never imports ``proofs``.

Errors: any :class:`ValueError` raised by the library becomes one line on stderr
and exit status 2 (no traceback), see :func:`bounds.cli.common.run_guarded`.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import click

from bounds import __version__
from bounds.cli.common import GuardedGroup

_BUILTIN = (
    "bounds.cli.calculator",
    "bounds.cli.constructions",
    "bounds.cli.simulate",
    "bounds.cli.train",
    "bounds.cli.docs",
)


@click.group(
    cls=GuardedGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="superbounds")
def cli() -> None:
    """Bounds, proofs and constructions for computing in superposition.

    Every number printed says its provenance: a paper claim (asymptotic) of
    Adler & Shavit (arXiv:2409.15318), or a theorem of this library with its
    assumptions. The constants are this library's, never the paper's.
    """


def _register() -> None:
    import importlib

    for modname in _BUILTIN:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:  # a module not written yet
            if exc.name != modname:
                raise
            continue
        for command in getattr(mod, "COMMANDS", ()):
            cli.add_command(command)
    for ep in entry_points(group="superbounds.commands"):
        try:
            command = ep.load()
        except ModuleNotFoundError as exc:  # the providing module is not written yet
            if not ep.value.startswith(str(exc.name)):
                raise
            continue
        cli.add_command(command, ep.name)


def main() -> None:
    """Console-script entry point."""
    _register()
    cli(prog_name="superbounds")
