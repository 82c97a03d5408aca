"""Every option of every command states its accepted range in --help (issue 13 item 2).

Walks the whole click tree (built-in and entry-point commands). An option passes when
its help names the values it takes: a numeric range (``an integer in [1, 4096]``,
``>= 0``, ``(0, 1)``, ``0 <= eps < 1``), a list of choices (click prints them), a
flag, or a path rule (``PATH.npz``, "folder"). Arguments are checked in the command's
own help text.
"""

from __future__ import annotations

import re

import click
import pytest

from bounds.cli import build_cli, load_all

GROUP = load_all(build_cli())

RANGE = re.compile(
    r"\[[^\]]*,[^\]]*\]|\([^)]*,[^)]*[)\]]|>=|<=|≥|≤|\b\d+\s*<|one of|power of two"
    r"|\.npz|\.npy|\.json|\.md|\bfolder\b|\bfile\b|\bpath\b|comma-separated", re.IGNORECASE)


def _options():
    for name in GROUP.list_commands(click.Context(GROUP)):
        cmd = GROUP.get_command(click.Context(GROUP), name)
        for param in cmd.params:
            if isinstance(param, click.Option):
                yield name, cmd, param


CASES = [(name, p) for name, _cmd, p in _options()]


@pytest.mark.parametrize("name, option", CASES,
                         ids=[f"{n} {p.opts[0]}" for n, p in CASES])
def test_option_help_states_its_range(name, option):
    if option.hidden or option.is_flag or option.name in ("help", "version"):
        return
    if isinstance(option.type, click.Choice):
        return  # click lists the choices in --help
    text = option.help or ""
    assert RANGE.search(text), f"superbounds {name} {option.opts[0]}: help {text!r} " \
        "does not state the accepted range"


def test_the_walk_covers_every_command():
    names = {n for n, _ in CASES}
    assert {"bounds", "capacity", "solve", "represent", "simulate", "crossover", "route",
            "frontier", "train", "docs", "prove", "explain"} <= names
