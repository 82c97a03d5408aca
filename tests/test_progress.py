"""Progress shows counts and an ETA, on stderr, only when asked or on a terminal (issue 13)."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from bounds.cli import build_cli
from bounds.search import least_true

CLI = build_cli()


def run(*args: str):
    return CliRunner().invoke(CLI, list(args))


def test_crossover_progress_counts_and_eta():
    res = run("crossover", "permutation", "--k", "2", "--delta", "0.05", "--progress",
              "--json")
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.stdout)  # stdout stays clean JSON
    counts = re.findall(r"(\d+)/(\d+) networks tried", res.stderr)
    assert counts, res.stderr
    done, most = map(int, counts[-1])
    assert 1 <= done <= most  # the total is an upper bound on the networks built
    assert "ETA" in res.stderr and re.search(r"\d+:\d\d:\d\d", res.stderr)
    assert row["crossover_m_prime"] >= 3


def test_simulate_progress_counts_stages():
    res = run("simulate", "permutation", "--m-prime", "100", "--inputs", "200", "--progress")
    assert res.exit_code == 0, res.output
    assert re.search(r"3/3 stages", res.stderr) and "ETA" in res.stderr


def test_progress_is_quiet_by_default_off_a_terminal():
    res = run("simulate", "permutation", "--m-prime", "100", "--inputs", "200", "--json")
    assert res.exit_code == 0
    assert "stages" not in res.stderr and "ETA" not in res.stderr  # (warnings may remain)


def test_search_reports_a_true_upper_bound_on_its_calls():
    for limit in (None, 10**6):
        for answer in (3, 700, 999_999):
            seen: list[tuple[int, int | None]] = []
            got = least_true(lambda n, a=answer: n >= a, lo=3, start=256, limit=limit,
                             progress=lambda c, most, s=seen: s.append((c, most)))
            assert got == answer
            total = seen[-1][0]
            assert seen[-1] == (total, total)
            assert all(most is None or most >= total for _, most in seen)


def test_train_search_progress_counts_widths_and_eta():
    import pytest

    pytest.importorskip("torch")  # the optional `train` extra (make test installs it)
    res = run("train", "permutation", "--m-prime", "16", "--k", "2", "--search", "--seeds", "2",
              "--resolution", "4", "--steps", "150", "--batch", "64", "--delta", "0.05",
              "--progress", "--json")
    assert res.exit_code == 0, res.output
    (row,) = json.loads(res.stdout)
    counts = re.findall(r"(\d+)/(\d+) widths tried", res.stderr)
    assert counts, res.stderr
    done, most = map(int, counts[-1])
    assert 1 <= done <= most
    assert "ETA" in res.stderr and "N=" in res.stderr  # the per-trial line names the width
    assert row["least_width"] is not None
