"""``superbounds docs [--check]``: regenerate everything generated under ``docs/``."""

from __future__ import annotations

import sys

import click

from bounds.cli.common import GuardedCommand
from bounds.files import check_output_path
from bounds.reports.docsgen import check_docs, render_docs, write_docs


def _progress(name: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"  generating {name} ...", err=True)


def render_all(progress: object = None) -> dict[str, bytes]:
    """Every generated docs file, rendered with the full ``superbounds`` group."""
    from bounds.cli import build_cli, load_all

    return render_docs(progress, cli=load_all(build_cli()))  # type: ignore[arg-type]


@click.command("docs", cls=GuardedCommand)
@click.option("--check", is_flag=True, help="Compare with docs/ and exit 1 on drift.")
@click.option("--dir", "docs_dir", default="docs", show_default=True,
              help="The docs folder (created if missing; its parent folder must exist).")
def docs_cmd(check: bool, docs_dir: str) -> None:
    """Regenerate every generated table, figure and page under docs/ (atomically)."""
    if check:
        drift = check_docs(docs_dir, rendered=render_all(_progress))
        if drift:
            click.echo("docs drift (run `superbounds docs`):", err=True)
            for line in drift:
                click.echo(f"  {line}", err=True)
            sys.exit(1)
        click.echo("docs: no drift")
        return
    root = check_output_path(docs_dir, "--dir", folder=True)  # before minutes of work
    written = write_docs(root, rendered=render_all(_progress))
    click.echo(f"docs: wrote {len(written)} generated files under {root}/")
