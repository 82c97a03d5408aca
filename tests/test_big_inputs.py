"""Huge inputs: every number printed is finite and right, or the input is refused (issue 13).

log₂|F| of m′ = 10^400 permutations is ~1.3·10^403, past the largest float: it used to
print as ``inf`` (JSON ``Infinity``). Each command is run at m′ = 10^40, 10^400 and at
its stated ceiling (:mod:`bounds.limits`); every JSON number must parse as a finite
number (``Infinity``/``NaN`` are refused by the parser below), no table cell may read
inf or nan, and the counting numbers are checked against mpmath's log-gamma.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import mpmath
import pytest
from click.testing import CliRunner

from bounds.cli import build_cli

CLI = build_cli()


def _memo(fn):
    results: dict = {}

    def once(*args, **kw):
        key = (args, tuple(sorted(kw.items())))
        if key not in results:
            results[key] = fn(*args, **kw)
        return results[key]

    return once


@pytest.fixture(scope="module", autouse=True)
def _each_search_once():
    """Each command line is printed three ways (JSON, table, CSV): the formats differ, the
    deterministic searches behind them do not, so within this module the two costly ones
    (sign-pattern bounds at 10^300-10^400, the design sizes at m' = 10^9) run once per
    distinct input, not once per format (about 30 s of CPU)."""
    import bounds.reports.frontier as frontier
    import bounds.signpatterns as signpatterns

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(signpatterns, "sign_pattern_bounds", _memo(signpatterns.sign_pattern_bounds))
        mp.setattr(frontier, "choose_design", _memo(frontier.choose_design))
        yield


def run(*args: str):
    res = CliRunner().invoke(CLI, list(args))
    return res


def _no_constant(name: str) -> None:
    raise AssertionError(f"JSON holds {name}")


def finite_json(text: str):
    """Parse JSON with exact decimals; Infinity/NaN fail the test."""
    return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)


def numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from numbers(v)
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        yield value


CASES = [
    # (command line, the m' or n it was given)
    (("bounds", "10^40"), None),
    (("bounds", "10^400"), None),  # also the ceiling of the permutation family
    (("bounds", "10^400", "--eps", "0.1", "--bits", "1"), None),
    (("bounds", "10^300", "--problem", "pairwise"), None),  # pairwise ceiling
    (("bounds", "10^100", "--model", "sparse"), None),  # D2 ceiling
    (("capacity", "10^40"), None),
    (("capacity", "10^100"), None),  # ceiling
    (("capacity", "10^50", "--model", "mask"), None),  # D3 ceiling
    (("solve", "--m-prime", "10^40", "--bits", "8", "--layers", "1"), None),
    (("solve", "--m-prime", "10^400", "--bits", "8", "--layers", "1"), None),
    (("solve", "--m-prime", "10^1000", "--neurons", "10^100", "--layers", "1"), None),
    (("solve", "--neurons", "10^100", "--bits", "8", "--layers", "1"), None),
    (("represent", "10^40", "10^400", "10^1000"), None),  # 10^1000: ceiling
    (("frontier", "10^9"), None),  # ceiling (analytic sizes)
    (("explain", "10^40"), None),
    (("explain", "10^300"), None),  # ceiling
]


@pytest.mark.parametrize("args", [c for c, _ in CASES], ids=lambda a: " ".join(a))
def test_every_number_is_finite(args):
    res = run(*args, "--json")
    assert res.exit_code == 0, res.output
    records = finite_json(res.stdout)
    assert isinstance(records, list) and records
    assert all(Decimal(v).is_finite() for v in numbers(records))
    if args[0] == "explain":
        return  # explain's text form is prose; its numbers are the JSON ones
    table = run(*args)
    assert table.exit_code == 0, table.output
    assert not re.search(r"\b(inf|nan)\b", table.stdout, re.IGNORECASE), table.stdout
    csv = run(*args, "--csv")
    assert csv.exit_code == 0 and not re.search(r"\b(inf|nan)\b", csv.stdout, re.IGNORECASE)


def _log2_factorial(m: int) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.loggamma(mpmath.mpf(m) + 1) / mpmath.log(2)


@pytest.mark.parametrize("exp", [40, 400])
def test_log2_instances_past_float_range_is_right(exp):
    """log2|F| = log2(m'!) to 15 digits, in JSON, CSV and the table."""
    m = 10**exp
    (row,) = finite_json(run("bounds", str(m), "--json").stdout)
    want = _log2_factorial(m)
    for key in ("log2_instances", "bits_lb"):
        got = mpmath.mpf(str(row[key]))
        assert abs(got / want - 1) < 1e-14, (key, got, want)
    # the exact ceiling of the bits agrees with it
    assert abs(mpmath.mpf(row["bits_lb_ceil"]) / want - 1) < 1e-14
    table = run("bounds", str(m)).stdout
    assert format(Decimal(mpmath.nstr(want, 20)), ".6e") in table  # 1.327329e+403


def test_represent_ratio_past_float_range():
    (row,) = finite_json(run("represent", "10^1000", "--json").stdout)
    want = mpmath.mpf(row["neurons_lb"]) / row["dims"]
    assert abs(mpmath.mpf(str(row["ratio"])) / want - 1) < 1e-14
