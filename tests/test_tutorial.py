"""The generated tutorial (issue 13 item 6): Stirling with its citation, the error volume,
the figures, exercises whose answers match independent exact computations."""

from __future__ import annotations

import functools
import math
import re

from bounds.reports.tutorial import _stirling, tutorial_page


@functools.cache  # the page is deterministic: render it once for the module's tests
def text() -> str:
    (doc,) = tutorial_page()
    return doc.data.decode("utf-8")


def test_robbins_bounds_bracket_exact_factorials():
    for m in (1, 2, 5, 10, 100, 1000):
        lo, hi = _stirling(m)
        assert lo < math.log2(math.factorial(m)) < hi


def test_tutorial_has_the_derivations_figures_and_exercises():
    t = text()
    assert "Robbins (1955)" in t and "**The error volume.**" in t
    assert "V_eps <= C(m', e) e! = m'!/(m' - e)!" in t
    assert "(figures/bounds.png)" in t and "(figures/gap.png)" in t
    assert "## 11. Exercises" in t
    assert "the bound drops to that many parameters" not in t  # the garbled §6 sentence


def test_exercise_answers_are_exact():
    t = text()
    # exercise 2: capacity of n = 1000 at b = 8, checked with exact factorial bit lengths
    cap = int(re.search(r"\*Answer:\* ([\d,]+), the largest m'", t).group(1).replace(",", ""))
    budget = 8 * (1000**2 + 1000)
    f = math.factorial(cap)
    assert (f - 1).bit_length() <= budget < (f * (cap + 1) - 1).bit_length()
    # exercise 4: (45)_10 ordered pair tuples
    assert f"{math.perm(45, 10):,} ordered tuples" in t
