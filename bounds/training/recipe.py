"""The training recipe and the width-search grid: the one place their rules are stated.

Recipe (budget and loss weights) of a network of family ``family`` at ``m'`` outputs,
used by ``superbounds train`` (its defaults), by :func:`bounds.training.trainer.train_network`
when no config is given, and by ``benchmarks/sweep_trained.py`` (the committed table):

* ``steps = max(600, ⌈2·m'⌉)`` Adam steps of batch 256, learning rate 0.01 with cosine
  decay, squared-hinge margin 1/4;
* positive hinge terms (outputs whose target is 1) weighted ``w+ = 5``.

Why: positives are rare. A batch of 256 draws its inputs from the verifier's strata; for
AND a quarter of it has both endpoints of one random output active, so each output is
the target of about ``64·steps/m'`` sampled inputs, i.e. about 128 at ``steps = 2m'``
-- a fixed budget starves wide nets (at m' = 1000 the fixed 600 steps found no width
<= 4032; with this rule 448). A permutation output is 1 on about ``k/m'`` of inputs,
as rare. The rule is the same for both families (:data:`RECIPES`); the measurement that
decided it is in docs/tables/trained.md.

Search grid (``--search`` and the sweep): widths are multiples of
``resolution = min(64, max(4, 2^⌊log₂(m'/15)⌋))`` (4, 8, 32, 64, 64 at
m' = 100, 200, 500, 1000, 2000) and the search starts at ``⌊22·√m'⌋`` rounded down to
the grid: the least widths measured grow like ``14·√m'`` (pairwise AND: 128, 200, 320,
448, 640), so the first trial is at about 1.5 times the expected answer, usually succeeds,
and bisection over ``(0, start]`` follows.

>>> recipe("pairwise-and", 2000).steps, recipe("permutation", 100).pos_weight
(4000, 5.0)
>>> [search_grid(m) for m in (100, 200, 500, 1000, 2000)]
[(4, 220), (8, 304), (32, 480), (64, 640), (64, 960)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bounds.training.trainer import TrainConfig
from bounds.validation import as_m_prime

__all__ = ["RECIPES", "Recipe", "recipe", "recipe_rule", "search_grid", "search_rule"]


@dataclass(frozen=True)
class Recipe:
    """``steps = max(base_steps, ⌈steps_per_output·m'⌉)``; positive terms weighted ``w+``."""

    base_steps: int = 600
    steps_per_output: float = 2.0
    pos_weight: float = 5.0

    def steps(self, m_prime: int) -> int:
        """The step budget at ``m'``.

        >>> Recipe().steps(100), Recipe().steps(1000)
        (600, 2000)
        """
        return max(self.base_steps, math.ceil(self.steps_per_output * m_prime))

    def rule(self) -> str:
        """The rule in words (the ``budget_rule`` of a sweep row).

        >>> Recipe().rule()
        "steps = max(600, ceil(2 m')), w+ 5"
        """
        return (f"steps = max({self.base_steps}, ceil({self.steps_per_output:g} m')), "
                f"w+ {self.pos_weight:g}")


RECIPES: dict[str, Recipe] = {"pairwise-and": Recipe(), "permutation": Recipe()}


def _family(family: str) -> str:
    from bounds.constructions.trivial import normalize_kind

    try:
        kind = normalize_kind(family)
    except ValueError:
        kind = None
    if kind not in RECIPES:
        raise ValueError(f"family must be one of {', '.join(RECIPES)} (got {family!r})")
    return kind


def recipe(family: str, m_prime: int) -> TrainConfig:
    """The training config of the recipe for ``family`` at ``m'`` (module docstring)."""
    r = RECIPES[_family(family)]
    return TrainConfig(steps=r.steps(as_m_prime(m_prime)), batch=256, lr=0.01, margin=0.25,
                       pos_weight=r.pos_weight)


def recipe_rule(family: str) -> str:
    """The recipe of ``family`` in words, e.g. for ``--help`` and the docs."""
    return RECIPES[_family(family)].rule() + ", batch 256, Adam lr 0.01 cosine, margin 1/4"


def search_grid(m_prime: int) -> tuple[int, int]:
    """``(resolution, start)`` of the least-width search at ``m'`` (module docstring).

    ``start`` is a width; the search rounds it down to the grid.
    """
    m_prime = as_m_prime(m_prime)
    res = min(64, max(4, 2 ** int(math.floor(math.log2(max(m_prime / 15, 1))))))
    start = int(math.floor(22 * math.sqrt(m_prime)))
    return res, (start // res) * res


def search_rule() -> str:
    """The search grid rule in words."""
    return ("widths multiples of min(64, max(4, 2^floor(log2(m'/15)))), first width "
            "floor(22 sqrt(m')) rounded down to the grid")
