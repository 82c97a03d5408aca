"""Every "Reproduce with" command in docs/ runs as written (issue 13).

The commands of the construction pages (``simulate``, ``crossover``) take minutes and
are run by their own tests; every other one runs here, in-process, and must exit 0.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli

DOCS = Path(__file__).resolve().parents[1] / "docs"
SLOW = ("simulate", "crossover")


def reproduce_commands() -> list[tuple[str, str]]:
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        blocks = re.findall(r"Reproduce with:\n\n```\n(.*?)\n```", text, re.S)
        blocks += re.findall(r"Reproduce with `([^`]+)`", text)
        for block in blocks:
            for line in block.splitlines():
                if line.startswith("superbounds "):
                    found.append((path.relative_to(DOCS).as_posix(), line))
    return sorted(set(found))


COMMANDS = reproduce_commands()


def test_commands_found():
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize("page, line", [c for c in COMMANDS if c[1].split()[1] not in SLOW],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_reproduce_line_runs_as_written(page, line):
    args = shlex.split(line)[1:]
    res = CliRunner().invoke(build_cli(), args)
    assert res.exit_code == 0, (page, line, res.output[-500:])
    assert res.stdout.strip()
