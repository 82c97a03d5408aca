"""One number format per column (issue 13 item 5): exact separated integers, fixed-point
floats with one count of decimals, or e-notation for the whole column — never a switch
halfway down; and CSV without JSON inside cells."""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bounds.formatting import csv_record, format_column, render


def parse(cell: str) -> Decimal:
    return Decimal(cell.replace(",", ""))


def is_sci(cell: str) -> bool:
    return "e" in cell


ints = st.integers(min_value=-(10**40), max_value=10**40)
floats = st.floats(min_value=-1e30, max_value=1e30, allow_nan=False, allow_infinity=False)


@given(st.lists(ints, min_size=1, max_size=12))
def test_int_column_exact_or_all_sci(values):
    cells = format_column(values)
    if all(abs(v) < 10**21 for v in values):
        assert [int(c.replace(",", "")) for c in cells] == values
        assert all(f"{v:,}" == c for v, c in zip(values, cells, strict=True))
    else:
        assert all(is_sci(c) or c == "0" for c in cells)
        for v, c in zip(values, cells, strict=True):  # 7 significant digits, rounded exactly
            assert abs(parse(c) - v) <= abs(Decimal(v)) * Decimal("5e-7")


@given(st.lists(floats, min_size=1, max_size=12))
def test_float_column_one_format(values):
    cells = format_column(values)
    sci = [is_sci(c) for c in cells if c != "0"]
    assert all(sci) or not any(sci), cells  # never a switch halfway down
    if not any(sci):
        decimals = {len(c.split(".")[1]) if "." in c else 0 for c in cells}
        assert len(decimals) == 1, cells  # one count of decimals for the whole column
    for v, c in zip(values, cells, strict=True):
        # at least 3 significant digits of every entry (or the entry exactly)
        err = abs(float(parse(c)) - v)
        assert err <= max(abs(v) * 5e-3, 0.0) or math.isclose(float(parse(c)), v), (v, c)


def test_reference_columns():
    # the log2|F| column of `bounds 1e3..1e12`: no e-notation from 1e10 on
    col = [8529.398004204773, 18488884.81996768, 28454657829.4, 38420442097780.6]
    assert format_column(col) == ["8,529.4", "18,488,884.8", "28,454,657,829.4",
                                  "38,420,442,097,780.6"]
    assert format_column([1067, 4802555262223]) == ["1,067", "4,802,555,262,223"]
    assert format_column([33, 10**201 + 3]) == ["3.300000e+1", "1.000000e+201"]
    assert format_column([1.5, float("inf")]) == ["1.500000e+0", "inf"]
    assert format_column([None, True, "real", 8]) == ["—", "yes", "real", "8"]
    assert format_column([2.0, 3.0]) == ["2", "3"]  # integral floats as integers


def test_table_columns_share_a_format():
    rows = [{"m": 10**k, "x": math.lgamma(10**k + 1) / math.log(2)} for k in range(3, 13)]
    text = render(rows, [("m", "m"), ("x", "x")], "markdown")
    body = [ln for ln in text.splitlines() if ln.startswith("| ") and ln[2].isdigit()]
    assert len(body) == 10 and not any("e+" in ln for ln in body)


def test_csv_record_flattens():
    row = {"a": 1, "assumptions": ["x", "y"], "params": {"r": 3, "s": None},
           "lower_bounds": [{"theorem": "t1", "n": 2, "assumptions": {"L": 1}},
                            {"theorem": "t2", "n": None, "assumptions": {}}]}
    assert csv_record(row) == {"a": 1, "assumptions": "x; y", "params.r": 3, "params.s": None,
                               "t1.n": 2, "t1.assumptions.L": 1, "t2.n": None}
    assert csv_record({"empty": []}) == {"empty": ""}
