"""The C0 crossover: the smallest m′ at which a superposition construction beats C0.

Not to be confused with :func:`bounds.representation.crossover` (the JL gap, §4): this one
compares a built construction with the trivial construction C0 (one neuron per output,
inputs explicit, §5), by **max width**.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from bounds.constructions.channels.analysis import AnalysisBoundWarning, choose_parameters
from bounds.constructions.instances import default_m, normalize_kind
from bounds.search import least_true
from bounds.validation import as_int

__all__ = ["c0_crossover", "design_crossover"]


def _c0_width(kind: str, m_prime: int) -> int:
    return max(default_m(kind, m_prime), m_prime)


def c0_crossover(kind: str, k: int, delta: float, seed: int = 0, *, inputs: int = 2000,
                 m_start: int = 256, m_max: int = 1 << 20,
                 progress: Callable[[int, int | None], None] | None = None,
                 **overrides: Any) -> int:
    """Smallest ``m'`` at which C1/C2 uses fewer neurons (max width) than C0.

    Search over **built and verified** networks: an ``m'`` counts as a success when the
    chosen parameters give ``max_width < `` C0's max width (``m'`` for a permutation,
    ``max(m, m') = m'`` for AND with ``m = m'``) **and** the built network (seed ``seed``,
    its default random instance) meets ``delta`` in
    :func:`~bounds.constructions.verify.verify` (Monte-Carlo, ``inputs`` samples, or
    exhaustive when small); a verification failure counts as "not yet". When the widths
    alone already fail, nothing is built. :func:`bounds.search.least_true` from
    ``m_start`` (doubling, then bisection down to m′ = 3; this assumes success is
    monotone in ``m'``, as the width ratio is). Raises ``ValueError`` if there is no
    success up to ``m_max``. ``progress(tried, most)``: see ``least_true``.

    >>> c0_crossover("permutation", 2, 0.05, m_start=512, m_max=4096, inputs=400) <= 4096
    True
    """
    from bounds.constructions.registry import get
    from bounds.constructions.verify import verify

    kind = normalize_kind(kind)
    entry = get(kind)

    def ok(mp: int) -> bool:
        with warnings.catch_warnings():  # small sizes: the simulation decides, not the bound
            warnings.simplefilter("ignore", AnalysisBoundWarning)
            p = choose_parameters(kind, mp, k, delta, **overrides)
            width = max(p.d, p.H + p.H_in)
            if width >= _c0_width(kind, mp):
                return False
            net = entry.build(mp, k, delta, seed, **overrides)
        return verify(net, delta=delta, seed=seed, inputs=inputs).meets_delta

    start = as_int(m_start, "m_start", 3)
    try:
        return least_true(ok, lo=3, start=start, limit=m_max, progress=progress)
    except ValueError:
        raise ValueError(
            f"no crossover up to m_max={m_max} for {kind}, k={k}, delta={delta}"
        ) from None


def design_crossover(by: str = "max_width", m_max: int = 5000,
                     construction: str = "permutation-design") -> int:
    """Smallest m′ from which a design construction (analysed sizes, exact on the
    identifying probes by its theorem) uses fewer neurons than C0 (m′), for **every** m′
    from there up to ``m_max`` — by ``"max_width"`` or by ``"total_neurons"`` (then the max
    width must be below C0's too). ``construction``: ``"permutation-design"`` (C1d, every
    permutation, :mod:`bounds.constructions.design`) or ``"pairwise-and-design"`` (C2d, every
    instance of its family ``F_r``, :mod:`bounds.constructions.pairdesign`; C0 has max width
    ``max(m, m′) = m′`` at the default ``m = m′``). Found by scanning every m′ ≤ ``m_max``
    (success is not monotone at small m′: primes and ceilings), with the chooser's objective.

    >>> design_crossover("max_width", m_max=600), design_crossover("total_neurons", m_max=600)
    (29, 67)
    >>> design_crossover("max_width", m_max=600, construction="pairwise-and-design")
    432

    (C1d: the same values with the default ``m_max = 5000``, about 8 s of CPU; C2d by total
    neurons: 1477, up to ``m_max = 3000``, about 6 s.)
    """
    from bounds.constructions.design import choose_design
    from bounds.constructions.pairdesign import choose_pair_design

    if by not in ("max_width", "total_neurons"):
        raise ValueError(f"by must be 'max_width' or 'total_neurons' (got {by!r})")
    choose = {"permutation-design": choose_design,
              "pairwise-and-design": choose_pair_design}.get(construction)
    if choose is None:
        raise ValueError("construction must be 'permutation-design' or 'pairwise-and-design' "
                         f"(got {construction!r})")
    m_max = as_int(m_max, "m_max", 4)
    last_fail = 3
    for mp in range(4, m_max + 1):
        p = choose(mp, objective=by)
        width, total = max(p.d, p.H), 2 * p.H
        ok = width < mp and (by == "max_width" or total < mp)
        if not ok:
            last_fail = mp
    if last_fail == m_max:
        raise ValueError(f"no {construction} crossover by {by} up to m_max={m_max}")
    return last_fail + 1
