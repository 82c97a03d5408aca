"""Input validation (SPEC §8), through the Python API and through the CLI.

API: one ValueError whose message names the parameter and the accepted range.
CLI: exit status 2, exactly one line of output, no traceback.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from click.testing import CliRunner

from bounds.capacity import capacity
from bounds.cli import build_cli
from bounds.families import pairwise, permutation
from bounds.lower import lower_bounds, neurons_lower_bound, params_lower_bound
from bounds.representation import crossover, jl_min_dim, representation
from bounds.validation import as_int, as_int_array, as_m_prime, as_real

BAD_M = [1, 0, -5, 1.5, "abc", float("nan"), float("inf"), float("-inf"), True, False,
         np.bool_(True), None, 2 + 0j, "10", np.float64(2.5), -(10**100)]
MSG_M = r"^m_prime must be an integer >= 2 \(got .*\)$"


def one_line(exc: BaseException) -> str:
    msg = str(exc)
    assert "\n" not in msg
    return msg


# ------------------------------------------------------------------ API: m'
@pytest.mark.parametrize("bad", BAD_M, ids=repr)
def test_api_rejects_bad_m_prime(bad):
    for factory in (permutation, pairwise, as_m_prime):
        with pytest.raises(ValueError, match=MSG_M) as info:
            factory(bad)
        one_line(info.value)
    with pytest.raises(ValueError, match=MSG_M):
        representation(bad, 0.1)


@pytest.mark.parametrize(
    "good, value",
    [(1e6, 10**6), (2.0, 2), (np.float64(1e3), 1000), (np.int64(7), 7), (10**100, 10**100),
     (1e20, 10**20), (2, 2)],
)
def test_api_accepts_integral_values(good, value):
    assert as_m_prime(good) == value
    assert type(as_m_prime(good)) is int
    assert permutation(good).m_prime == value


def test_api_huge_m_prime_works_end_to_end():
    lb = lower_bounds(permutation(10**100), bits=8)
    assert lb.m_prime == 10**100
    assert math.isfinite(lb.log2_instances) and lb.log2_instances > 3.3e102
    assert lb.params_lb > 10**101 and lb.neurons_lb > 10**50
    lb2 = lower_bounds(permutation(1e6), bits=8.0, layers=1.0)
    assert (lb2.params_lb, lb2.neurons_lb) == (2311111, 1520)


# ------------------------------------------------------------------ API: b, L, eps, eps_JL
@pytest.mark.parametrize("bad", [0, -1, 1.5, float("nan"), float("inf"), True, "8", None])
def test_api_rejects_bad_bits_and_layers(bad):
    fam = permutation(10)
    with pytest.raises(ValueError, match=r"^bits must be an integer >= 1 \(got .*\)$"):
        lower_bounds(fam, bits=bad)
    with pytest.raises(ValueError, match=r"^layers must be an integer >= 1 \(got .*\)$"):
        lower_bounds(fam, bits=8, layers=bad)
    with pytest.raises(ValueError, match=r"^bits must be an integer >= 1"):
        params_lower_bound(fam, bits=bad)
    with pytest.raises(ValueError, match=r"^layers must be an integer >= 1"):
        neurons_lower_bound(fam, bits=8, layers=bad)
    with pytest.raises(ValueError, match=r"^bits must be an integer >= 1"):
        capacity(10, bits=bad)
    with pytest.raises(ValueError, match=r"^n must be an integer >= 1"):
        capacity(bad, bits=8)


@pytest.mark.parametrize("bad", [1, 1.0, -0.1, float("nan"), float("inf"), float("-inf"), True,
                                 "0.1", None, 1.5])
def test_api_rejects_bad_eps(bad):
    msg = r"^eps must be a real number in \[0, 1\) \(got .*\)$"
    with pytest.raises(ValueError, match=msg) as info:
        lower_bounds(permutation(10), bits=8, eps=bad)
    one_line(info.value)
    with pytest.raises(ValueError, match=msg):
        capacity(10, bits=8, eps=bad)
    with pytest.raises(ValueError, match=msg):
        crossover(eps=bad)


@pytest.mark.parametrize("bad", [0, 0.0, 1, 1.0, -0.2, float("nan"), float("inf"), True, "0.5"])
def test_api_rejects_bad_eps_jl(bad):
    with pytest.raises(ValueError, match=r"^eps_jl must be a real number in \(0, 1\) \(got "):
        crossover(eps_jl=bad)
    with pytest.raises(ValueError, match=r"^eps must be a real number in \(0, 1\)"):
        representation(10, bad)
    with pytest.raises(ValueError, match=r"eps must be a real number in \(0, 1\)"):
        jl_min_dim(10, bad)


def test_api_accepts_boundary_eps():
    assert lower_bounds(permutation(10), bits=8, eps=0).errors_allowed == 0
    assert lower_bounds(permutation(10), bits=8, eps=0.99).errors_allowed == 9
    assert crossover(bits=1, eps_jl=0.99).m_prime > 2


def test_api_rejects_bad_model_and_problem():
    with pytest.raises(ValueError, match="model must be one of dense, sparse, mask"):
        lower_bounds(permutation(10), bits=8, model="D1")
    with pytest.raises(ValueError, match="problem must be one of permutation, pairwise"):
        capacity(10, bits=8, problem="xor")


# ------------------------------------------------------------------ helpers
def test_as_int_rules():
    assert as_int(5, "x") == 5
    assert as_int(3.0, "x", 3) == 3
    with pytest.raises(ValueError, match=r"^x must be an integer in \[1, 4\] \(got 5\)$"):
        as_int(5, "x", 1, 4)
    with pytest.raises(ValueError, match=r"^x must be an integer >= 1 \(got b'1'\)$"):
        as_int(b"1", "x")


def test_as_int_array_rules():
    out = as_int_array([2, 10.0, 1000])
    assert out.dtype == np.int64 and out.tolist() == [2, 10, 1000]
    big = as_int_array([2, 10**30])
    assert big.dtype == object and big.tolist() == [2, 10**30]
    with pytest.raises(ValueError, match="m_prime must be an integer >= 2"):
        as_int_array([5, 1])
    with pytest.raises(ValueError, match="m_prime must be an integer >= 2"):
        as_int_array(np.array([5.0, np.nan]))


def test_as_real_rules():
    assert as_real(0, "eps", 0.0, 1.0) == 0.0
    with pytest.raises(ValueError, match=r"^eps_jl must be a real number in \(0, 1\)"):
        as_real(0.0, "eps_jl", 0.0, 1.0, low_closed=False)
    assert as_real(1.0, "p", 0.0, 1.0, high_closed=True) == 1.0
    with pytest.raises(ValueError, match=r"^p must be a real number in \[0, 1\] \(got 1.5\)$"):
        as_real(1.5, "p", 0.0, 1.0, high_closed=True)


# ------------------------------------------------------------------ CLI
@pytest.fixture(scope="module")
def run():
    runner = CliRunner()
    cli = build_cli()

    def _run(*args):
        return runner.invoke(cli, [str(a) for a in args])

    return _run


def assert_one_line_error(res, *fragments):
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert "Traceback" not in res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1, res.output
    assert res.stdout == ""  # the error goes to stderr only
    for frag in fragments:
        assert frag in lines[0], (frag, lines[0])
    return lines[0]


@pytest.mark.parametrize("bad", ["1", "0", "1.5", "abc", "nan", "inf", "True", "1e-3",
                                 "10**-2", "", "2.0000001"])
def test_cli_rejects_bad_m_prime(run, bad):
    res = run("bounds", bad)
    line = assert_one_line_error(res, "m_prime must be an integer in [2, 10^400]")
    assert line.startswith("superbounds: error: ")


@pytest.mark.parametrize("cmd, top", [("bounds", "10^400"), ("represent", "10^1000")])
def test_cli_rejects_negative_m_prime_after_double_dash(run, cmd, top):
    assert_one_line_error(run(cmd, "--", "-5"), f"m_prime must be an integer in [2, {top}]", "-5")


@pytest.mark.parametrize("bad", ["-5", "-inf"])
@pytest.mark.parametrize("cmd", ["bounds", "represent", "capacity"])
def test_cli_rejects_negative_number_as_one_line(run, cmd, bad):
    """`superbounds bounds -5` is a bad m' (one line, exit 2), not an unknown option."""
    res = run(cmd, bad)
    name = "n" if cmd == "capacity" else "m_prime"
    assert_one_line_error(res, f"{name} must be an integer")


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("bounds", "10", "--bits", "0"), ("bits must be an integer in [1, 4096]",)),
        (("bounds", "10", "--bits", "1.5"), ("bits must be an integer in [1, 4096]",)),
        (("bounds", "10", "--bits", "-1"), ("bits must be an integer in [1, 4096]",)),
        (("bounds", "10", "--layers", "0"), ("layers must be an integer in [1, 10^6]",)),
        (("bounds", "10", "--eps", "1"), ("eps must be a real number in [0, 1)",)),
        (("bounds", "10", "--eps", "-0.1"), ("eps must be a real number in [0, 1)",)),
        (("bounds", "10", "--eps", "nan"), ("eps must be a real number in [0, 1)",)),
        (("bounds", "10", "--eps", "inf"), ("eps must be a real number in [0, 1)",)),
        (("bounds", "10", "--eps", "abc"), ("eps must be a real number in [0, 1)",)),
        (("bounds", "10", "--model", "sparse", "--slots", "0"), ("slots must be an integer",)),
        (("bounds", "4", "--problem", "pairwise", "--m", "3"), ("m must be an integer",)),
        (("capacity", "0"), ("n must be an integer in [1, 10^100]",)),
        (("capacity", "1.5"), ("n must be an integer in [1, 10^100]",)),
        (("capacity", "10", "--eps", "1"), ("eps must be a real number in [0, 1)",)),
        (("represent", "10", "--eps-jl", "0"), ("eps_jl must be a real number in (0, 1)",)),
        (("represent", "10", "--eps-jl", "1"), ("eps_jl must be a real number in (0, 1)",)),
        (("represent", "10", "--eps-jl", "nan"), ("eps_jl must be a real number in (0, 1)",)),
        (("represent", "1"), ("m_prime must be an integer in [2, 10^1000]",)),
        (("solve", "--m-prime", "10", "--neurons", "5", "--bits", "8", "--layers", "1"),
         ("exactly one of", "left out: none")),
        (("solve", "--m-prime", "10", "--bits", "8"), ("exactly one of", "neurons, layers")),
        (("solve",), ("exactly one of",)),
        (("solve", "--neurons", "5", "--bits", "0", "--layers", "1"),
         ("bits must be an integer in [1, 4096]",)),
        (("solve", "--m-prime", "1", "--bits", "8", "--layers", "1"),
         ("m_prime must be an integer in [2, 10^1000]",)),
        (("solve", "--m-prime", "10", "--bits", "8", "--layers", "1", "--eps", "1"),
         ("eps must be a real number in [0, 1)",)),
        (("solve", "--neurons", "1", "--bits", "1", "--layers", "1", "--problem", "pairwise"),
         ("neurons=1",)),
    ],
)
def test_cli_bad_parameters_one_line_exit_2(run, args, fragments):
    assert_one_line_error(run(*args), *fragments)


@pytest.mark.parametrize("text, value", [("1e6", 10**6), ("1000000", 10**6), ("10^3", 1000),
                                         ("10**100", 10**100), ("1e100", 10**100),
                                         ("1_000", 1000), ("2.0", 2)])
def test_cli_accepts_integral_spellings(run, text, value):
    import json

    res = run("bounds", text, "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["m_prime"] == value


def test_cli_unknown_choice_is_one_line(run):
    """A bad --problem / --model choice is bad input too: one line, exit 2."""
    assert_one_line_error(run("bounds", "10", "--problem", "bogus"), "problem")
    assert_one_line_error(run("bounds", "10", "--model", "D9"), "model")


def test_cli_unknown_option_and_command_are_one_line(run):
    assert_one_line_error(run("bounds", "10", "--jsn"), "--jsn")
    assert_one_line_error(run("no-such-command"), "no-such-command")
    assert_one_line_error(run("bounds"), "M [M ...]")  # missing argument


def test_cli_negative_option_values_reach_the_validator(run):
    assert_one_line_error(run("bounds", "10", "--layers", "-2"),
                          "layers must be an integer in [1, 10^6]")
    assert_one_line_error(run("solve", "--m-prime", "-7", "--bits", "8", "--layers", "1"),
                          "m_prime must be an integer in [2, 10^1000]")
