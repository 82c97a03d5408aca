"""``docs/cli.md``: the command-line reference, generated from the CLI's own help."""

from __future__ import annotations

from collections.abc import Iterable

import click

from bounds.reports.docsgen import DocFile
from bounds.reports.tables import page

__all__ = ["GENERATORS", "cli_page", "command_help"]


def command_help(command: click.Command, name: str, parent: click.Context | None) -> str:
    """The ``--help`` text of ``command`` at a fixed width (independent of the terminal)."""
    settings = {**command.context_settings, "terminal_width": 100, "max_content_width": 100}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    return command.get_help(ctx)


def cli_page() -> Iterable[DocFile]:
    """One section per subcommand with its help text."""
    from bounds.cli import _register, cli

    _register()
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    root = click.Context(cli, info_name="superbounds", **settings)
    sections = ["## superbounds", "", "```", cli.get_help(root), "```", ""]
    for name in sorted(cli.commands):
        sections += [f"## superbounds {name}", "", "```",
                     command_help(cli.commands[name], name, root), "```", ""]
    yield DocFile("cli.md", page(
        "Command-line reference",
        "Generated from `superbounds COMMAND --help`. Bad input always gives one line on "
        "stderr and exit status 2; every table ends with its provenance and assumptions.",
        sections,
    ))


GENERATORS = [("cli reference", cli_page)]
