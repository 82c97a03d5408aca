"""Every bad input is one line naming the parameter and its range, exit 2 (issue 13).

A comma is never stripped (``--bits 4,8`` is not b = 48), options that do not apply are
errors, and parameters beyond the code's real ceiling are refused before any work.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli
from bounds.parsing import is_number, parse_int, parse_number, parse_real

CLI = build_cli()


def run(*args: str):
    return CliRunner().invoke(CLI, list(args))


def assert_one_line_error(res, *fragments: str) -> str:
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert "Traceback" not in res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1, res.output
    assert res.stdout == ""
    assert lines[0].startswith("superbounds: error: ")
    for frag in fragments:
        assert frag in lines[0], (frag, lines[0])
    return lines[0]


BAD = [
    # no silent reinterpretation of text
    (("bounds", "1e6", "--bits", "4,8"), ("bits must be an integer in [1, 4096]", "'4,8'")),
    (("bounds", "1000,1000000"), ("m_prime must be an integer in [2, 10^400]", "'1000,1000000'")),
    (("bounds", "1e6", "--eps", "0,1"), ("eps must be a real number in [0, 1)",)),
    (("capacity", "1,000"), ("n must be an integer",)),
    (("bounds", "10 00"), ("m_prime",)),
    (("explain", "1,000"), ("m_prime must be an integer in [2, 10^300]", "'1,000'")),
    (("bounds", "1e6kb"), ("m_prime",)),
    (("route", "benes", "--size", "1,024"), ("size must be", "'1,024'")),
    (("simulate", "permutation", "--m-prime", "1,000"), ("m_prime must be", "'1,000'")),
    # options that do not apply
    (("bounds", "1e6", "--slots", "5"), ("--slots", "--model sparse or mask")),
    (("bounds", "1e6", "--model", "dense", "--slots", "5"), ("--slots",)),
    (("bounds", "1e6", "--op", "OR"), ("--op", "--problem pairwise")),
    (("bounds", "1e6", "--unlabelled"), ("--unlabelled", "--problem pairwise")),
    (("bounds", "1e6", "--m", "2000"), ("--m", "--problem pairwise")),
    (("capacity", "100", "--op", "XOR"), ("--op", "--problem pairwise")),
    # two output formats
    (("bounds", "1e6", "--json", "--csv"), ("at most one output format", "--json", "--csv")),
    (("capacity", "100", "--markdown", "--latex"), ("at most one output format",)),
    (("route", "benes", "--size", "8", "--json", "--latex"), ("at most one output format",)),
    # beyond the stated ceilings (bounds.limits): refused at once, never a hang
    (("bounds", "10^401"), ("m_prime must be an integer in [2, 10^400]",)),
    (("explain", "10^301"), ("m_prime must be an integer in [2, 10^300]",)),
    (("bounds", "10^301", "--problem", "pairwise"), ("m_prime must be an integer in [2, 10^300]",)),
    (("bounds", "10^101", "--model", "sparse"), ("m_prime must be an integer in [2, 10^100]",)),
    (("bounds", "1e6", "--problem", "pairwise", "--m", "10^400"),
     ("m must be an integer in [3, 10^50]",)),
    (("bounds", "1e6", "--bits", "5000"), ("bits must be an integer in [1, 4096]",)),
    (("bounds", "1e6", "--layers", "1e7"), ("layers must be an integer in [1, 10^6]",)),
    (("capacity", "10^200"), ("n must be an integer in [1, 10^100]",)),
    (("capacity", "10^60", "--model", "mask"), ("n must be an integer in [1, 10^50]",)),
    (("represent", "10^2000"), ("m_prime must be an integer in [2, 10^1000]",)),
    (("solve", "--m-prime", "10^2000", "--bits", "8", "--layers", "1"), ("m_prime",)),
    (("solve", "--neurons", "10^101", "--bits", "8", "--layers", "1"), ("neurons",)),
    (("bounds", "10^999999999"), ("m_prime must be an integer",)),
    (("simulate", "permutation", "--m-prime", "300", "--k", "301"),
     ("k must be an integer in [1, 300]",)),
    (("simulate", "permutation", "--m-prime", "1000", "--k", "5000"), ("k must be",)),
    (("simulate", "pairwise-and", "--m-prime", "10", "--m", "5", "--k", "6"),
     ("k must be an integer in [1, 5]",)),
    (("simulate", "permutation", "--m-prime", "1e12"),
     ("m_prime must be an integer in [2, 10^7]",)),
    (("simulate", "permutation", "--m-prime", "100", "--inputs", "1e12"),
     ("inputs must be an integer in [1, 10^7]",)),
    (("simulate", "permutation", "--m-prime", "1e7", "--inputs", "1e7", "--k", "10^6"),
     ("simulate would need at least", "GiB")),
    # output paths, checked before the work
    (("simulate", "permutation", "--m-prime", "100", "--export", "/nonexistent-dir/x.npz"),
     ("export must be a path in an existing folder",)),
    (("simulate", "permutation", "--m-prime", "100", "--export", "net.txt"),
     ("export must be a path ending in .npz",)),
    (("docs", "--dir", "/nonexistent-dir/docs"), ("--dir must be a path in an existing folder",)),
]


@pytest.mark.parametrize("args, fragments", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_exit_2(args, fragments):
    assert_one_line_error(run(*args), *fragments)


def test_output_path_that_is_a_folder_or_read_only(tmp_path):
    folder = tmp_path / "x.npz"
    folder.mkdir()
    assert_one_line_error(run("simulate", "permutation", "--m-prime", "100", "--export",
                              str(folder)), "export must be a file path")
    afile = tmp_path / "plain"
    afile.write_text("x")
    assert_one_line_error(run("docs", "--dir", str(afile)), "--dir must be a folder")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os

        if not os.access(locked, os.W_OK):  # (root can write anywhere)
            assert_one_line_error(run("simulate", "permutation", "--m-prime", "100",
                                      "--export", str(locked / "n.npz")), "read-only")
    finally:
        locked.chmod(0o700)
    assert list(tmp_path.rglob("*.tmp")) == []


@pytest.mark.parametrize("text, value", [("1e6", 10**6), ("10^3", 1000), ("10**100", 10**100),
                                         ("1_000", 1000), ("2.5e3", 2500), ("-5", -5)])
def test_parse_int_exact(text, value):
    assert parse_int(text, "x", minimum=-10) == value


@pytest.mark.parametrize("text", ["4,8", "1,000", "1e6kb", "10 00", "", "0x10", "1e-3", "2.5",
                                  "nan", "inf", "10^-2", "True", "10^10^10", "1e200000"])
def test_parse_int_rejects(text):
    with pytest.raises(ValueError, match=r"^x must be an integer >= 1 \(got "):
        parse_int(text, "x", 1)


def test_parse_int_huge_exponent_is_refused_fast():
    """``10^999999999`` must not be computed (it would take minutes and gigabytes)."""
    with pytest.raises(ValueError, match="x must be"):
        parse_int("10^999999999", "x", 1)
    with pytest.raises(ValueError, match="x must be"):
        parse_int("1e999999999", "x", 1)


def test_parse_real_and_number():
    assert parse_real("1e-3", "eps", 0.0, 1.0) == 0.001
    with pytest.raises(ValueError, match=r"^eps must be a real number in \[0, 1\) \(got 'nan'\)"):
        parse_real("nan", "eps", 0.0, 1.0)
    assert parse_number("1e5", "n") == 100000 and isinstance(parse_number("1e5", "n"), int)
    assert parse_number("0.5", "p") == 0.5
    with pytest.raises(ValueError, match="p must be a number"):
        parse_number("0,5", "p")


@pytest.mark.parametrize("text, expected", [("-5", True), ("-1e3", True), ("-inf", True),
                                            ("--json", False), ("-b", False), ("4,8", False)])
def test_is_number(text, expected):
    assert is_number(text) is expected


@pytest.mark.parametrize("args, answer", [
    (("bounds", "1e3..1e6", "--brief"), "33\n122\n435\n1520"),
    (("bounds", "1e6", "-b", "1", "-b", "8", "--brief"), "4300\n1520"),
    (("solve", "--m-prime", "1e6", "--bits", "8", "--layers", "1", "--brief"), "1520"),
    (("capacity", "1520", "--brief"), "1000324"),
])
def test_brief_prints_the_answer_alone(args, answer):
    res = run(*args)
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == answer


def test_sweep_and_several_bits_rows():
    import json

    rows = json.loads(run("bounds", "1e3..1e5", "-b", "1", "-b", "8", "--json").stdout)
    assert [(r["bits_per_param"], r["m_prime"]) for r in rows] == [
        (b, m) for b in (1, 8) for m in (1000, 10**4, 10**5)]


def test_capacity_footer_states_each_rows_own_values():
    out = run("capacity", "100", "1000", "100000").stdout
    assert "n=100: Assumption: budget B(n) = 80800 bits." in out
    assert "n=1,000: Assumption: budget B(n) = 8008000 bits." in out
    assert out.count("all widths n=100000") == 1
