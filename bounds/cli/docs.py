"""``superbounds docs [--check]``: regenerate everything generated under ``docs/``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bounds.cli.common import GuardedCommand
from bounds.reports.docsgen import check_docs, write_docs


def _progress(name: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"  generating {name} ...", err=True)


@click.command("docs", cls=GuardedCommand)
@click.option("--check", is_flag=True, help="Compare with docs/ and exit 1 on drift.")
@click.option("--dir", "docs_dir", default="docs", show_default=True,
              type=click.Path(file_okay=False), help="The docs folder.")
def docs_cmd(check: bool, docs_dir: str) -> None:
    """Regenerate every generated table, figure and page under docs/ (atomically)."""
    root = Path(docs_dir)
    if check:
        drift = check_docs(root, _progress)
        if drift:
            click.echo("docs drift (run `superbounds docs`):", err=True)
            for line in drift:
                click.echo(f"  {line}", err=True)
            sys.exit(1)
        click.echo("docs: no drift")
        return
    written = write_docs(root, _progress)
    click.echo(f"docs: wrote {len(written)} generated files under {root}/")


COMMANDS = [docs_cmd]
