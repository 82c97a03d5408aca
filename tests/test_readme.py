"""The README's example shows the real output of the command it names."""

from __future__ import annotations

import re
from pathlib import Path

from bounds.cli import build_cli
from bounds.reports.tutorial import cli_output

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_is_real_output() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- readme-example: (.+?) -->\n```console\n\$ superbounds .+?\n(.*?)\n```",
        text,
        re.S,
    )
    assert match, "README example block not found"
    args, shown = match.group(1).split(), match.group(2)
    assert shown == cli_output(build_cli(), args)


def test_readme_gives_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
