"""``docs/cli.md``: the command-line reference, generated from the CLI's own help."""

from __future__ import annotations

from collections.abc import Iterable

import click

from bounds.reports.docsgen import DocFile
from bounds.reports.tables import page

__all__ = ["CLI_GENERATORS", "cli_page", "command_help"]


def command_help(command: click.Command, name: str, parent: click.Context | None) -> str:
    """The ``--help`` text of ``command`` at a fixed width (independent of the terminal)."""
    settings = {**command.context_settings, "terminal_width": 100, "max_content_width": 100}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    return command.get_help(ctx)


def cli_page(cli: click.Group) -> Iterable[DocFile]:
    """One section per subcommand of ``cli`` with its help text."""
    settings = {**cli.context_settings, "terminal_width": 100, "max_content_width": 100}
    root = click.Context(cli, info_name="superbounds", **settings)
    sections = ["## superbounds", "", "```", cli.get_help(root), "```", ""]
    for name in sorted(cli.list_commands(root)):
        command = cli.get_command(root, name)
        assert command is not None
        sections += [f"## superbounds {name}", "", "```",
                     command_help(command, name, root), "```", ""]
    yield DocFile("cli.md", page(
        "Command-line reference",
        "Generated from `superbounds COMMAND --help`. Bad input always gives one line on "
        "stderr and exit status 2; every table ends with its provenance and assumptions.",
        sections,
        limits="This page is the commands' help text; the numbers the commands print carry "
        "their own provenance (theorem, certificate or measurement) in this library's model "
        "(docs/model.md)",
    ))


CLI_GENERATORS = [("cli reference", cli_page)]
